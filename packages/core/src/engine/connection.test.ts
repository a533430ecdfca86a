/**
 * Connection behaviour beyond query results: SQLite's error texts and codes, autocommit and
 * explicit transactions with statement-level rollback, schema reload, bindings, EXPLAIN, and
 * the 'io' path of step() over storage whose every read pends.
 */
import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { YieldingStorage } from '../io/yielding-storage.js';
import { Connection } from './connection.js';

function open(): Connection {
  return Connection.openSync(new MemoryStorage(), 'c.db');
}

function rows(conn: Connection, sql: string): unknown[][] {
  const s = conn.prepare(sql)!;
  try {
    return s.runSync();
  } finally {
    s.finalize();
  }
}

function errorOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof SqliteError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected an error');
}

describe('errors', () => {
  const conn = open();
  conn.exec('CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT NOT NULL, c UNIQUE, d, UNIQUE(d, c))');
  conn.exec("INSERT INTO t VALUES (1, 'x', 10, 100)");

  it.each([
    ['SELECT * FROM nope', 'SQLITE_ERROR', 'no such table: nope'],
    ['SELECT nope FROM t', 'SQLITE_ERROR', 'no such column: nope'],
    ['SELECT t.nope FROM t', 'SQLITE_ERROR', 'no such column: t.nope'],
    ['SELECT a FROM t, t AS u', 'SQLITE_ERROR', 'ambiguous column name: a'],
    ['SELECT FROM t', 'SQLITE_ERROR', 'near "FROM": syntax error'],
    ['SELECT nosuch(1)', 'SQLITE_ERROR', 'no such function: nosuch'],
    ['SELECT abs(1, 2)', 'SQLITE_ERROR', 'wrong number of arguments to function abs()'],
    ['SELECT a FROM t WHERE count(*) > 1', 'SQLITE_ERROR', 'misuse of aggregate function count()'],
    ['SELECT a FROM t ORDER BY 2', 'SQLITE_ERROR', '1st ORDER BY term out of range - should be between 1 and 1'],
    ['SELECT a, count(*) FROM t GROUP BY 3', 'SQLITE_ERROR', '1st GROUP BY term out of range - should be between 1 and 2'],
    ['CREATE TABLE t(x)', 'SQLITE_ERROR', 'table t already exists'],
    ['CREATE TABLE u(x, X)', 'SQLITE_ERROR', 'duplicate column name: X'],
    ['INSERT INTO t VALUES (1)', 'SQLITE_ERROR', 'table t has 4 columns but 1 values were supplied'],
    ['INSERT INTO t(zz) VALUES (1)', 'SQLITE_ERROR', 'table t has no column named zz'],
    ['DROP TABLE nope', 'SQLITE_ERROR', 'no such table: nope'],
    ['DROP INDEX sqlite_autoindex_t_1', 'SQLITE_ERROR', 'index associated with UNIQUE or PRIMARY KEY constraint cannot be dropped'],
    ['COMMIT', 'SQLITE_ERROR', 'cannot commit - no transaction is active'],
  ])('%s', (sql, code, message) => {
    expect(errorOf(() => conn.exec(sql))).toEqual({ code, message });
  });

  it.each([
    ["INSERT INTO t VALUES (1, 'y', 11, 101)", 'SQLITE_CONSTRAINT_PRIMARYKEY', 'UNIQUE constraint failed: t.a'],
    ['INSERT INTO t VALUES (2, NULL, 11, 101)', 'SQLITE_CONSTRAINT_NOTNULL', 'NOT NULL constraint failed: t.b'],
    ["INSERT INTO t VALUES (2, 'y', 10, 101)", 'SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: t.c'],
    // Both indexes conflict; SQLite checks the newest first (UNIQUE(d, c)), as sql.js shows.
    ["INSERT INTO t VALUES (2, 'y', 11, 100), (3, 'z', 10, 100)", 'SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: t.d, t.c'],
    ["UPDATE t SET b = NULL", 'SQLITE_CONSTRAINT_NOTNULL', 'NOT NULL constraint failed: t.b'],
    ["INSERT INTO t VALUES ('abc', 'y', 12, 1)", 'SQLITE_MISMATCH', 'datatype mismatch'],
  ])('%s', (sql, code, message) => {
    expect(errorOf(() => conn.exec(sql))).toEqual({ code, message });
    // The failed statement left nothing behind (autocommit rollback).
    expect(rows(conn, 'SELECT a, b, c, d FROM t')).toEqual([[1, 'x', 10, 100]]);
  });
});

describe('transactions', () => {
  it('rolls back only the failing statement inside BEGIN', () => {
    const conn = open();
    conn.exec('CREATE TABLE t(a INTEGER PRIMARY KEY, b UNIQUE)');
    conn.exec('BEGIN');
    conn.exec('INSERT INTO t VALUES (1, 1)');
    expect(() => conn.exec('INSERT INTO t VALUES (2, 2), (3, 1)')).toThrow('UNIQUE constraint failed: t.b');
    conn.exec('INSERT INTO t VALUES (4, 4)');
    conn.exec('COMMIT');
    expect(rows(conn, 'SELECT * FROM t')).toEqual([[1, 1], [4, 4]]);
    expect(rows(conn, 'SELECT b FROM t WHERE b = 4')).toEqual([[4]]);
  });

  it('ROLLBACK undoes data and schema changes', () => {
    const conn = open();
    conn.exec('CREATE TABLE t(a)');
    conn.exec('INSERT INTO t VALUES (1)');
    conn.exec('BEGIN; INSERT INTO t VALUES (2); CREATE TABLE u(x); INSERT INTO u VALUES (9);');
    expect(rows(conn, 'SELECT count(*) FROM u')).toEqual([[1]]);
    conn.exec('ROLLBACK');
    expect(rows(conn, 'SELECT * FROM t')).toEqual([[1]]);
    expect(() => conn.prepare('SELECT * FROM u')).toThrow('no such table: u');
    expect(() => conn.exec('BEGIN; BEGIN')).toThrow('cannot start a transaction within a transaction');
    conn.exec('ROLLBACK');
  });

  it('recompiles a prepared statement after the schema changes', () => {
    const conn = open();
    conn.exec('CREATE TABLE t(a)');
    const s = conn.prepare('SELECT * FROM t')!;
    expect(s.runSync()).toEqual([]);
    conn.exec('DROP TABLE t; CREATE TABLE t(x, y); INSERT INTO t VALUES (1, 2)');
    s.reset();
    expect(s.runSync()).toEqual([[1, 2]]);
    expect(s.columnNames()).toEqual(['x', 'y']);
  });
});

describe('statements', () => {
  it('binds positional and named parameters, reports changes and last rowid', () => {
    const conn = open();
    conn.exec('CREATE TABLE t(a INTEGER PRIMARY KEY, b)');
    const ins = conn.prepare('INSERT INTO t(b) VALUES (?), (?)')!;
    ins.bind(['x', 2n ** 60n]).runSync();
    expect(ins.changes).toBe(2);
    expect(ins.lastInsertRowid).toBe(2);
    const sel = conn.prepare('SELECT b FROM t WHERE a = :id')!;
    expect(sel.bind({ id: 2 }).runSync()).toEqual([[2n ** 60n]]);
    expect(() => sel.bind({ other: 1 })).toThrow('missing named parameter "id"');
  });

  it('EXPLAIN lists the program like SQLite', () => {
    const conn = open();
    const s = conn.prepare('EXPLAIN SELECT 1')!;
    expect(s.columnNames()).toEqual(['addr', 'opcode', 'p1', 'p2', 'p3', 'p4', 'p5', 'comment']);
    const ops = s.runSync().map((r) => r[1]);
    expect(ops).toEqual(['Init', 'Integer', 'ResultRow', 'Halt', 'Transaction', 'Goto']);
  });

  it("returns 'io' over storage that pends, and resumes to the same result", async () => {
    const memory = new MemoryStorage();
    const writer = await Connection.open(new YieldingStorage(memory), 'y.db');
    await writer.execAsync('CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 2), (3, 4)');
    await writer.close();
    // A new connection starts with an empty page cache: the table's pages must be read.
    const c = await Connection.open(new YieldingStorage(memory), 'y.db');
    const s = (await c.prepareAsync('SELECT a + b FROM t WHERE b = 4'))!;
    let ios = 0;
    const out: unknown[] = [];
    for (;;) {
      const r = s.step();
      if (r === 'io') {
        ios++;
        await s.pendingIo()!.wait();
        continue;
      }
      if (r === 'done') break;
      out.push(s.row());
    }
    expect(out).toEqual([[7]]);
    expect(ios).toBeGreaterThan(0);
    await c.close();
  });
});
