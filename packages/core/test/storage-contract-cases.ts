/**
 * The storage contract (see src/io/file.ts) as a list of framework-free cases, so the same
 * checks run under vitest (storage-contract.ts) and inside a browser worker (e2e/), where there
 * is no test framework. A case throws a plain Error to fail.
 *
 * Every backend call goes through `tools.call`, which accepts a value returned inline, a
 * pending Completion, or an exception thrown at call time, so one case serves synchronous and
 * asynchronous backends alike. `StorageContractOptions` says which of those the backend
 * promises; a call that finishes the other way fails the case.
 *
 * Each case gets a fresh, empty Storage from the factory (see storage-contract-runner.ts).
 */
import type { DbFile, Storage } from '../src/io/file.js';
import { expectBytes, expectEqual, expectFilled, expectSqliteError, pattern } from './storage-contract-checks.js';
import type { ContractCase, ContractTools } from './storage-contract-runner.js';

// ---- helpers over the tools -----------------------------------------------------------------

async function openFile(storage: Storage, t: ContractTools, name: string, create = true, readonly = false): Promise<DbFile> {
  return t.call('storage', `open ${name}`, () => storage.open(name, { create, readonly }));
}

async function readAt(t: ContractTools, file: DbFile, offsetBytes: number, length: number, fill = 0xaa): Promise<{ n: number; bytes: Uint8Array }> {
  const bytes = new Uint8Array(length).fill(fill);
  const n = await t.call('file', 'read', () => file.read(offsetBytes, bytes));
  return { n, bytes };
}

async function writeAt(t: ContractTools, file: DbFile, offsetBytes: number, data: Uint8Array): Promise<void> {
  await t.call('file', 'write', () => file.write(offsetBytes, data));
}

async function sizeOf(t: ContractTools, file: DbFile): Promise<number> {
  return t.call('file', 'size', () => file.size());
}

async function closeFile(t: ContractTools, file: DbFile): Promise<void> {
  await t.call('file', 'close', () => file.close());
}

// ---- the cases ------------------------------------------------------------------------------

export const storageContractCases: readonly ContractCase[] = [
  {
    name: 'a missing file does not exist and cannot be opened without create (SQLITE_CANTOPEN)',
    async run(s, t) {
      expectEqual(await t.call('storage', 'exists', () => s.exists('missing.db')), false, 'exists');
      await expectSqliteError(() => t.call('storage', 'open', () => s.open('missing.db', { create: false })), 'SQLITE_CANTOPEN', 'open without create');
      expectEqual(await t.call('storage', 'exists', () => s.exists('missing.db')), false, 'exists after failed open');
    },
  },
  {
    name: 'open with create makes an empty file that exists',
    async run(s, t) {
      const f = await openFile(s, t, 'new.db');
      expectEqual(f.name, 'new.db', 'name');
      expectEqual(await sizeOf(t, f), 0, 'size');
      expectEqual(await t.call('storage', 'exists', () => s.exists('new.db')), true, 'exists');
      const { n, bytes } = await readAt(t, f, 0, 100);
      expectEqual(n, 0, 'bytes read from an empty file');
      expectFilled(bytes, 0, 'read of an empty file');
      await closeFile(t, f);
    },
  },
  {
    name: 'write then read returns the same bytes, through views with a byte offset',
    async run(s, t) {
      const f = await openFile(s, t, 'rw.db');
      const data = pattern(4096, 1);
      await writeAt(t, f, 0, data);
      // Writes from, and reads into, views that do not start at their buffer's byte 0.
      const backing = pattern(300, 2);
      await writeAt(t, f, 5000, backing.subarray(17, 217));
      expectEqual(await sizeOf(t, f), 5200, 'size');
      expectBytes((await readAt(t, f, 0, 4096)).bytes, data, 'page at 0');
      const big = new Uint8Array(260).fill(0x55);
      const view = big.subarray(30, 230);
      expectEqual(await t.call('file', 'read', () => f.read(5000, view)), 200, 'bytes read into a view');
      expectBytes(view, backing.subarray(17, 217), 'read into a view');
      expectFilled(big.subarray(0, 30), 0x55, 'bytes before the view');
      expectFilled(big.subarray(230), 0x55, 'bytes after the view');
      expectBytes((await readAt(t, f, 100, 50)).bytes, data.subarray(100, 150), 'unaligned read');
      await closeFile(t, f);
    },
  },
  {
    name: 'a read past end of file is short and zero-filled',
    async run(s, t) {
      const f = await openFile(s, t, 'short.db');
      await writeAt(t, f, 0, pattern(1000, 3));
      const partial = await readAt(t, f, 900, 300);
      expectEqual(partial.n, 100, 'bytes read across end of file');
      expectBytes(partial.bytes.subarray(0, 100), pattern(1000, 3).subarray(900), 'bytes before end of file');
      expectFilled(partial.bytes.subarray(100), 0, 'bytes past end of file');
      const beyond = await readAt(t, f, 5000, 64);
      expectEqual(beyond.n, 0, 'bytes read wholly past end of file');
      expectFilled(beyond.bytes, 0, 'read wholly past end of file');
      await closeFile(t, f);
    },
  },
  {
    name: 'a write past end of file leaves a zero-filled gap',
    async run(s, t) {
      const f = await openFile(s, t, 'gap.db');
      await writeAt(t, f, 0, pattern(10, 4));
      await writeAt(t, f, 8192, pattern(10, 5));
      expectEqual(await sizeOf(t, f), 8202, 'size');
      const gap = await readAt(t, f, 10, 8182);
      expectEqual(gap.n, 8182, 'bytes read from the gap');
      expectFilled(gap.bytes, 0, 'gap');
      expectBytes((await readAt(t, f, 8192, 10)).bytes, pattern(10, 5), 'data after the gap');
      await closeFile(t, f);
    },
  },
  {
    name: 'overlapping writes: the later write wins where they overlap',
    async run(s, t) {
      const f = await openFile(s, t, 'overlap.db');
      const a = pattern(1000, 6);
      const b = pattern(500, 7);
      await writeAt(t, f, 0, a);
      await writeAt(t, f, 250, b);
      const { bytes } = await readAt(t, f, 0, 1000);
      expectBytes(bytes.subarray(0, 250), a.subarray(0, 250), 'before the overlap');
      expectBytes(bytes.subarray(250, 750), b, 'the overlap');
      expectBytes(bytes.subarray(750), a.subarray(750), 'after the overlap');
      await closeFile(t, f);
    },
  },
  {
    name: 'calls issued back to back, without waiting, take effect in issue order',
    async run(s, t) {
      const f = await openFile(s, t, 'order.db');
      const a = pattern(2048, 8);
      const b = pattern(1024, 9);
      const w1 = t.start('file', 'write', () => f.write(0, a));
      const w2 = t.start('file', 'write', () => f.write(512, b));
      const tr = t.start('file', 'truncate', () => f.truncate(1024));
      const sz = t.start('file', 'size', () => f.size());
      const into = new Uint8Array(2048).fill(0xaa);
      const rd = t.start('file', 'read', () => f.read(0, into));
      const sy = t.start('file', 'sync', () => f.sync());
      await w1();
      await w2();
      await tr();
      expectEqual(await sz(), 1024, 'size after write, write, truncate');
      expectEqual(await rd(), 1024, 'bytes read');
      await sy();
      expectBytes(into.subarray(0, 512), a.subarray(0, 512), 'first write');
      expectBytes(into.subarray(512, 1024), b.subarray(0, 512), 'second write');
      expectFilled(into.subarray(1024), 0, 'truncated part');
      await closeFile(t, f);
    },
  },
  {
    name: 'a burst of overlapping writes issued without waiting: the last one wins',
    async run(s, t) {
      const f = await openFile(s, t, 'burst.db');
      const writeBytes = 65536;
      const waits: (() => Promise<void>)[] = [];
      // Larger writes first, so a backend that runs calls concurrently finishes them out of order.
      for (let i = 0; i < 32; i++) {
        const length = writeBytes - i * 1024;
        waits.push(t.start('file', 'write', () => f.write(0, new Uint8Array(length).fill(i + 1))));
      }
      const into = new Uint8Array(writeBytes);
      const read = t.start('file', 'read', () => f.read(0, into));
      for (const wait of waits) await wait();
      expectEqual(await read(), writeBytes, 'bytes read');
      // Write i covers [0, end(i)); the last write covering a byte is the one it must hold.
      const end = (i: number): number => writeBytes - i * 1024;
      expectFilled(into.subarray(0, end(31)), 32, `bytes 0..${end(31)}`);
      for (let i = 0; i < 31; i++) expectFilled(into.subarray(end(i + 1), end(i)), i + 1, `bytes ${end(i + 1)}..${end(i)}`);
      await closeFile(t, f);
    },
  },
  {
    name: 'truncate shrinks and grows; a grown region reads as zeros',
    async run(s, t) {
      const f = await openFile(s, t, 'trunc.db');
      const data = pattern(8192, 10);
      await writeAt(t, f, 0, data);
      await t.call('file', 'truncate', () => f.truncate(3000));
      expectEqual(await sizeOf(t, f), 3000, 'size after shrink');
      const cut = await readAt(t, f, 2900, 200);
      expectEqual(cut.n, 100, 'bytes read across the new end');
      expectBytes(cut.bytes.subarray(0, 100), data.subarray(2900, 3000), 'kept bytes');
      await t.call('file', 'truncate', () => f.truncate(6000));
      expectEqual(await sizeOf(t, f), 6000, 'size after grow');
      const grown = await readAt(t, f, 3000, 3000);
      expectEqual(grown.n, 3000, 'bytes read from the grown region');
      expectFilled(grown.bytes, 0, 'grown region (old bytes must not come back)');
      await t.call('file', 'truncate', () => f.truncate(0));
      expectEqual(await sizeOf(t, f), 0, 'size after truncate to 0');
      await closeFile(t, f);
    },
  },
  {
    name: 'sync succeeds; data survives close and reopen; reopening with create keeps it',
    async run(s, t) {
      const data = pattern(5000, 11);
      const f = await openFile(s, t, 'durable.db');
      await writeAt(t, f, 0, data);
      await t.call('file', 'sync', () => f.sync());
      await closeFile(t, f);
      const g = await openFile(s, t, 'durable.db', false);
      expectEqual(await sizeOf(t, g), 5000, 'size after reopen');
      expectBytes((await readAt(t, g, 0, 5000)).bytes, data, 'data after reopen');
      await closeFile(t, g);
      const h = await openFile(s, t, 'durable.db', true);
      expectEqual(await sizeOf(t, h), 5000, 'size after reopen with create');
      await closeFile(t, h);
    },
  },
  {
    name: 'zero-length reads and writes are harmless',
    async run(s, t) {
      const f = await openFile(s, t, 'empty-io.db');
      await writeAt(t, f, 0, pattern(10, 12));
      await writeAt(t, f, 5, new Uint8Array(0));
      await writeAt(t, f, 10, new Uint8Array(0));
      expectEqual((await readAt(t, f, 3, 0)).n, 0, 'zero-length read');
      expectEqual(await sizeOf(t, f), 10, 'size');
      expectBytes((await readAt(t, f, 0, 10)).bytes, pattern(10, 12), 'data');
      await closeFile(t, f);
    },
  },
  {
    name: 'large offsets: write, size and read far from the start',
    async run(s, t) {
      const off = t.largeOffsetBytes;
      const f = await openFile(s, t, 'large.db');
      const data = pattern(4096, 13);
      await writeAt(t, f, off, data);
      expectEqual(await sizeOf(t, f), off + 4096, 'size');
      expectBytes((await readAt(t, f, off, 4096)).bytes, data, 'data at the large offset');
      const before = await readAt(t, f, off - 100, 100);
      expectEqual(before.n, 100, 'bytes read before the data');
      expectFilled(before.bytes, 0, 'bytes before the data');
      const across = await readAt(t, f, off + 4000, 200);
      expectEqual(across.n, 96, 'bytes read across end of file');
      // A 32-bit wrap of the offset would have landed the data near the start of the file.
      expectFilled((await readAt(t, f, 0, 4096)).bytes, 0, 'start of file');
      await t.call('file', 'truncate', () => f.truncate(0));
      await closeFile(t, f);
    },
  },
  {
    name: 'files are independent (a database and its -wal)',
    async run(s, t) {
      const db = await openFile(s, t, 'main.db');
      const wal = await openFile(s, t, 'main.db-wal');
      await writeAt(t, db, 0, pattern(100, 14));
      await writeAt(t, wal, 0, pattern(300, 15));
      expectEqual(await sizeOf(t, db), 100, 'db size');
      expectEqual(await sizeOf(t, wal), 300, 'wal size');
      expectBytes((await readAt(t, db, 0, 100)).bytes, pattern(100, 14), 'db data');
      await closeFile(t, wal);
      await t.call('storage', 'delete', () => s.delete('main.db-wal'));
      expectEqual(await t.call('storage', 'exists', () => s.exists('main.db')), true, 'db exists after deleting the wal');
      expectBytes((await readAt(t, db, 0, 100)).bytes, pattern(100, 14), 'db data after deleting the wal');
      await closeFile(t, db);
    },
  },
  {
    name: 'two opens of one file share its contents; closing one leaves the other usable',
    async run(s, t) {
      const a = await openFile(s, t, 'shared.db');
      const b = await openFile(s, t, 'shared.db');
      await writeAt(t, a, 0, pattern(200, 16));
      expectEqual(await sizeOf(t, b), 200, 'size seen through the other open');
      expectBytes((await readAt(t, b, 0, 200)).bytes, pattern(200, 16), 'data seen through the other open');
      await closeFile(t, a);
      await writeAt(t, b, 200, pattern(50, 17));
      await t.call('file', 'sync', () => b.sync());
      expectEqual(await sizeOf(t, b), 250, 'size after the first close');
      await closeFile(t, b);
      const c = await openFile(s, t, 'shared.db', false);
      expectBytes((await readAt(t, c, 200, 50)).bytes, pattern(50, 17), 'data written after the first close');
      await closeFile(t, c);
    },
  },
  {
    name: 'delete removes a closed file; deleting a missing file is not an error',
    async run(s, t) {
      const f = await openFile(s, t, 'doomed.db');
      await writeAt(t, f, 0, pattern(100, 18));
      await closeFile(t, f);
      await t.call('storage', 'delete', () => s.delete('doomed.db'));
      expectEqual(await t.call('storage', 'exists', () => s.exists('doomed.db')), false, 'exists after delete');
      await expectSqliteError(() => t.call('storage', 'open', () => s.open('doomed.db', { create: false })), 'SQLITE_CANTOPEN', 'open after delete');
      await t.call('storage', 'delete', () => s.delete('doomed.db'));
      await t.call('storage', 'delete', () => s.delete('never-existed.db'));
      const g = await openFile(s, t, 'doomed.db');
      expectEqual(await sizeOf(t, g), 0, 'a file created again after delete is empty');
      await closeFile(t, g);
    },
  },
  {
    name: 'a read-only open reads but refuses write and truncate (SQLITE_READONLY)',
    async run(s, t) {
      const w = await openFile(s, t, 'ro.db');
      await writeAt(t, w, 0, pattern(100, 19));
      await t.call('file', 'sync', () => w.sync());
      await closeFile(t, w);
      const r = await openFile(s, t, 'ro.db', false, true);
      expectBytes((await readAt(t, r, 0, 100)).bytes, pattern(100, 19), 'data');
      await expectSqliteError(() => writeAt(t, r, 0, pattern(10, 20)), 'SQLITE_READONLY', 'write');
      await expectSqliteError(() => t.call('file', 'truncate', () => r.truncate(0)), 'SQLITE_READONLY', 'truncate');
      expectEqual(await sizeOf(t, r), 100, 'size after refused changes');
      expectBytes((await readAt(t, r, 0, 100)).bytes, pattern(100, 19), 'data after refused changes');
      await closeFile(t, r);
    },
  },
  {
    name: 'calls on a closed file fail with SQLITE_MISUSE; closing twice is harmless',
    async run(s, t) {
      const f = await openFile(s, t, 'closed.db');
      await writeAt(t, f, 0, pattern(10, 21));
      await closeFile(t, f);
      await closeFile(t, f);
      await expectSqliteError(() => readAt(t, f, 0, 10), 'SQLITE_MISUSE', 'read after close');
      await expectSqliteError(() => writeAt(t, f, 0, pattern(10, 22)), 'SQLITE_MISUSE', 'write after close');
      await expectSqliteError(() => sizeOf(t, f), 'SQLITE_MISUSE', 'size after close');
      await expectSqliteError(() => t.call('file', 'sync', () => f.sync()), 'SQLITE_MISUSE', 'sync after close');
      await expectSqliteError(() => t.call('file', 'truncate', () => f.truncate(0)), 'SQLITE_MISUSE', 'truncate after close');
      const g = await openFile(s, t, 'closed.db', false);
      expectBytes((await readAt(t, g, 0, 10)).bytes, pattern(10, 21), 'data unchanged by refused calls');
      await closeFile(t, g);
    },
  },
  {
    name: 'a file written page by page reads back as one block',
    async run(s, t) {
      const pageBytes = 4096;
      const pageCount = 64;
      const f = await openFile(s, t, 'pages.db');
      // Written in a scattered order, as a pager flushing dirty pages might.
      for (let i = 0; i < pageCount; i++) {
        const page = (i * 37) % pageCount;
        await writeAt(t, f, page * pageBytes, pattern(pageBytes, 100 + page));
      }
      await t.call('file', 'sync', () => f.sync());
      expectEqual(await sizeOf(t, f), pageCount * pageBytes, 'size');
      const all = await readAt(t, f, 0, pageCount * pageBytes);
      expectEqual(all.n, pageCount * pageBytes, 'bytes read');
      for (let page = 0; page < pageCount; page++) {
        expectBytes(all.bytes.subarray(page * pageBytes, (page + 1) * pageBytes), pattern(pageBytes, 100 + page), `page ${page}`);
      }
      await closeFile(t, f);
    },
  },
];
