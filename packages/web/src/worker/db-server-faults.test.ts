/**
 * Storage failing under the worker's server: a quota that runs out mid-commit, storage that
 * vanishes (evicted) under an open database, a broken stored file. Each gives a SqliteError
 * with SQLite's code, and what was committed before stays readable and intact.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStorage, SqliteError, type DbFile, type Io, type OpenOptions, type Storage } from '@minnow/core';
import { DbServer } from './db-server.js';
import type { Request, Result, RowShape } from './wire-types.js';

const OBJ: RowShape = { raw: false, pluck: false, safeIntegers: false };
const q = (sql: string, mode: 'run' | 'all' = 'all'): Request => ({ op: 'query', sql, mode, params: [], shape: OBJ });

/** Memory files whose total size may not pass `limit` bytes (writes past it: QuotaExceeded). */
class QuotaStorage implements Storage {
  readonly inner = new MemoryStorage();
  /** Open files (the size of a closed one is its next open's). */
  private readonly files = new Set<DbFile>();
  evicted = false;
  constructor(public limit: number) {}

  private used(): number {
    let n = 0;
    for (const f of this.files) n += f.size() as number;
    return n;
  }

  open(name: string, options: OpenOptions): Io<DbFile> {
    if (this.evicted) throw new SqliteError('SQLITE_CANTOPEN');
    const file = this.inner.open(name, options) as DbFile;
    this.files.add(file);
    const self = this;
    return {
      name,
      read: (o, into) => {
        if (self.evicted) throw new SqliteError('SQLITE_IOERR_READ');
        return file.read(o, into);
      },
      write(o, data) {
        if (self.evicted) throw new SqliteError('SQLITE_IOERR_WRITE');
        const grow = Math.max(0, o + data.length - (file.size() as number));
        if (self.used() + grow > self.limit) throw new SqliteError('SQLITE_FULL');
        return file.write(o, data);
      },
      sync: () => {
        if (self.evicted) throw new SqliteError('SQLITE_IOERR_FSYNC');
        return file.sync();
      },
      truncate: (n) => file.truncate(n),
      size: () => file.size(),
      close: () => {
        self.files.delete(file);
        return file.close();
      },
    };
  }
  delete(name: string): Io<void> {
    return this.inner.delete(name);
  }
  exists(name: string): Io<boolean> {
    return this.inner.exists(name);
  }
}

function ok(r: Result): Record<string, unknown> {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r as Record<string, unknown>;
}

describe('storage faults under the worker server', () => {
  it('quota exceeded: SQLITE_FULL, the failed commit undone, earlier commits intact and readable', async () => {
    const storage = new QuotaStorage(256 * 1024);
    const s = await DbServer.open(storage, 'opfs', 'q.db', undefined);
    ok(await s.handle('A', { op: 'exec', sql: 'CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)' }));
    let committed = 0;
    let failure: Result | null = null;
    for (let i = 0; i < 1000 && failure === null; i++) {
      const r = await s.handle('A', q(`INSERT INTO t(v) VALUES ('${'x'.repeat(1000)}')`, 'run'));
      if (r.ok) committed++;
      else failure = r;
    }
    expect(failure).toMatchObject({ ok: false, error: { code: 'SQLITE_FULL', message: 'database or disk is full' } });
    expect(committed).toBeGreaterThan(10);
    expect(ok(await s.handle('A', q('SELECT count(*) AS n FROM t')))['rows']).toEqual([{ n: committed }]);
    // More room: the connection goes on where it was.
    storage.limit = 1 << 30;
    ok(await s.handle('A', q("INSERT INTO t(v) VALUES ('after')", 'run')));
    await s.close();
    const again = await DbServer.open(storage, 'opfs', 'q.db', undefined);
    expect(ok(await again.handle('A', q('SELECT count(*) AS n FROM t')))['rows']).toEqual([{ n: committed + 1 }]);
    await again.close();
  });

  it('storage evicted under an open database: an I/O SqliteError, never a hang or a plain Error', async () => {
    const storage = new QuotaStorage(1 << 30);
    const s = await DbServer.open(storage, 'opfs', 'e.db', undefined);
    ok(await s.handle('A', { op: 'exec', sql: 'CREATE TABLE t(v); INSERT INTO t VALUES (1)' }));
    storage.evicted = true;
    const r = await s.handle('A', q('INSERT INTO t VALUES (2)', 'run'));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error.code).toMatch(/^SQLITE_IOERR/);
    await s.close().catch(() => undefined);
    await expect(DbServer.open(storage, 'opfs', 'e.db', undefined)).rejects.toBeInstanceOf(SqliteError);
  });

  it('a broken stored file: SQLITE_NOTADB at connect; a damaged page: SQLITE_CORRUPT at the query', async () => {
    const storage = new MemoryStorage();
    const junk = storage.open('junk.db', { create: true }) as DbFile;
    junk.write(0, new TextEncoder().encode('this is not a database file, just some text. '.repeat(100)));
    junk.close();
    await expect(DbServer.open(storage, 'opfs', 'junk.db', undefined)).rejects.toMatchObject({ code: 'SQLITE_NOTADB', message: 'file is not a database' });

    const s = await DbServer.open(storage, 'opfs', 'dmg.db', undefined);
    ok(await s.handle('A', { op: 'exec', sql: 'CREATE TABLE t(v); INSERT INTO t VALUES (1), (2)' }));
    await s.close();
    const f = storage.open('dmg.db', { create: false }) as DbFile;
    f.write(4096, new Uint8Array(4096).fill(0xee)); // page 2: the table's root
    f.close();
    const d = await DbServer.open(storage, 'opfs', 'dmg.db', undefined);
    expect(await d.handle('A', q('SELECT * FROM t'))).toMatchObject({ ok: false, error: { code: 'SQLITE_CORRUPT', message: 'database disk image is malformed' } });
    await d.close();
  });
});
