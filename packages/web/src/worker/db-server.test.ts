/**
 * The worker's database server, in Node over MemoryStorage (never pends: the sync path) and
 * YieldingStorage (every call pends: the IndexedDB path): calls and their result shapes,
 * errors with codes, transactions held by one session while others wait or time out, a gone
 * session's transaction rolled back, and export/import checked against sql.js.
 */
import { describe, expect, it } from 'vitest';
import { MemoryStorage, YieldingStorage, type Storage } from '@minnow/core';
import { DbServer } from './db-server.js';
import type { Request, Result, RowShape } from './wire-types.js';

interface SqlJsDb {
  exec(sql: string): { values: unknown[][] }[];
  run(sql: string): void;
  export(): Uint8Array;
  close(): void;
}
// sql.js ships no type declarations; a non-literal specifier keeps TypeScript from asking.
const SQL_JS = 'sql.js';
async function sqlJs(): Promise<{ Database: new (bytes?: Uint8Array) => SqlJsDb }> {
  const m = (await import(/* @vite-ignore */ SQL_JS)) as { default: () => Promise<{ Database: new (bytes?: Uint8Array) => SqlJsDb }> };
  return m.default();
}

const OBJ: RowShape = { raw: false, pluck: false, safeIntegers: false };

function q(sql: string, mode: 'run' | 'get' | 'all' = 'all', params: unknown[] = [], shape: RowShape = OBJ): Request {
  return { op: 'query', sql, mode, params: params as never, shape };
}

function ok(r: Result): Record<string, unknown> {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r as Record<string, unknown>;
}

const backends: [string, () => Storage][] = [
  ['memory (sync path)', () => new MemoryStorage()],
  ['yielding (async path)', () => new YieldingStorage()],
];

describe.each(backends)('DbServer over %s', (_label, makeStorage) => {
  it('runs queries and shapes rows as objects, arrays, plucked values and bigints', async () => {
    const s = await DbServer.open(makeStorage(), 'memory', 'a.db', undefined);
    ok(await s.handle('A', { op: 'exec', sql: 'CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)' }));
    const ins = ok(await s.handle('A', q('INSERT INTO t(name, score, data) VALUES (?, ?, ?)', 'run', ['ann', 2.0, new Uint8Array([1, 2])])));
    expect(ins['run']).toEqual({ changes: 1, lastInsertRowid: 1 });
    ok(await s.handle('A', q("INSERT INTO t(name, score) VALUES ('bob', 1.5)", 'run')));
    expect(ok(await s.handle('A', q('SELECT * FROM t ORDER BY id')))['rows']).toEqual([
      { id: 1, name: 'ann', score: 2, data: new Uint8Array([1, 2]) },
      { id: 2, name: 'bob', score: 1.5, data: null },
    ]);
    expect(ok(await s.handle('A', q('SELECT id, name FROM t', 'all', [], { raw: true, pluck: false, safeIntegers: false })))['rows']).toEqual([
      [1, 'ann'],
      [2, 'bob'],
    ]);
    expect(ok(await s.handle('A', q('SELECT name FROM t WHERE id = ?', 'get', [2], { raw: false, pluck: true, safeIntegers: false })))['row']).toBe('bob');
    expect(ok(await s.handle('A', q('SELECT id FROM t WHERE id = ?', 'get', [1], { raw: false, pluck: true, safeIntegers: true })))['row']).toBe(1n);
    expect(ok(await s.handle('A', q('SELECT id FROM t WHERE id = 99', 'get')))['row']).toBeUndefined();
    ok(await s.handle('A', { op: 'prepare', id: '1', sql: 'SELECT name FROM t WHERE id = :id' }));
    const named = ok(await s.handle('A', { op: 'stmt', id: '1', sql: 'SELECT name FROM t WHERE id = :id', mode: 'all', params: { id: 2 }, shape: OBJ }));
    expect(named['rows']).toEqual([{ name: 'bob' }]);
    await s.close();
  });

  it('reports SQLite error codes and messages, and the offset of a syntax error', async () => {
    const s = await DbServer.open(makeStorage(), 'memory', 'b.db', undefined);
    ok(await s.handle('A', { op: 'exec', sql: 'CREATE TABLE t(a UNIQUE)' }));
    ok(await s.handle('A', q('INSERT INTO t VALUES (1)', 'run')));
    expect(await s.handle('A', q('INSERT INTO t VALUES (1)', 'run'))).toMatchObject({ ok: false, error: { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: t.a' } });
    expect(await s.handle('A', q('SELECT * FROM nope'))).toMatchObject({ ok: false, error: { code: 'SQLITE_ERROR', message: 'no such table: nope' } });
    expect(await s.handle('A', q('SELECT 1 FROM FROM t'))).toMatchObject({ ok: false, error: { code: 'SQLITE_ERROR', message: 'near "FROM": syntax error', offset: 14 } });
    expect(await s.handle('A', q('  -- nothing'))).toMatchObject({ ok: false, error: { code: 'SQLITE_MISUSE' } });
    await s.close();
  });

  it("lets only the transaction's session run until it commits; others wait, then see the commit", async () => {
    const s = await DbServer.open(makeStorage(), 'memory', 'c.db', undefined);
    ok(await s.handle('A', { op: 'exec', sql: 'CREATE TABLE t(a)' }));
    const begin = ok(await s.handle('A', { op: 'exec', sql: 'BEGIN' }));
    expect(begin['inTransaction']).toBe(true);
    ok(await s.handle('A', q('INSERT INTO t VALUES (1)', 'run')));
    const fromB = s.handle('B', q('SELECT count(*) AS n FROM t', 'get'));
    let bDone = false;
    void fromB.then(() => (bDone = true));
    ok(await s.handle('A', q('INSERT INTO t VALUES (2)', 'run')));
    await new Promise((r) => setTimeout(r, 20));
    expect(bDone).toBe(false);
    ok(await s.handle('A', { op: 'exec', sql: 'COMMIT' }));
    expect(ok(await fromB)['row']).toEqual({ n: 2 });
    await s.close();
  });

  it('fails a waiting session with SQLITE_BUSY after the busy timeout', async () => {
    const s = await DbServer.open(makeStorage(), 'memory', 'd.db', undefined, 50);
    ok(await s.handle('A', { op: 'exec', sql: 'CREATE TABLE t(a); BEGIN; INSERT INTO t VALUES (1)' }));
    expect(await s.handle('B', q('SELECT * FROM t'))).toMatchObject({ ok: false, error: { code: 'SQLITE_BUSY', message: 'database is locked' } });
    ok(await s.handle('A', { op: 'exec', sql: 'COMMIT' }));
    expect(ok(await s.handle('B', q('SELECT * FROM t')))['rows']).toEqual([{ a: 1 }]);
    await s.close();
  });

  it("rolls back a gone session's transaction and lets the others go on", async () => {
    const s = await DbServer.open(makeStorage(), 'memory', 'e.db', undefined);
    ok(await s.handle('A', { op: 'exec', sql: 'CREATE TABLE t(a); INSERT INTO t VALUES (1); BEGIN; INSERT INTO t VALUES (2)' }));
    const fromB = s.handle('B', q('SELECT a FROM t ORDER BY a'));
    ok(await s.sessionGone('A'));
    expect(ok(await fromB)['rows']).toEqual([{ a: 1 }]);
    expect(s.info.inTransaction).toBe(false);
    await s.close();
  });

  it('reuses a one-off query statement, and recompiles it after the schema changed', async () => {
    const s = await DbServer.open(makeStorage(), 'memory', 'h.db', undefined);
    ok(await s.handle('A', { op: 'exec', sql: "CREATE TABLE t(a); INSERT INTO t VALUES ('x')" }));
    expect(ok(await s.handle('A', q('SELECT * FROM t')))['rows']).toEqual([{ a: 'x' }]);
    expect(ok(await s.handle('A', q('SELECT * FROM t')))['rows']).toEqual([{ a: 'x' }]);
    ok(await s.handle('A', { op: 'exec', sql: "DROP TABLE t; CREATE TABLE t(b, c); INSERT INTO t VALUES (1, 2)" }));
    const again = ok(await s.handle('A', q('SELECT * FROM t')));
    expect(again['rows']).toEqual([{ b: 1, c: 2 }]);
    expect(again['columns']).toEqual(['b', 'c']);
    ok(await s.handle('A', { op: 'exec', sql: 'DROP TABLE t' }));
    expect(await s.handle('A', q('SELECT * FROM t'))).toMatchObject({ ok: false, error: { code: 'SQLITE_ERROR', message: 'no such table: t' } });
    await s.close();
  });

  it('exports a .db that sql.js reads with the same rows, and imports one made by sql.js', async () => {
    const storage = makeStorage();
    const s = await DbServer.open(storage, 'memory', 'f.db', undefined);
    ok(await s.handle('A', { op: 'exec', sql: "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT); CREATE INDEX tb ON t(b); INSERT INTO t VALUES (1, 'x'), (2, 'y')" }));
    const bytes = ok(await s.handle('A', { op: 'export' }))['bytes'] as Uint8Array;
    await s.close();
    const SQL = await sqlJs();
    const theirs = new SQL.Database(bytes);
    expect(theirs.exec('PRAGMA integrity_check')[0]!.values).toEqual([['ok']]);
    expect(theirs.exec('SELECT a, b FROM t ORDER BY a')[0]!.values).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
    theirs.run("INSERT INTO t VALUES (3, 'z')");
    const back = await DbServer.open(storage, 'memory', 'f.db', theirs.export());
    theirs.close();
    expect(ok(await back.handle('A', q('SELECT b FROM t ORDER BY a', 'all', [], { raw: false, pluck: true, safeIntegers: false })))['rows']).toEqual(['x', 'y', 'z']);
    await back.close();
    await expect(DbServer.open(storage, 'memory', 'g.db', new Uint8Array(200))).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
  });
});
