import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import { parseDatabaseHeader } from '../format/database-header.js';
import { isIoPending } from '../io/io-pending.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { YieldingStorage } from '../io/yielding-storage.js';
import { Pager } from './pager.js';
import { fillPattern, patternPage, storageModes, type StorageMode } from './pager-test-kit.js';

const PAGE = 4096;

async function writePages(m: StorageMode, pager: Pager, seeds: number[]): Promise<void> {
  await m.run(() => pager.beginWrite());
  for (const seed of seeds) {
    const page = pager.appendPage();
    fillPattern(page.data, seed);
  }
  await m.run(() => pager.commit());
}

async function pageBytes(m: StorageMode, pager: Pager, pgno: number): Promise<Uint8Array> {
  return m.run(() => pager.get(pgno).data.slice());
}

for (const m of storageModes()) {
  describe(`Pager over ${m.label} storage`, () => {
    it('creates a database on the first write and round-trips pages through commit and reopen', async () => {
      const pager = await m.open('a.db');
      expect(pager.pageCount).toBe(0);
      await writePages(m, pager, [2, 3, 4]);
      expect(pager.pageCount).toBe(4);
      expect(pager.walFrameCount).toBe(4);
      // The file got a valid empty page 1 before any frame; everything else is in the WAL.
      expect(m.memory.get('a.db')!.length).toBe(PAGE);
      expect(m.memory.get('a.db-wal')!.length).toBe(32 + 4 * (24 + PAGE));

      // Reopen without closing (as after a crash): WAL recovery gives the committed state.
      const again = await m.open('a.db');
      expect(again.pageCount).toBe(4);
      for (const seed of [2, 3, 4]) expect(await pageBytes(m, again, seed)).toEqual(patternPage(PAGE, seed));
      const header = parseDatabaseHeader(await pageBytes(m, again, 1));
      expect(header.pageCountField).toBe(4);
      expect(header.changeCounter).toBe(header.versionValidFor);
      expect([header.writeVersion, header.readVersion]).toEqual([2, 2]);
      expect(header.schemaFormat).toBe(4);
      expect(header.textEncoding).toBe(1);
    });

    it('close checkpoints into the database file and deletes the WAL', async () => {
      const pager = await m.open('b.db');
      await writePages(m, pager, [2, 3]);
      await writePages(m, pager, [4]);
      await m.run(() => pager.close());
      expect(m.memory.exists('b.db-wal')).toBe(false);
      expect(m.memory.get('b.db')!.length).toBe(4 * PAGE);
      const again = await m.open('b.db');
      expect(again.pageCount).toBe(4);
      for (const seed of [2, 3, 4]) expect(await pageBytes(m, again, seed)).toEqual(patternPage(PAGE, seed));
      await m.run(() => again.close());
    });

    it('rollback forgets dirty pages and appended pages', async () => {
      const pager = await m.open('c.db');
      await writePages(m, pager, [2]);
      await m.run(() => pager.beginWrite());
      const two = await m.run(() => pager.get(2));
      pager.markDirty(two);
      two.data.fill(9);
      const three = pager.appendPage();
      expect(pager.pageCount).toBe(3);
      pager.rollback();
      expect(two.evicted).toBe(true);
      expect(three.evicted).toBe(true);
      expect(pager.pageCount).toBe(2);
      expect(await pageBytes(m, pager, 2)).toEqual(patternPage(PAGE, 2));
      expect(() => pager.get(3)).toThrow(SqliteError);
    });

    it('get rejects page numbers outside the database with SQLITE_CORRUPT', async () => {
      const pager = await m.open('d.db');
      await writePages(m, pager, [2]);
      for (const pgno of [0, -1, 3, 1.5]) {
        try {
          pager.get(pgno);
          expect.unreachable();
        } catch (e) {
          expect((e as SqliteError).code).toBe('SQLITE_CORRUPT');
        }
      }
    });

    it('a commit that changes page 2 only leaves page 1 alone', async () => {
      const pager = await m.open('e.db');
      await writePages(m, pager, [2]);
      const framesBefore = pager.walFrameCount;
      await m.run(() => pager.beginWrite());
      const two = await m.run(() => pager.get(2));
      pager.markDirty(two);
      two.data[100] = 77;
      await m.run(() => pager.commit());
      expect(pager.walFrameCount).toBe(framesBefore + 1);
      const again = await m.open('e.db');
      expect((await pageBytes(m, again, 2))[100]).toBe(77);
    });

    it('truncatePages shrinks the database; checkpoint cuts the file', async () => {
      const pager = await m.open('f.db');
      await writePages(m, pager, [2, 3, 4, 5]);
      await m.run(() => pager.checkpoint());
      expect(m.memory.get('f.db')!.length).toBe(5 * PAGE);
      await m.run(() => pager.beginWrite());
      pager.truncatePages(3);
      await m.run(() => pager.commit());
      expect(pager.pageCount).toBe(3);
      const reopened = await m.open('f.db');
      expect(reopened.pageCount).toBe(3);
      await m.run(() => pager.checkpoint());
      expect(m.memory.get('f.db')!.length).toBe(3 * PAGE);
      expect(await pageBytes(m, pager, 3)).toEqual(patternPage(PAGE, 3));
    });

    it('getForOverwrite gives a zeroed dirty page without reading', async () => {
      const pager = await m.open('g.db');
      await writePages(m, pager, [2, 3]);
      await m.run(() => pager.close());
      const again = await m.open('g.db');
      await m.run(() => again.beginWrite());
      const three = again.getForOverwrite(3);
      expect(three.dirty).toBe(true);
      expect(three.data.every((b) => b === 0)).toBe(true);
      three.data[0] = 5;
      await m.run(() => again.commit());
      expect((await pageBytes(m, again, 3))[0]).toBe(5);
    });

    it('savepoints undo nested changes, appends and truncations', async () => {
      const pager = await m.open('h.db');
      await writePages(m, pager, [2, 3]);
      await m.run(() => pager.beginWrite());
      const two = await m.run(() => pager.get(2));
      const three = await m.run(() => pager.get(3));
      pager.markDirty(two);
      two.data[0] = 1; // before any savepoint: survives
      const outer = pager.openSavepoint();
      pager.markDirty(two);
      two.data[0] = 2;
      pager.markDirty(three);
      three.data[0] = 2;
      const inner = pager.openSavepoint();
      pager.markDirty(two);
      two.data[0] = 3;
      const four = pager.appendPage();
      four.data[0] = 3;
      pager.rollbackToSavepoint(inner);
      expect(pager.pageCount).toBe(3);
      expect(four.evicted).toBe(true);
      expect((await m.run(() => pager.get(2))).data[0]).toBe(2);
      pager.truncatePages(2);
      pager.rollbackToSavepoint(outer);
      expect(pager.pageCount).toBe(3);
      expect((await m.run(() => pager.get(2))).data[0]).toBe(1);
      expect((await m.run(() => pager.get(3))).data).toEqual(patternPage(PAGE, 3));
      pager.markDirty(pager.get(3));
      pager.get(3).data[0] = 4;
      pager.releaseSavepoint(outer);
      await m.run(() => pager.commit());
      const again = await m.open('h.db');
      expect((await pageBytes(m, again, 2))[0]).toBe(1);
      expect((await pageBytes(m, again, 3))[0]).toBe(4);
    });

    it('uses the requested page size for a new database', async () => {
      const pager = await m.open('i.db', { pageSizeBytes: 65536 });
      await writePages(m, pager, [2]);
      await m.run(() => pager.close());
      const bytes = m.memory.get('i.db')!;
      expect(bytes.length).toBe(2 * 65536);
      expect(parseDatabaseHeader(bytes).pageSizeBytes).toBe(65536);
      expect([bytes[16], bytes[17]]).toEqual([0, 1]);
      const again = await m.open('i.db');
      expect(again.pageSizeBytes).toBe(65536);
    });

    it('reports files that are not databases', async () => {
      m.memory.put('short.db', new Uint8Array(50).fill(1)); // read zero-filled: bad magic
      m.memory.put('bad.db', new Uint8Array(4096).fill(1));
      for (const name of ['short.db', 'bad.db']) {
        await expect(m.open(name)).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
      }
    });

    it('refuses writes when read-only', async () => {
      const pager = await m.open('j.db');
      await writePages(m, pager, [2]);
      await m.run(() => pager.close());
      const ro = await m.open('j.db', { readonly: true });
      expect(ro.pageCount).toBe(2);
      expect(() => ro.beginWrite()).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }));
    });
  });
}

describe('Pager (synchronous specifics)', () => {
  it('serves cache hits without I/O and evicts only clean pages on trim', () => {
    const storage = new MemoryStorage();
    const pager = Pager.openSync(storage, 'x.db', { cacheSizePages: 4 });
    pager.beginWrite();
    for (let i = 0; i < 9; i++) fillPattern(pager.appendPage().data, i + 2);
    pager.trim(); // all dirty: nothing may go
    expect(pager.get(2).evicted).toBe(false);
    pager.commit();
    const first = pager.get(2);
    for (let pgno = 3; pgno <= 10; pgno++) pager.get(pgno);
    const recent = pager.get(10);
    pager.trim();
    expect(recent.evicted).toBe(false);
    expect(first.evicted).toBe(true);
    expect(pager.get(2)).not.toBe(first);
    expect(pager.get(2).data).toEqual(patternPage(4096, 2));
  });

  it('asserts on a cache miss during a mutation', () => {
    const storage = new MemoryStorage();
    const pager = Pager.openSync(storage, 'y.db', { cacheSizePages: 1 });
    pager.beginWrite();
    pager.appendPage();
    pager.commit();
    pager.trim();
    pager.beginWrite();
    pager.beginMutation();
    expect(() => pager.get(2)).toThrow(/fault first/);
  });
});

describe('Pager (asynchronous specifics)', () => {
  it('Pager.open returns the pager directly over a synchronous storage, a promise otherwise', async () => {
    const memory = new MemoryStorage();
    expect(Pager.open(memory, 'o.db')).toBeInstanceOf(Pager);
    const pending = Pager.open(new YieldingStorage(memory), 'o.db');
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBeInstanceOf(Pager);
  });

  it('a cache miss pends once; the re-run gets the page without a second read', async () => {
    const memory = new MemoryStorage();
    const sync = Pager.openSync(memory, 'p.db');
    sync.beginWrite();
    fillPattern(sync.appendPage().data, 2);
    sync.commit();
    sync.close();
    const storage = new YieldingStorage(memory);
    const pager = await Pager.openAsync(storage, 'p.db');
    let reads = 0;
    const blob = memory.files.get('p.db')!;
    const read = blob.read.bind(blob);
    blob.read = (offsetBytes: number, into: Uint8Array) => {
      reads++;
      return read(offsetBytes, into);
    };
    let pending: unknown;
    try {
      pager.get(2);
    } catch (e) {
      pending = e;
    }
    expect(isIoPending(pending)).toBe(true);
    expect(() => pager.get(2)).toThrow(); // still in flight: pends again, no new read
    expect(reads).toBe(1);
    if (isIoPending(pending)) await pending.completion.wait();
    const page = pager.get(2);
    expect(page.data).toEqual(patternPage(4096, 2));
    expect(pager.get(2)).toBe(page);
    expect(reads).toBe(1);
  });
});

describe('Pager (empty database settings)', () => {
  it('page size and encoding can change until the first write', () => {
    const storage = new MemoryStorage();
    const pager = Pager.openSync(storage, 's.db');
    expect(pager.setPageSizeBytes(1000)).toBe(false);
    expect(pager.setPageSizeBytes(1024)).toBe(true);
    expect(pager.setTextEncoding(2)).toBe(true);
    pager.beginWrite();
    expect(pager.setPageSizeBytes(2048)).toBe(false);
    pager.commit();
    expect(pager.setPageSizeBytes(2048)).toBe(false);
    pager.close();
    const again = Pager.openSync(storage, 's.db');
    expect(again.pageSizeBytes).toBe(1024);
    expect(again.textEncoding).toBe(2);
    expect(storage.get('s.db')!.length).toBe(1024);
  });
});
