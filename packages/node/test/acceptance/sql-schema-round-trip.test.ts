/**
 * Acceptance 3 (issue 3): files built by SQL stay interchangeable with SQLite.
 *
 * 1. One script (tables with every kind of constraint, indexes, a view, triggers, then DML that
 *    fires them) runs through Minnow into a file and through `sqlite3` into another. The Minnow
 *    file must pass `sqlite3`'s `PRAGMA integrity_check`, `sqlite3 .schema` must print the same
 *    text for both, and every table (including rows written by triggers) must hold the same rows.
 * 2. The `sqlite3`-built file, opened by Minnow, answers a set of queries (joins, the view,
 *    aggregates, subqueries, index seeks) exactly as `sqlite3` answers them on the same file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dirname, basename } from 'node:path';
import { Connection } from '@minnow/core';
import { Database } from '../../src/compat/index.js';
import { NodeSyncStorage } from '../../src/storage/node-sync-storage.js';
import { canonical, canonicalSql, sameCanonical, sqlite3Available, sqlite3Query, sqlite3Verdict } from '../support/sqlite3-oracle.js';

const hasSqlite3 = sqlite3Available();
const dir = mkdtempSync(join(tmpdir(), 'minnow-sql-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = [
  `CREATE TABLE customer (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  email TEXT UNIQUE,
  credit REAL DEFAULT 0.0 CHECK (credit >= 0),
  joined TEXT DEFAULT '2026-01-01'
)`,
  `CREATE TABLE product (sku TEXT PRIMARY KEY, title TEXT, price NUMERIC NOT NULL, tags)`,
  `CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customer(id),
  sku TEXT NOT NULL,
  qty INT DEFAULT 1,
  UNIQUE (customer_id, sku)
)`,
  `CREATE TABLE audit (seq INTEGER PRIMARY KEY, action TEXT, detail)`,
  `CREATE INDEX customer_name ON customer(name DESC)`,
  `CREATE UNIQUE INDEX product_title ON product(title COLLATE NOCASE)`,
  `CREATE INDEX orders_sku_qty ON orders(sku, qty)`,
  `CREATE VIEW order_totals AS
  SELECT c.name AS name, count(o.id) AS orders, sum(o.qty * p.price) AS total
  FROM customer c LEFT JOIN orders o ON o.customer_id = c.id LEFT JOIN product p ON p.sku = o.sku
  GROUP BY c.id`,
  `CREATE TRIGGER orders_insert AFTER INSERT ON orders BEGIN
  INSERT INTO audit(action, detail) VALUES ('insert', NEW.sku || ' x' || NEW.qty);
END`,
  `CREATE TRIGGER orders_qty BEFORE UPDATE OF qty ON orders WHEN NEW.qty > 100 BEGIN
  SELECT RAISE(ABORT, 'too many');
END`,
  `CREATE TRIGGER customer_delete AFTER DELETE ON customer FOR EACH ROW BEGIN
  DELETE FROM orders WHERE customer_id = OLD.id;
  INSERT INTO audit(action, detail) VALUES ('delete', OLD.name);
END`,
  `INSERT INTO customer(name, email, credit) VALUES ('Ada', 'ada@example.com', 12.5), ('bob', 'bob@example.com', 0), ('Cy', NULL, 1e3), ('dee', 'dee@example.com', 7)`,
  `INSERT INTO product VALUES ('A1', 'Anchor', 9.99, NULL), ('B2', 'buoy', '15', 'sea'), ('C3', 'Chart', 4, x'00ff10'), ('D4', 'Dinghy', 1200.5, 'boat')`,
  `INSERT INTO orders(customer_id, sku, qty) VALUES (1, 'A1', 2), (1, 'B2', 1), (2, 'C3', 10), (3, 'A1', 1), (3, 'D4', 1), (4, 'B2', 3)`,
  `UPDATE orders SET qty = qty + 1 WHERE sku = 'A1'`,
  `UPDATE customer SET credit = credit * 2 WHERE name = 'BOB' OR id = 3`,
  `DELETE FROM customer WHERE id = 4`,
  `INSERT INTO orders(customer_id, sku) SELECT id, 'C3' FROM customer WHERE id IN (1, 3)`,
];

/** Failing statements: each must fail in both engines and change nothing. */
const FAILING = [
  `INSERT INTO customer(name, email) VALUES ('Eve', 'ada@example.com')`,
  `INSERT INTO customer(name, credit) VALUES ('Fay', -1)`,
  `UPDATE orders SET qty = 500 WHERE id = 1`,
  `INSERT INTO orders(customer_id, sku) VALUES (1, 'A1')`,
];

const QUERIES = [
  `SELECT * FROM order_totals ORDER BY name`,
  `SELECT c.name, o.sku, o.qty, p.price FROM orders o JOIN customer c ON c.id = o.customer_id JOIN product p USING (sku) ORDER BY o.id`,
  `SELECT sku, count(*) AS n, sum(qty) AS q FROM orders GROUP BY sku HAVING count(*) > 1 ORDER BY sku`,
  `SELECT name FROM customer WHERE id IN (SELECT customer_id FROM orders WHERE qty > 1) ORDER BY name`,
  `SELECT title, typeof(price) AS t, price FROM product WHERE title = 'BUOY'`,
  `SELECT sku, qty FROM orders WHERE sku = 'A1' AND qty >= 2 ORDER BY qty`,
  `SELECT action, detail FROM audit ORDER BY seq`,
  `SELECT name, credit, typeof(credit) AS t, joined FROM customer ORDER BY name`,
  `SELECT (SELECT max(price) FROM product) AS top, (SELECT count(*) FROM audit) AS audits`,
  `SELECT name, seq FROM sqlite_sequence ORDER BY name`,
];

function sqlite3Exec(dbPath: string, sql: string): { ok: boolean; stderr: string } {
  const r = spawnSync('sqlite3', ['-batch', dbPath], { input: sql, encoding: 'utf8' });
  return { ok: r.status === 0 && r.stderr.trim() === '', stderr: r.stderr.trim() };
}

function sqlite3Schema(dbPath: string): string {
  const r = spawnSync('sqlite3', ['-batch', dbPath, '.schema'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout;
}

/** A query's rows from sqlite3 in canonical form, columns named as Minnow names them. */
function sqlite3Canonical(dbPath: string, query: string, columns: readonly string[]): string[][] {
  const quoted = columns.map((c) => canonicalSql(`"${c.replace(/"/g, '""')}"`));
  return sqlite3Query(dbPath, `WITH q AS (${query}) SELECT ${quoted.join(', ')} FROM q`);
}

/** Through the engine itself: the JS API maps REAL 2.0 to the number 2, losing the type. */
function minnowCanonical(conn: Connection, query: string): { columns: string[]; rows: string[][] } {
  const stmt = conn.prepare(query)!;
  try {
    const columns = [...stmt.columnNames()];
    const rows = stmt.runSync().map((r) => r.map((v) => canonical(v)));
    return { columns, rows };
  } finally {
    stmt.finalize();
  }
}

function expectSameRows(actual: string[][], expected: string[][], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(row.length, what).toBe(expected[i]!.length);
    row.forEach((v, j) => expect(sameCanonical(v, expected[i]![j]!), `${what} row ${i} col ${j}: ${v} vs ${expected[i]![j]}`).toBe(true));
  });
}

describe.skipIf(!hasSqlite3)('SQL-built databases are interchangeable with sqlite3', () => {
  it('a Minnow-built file passes integrity_check, has the same .schema and the same rows', () => {
    const minnowPath = join(dir, 'minnow.db');
    const sqlitePath = join(dir, 'sqlite.db');
    const db = new Database(minnowPath);
    for (const sql of SCRIPT) db.exec(sql);
    for (const sql of FAILING) expect(() => db.exec(sql), sql).toThrow();
    db.close();
    expect(sqlite3Exec(sqlitePath, SCRIPT.join(';\n') + ';\n').ok).toBe(true);
    for (const sql of FAILING) expect(sqlite3Exec(sqlitePath, sql + ';').ok, sql).toBe(false);

    expect(sqlite3Verdict(minnowPath)).toEqual({ ok: true });
    expect(sqlite3Schema(minnowPath)).toBe(sqlite3Schema(sqlitePath));
    const tables = sqlite3Query(sqlitePath, "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name").map((r) => r[0]!);
    expect(tables).toContain('audit');
    expect(tables).toContain('sqlite_sequence');
    for (const table of tables) {
      const cols = sqlite3Query(sqlitePath, `SELECT name FROM pragma_table_info('${table}')`).map((r) => r[0]!);
      const query = `SELECT * FROM "${table}" ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`;
      expectSameRows(sqlite3Canonical(minnowPath, query, cols), sqlite3Canonical(sqlitePath, query, cols), table);
    }
  });

  it('a sqlite3-built file answers queries in Minnow as it does in sqlite3', () => {
    const path = join(dir, 'built-by-sqlite3.db');
    expect(sqlite3Exec(path, SCRIPT.join(';\n') + ';\n').ok).toBe(true);
    const conn = Connection.openSync(new NodeSyncStorage(dirname(path)), basename(path));
    try {
      for (const query of QUERIES) {
        const { columns, rows } = minnowCanonical(conn, query);
        expectSameRows(rows, sqlite3Canonical(path, query, columns), query);
      }
      expect(minnowCanonical(conn, 'PRAGMA integrity_check').rows).toEqual([[canonical('ok')]]);
    } finally {
      conn.closeSync();
    }
    expect(sqlite3Verdict(path)).toEqual({ ok: true });
  });
});
