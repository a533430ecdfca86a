import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { BtreeDatabase, decodeRecord, encodeRecord, isPending, SqliteError, type DbFile, type Io } from '@minnow/core';
import { createStore, keys, set, type UseStore } from 'idb-keyval';
import { describeStorageContract } from '../../../core/test/storage-contract.js';
import { idbError } from './idb-errors.js';
import { BLOCK_BYTES, STORE_NAME } from './idb-layout.js';
import { IdbStorage } from './idb-storage.js';

let dbCount = 0;
/** A fresh IndexedDB database name: fake-indexeddb keeps databases for the whole process. */
const freshName = (): string => `idb-test-${dbCount++}`;

describeStorageContract('IdbStorage over fake-indexeddb', {
  create: () => new IdbStorage(freshName()),
  dispose: async (s) => {
    await (s as IdbStorage).close();
    await IdbStorage.deleteDatabase((s as IdbStorage).databaseName);
  },
});

async function settle<T>(r: Io<T>): Promise<T> {
  if (!isPending(r)) return r;
  await r.wait();
  return r.value();
}

async function errorCode(call: () => Io<unknown>): Promise<string> {
  try {
    await settle(call());
  } catch (e) {
    if (!(e instanceof SqliteError)) throw e;
    return e.code;
  }
  return 'no error';
}

const bytes = (length: number, seed: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7 + 1) & 0xff);

async function readAll(f: DbFile): Promise<Uint8Array> {
  const out = new Uint8Array(await settle(f.size()));
  expect(await settle(f.read(0, out))).toBe(out.length);
  return out;
}

/** A UseStore that can make the next read-write transaction fail as if over quota, after it ran. */
function quotaStore(name: string): { store: UseStore; failNextWrite: () => void; transactions: IDBTransactionMode[] } {
  const real = createStore(name, STORE_NAME);
  let fail = false;
  const transactions: IDBTransactionMode[] = [];
  const store: UseStore = (mode, callback) => {
    transactions.push(mode);
    return real(mode, (os) => {
      const result = Promise.resolve(callback(os));
      if (mode !== 'readwrite' || !fail) return result;
      fail = false;
      result.catch(() => undefined);
      os.transaction.abort();
      return Promise.reject(new DOMException('simulated', 'QuotaExceededError'));
    });
  };
  return { store, failNextWrite: () => (fail = true), transactions };
}

describe('IdbStorage', () => {
  it('stores nothing before sync; a new storage (a reload) sees exactly what was synced', async () => {
    const name = freshName();
    const s = new IdbStorage(name);
    const f = await settle(s.open('a.db', { create: true }));
    f.write(0, bytes(10_000, 1));
    expect(await settle(new IdbStorage(name).open('a.db', { create: false })).then((g) => g.size())).toBe(0);
    await settle(f.sync());
    f.write(10_000, bytes(5000, 2)); // never synced: lost in the "crash"
    f.truncate(3000);
    const after = await settle(new IdbStorage(name).open('a.db', { create: false }));
    expect(after.size()).toBe(10_000);
    expect(await readAll(after)).toEqual(bytes(10_000, 1));
  });

  it('sync is one read-write transaction with every block and the size, and nothing to sync is inline', async () => {
    const name = freshName();
    const q = quotaStore(name);
    const s = new IdbStorage(name, q.store);
    const f = await settle(s.open('one.db', { create: true }));
    q.transactions.length = 0;
    for (let page = 0; page < 20; page++) f.write(page * 4096, bytes(4096, page));
    f.write(100, bytes(10, 99));
    await settle(f.sync());
    expect(q.transactions).toEqual(['readwrite']);
    expect(f.sync()).toBeUndefined();
    const stored = await keys(q.store);
    expect(stored).toHaveLength(21); // 20 blocks and the meta record
  });

  it('merges a partial write of a block it never read with the stored bytes, in memory and when stored', async () => {
    const name = freshName();
    const base = bytes(3 * BLOCK_BYTES, 3);
    const a = await settle(new IdbStorage(name).open('wal', { create: true }));
    a.write(0, base);
    await settle(a.sync());
    // Cold: a WAL-frame-like write straddling blocks 0 and 1, and a small one into block 2.
    const f = await settle(new IdbStorage(name).open('wal', { create: false }));
    f.write(4000, bytes(4120, 4));
    f.write(9000, bytes(5, 5));
    const want = base.slice();
    want.set(bytes(4120, 4), 4000);
    want.set(bytes(5, 5), 9000);
    expect(await readAll(f)).toEqual(want);
    const g = await settle(new IdbStorage(name).open('wal', { create: false }));
    f.write(20, bytes(3, 6)); // partial again, and synced without ever being read
    want.set(bytes(3, 6), 20);
    await settle(f.sync());
    expect(await readAll(await settle(new IdbStorage(name).open('wal', { create: false })))).toEqual(want);
    g.close();
  });

  it('a read that waits for IndexedDB returns the bytes as of its call, not later writes', async () => {
    const name = freshName();
    const a = await settle(new IdbStorage(name).open('r.db', { create: true }));
    a.write(0, bytes(8192, 7));
    await settle(a.sync());
    const f = await settle(new IdbStorage(name).open('r.db', { create: false }));
    const into = new Uint8Array(8192);
    const r = f.read(0, into);
    expect(isPending(r)).toBe(true);
    f.write(0, new Uint8Array(8192).fill(1));
    expect(await settle(r)).toBe(8192);
    expect(into).toEqual(bytes(8192, 7));
    expect(await readAll(f)).toEqual(new Uint8Array(8192).fill(1));
  });

  it('a cut-off region never comes back: not after regrowing, not after a sync, not after a reload', async () => {
    const name = freshName();
    const s = new IdbStorage(name);
    const f = await settle(s.open('t.db', { create: true }));
    f.write(0, bytes(5 * BLOCK_BYTES, 8));
    await settle(f.sync());
    const g = await settle(new IdbStorage(name).open('t.db', { create: false })); // cold cache
    g.truncate(5000);
    g.truncate(5 * BLOCK_BYTES);
    const want = new Uint8Array(5 * BLOCK_BYTES);
    want.set(bytes(5000, 8));
    expect(await readAll(g)).toEqual(want);
    g.truncate(5000);
    await settle(g.sync());
    const stored = (await keys(createStore(name, STORE_NAME))) as IDBValidKey[][];
    expect(stored.filter((k) => k[0] === 't.db' && k.length === 2).map((k) => k[1])).toEqual([0, 1]);
    const h = await settle(new IdbStorage(name).open('t.db', { create: false }));
    h.truncate(5 * BLOCK_BYTES);
    expect(await readAll(h)).toEqual(want);
  });

  it('the last close stores unsynced writes; a reopen sees them', async () => {
    const name = freshName();
    const s = new IdbStorage(name);
    const f = await settle(s.open('c.db', { create: true }));
    f.write(0, bytes(300, 9));
    await settle(f.close());
    expect(s.openNames).toEqual([]);
    const g = await settle(new IdbStorage(name).open('c.db', { create: false }));
    expect(await readAll(g)).toEqual(bytes(300, 9));
  });

  it('a sync over quota fails with SQLITE_FULL, stores nothing of itself, and can be retried', async () => {
    const name = freshName();
    const q = quotaStore(name);
    const s = new IdbStorage(name, q.store);
    const f = await settle(s.open('full.db', { create: true }));
    f.write(0, bytes(8192, 10));
    await settle(f.sync());
    f.write(4096, bytes(8192, 11));
    f.truncate(6000);
    q.failNextWrite();
    expect(await errorCode(() => f.sync())).toBe('SQLITE_FULL');
    const committed = await settle(new IdbStorage(name).open('full.db', { create: false }));
    expect(await readAll(committed)).toEqual(bytes(8192, 10));
    const want = bytes(8192, 10).slice(0, 6000);
    want.set(bytes(8192, 11).subarray(0, 6000 - 4096), 4096);
    expect(await readAll(f)).toEqual(want);
    await settle(f.sync());
    expect(await readAll(await settle(new IdbStorage(name).open('full.db', { create: false })))).toEqual(want);
  });

  it('refuses to delete an open file (SQLITE_IOERR_DELETE), deletes it once closed', async () => {
    const s = new IdbStorage(freshName());
    const f = await settle(s.open('open.db', { create: true }));
    expect(await errorCode(() => s.delete('open.db'))).toBe('SQLITE_IOERR_DELETE');
    await settle(f.close());
    await settle(s.delete('open.db'));
    expect(await settle(s.exists('open.db'))).toBe(false);
  });

  it('reports broken stored records as SQLITE_CORRUPT', async () => {
    const name = freshName();
    const store = createStore(name, STORE_NAME);
    const f = await settle(new IdbStorage(name).open('bad.db', { create: true }));
    f.write(0, bytes(8192, 12));
    await settle(f.sync());
    await set(['bad.db', 1], new Uint8Array(10), store);
    const g = await settle(new IdbStorage(name).open('bad.db', { create: false }));
    expect(await errorCode(() => g.read(0, new Uint8Array(8192)))).toBe('SQLITE_CORRUPT');
    await set(['bad.db'], { version: 1, sizeBytes: -1, blockBytes: BLOCK_BYTES }, store);
    expect(await errorCode(() => new IdbStorage(name).open('bad.db', { create: false }))).toBe('SQLITE_CORRUPT');
    await set(['bad.db'], { version: 1, sizeBytes: 10, blockBytes: 65536 }, store);
    expect(await errorCode(() => new IdbStorage(name).open('bad.db', { create: false }))).toBe('SQLITE_CORRUPT');
  });

  it('carries a B-tree database across storages (reloads), every row intact', async () => {
    const name = freshName();
    const sql = 'CREATE TABLE t(id INTEGER PRIMARY KEY, data BLOB)';
    const w = await BtreeDatabase.open(new IdbStorage(name), 'bt.db', { create: true });
    const root = await w.write(() => w.createTable('t', sql));
    await w.write(async () => {
      const c = w.tableCursor(root);
      for (let id = 1; id <= 200; id++) await w.run(() => c.insert(id, encodeRecord([null, bytes(id * 37, id)])));
    });
    await w.close();
    const r = await BtreeDatabase.open(new IdbStorage(name), 'bt.db', { create: false });
    expect(await r.integrityCheck()).toEqual([]);
    let rows = 0;
    await r.read(async () => {
      const table = (await r.schema()).find((e) => e.name === 't')!;
      const c = r.tableCursor(table.rootPage);
      for (let ok = await r.run(() => c.first()); ok; ok = await r.run(() => c.next())) {
        rows++;
        const rec = decodeRecord(await r.run(() => c.payload().slice()));
        expect(rec[1]).toEqual(bytes(rows * 37, rows));
      }
      c.close();
    });
    await r.close();
    expect(rows).toBe(200);
  });
});

describe('idbError', () => {
  it('maps quota to SQLITE_FULL and the rest by call, keeping the cause', () => {
    const quota = new DOMException('q', 'QuotaExceededError');
    expect(idbError(quota, 'sync').code).toBe('SQLITE_FULL');
    expect(idbError(quota, 'open').code).toBe('SQLITE_FULL');
    expect(idbError(new DOMException('x', 'UnknownError'), 'open').code).toBe('SQLITE_CANTOPEN');
    expect(idbError(new DOMException('x', 'UnknownError'), 'read').code).toBe('SQLITE_IOERR_READ');
    expect(idbError(new DOMException('x', 'AbortError'), 'sync').code).toBe('SQLITE_IOERR_FSYNC');
    expect(idbError(new Error('x'), 'delete').code).toBe('SQLITE_IOERR_DELETE');
    expect(idbError(quota, 'write').cause).toBe(quota);
    const own = new SqliteError('SQLITE_CORRUPT');
    expect(idbError(own, 'read')).toBe(own);
  });
});
