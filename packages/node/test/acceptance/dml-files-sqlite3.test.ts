/**
 * Files built by Minnow's DDL/DML features (triggers, ALTER TABLE, AUTOINCREMENT, CREATE TABLE
 * AS SELECT, REPLACE/UPSERT, savepoints, PRAGMA user_version) stay valid for `sqlite3`: its
 * integrity_check prints "ok", its `.schema` shows the same statements sql.js would store, and
 * it reads back the rows Minnow wrote, and its triggers still work on the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/compat/database.js';
import { sqlite3Available, sqlite3Query, sqlite3Verdict } from '../support/sqlite3-oracle.js';

const hasSqlite3 = sqlite3Available();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const SCRIPT = `
  CREATE TABLE item(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, qty INT CHECK (qty >= 0), note);
  CREATE INDEX item_qty ON item(qty);
  CREATE TABLE log(at INTEGER PRIMARY KEY, what TEXT);
  CREATE TRIGGER item_ins AFTER INSERT ON item BEGIN INSERT INTO log(what) VALUES ('ins ' || new.name); END;
  CREATE TRIGGER item_upd AFTER UPDATE OF qty ON item WHEN new.qty > old.qty BEGIN INSERT INTO log(what) VALUES ('up ' || new.name); END;
  INSERT INTO item(name, qty) VALUES ('apple', 3), ('pear', 5), ('plum', 0);
  INSERT OR REPLACE INTO item(id, name, qty) VALUES (2, 'pear', 7);
  INSERT INTO item(name, qty) VALUES ('apple', 1) ON CONFLICT(name) DO UPDATE SET qty = qty + excluded.qty;
  REPLACE INTO item(name, qty) VALUES ('plum', 2);
  SAVEPOINT s1;
  DELETE FROM item WHERE name = 'pear';
  ROLLBACK TO s1;
  RELEASE s1;
  ALTER TABLE item ADD COLUMN origin TEXT DEFAULT 'local';
  ALTER TABLE item RENAME COLUMN note TO remark;
  ALTER TABLE log RENAME TO history;
  CREATE TABLE summary AS SELECT name, qty * 2 AS double_qty FROM item;
  ALTER TABLE summary DROP COLUMN double_qty;
  PRAGMA user_version = 42;
  CREATE TABLE gen(a INT, b AS (a * 2) STORED, c TEXT);
  INSERT INTO gen(a, c) VALUES (21, 'x');
  UPDATE gen SET a = a + 1;
  CREATE UNIQUE INDEX gen_lower ON gen(lower(c)) WHERE a > 0;
`;

describe.skipIf(!hasSqlite3)('files written by DDL/DML features', () => {
  it('pass sqlite3 integrity_check and read back the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minnow-dml-'));
    dirs.push(dir);
    const path = join(dir, 'dml.db');
    const db = new Database(path);
    db.exec(SCRIPT);
    const items = db.prepare('SELECT id, name, qty, remark, origin FROM item ORDER BY id').raw().all() as unknown[][];
    const history = db.prepare('SELECT at, what FROM history ORDER BY at').raw().all() as unknown[][];
    db.close();

    expect(sqlite3Verdict(path)).toEqual({ ok: true });
    const rows = sqlite3Query(path, 'SELECT id, name, qty, quote(remark), origin FROM item ORDER BY id');
    expect(rows).toEqual(items.map((r) => [String(r[0]), r[1], String(r[2]), r[3] === null ? 'NULL' : `'${String(r[3])}'`, r[4]]));
    expect(sqlite3Query(path, 'SELECT at, what FROM history ORDER BY at')).toEqual(history.map((r) => [String(r[0]), r[1]]));
    expect(sqlite3Query(path, 'SELECT name, seq FROM sqlite_sequence')).toEqual([['item', String(Math.max(...items.map((r) => Number(r[0]))))]]);
    expect(sqlite3Query(path, 'PRAGMA user_version')).toEqual([['42']]);
    expect(sqlite3Query(path, 'SELECT a, b FROM gen')).toEqual([['22', '44']]);
    expect(sqlite3Query(path, "SELECT sql FROM sqlite_schema WHERE name = 'summary'")).toEqual([['CREATE TABLE summary(name TEXT)']]);
    expect(sqlite3Query(path, "SELECT type, name, tbl_name, rootpage FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")).toEqual([
      ['trigger', 'item_ins', 'item', '0'],
      ['trigger', 'item_upd', 'item', '0'],
    ]);
    // SQLite runs Minnow's triggers, AUTOINCREMENT and constraints on the file.
    sqlite3Query(path, "INSERT INTO item(name, qty) VALUES ('fig', 1); UPDATE item SET qty = 9 WHERE name = 'fig';");
    expect(sqlite3Query(path, "SELECT what FROM history WHERE what LIKE '%fig'")).toEqual([['ins fig'], ['up fig']]);
    expect(() => sqlite3Query(path, "INSERT INTO item(name, qty) VALUES ('bad', -1)")).toThrow(/CHECK constraint failed/);
    expect(sqlite3Verdict(path)).toEqual({ ok: true });

    // And Minnow reads SQLite's changes back.
    const again = new Database(path);
    expect(again.prepare("SELECT qty FROM item WHERE name = 'fig'").raw().all()).toEqual([[9]]);
    expect(again.prepare('PRAGMA integrity_check').raw().all()).toEqual([['ok']]);
    again.close();
  });
});
