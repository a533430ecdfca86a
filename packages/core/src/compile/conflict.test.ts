/**
 * Conflict resolution, CHECK constraints, UPSERT and RETURNING against sql.js: the same script
 * gives the same rows, errors and changes counts, over sync and yielding storage.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, openConnection, oracleOutcomes, run } from '../../test/sql-oracle-kit.js';
import { SqliteError } from '../errors.js';

const SCRIPTS: Record<string, string[]> = {
  replace: [
    'CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT UNIQUE, c INT)',
    'CREATE INDEX tc ON t(c)',
    "INSERT INTO t VALUES (1, 'x', 10), (2, 'y', 20), (3, 'z', 30)",
    "INSERT OR REPLACE INTO t VALUES (1, 'y', 11)",
    'SELECT * FROM t ORDER BY a',
    "REPLACE INTO t VALUES (5, 'z', 50)",
    "REPLACE INTO t(b, c) VALUES ('w', 60)",
    'SELECT * FROM t ORDER BY a',
    'SELECT c FROM t WHERE c > 0 ORDER BY c',
    "SELECT a FROM t WHERE b = 'z'",
    "INSERT OR IGNORE INTO t VALUES (1, 'q', 1), (7, 'q', 7)",
    'SELECT * FROM t ORDER BY a',
    "UPDATE OR IGNORE t SET b = 'q' WHERE a < 7",
    'SELECT * FROM t ORDER BY a',
    "UPDATE OR REPLACE t SET b = 'q' WHERE a = 1",
    'SELECT * FROM t ORDER BY a',
    'UPDATE OR REPLACE t SET a = 5 WHERE a = 1',
    'SELECT * FROM t ORDER BY a',
    "SELECT a FROM t WHERE c = 11",
  ],
  actions: [
    'CREATE TABLE u(a INT UNIQUE ON CONFLICT IGNORE, b INT NOT NULL ON CONFLICT REPLACE DEFAULT 9, c INT NOT NULL ON CONFLICT IGNORE)',
    'INSERT INTO u VALUES (1, NULL, 1), (1, 2, 2), (2, 3, NULL), (3, 4, 4)',
    'SELECT * FROM u ORDER BY a',
    'INSERT OR ABORT INTO u VALUES (1, 5, 5)',
    'UPDATE u SET a = 1 WHERE a = 3',
    'SELECT * FROM u ORDER BY a',
    'CREATE TABLE v(a INTEGER PRIMARY KEY ON CONFLICT REPLACE, b)',
    "INSERT INTO v VALUES (1, 'a'), (1, 'b')",
    'SELECT * FROM v',
    'CREATE TABLE w(a UNIQUE, b NOT NULL)',
    'INSERT INTO w VALUES (1, 1), (2, 2)',
    'INSERT OR FAIL INTO w VALUES (3, 3), (1, 4), (5, 5)',
    'SELECT * FROM w ORDER BY a',
    'INSERT OR ABORT INTO w VALUES (6, 6), (1, 4)',
    'SELECT * FROM w ORDER BY a',
    'BEGIN',
    'INSERT INTO w VALUES (10, 10)',
    'INSERT OR FAIL INTO w VALUES (11, 11), (2, 0)',
    'INSERT OR ROLLBACK INTO w VALUES (12, 12), (2, 0)',
    'COMMIT',
    'SELECT * FROM w ORDER BY a',
    'INSERT INTO w VALUES (20, NULL)',
    'INSERT OR ROLLBACK INTO w VALUES (21, NULL)',
    'INSERT OR REPLACE INTO w VALUES (22, NULL)',
    'SELECT * FROM w ORDER BY a',
  ],
  checks: [
    "CREATE TABLE c(a INT CHECK(typeof(a) = 'integer'), b CONSTRAINT bpos CHECK (b > 0), c, CHECK( c IS NULL OR c < a ), CONSTRAINT named CHECK(b < 100))",
    "INSERT INTO c VALUES ('5', 1, NULL)",
    'INSERT INTO c VALUES (1, 0, NULL)',
    "INSERT INTO c VALUES ('x', 1, NULL)",
    'INSERT INTO c VALUES (5, 1, 7)',
    'INSERT INTO c VALUES (5, 100, 1)',
    'INSERT INTO c VALUES (5, NULL, NULL)',
    'INSERT OR IGNORE INTO c VALUES (6, -1, NULL), (7, 2, NULL)',
    'INSERT OR REPLACE INTO c VALUES (8, -1, NULL)',
    'UPDATE c SET b = -b',
    'UPDATE OR IGNORE c SET b = b - 1',
    'SELECT * FROM c ORDER BY a',
  ],
  upsert: [
    'CREATE TABLE kv(k TEXT PRIMARY KEY, v INT, n INT DEFAULT 0, UNIQUE(v))',
    "INSERT INTO kv VALUES ('a', 1, 0), ('b', 2, 0)",
    "INSERT INTO kv VALUES ('a', 10, 0) ON CONFLICT(k) DO UPDATE SET v = excluded.v, n = n + 1",
    'SELECT * FROM kv ORDER BY k',
    "INSERT INTO kv VALUES ('a', 11, 0) ON CONFLICT DO NOTHING",
    "INSERT INTO kv VALUES ('c', 2, 0) ON CONFLICT(k) DO NOTHING",
    "INSERT INTO kv VALUES ('c', 2, 0) ON CONFLICT(v) DO UPDATE SET n = kv.n + 100 WHERE kv.n < 50",
    "INSERT INTO kv VALUES ('c', 2, 0) ON CONFLICT(v) DO UPDATE SET n = kv.n + 100 WHERE kv.n < 50",
    'SELECT * FROM kv ORDER BY k',
    "INSERT INTO kv VALUES ('b', 3, 0) ON CONFLICT(n) DO NOTHING",
    "INSERT INTO kv VALUES ('d', 4, 0), ('b', 5, 0) ON CONFLICT(k) DO UPDATE SET v = excluded.v * 10 RETURNING *",
    "INSERT INTO kv VALUES ('e', 10, 0) ON CONFLICT(k) DO UPDATE SET v = 1",
    'CREATE TABLE cnt(id INTEGER PRIMARY KEY, hits INT)',
    'INSERT INTO cnt VALUES (1, 1) ON CONFLICT(id) DO UPDATE SET hits = hits + 1',
    'INSERT INTO cnt VALUES (1, 1) ON CONFLICT(id) DO UPDATE SET hits = hits + 1',
    'INSERT INTO cnt VALUES (1, 1) ON CONFLICT(id) DO UPDATE SET hits = hits + 1 RETURNING id, hits',
    'SELECT * FROM cnt',
  ],
  notNullOnUpdate: [
    'CREATE TABLE n(a INT NOT NULL, b TEXT NOT NULL ON CONFLICT IGNORE DEFAULT \'d\')',
    "INSERT INTO n VALUES (1, 'x'), (2, 'y')",
    'UPDATE n SET a = NULL WHERE a = 1',
    'UPDATE n SET b = NULL WHERE a = 1',
    'UPDATE OR REPLACE n SET b = NULL WHERE a = 2',
    'UPDATE OR REPLACE n SET a = NULL WHERE a = 2',
    'SELECT * FROM n ORDER BY a',
  ],
  updateFrom: [
    'CREATE TABLE inv(id INTEGER PRIMARY KEY, item TEXT UNIQUE, qty INT)',
    'CREATE TABLE delta(item TEXT, d INT)',
    "INSERT INTO inv VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)",
    "INSERT INTO delta VALUES ('a', 1), ('c', 5), ('z', 9)",
    'UPDATE inv SET qty = qty + delta.d FROM delta WHERE delta.item = inv.item',
    'SELECT * FROM inv ORDER BY id',
    'UPDATE inv AS i SET qty = d.d * 100 FROM delta AS d WHERE d.item = i.item AND d.d > 1 RETURNING id, qty',
    "UPDATE inv SET item = 'b' FROM delta WHERE delta.item = inv.item",
    "UPDATE OR IGNORE inv SET item = 'b' FROM delta WHERE delta.item = inv.item",
    'SELECT * FROM inv ORDER BY id',
  ],
  returning: [
    'CREATE TABLE r(id INTEGER PRIMARY KEY, name TEXT, score REAL DEFAULT 1.5)',
    "INSERT INTO r(name) VALUES ('a'), ('b') RETURNING id, name, score * 2 AS double, typeof(score)",
    "INSERT INTO r VALUES (10, 'c', 3) RETURNING *",
    "UPDATE r SET score = score + 1 WHERE id > 1 RETURNING id, score",
    "DELETE FROM r WHERE name = 'a' RETURNING *, rowid",
    'SELECT * FROM r ORDER BY id',
    "DELETE FROM r RETURNING name || '!'",
    "INSERT INTO r(name) VALUES ('q') RETURNING (SELECT count(*) FROM r AS o WHERE o.id <= r.id), upper(name)",
    'CREATE TABLE ck(a, b CHECK (b > a))',
    'INSERT INTO ck VALUES (1, 2)',
    'INSERT INTO ck VALUES (3, 2)',
  ],
};

for (const backend of BACKENDS) {
  describe(`conflict resolution and constraints over ${backend} storage`, () => {
    for (const [name, script] of Object.entries(SCRIPTS)) {
      it(`${name}: same outcomes as SQLite`, async () => {
        const expected = await oracleOutcomes(script);
        const actual = await minnowOutcomes(script, backend);
        expect(labelled(script, actual)).toEqual(labelled(script, expected));
      });
    }
  });
}

describe('constraint error codes', () => {
  it('are the extended codes SQLite reports', async () => {
    const conn = await openConnection('memory');
    await run(conn, 'CREATE TABLE k(a INTEGER PRIMARY KEY, b UNIQUE, c NOT NULL, d CHECK (d > 0))', 'memory');
    await run(conn, "CREATE TRIGGER kt BEFORE DELETE ON k BEGIN SELECT RAISE(ABORT, 'keep it'); END", 'memory');
    await run(conn, 'INSERT INTO k VALUES (1, 1, 1, 1)', 'memory');
    const codeOf = async (sql: string): Promise<string> => {
      try {
        await run(conn, sql, 'memory');
        return 'none';
      } catch (e) {
        return (e as SqliteError).code;
      }
    };
    expect(await codeOf('INSERT INTO k VALUES (1, 2, 1, 1)')).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(await codeOf('INSERT INTO k VALUES (2, 1, 1, 1)')).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(await codeOf('INSERT INTO k VALUES (2, 2, NULL, 1)')).toBe('SQLITE_CONSTRAINT_NOTNULL');
    expect(await codeOf('INSERT INTO k VALUES (2, 2, 1, 0)')).toBe('SQLITE_CONSTRAINT_CHECK');
    expect(await codeOf('DELETE FROM k')).toBe('SQLITE_CONSTRAINT_TRIGGER');
    await conn.close();
  });
});

describe('UPDATE/DELETE with ORDER BY and LIMIT', () => {
  // Expected rows are sqlite3 3.40's (Debian builds it with SQLITE_ENABLE_UPDATE_DELETE_LIMIT;
  // sql.js does not, so it cannot be the oracle here).
  for (const backend of BACKENDS) {
    it(`picks the same rows as sqlite3 over ${backend} storage`, async () => {
      const conn = await openConnection(backend);
      const q = async (sql: string): Promise<unknown[]> => (await run(conn, sql, backend)).rows;
      await q('create table t(a, b)');
      await q("insert into t values(1,'x'),(3,'y'),(2,'z'),(5,'w')");
      expect((await run(conn, 'delete from t order by a desc limit 1', backend)).changes).toBe(1);
      expect(await q('select * from t')).toEqual([[1, 'x'], [3, 'y'], [2, 'z']]);
      await q("update t set b = b || '!' order by a limit 2 offset 1");
      expect(await q('select * from t')).toEqual([[1, 'x'], [3, 'y!'], [2, 'z!']]);
      expect((await run(conn, "update t set b = 'n' limit -1", backend)).changes).toBe(3);
      expect((await run(conn, 'delete from t limit 0', backend)).changes).toBe(0);
      expect(await q('select count(*) from t')).toEqual([[3]]);
      await conn.close();
    });
  }
});
