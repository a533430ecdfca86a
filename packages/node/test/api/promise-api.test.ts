/**
 * The promise API (`connect`) over the three backends: memory, the synchronous fs backend and
 * the asynchronous FileHandle backend (where every storage call takes the "I/O pending" path).
 * File databases are checked with sqlite3 afterwards.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, Database, SqliteError, type ConnectOptions } from '../../src/index.js';
import { TempDirs } from '../../src/storage/temp-dir.test-helper.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

type Backend = 'memory' | 'sync-file' | 'async-file';
const BACKENDS: Backend[] = ['memory', 'sync-file', 'async-file'];

async function open(backend: Backend, extra: ConnectOptions = {}): Promise<{ db: Database; path: string | null }> {
  if (backend === 'memory') return { db: await connect(':memory:', extra), path: null };
  const path = join(dirs.fresh(), 'test.db');
  const db = await connect(path, { ...extra, backend: backend === 'sync-file' ? 'sync' : 'async' });
  return { db, path };
}

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe.each(BACKENDS)('promise API over %s', (backend) => {
  it('connects and reports its getters', async () => {
    const { db, path } = await open(backend);
    expect(db).toBeInstanceOf(Database);
    expect(db.name).toBe(path ?? ':memory:');
    expect(db.open).toBe(true);
    expect(db.memory).toBe(backend === 'memory');
    expect(db.readonly).toBe(false);
    expect(db.inTransaction).toBe(false);
    await db.exec('BEGIN');
    expect(db.inTransaction).toBe(true);
    await db.exec('COMMIT');
    expect(db.inTransaction).toBe(false);
    await db.close();
    expect(db.open).toBe(false);
    expect(() => db.prepare('SELECT 1')).toThrow('The database connection is not open');
    await expect(db.exec('SELECT 1')).rejects.toThrow('The database connection is not open');
  });

  it('runs statements: run, get, all, iterate, raw, pluck, columns, reader, source', async () => {
    const { db, path } = await open(backend);
    await db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB); CREATE INDEX t_name ON t(name)');
    const ins = db.prepare('INSERT INTO t(name, score, data) VALUES (?, ?, ?)');
    expect(ins.reader).toBe(false);
    expect(ins.readonly).toBe(false);
    expect(ins.source).toBe('INSERT INTO t(name, score, data) VALUES (?, ?, ?)');
    expect(await ins.run('a', 1.5, Buffer.from([1, 2, 3]))).toEqual({ changes: 1, lastInsertRowid: 1 });
    expect(await ins.run('b', 2, null)).toEqual({ changes: 1, lastInsertRowid: 2 });
    expect(await ins.run('c', -0.25, new Uint8Array([0, 255]))).toEqual({ changes: 1, lastInsertRowid: 3 });
    const sel = db.prepare('SELECT id, name, score, data FROM t WHERE id = ?');
    expect(sel.reader).toBe(true);
    expect(sel.readonly).toBe(true);
    expect(await sel.get(1)).toEqual({ id: 1, name: 'a', score: 1.5, data: Buffer.from([1, 2, 3]) });
    expect(Buffer.isBuffer(((await sel.get(3)) as { data: unknown }).data)).toBe(true);
    expect(await sel.get(99)).toBeUndefined();
    expect(await db.prepare('SELECT id, name FROM t ORDER BY id').raw().all()).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
    expect(await db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b', 'c']);
    const seen: unknown[] = [];
    for await (const row of db.prepare('SELECT id FROM t WHERE id > ? ORDER BY id').pluck().iterate(1)) seen.push(row);
    expect(seen).toEqual([2, 3]);
    expect(db.prepare('SELECT id, name AS n FROM t').columns().map((c) => c.name)).toEqual(['id', 'n']);
    expect(await db.prepare('UPDATE t SET score = score * 2').run()).toEqual({ changes: 3, lastInsertRowid: 3 });
    expect(await db.run('DELETE FROM t WHERE id = ?', 2)).toEqual({ changes: 1, lastInsertRowid: 3 });
    expect(await db.get('SELECT count(*) AS n FROM t')).toEqual({ n: 2 });
    expect(await db.all('SELECT name FROM t ORDER BY name DESC')).toEqual([{ name: 'c' }, { name: 'a' }]);
    const names: unknown[] = [];
    for await (const row of db.iterate('SELECT name FROM t ORDER BY id')) names.push(row);
    expect(names).toEqual([{ name: 'a' }, { name: 'c' }]);
    // raw/pluck/columns need a statement that returns data.
    expect(() => ins.raw()).toThrow(TypeError);
    expect(() => ins.pluck()).toThrow(TypeError);
    await expect(ins.get('x', 1, null)).rejects.toThrow(TypeError);
    await db.close();
    if (path !== null) {
      expect(execFileSync('sqlite3', [path, 'PRAGMA integrity_check; SELECT id, name, score, hex(data) FROM t ORDER BY id'], { encoding: 'utf8' })).toBe(
        'ok\n1|a|3.0|010203\n3|c|-0.5|00FF\n',
      );
    }
  });

  it('binds every kind of parameter', async () => {
    const { db } = await open(backend);
    const row = (sql: string, ...args: unknown[]) => db.prepare(sql).raw().get(...args);
    expect(await row('SELECT ?, ?, ?', 1, 'two', null)).toEqual([1, 'two', null]);
    expect(await row('SELECT ?, ?, ?', [1, 'two', null])).toEqual([1, 'two', null]);
    expect(await row('SELECT ?, ?, ?', 1, ['two', null])).toEqual([1, 'two', null]);
    expect(await row('SELECT :a, @b, $c', { a: 1, b: 'x', c: 2.5 })).toEqual([1, 'x', 2.5]);
    expect(await row('SELECT :a + :a', { a: 20 })).toEqual([40]);
    expect(await row('SELECT ?2, ?1, ?2', 'first', 'second')).toEqual(['second', 'first', 'second']);
    expect(await row('SELECT ?, :name', 7, { name: 'mixed' })).toEqual([7, 'mixed']);
    expect(await row('SELECT typeof(?), typeof(?), typeof(?), typeof(?), typeof(?)', 1, 1.5, 2n, true, Buffer.from('z'))).toEqual([
      'integer',
      'real',
      'integer',
      'integer',
      'blob',
    ]);
    expect(await row('SELECT ?, ?', true, false)).toEqual([1, 0]);
    expect(await row('SELECT ?', undefined)).toEqual([null]);
    await expect(row('SELECT ?, ?', 1)).rejects.toThrow(RangeError);
    await expect(row('SELECT ?', 1, 2)).rejects.toThrow(RangeError);
    await expect(row('SELECT :a', { b: 1 })).rejects.toThrow('Missing named parameter "a"');
    await expect(row('SELECT ?', {})).rejects.toThrow(TypeError);
    await expect(row('SELECT ?', Symbol('x'))).rejects.toThrow(TypeError);
    await expect(row('SELECT ?', 2n ** 63n)).rejects.toThrow(RangeError);
    // bind(): parameters fixed for good.
    const fixed = db.prepare('SELECT ? + ?').pluck().bind(40, 2);
    expect(await fixed.get()).toBe(42);
    expect(await fixed.get()).toBe(42);
    await expect(fixed.get(1, 2)).rejects.toThrow('This statement already has bound parameters');
    expect(() => fixed.bind(1, 2)).toThrow(TypeError);
    await db.close();
  });

  it('handles bigint and safeIntegers', async () => {
    const { db } = await open(backend);
    await db.exec('CREATE TABLE big(id INTEGER PRIMARY KEY, v INTEGER)');
    const max = 9223372036854775807n;
    expect(await db.prepare('INSERT INTO big VALUES (?, ?)').run(1, max)).toEqual({ changes: 1, lastInsertRowid: 1 });
    await db.run('INSERT INTO big VALUES (?, ?)', 2n ** 53n + 1n, -(2n ** 62n));
    const sel = db.prepare('SELECT v FROM big ORDER BY id').pluck();
    expect(await sel.all()).toEqual([Number(max), -(2 ** 62)]);
    expect(await sel.safeIntegers().all()).toEqual([max, -(2n ** 62n)]);
    expect(await sel.safeIntegers(false).all()).toEqual([Number(max), -(2 ** 62)]);
    expect(await db.prepare('SELECT id FROM big ORDER BY id').pluck().safeIntegers().all()).toEqual([1n, 2n ** 53n + 1n]);
    // REAL stays a number even with safeIntegers.
    expect(await db.prepare('SELECT 1.0, 2').raw().safeIntegers().get()).toEqual([1, 2n]);
    const res = await db.prepare('INSERT INTO big(v) VALUES (1)').safeIntegers().run();
    expect(res).toEqual({ changes: 1, lastInsertRowid: 2n ** 53n + 2n });
    db.defaultSafeIntegers(true);
    expect(await db.prepare('SELECT 5').pluck().get()).toBe(5n);
    db.defaultSafeIntegers(false);
    expect(await db.prepare('SELECT 5').pluck().get()).toBe(5);
    await db.close();
  });

  it('reports errors as SqliteError with SQLite code and message', async () => {
    const { db } = await open(backend);
    await db.exec('CREATE TABLE u(a UNIQUE, b NOT NULL)');
    await db.run('INSERT INTO u VALUES (1, 1)');
    const unique = (await errorOf(db.run('INSERT INTO u VALUES (1, 2)'))) as SqliteError;
    expect(unique).toBeInstanceOf(SqliteError);
    expect(unique.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(unique.message).toBe('UNIQUE constraint failed: u.a');
    const notNull = (await errorOf(db.run('INSERT INTO u VALUES (2, NULL)'))) as SqliteError;
    expect(notNull.code).toBe('SQLITE_CONSTRAINT_NOTNULL');
    expect(notNull.message).toBe('NOT NULL constraint failed: u.b');
    const syntax = (await errorOf(() => db.prepare('SELECT FROM'))) as SqliteError;
    expect(syntax).toBeInstanceOf(SqliteError);
    expect(syntax.code).toBe('SQLITE_ERROR');
    expect(syntax.message).toBe('near "FROM": syntax error');
    expect(() => db.prepare('SELECT * FROM nope')).toThrow('no such table: nope');
    expect(() => db.prepare('   ')).toThrow(RangeError);
    await expect(db.exec('INSERT INTO u VALUES (3, 3); INSERT INTO u VALUES (1, 9)')).rejects.toThrow('UNIQUE constraint failed: u.a');
    expect(await db.prepare('SELECT a FROM u ORDER BY a').pluck().all()).toEqual([1, 3]);
    await db.close();
  });

  it('rolls a transaction back when its function throws, commits when it returns', async () => {
    const { db, path } = await open(backend);
    await db.exec('CREATE TABLE acct(id INTEGER PRIMARY KEY, balance INT)');
    await db.run('INSERT INTO acct VALUES (1, 100), (2, 0)');
    const transfer = db.transaction(async (amount: number) => {
      await db.run('UPDATE acct SET balance = balance - ? WHERE id = 1', amount);
      expect(db.inTransaction).toBe(true);
      await db.run('UPDATE acct SET balance = balance + ? WHERE id = 2', amount);
      if (amount > 50) throw new Error('too much');
      return amount;
    });
    expect(await transfer(30)).toBe(30);
    await expect(transfer(60)).rejects.toThrow('too much');
    expect(db.inTransaction).toBe(false);
    expect(await db.prepare('SELECT balance FROM acct ORDER BY id').pluck().all()).toEqual([70, 30]);
    // A synchronous function, and the BEGIN modes.
    const addSync = db.transaction((id: number) => {
      void db.run('INSERT INTO acct VALUES (?, 0)', id);
      return 'queued';
    });
    expect(await addSync(3)).toBe('queued');
    expect(await addSync.immediate(4)).toBe('queued');
    expect(await addSync.exclusive(5)).toBe('queued');
    expect(await addSync.deferred(6)).toBe('queued');
    const duplicate = db.transaction(() => db.run('INSERT INTO acct VALUES (6, 0)'));
    await expect(duplicate()).rejects.toThrow('UNIQUE constraint failed: acct.id');
    // A failing statement inside the function rolls the whole transaction back.
    const failing = db.transaction(async () => {
      await db.run('INSERT INTO acct VALUES (7, 0)');
      await db.run('INSERT INTO acct VALUES (1, 0)');
    });
    await expect(failing()).rejects.toThrow('UNIQUE constraint failed: acct.id');
    expect(await db.prepare('SELECT id FROM acct ORDER BY id').pluck().all()).toEqual([1, 2, 3, 4, 5, 6]);
    // Calls from outside wait for the transaction instead of slipping into it.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = db.transaction(async () => {
      await db.run('INSERT INTO acct VALUES (10, 0)');
      await gate;
      throw new Error('abort');
    });
    const txDone = slow().catch((e: Error) => e.message);
    const outside = db.run('INSERT INTO acct VALUES (11, 0)');
    await new Promise((r) => setTimeout(r, 20));
    release();
    expect(await txDone).toBe('abort');
    await outside;
    expect(await db.prepare('SELECT id FROM acct WHERE id >= 10').pluck().all()).toEqual([11]);
    expect(() => db.transaction(42 as never)).toThrow(TypeError);
    await db.close();
    if (path !== null) expect(execFileSync('sqlite3', [path, 'SELECT group_concat(id) FROM acct'], { encoding: 'utf8' })).toBe('1,2,3,4,5,6,11\n');
  });

  it('stops an iteration early and leaves the connection usable', async () => {
    const { db, path } = await open(backend);
    await db.exec('CREATE TABLE n(x INTEGER PRIMARY KEY)');
    const insert = db.prepare('INSERT INTO n VALUES (?)');
    const fill = db.transaction(async () => {
      for (let i = 1; i <= 200; i++) await insert.run(i);
    });
    await fill();
    const stmt = db.prepare('SELECT x FROM n ORDER BY x').pluck();
    const got: unknown[] = [];
    for await (const x of stmt.iterate()) {
      got.push(x);
      if (got.length === 3) break;
    }
    expect(got).toEqual([1, 2, 3]);
    expect(db.inTransaction).toBe(false);
    // The statement is free again, and writes are committed normally.
    expect((await stmt.all()).length).toBe(200);
    await db.run('DELETE FROM n WHERE x > 100');
    expect(await db.prepare('SELECT count(*) FROM n').pluck().get()).toBe(100);
    // Another statement may run between rows; the same statement may not.
    const it2 = stmt.iterate();
    expect(await it2.next()).toEqual({ value: 1, done: false });
    expect(await db.prepare('SELECT max(x) FROM n').pluck().get()).toBe(100);
    await expect(stmt.all()).rejects.toThrow('This statement is busy executing a query');
    await it2.return(undefined);
    expect((await stmt.all()).length).toBe(100);
    // Writes made between rows are kept (and committed) when the loop is left early.
    const mark = db.prepare('UPDATE n SET x = -x WHERE x = ?');
    for await (const x of db.prepare('SELECT x FROM n WHERE x <= 10 ORDER BY x').pluck().iterate()) {
      await mark.run(x);
      if (x === 3) break;
    }
    expect(await db.prepare('SELECT x FROM n WHERE x < 0 ORDER BY x').pluck().all()).toEqual([-3, -2, -1]);
    expect(db.inTransaction).toBe(false);
    // An error thrown in the loop body also ends the statement.
    await expect(
      (async () => {
        for await (const x of stmt.iterate()) if (x === 5) throw new Error('stop');
      })(),
    ).rejects.toThrow('stop');
    expect((await stmt.all()).length).toBe(100);
    await db.close();
    if (path !== null) expect(execFileSync('sqlite3', [path, 'SELECT count(*) FROM n WHERE x < 0'], { encoding: 'utf8' })).toBe('3\n');
  });

  it('serialises concurrent calls and closes after the work in flight', async () => {
    const { db, path } = await open(backend);
    await db.exec('CREATE TABLE log(i INTEGER PRIMARY KEY, v TEXT)');
    const ins = db.prepare('INSERT INTO log VALUES (?, ?)');
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) {
      calls.push(ins.run(i, `v${i}`));
      if (i % 10 === 9) calls.push(db.prepare('SELECT count(*) FROM log').pluck().get());
    }
    // Not awaited: close() must wait for all of them.
    const closing = db.close();
    expect(db.open).toBe(false);
    await expect(db.run('INSERT INTO log VALUES (99, 0)')).rejects.toThrow('The database connection is not open');
    const results = await Promise.all(calls);
    await closing;
    expect(results.filter((r) => typeof r === 'number')).toEqual([10, 20, 30, 40, 50]);
    if (path !== null) {
      const again = await connect(path, { backend: backend === 'sync-file' ? 'sync' : 'async' });
      expect(await again.prepare('SELECT count(*), sum(i) FROM log').raw().get()).toEqual([50, 1225]);
      await again.close();
      expect(execFileSync('sqlite3', [path, 'PRAGMA integrity_check'], { encoding: 'utf8' })).toBe('ok\n');
    }
  });

  it('passes pragma() through the engine as PRAGMA <source>', async () => {
    const { db } = await open(backend);
    const direct = await (async () => db.prepare('PRAGMA user_version').all())().then(
      (rows) => ({ rows }),
      (e: Error) => ({ error: e.message }),
    );
    const viaAll = await db.pragma('user_version').then(
      (rows) => ({ rows }),
      (e: Error) => ({ error: e.message }),
    );
    expect(viaAll).toEqual(direct);
    const viaSimple = await db.pragma('user_version', { simple: true }).then(
      (value) => ({ rows: [{ user_version: value }] }),
      (e: Error) => ({ error: e.message }),
    );
    expect(viaSimple).toEqual(direct);
    await db.close();
  });
});

describe('promise API: nesting and types', () => {
  it('runs a transaction inside another as a savepoint (when the engine has SAVEPOINT)', async () => {
    const db = await connect(':memory:');
    await db.exec('CREATE TABLE t(x)');
    const savepoints = await db.exec('BEGIN; SAVEPOINT probe; RELEASE probe; COMMIT').then(
      () => null,
      async (e: Error) => {
        if (db.inTransaction) await db.exec('ROLLBACK');
        return e.message;
      },
    );
    const inner = db.transaction(async (x: number) => {
      await db.run('INSERT INTO t VALUES (?)', x);
      if (x < 0) throw new Error('negative');
    });
    const outer = db.transaction(async () => {
      await inner(1);
      await inner(-1).catch((e: Error) => expect(e.message).toBe('negative'));
      await inner(2);
    });
    if (savepoints === null) {
      await outer();
      expect(await db.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2]);
    } else {
      // Without engine support the savepoint's own error comes through, and nothing is kept.
      await expect(outer()).rejects.toThrow(savepoints);
      expect(await db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    }
    expect(db.inTransaction).toBe(false);
    await db.close();
  });

  it('types rows by the caller\'s row type', async () => {
    const db = await connect(':memory:');
    const row = await db.get<{ n: number }>('SELECT 41 + 1 AS n');
    const rows = await db.prepare('SELECT 1 AS n UNION ALL SELECT 2').all<{ n: number }>();
    const total: number = (row?.n ?? 0) + rows.reduce((a, r) => a + r.n, 0);
    expect(total).toBe(45);
    await db.close();
  });
});

describe('promise API: files', () => {
  it('reports a file that is not a database at connect, and releases its lock', async () => {
    const path = join(dirs.fresh(), 'not-a-db.db');
    writeFileSync(path, 'this is not an SQLite database, just some text that is long enough to hold a header'.repeat(20));
    await expect(connect(path)).rejects.toMatchObject({ code: 'SQLITE_NOTADB', message: 'file is not a database' });
    expect(existsSync(`${path}-lock`)).toBe(false);
    await expect(connect(path, { backend: 'sync' })).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
  });

  it('opens read-only, honours fileMustExist, and compiles statements prepared mid-change', async () => {
    const dir = dirs.fresh();
    const path = join(dir, 'ro.db');
    await expect(connect(path, { fileMustExist: true })).rejects.toMatchObject({ code: 'SQLITE_CANTOPEN' });
    await expect(connect(path, { readonly: true })).rejects.toMatchObject({ code: 'SQLITE_CANTOPEN' });
    const db = await connect(path);
    // Over the async backend the schema can be dropped while a change is in flight: a statement
    // prepared then compiles at its first run.
    const creating = db.exec('CREATE TABLE t(a)');
    for (let i = 0; i < 10_000 && db.connection.schema !== null; i++) await new Promise((r) => setImmediate(r));
    expect(db.connection.schema).toBeNull();
    const insert = db.prepare('INSERT INTO t VALUES (1)');
    expect(() => insert.reader).toThrow('not compiled yet');
    await creating;
    expect(await insert.run()).toEqual({ changes: 1, lastInsertRowid: 1 });
    expect(insert.reader).toBe(false);
    await db.close();
    const ro = await connect(path, { readonly: true, fileMustExist: true });
    expect(ro.readonly).toBe(true);
    expect(await ro.prepare('SELECT a FROM t').pluck().all()).toEqual([1]);
    await expect(ro.run('INSERT INTO t VALUES (2)')).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
    await ro.close();
  });
});
