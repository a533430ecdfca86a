/**
 * Single-row INSERTs inside BEGIN run without a statement savepoint
 * (compile/statement-journal.ts). A failing one must still undo only itself (it fails before
 * writing), checked against sql.js over memory and yielding storage; an unexpected error after
 * a write rolls back the whole transaction.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexCursor } from '../btree/index-cursor.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { YieldingStorage } from '../io/yielding-storage.js';
import type { Program } from '../vdbe/program.js';
import { BACKENDS, labelled, minnowOutcomes, oracleOutcomes } from '../../test/sql-oracle-kit.js';
import { Connection } from './connection.js';

// Enough rows that the pages the failing statements touch are already dirty and split.
const fill = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `INSERT INTO t(a, b, c) VALUES (${from + i}, 'v${(from + i) * 7919 % 1000}-${'x'.repeat(30)}', ${i}.5)`);

const SCRIPTS: Record<string, string[]> = {
  constraintsInsideBegin: [
    "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT NOT NULL UNIQUE, c REAL CHECK (c < 1000), d DEFAULT 'dflt')",
    'CREATE INDEX t_c ON t(c)',
    'BEGIN',
    ...fill(1, 300),
    "INSERT INTO t(a, b, c) VALUES (5, 'new', 1)",
    "INSERT INTO t(a, b, c) VALUES (1000, 'v7-" + 'x'.repeat(30) + "', 1)",
    'INSERT INTO t(a, b, c) VALUES (1001, NULL, 1)',
    "INSERT INTO t(a, b, c) VALUES (1002, 'ok', 5000)",
    "INSERT OR IGNORE INTO t(a, b, c) VALUES (5, 'ignored', 1)",
    "INSERT OR FAIL INTO t(a, b, c) VALUES (1003, NULL, 1)",
    "INSERT INTO t(a, b, c) VALUES ('abc', 'bad rowid', 1)",
    ...fill(301, 50),
    'SELECT count(*), sum(a), min(b), max(b), sum(c) FROM t',
    'SELECT a, b FROM t WHERE b >= \'v5\' ORDER BY b LIMIT 5',
    'COMMIT',
    'SELECT count(*), sum(a), min(b), max(b), sum(c) FROM t',
    'PRAGMA integrity_check',
  ],
  savepointsAndRollback: [
    'CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT UNIQUE, c REAL)',
    'BEGIN',
    ...fill(1, 100),
    'SAVEPOINT s',
    ...fill(101, 100),
    "INSERT INTO t(a, b, c) VALUES (150, 'dup rowid', 1)",
    'ROLLBACK TO s',
    'SELECT count(*), max(a) FROM t',
    ...fill(201, 20),
    'RELEASE s',
    "INSERT OR ROLLBACK INTO t(a, b, c) VALUES (3, 'x', 1)",
    'SELECT count(*) FROM t',
    'BEGIN',
    ...fill(1, 30),
    'ROLLBACK',
    'SELECT count(*) FROM t',
    'PRAGMA integrity_check',
  ],
};

for (const backend of BACKENDS) {
  describe(`unjournaled single-row INSERT over ${backend} storage`, () => {
    for (const [name, script] of Object.entries(SCRIPTS)) {
      it(`${name}: same outcomes as SQLite`, async () => {
        const expected = await oracleOutcomes(script);
        const actual = await minnowOutcomes(script, backend);
        expect(labelled(script, actual)).toEqual(labelled(script, expected));
      });
    }
  });
}

function programOf(conn: Connection, sql: string): Program {
  const stmt = conn.prepare(sql)!;
  const program = (stmt as unknown as { program: Program }).program;
  stmt.finalize();
  return program;
}

describe('which INSERTs skip the statement savepoint', () => {
  it('only single-row INSERTs that cannot fail after writing', () => {
    const conn = Connection.openSync(new MemoryStorage(), 'shape.db');
    conn.exec(
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT UNIQUE, c); CREATE INDEX t_c ON t(c);' +
        'CREATE TABLE p(x, y); CREATE INDEX p_part ON p(x) WHERE y > 0;' +
        'CREATE TABLE e(x); CREATE INDEX e_expr ON e(abs(x));' +
        'CREATE TABLE g(x); CREATE TRIGGER g_ai AFTER INSERT ON g BEGIN SELECT 1; END;' +
        'CREATE TABLE ai(x INTEGER PRIMARY KEY AUTOINCREMENT, y);' +
        'CREATE TABLE r(x UNIQUE ON CONFLICT REPLACE);',
    );
    const skips = (sql: string): boolean => programOf(conn, sql).failsOnlyBeforeWriting === true;
    expect(skips('INSERT INTO t(a, b, c) VALUES (?, ?, ?)')).toBe(true);
    expect(skips('INSERT INTO t DEFAULT VALUES')).toBe(true);
    expect(skips('INSERT OR IGNORE INTO t VALUES (1, 2, 3)')).toBe(true);
    expect(skips('INSERT INTO t VALUES (1, 2, 3), (4, 5, 6)')).toBe(false);
    expect(skips('INSERT INTO t SELECT * FROM t')).toBe(false);
    expect(skips('INSERT OR REPLACE INTO t VALUES (1, 2, 3)')).toBe(false);
    expect(skips('REPLACE INTO t VALUES (1, 2, 3)')).toBe(false);
    expect(skips('INSERT INTO t VALUES (1, 2, 3) RETURNING a')).toBe(false);
    expect(skips('INSERT INTO t VALUES (1, 2, 3) ON CONFLICT DO NOTHING')).toBe(false);
    expect(skips('INSERT INTO p VALUES (1, 2)')).toBe(false);
    expect(skips('INSERT INTO e VALUES (1)')).toBe(false);
    expect(skips('INSERT INTO g VALUES (1)')).toBe(false);
    expect(skips('INSERT INTO ai(y) VALUES (1)')).toBe(false);
    expect(skips('INSERT INTO r VALUES (1)')).toBe(false);
    // A trigger's INSERT step does not mark the statement that fires it.
    conn.exec('CREATE TRIGGER t_au AFTER UPDATE ON t BEGIN INSERT INTO p VALUES (1, 0); END;');
    expect(skips('UPDATE t SET c = 1')).toBe(false);
    expect(skips('DELETE FROM t')).toBe(false);
    conn.closeSync();
  });
});

describe('an error after an unjournaled write', () => {
  afterEach(() => vi.restoreAllMocks());

  it('rolls back the whole transaction, leaving no half-written row', () => {
    const conn = Connection.openSync(new MemoryStorage(), 'fail.db');
    conn.exec("CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT); CREATE INDEX t_b ON t(b); INSERT INTO t VALUES (1, 'kept');");
    conn.exec("BEGIN; INSERT INTO t VALUES (2, 'in transaction');");
    const spy = vi.spyOn(IndexCursor.prototype, 'insert').mockImplementationOnce(() => {
      throw new Error('simulated failure after the table write');
    });
    expect(() => conn.exec("INSERT INTO t VALUES (3, 'half')")).toThrow('simulated failure');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(conn.autocommit).toBe(true);
    const rows = conn.prepare('SELECT a, b FROM t ORDER BY a')!.runSync();
    expect(rows).toEqual([[1, 'kept']]);
    const check = conn.prepare('PRAGMA integrity_check')!.runSync();
    expect(check).toEqual([['ok']]);
  });
});

describe('an unjournaled INSERT interleaved with another writer (async)', () => {
  it('fails alone when another statement wrote while it waited for I/O', async () => {
    const base = new MemoryStorage();
    const setup = Connection.openSync(base, 'mix.db');
    setup.exec('CREATE TABLE t(a UNIQUE); CREATE TABLE u(x); INSERT INTO t VALUES (1);');
    setup.closeSync();
    const conn = await Connection.open(new YieldingStorage(base), 'mix.db');
    const run = async (sql: string): Promise<unknown[][]> => {
      const stmt = (await conn.prepareAsync(sql))!;
      try {
        return await stmt.runAsync();
      } finally {
        stmt.finalize();
      }
    };
    await run('SELECT count(*) FROM sqlite_schema');
    await run('BEGIN');
    const dup = (await conn.prepareAsync('INSERT INTO t VALUES (1)'))!;
    // Started, and waiting for t's pages (cold cache).
    expect(dup.step()).toBe('io');
    await run('INSERT INTO u VALUES (5)');
    await expect(dup.stepAsync()).rejects.toThrow('UNIQUE constraint failed: t.a');
    dup.finalize();
    expect(conn.autocommit).toBe(false);
    expect(await run('SELECT x FROM u')).toEqual([[5]]);
    await run('COMMIT');
    expect(await run('SELECT x FROM u')).toEqual([[5]]);
    expect(await run('SELECT a FROM t')).toEqual([[1]]);
    await conn.close();
  });
});
