/**
 * Acceptance 4 (issue 3): every statement kind the engine supports, run over the synchronous
 * memory backend and over YieldingStorage (every storage call pends, so each step returns 'io'
 * and is resumed), gives what sql.js (SQLite 3.54) gives: the same rows with the same storage
 * classes, or the same error message. The script touches every statement kind listed in the
 * issue: DDL for tables, indexes, views and triggers; INSERT in all its forms and conflict
 * modes; UPDATE; DELETE; REPLACE; transactions; constraints; REINDEX. Changes counts of
 * INSERT/UPDATE/DELETE are compared too.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, oracleOutcomes } from '../../test/sql-oracle-kit.js';

const SCRIPT = [
  // Tables and constraints.
  `CREATE TABLE p(id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT UNIQUE, score REAL DEFAULT 1.5 CHECK (score >= 0), note DEFAULT 'n/a')`,
  `CREATE TABLE c(pid INT NOT NULL, k TEXT, v, PRIMARY KEY (pid, k))`,
  `CREATE TABLE log(id INTEGER PRIMARY KEY, what TEXT)`,
  `CREATE TABLE IF NOT EXISTS p(x)`,
  `CREATE TABLE p(x)`,
  // Indexes.
  `CREATE INDEX p_name ON p(name COLLATE NOCASE, score DESC)`,
  `CREATE UNIQUE INDEX c_v ON c(v)`,
  `CREATE INDEX IF NOT EXISTS p_name ON p(code)`,
  // Views and triggers.
  `CREATE VIEW pv AS SELECT p.name, count(c.k) AS kids FROM p LEFT JOIN c ON c.pid = p.id GROUP BY p.id`,
  `CREATE TRIGGER p_ins AFTER INSERT ON p BEGIN INSERT INTO log(what) VALUES ('ins ' || NEW.name); END`,
  `CREATE TRIGGER p_upd BEFORE UPDATE OF score ON p WHEN NEW.score > 100 BEGIN SELECT RAISE(ABORT, 'score too high'); END`,
  `CREATE TRIGGER p_del AFTER DELETE ON p FOR EACH ROW BEGIN DELETE FROM c WHERE pid = OLD.id; INSERT INTO log(what) VALUES ('del ' || OLD.name); END`,
  // INSERT forms.
  `INSERT INTO p(name, code, score) VALUES ('ann', 'A', 3), ('Bob', 'B', 0.5), ('cat', NULL, 7)`,
  `INSERT INTO p DEFAULT VALUES`,
  `INSERT INTO p(name) VALUES (NULL)`,
  `INSERT INTO p(name, code) VALUES ('dup', 'A')`,
  `INSERT INTO p(name, score) VALUES ('neg', -1)`,
  `INSERT INTO p(name, code) SELECT name || '2', code || '2' FROM p WHERE code IS NOT NULL`,
  `INSERT INTO c VALUES (1, 'x', 10), (1, 'y', 20), (2, 'x', 30), (3, 'z', NULL), (3, 'w', NULL)`,
  `INSERT INTO c VALUES (1, 'x', 99)`,
  `INSERT OR IGNORE INTO c VALUES (1, 'x', 99), (4, 'q', 40)`,
  `INSERT OR REPLACE INTO c VALUES (1, 'x', 11)`,
  `REPLACE INTO c VALUES (2, 'y', 10)`,
  `INSERT OR ABORT INTO c VALUES (5, 'a', 50), (5, 'a', 51)`,
  `INSERT OR FAIL INTO c VALUES (6, 'a', 60), (6, 'a', 61)`,
  `INSERT INTO p(id, name) VALUES (100, 'hundred')`,
  `INSERT INTO p(name) VALUES ('after')`,
  `SELECT * FROM p ORDER BY id`,
  `SELECT * FROM c ORDER BY pid, k`,
  `SELECT * FROM log ORDER BY id`,
  `SELECT * FROM pv ORDER BY name`,
  // UPDATE and DELETE.
  `UPDATE p SET score = score * 2 WHERE score < 5`,
  `UPDATE p SET score = 500 WHERE id = 1`,
  `UPDATE p SET code = 'B' WHERE id = 1`,
  `UPDATE OR IGNORE p SET code = 'B' WHERE id = 1`,
  `UPDATE OR REPLACE c SET v = 20 WHERE pid = 2 AND k = 'x'`,
  `UPDATE p SET name = NULL WHERE id = 2`,
  `DELETE FROM p WHERE id = 3`,
  `DELETE FROM c WHERE v IS NULL`,
  `SELECT * FROM p ORDER BY id`,
  `SELECT * FROM c ORDER BY pid, k`,
  `SELECT * FROM log ORDER BY id`,
  // Transactions.
  `BEGIN`,
  `INSERT INTO p(name) VALUES ('in txn')`,
  `SELECT count(*) FROM p`,
  `ROLLBACK`,
  `SELECT count(*) FROM p`,
  `BEGIN IMMEDIATE`,
  `INSERT INTO p(name) VALUES ('kept')`,
  `INSERT INTO p(name, code) VALUES ('bad', 'A')`,
  `COMMIT`,
  `COMMIT`,
  `SELECT name FROM p WHERE name IN ('kept', 'bad', 'in txn')`,
  `BEGIN`,
  `INSERT OR ROLLBACK INTO c VALUES (1, 'y', 0)`,
  `SELECT count(*) FROM c`,
  // REINDEX and drops.
  `REINDEX p_name`,
  `REINDEX p`,
  `SELECT name FROM p INDEXED BY p_name WHERE name > 'a' ORDER BY name COLLATE NOCASE`,
  `DROP TRIGGER p_del`,
  `DROP VIEW pv`,
  `DROP INDEX c_v`,
  `DROP TABLE c`,
  `DROP TABLE IF EXISTS c`,
  `DROP TABLE c`,
  `SELECT type, name, tbl_name FROM sqlite_schema ORDER BY name`,
];

for (const backend of BACKENDS) {
  describe(`every statement kind over ${backend} storage`, () => {
    it('matches sql.js statement by statement (rows, storage classes, errors, changes)', async () => {
      const expected = await oracleOutcomes(SCRIPT);
      expect(labelled(SCRIPT, await minnowOutcomes(SCRIPT, backend))).toEqual(labelled(SCRIPT, expected));
    });
  });
}
