/**
 * The planner's choices, read through EXPLAIN QUERY PLAN and compared with SQLite's own plan
 * (sql.js) for queries where both should pick the same loops: rowid lookups and ranges,
 * index equality prefixes with a range, IN lists, join order driven by the cheapest access,
 * automatic indexes for unindexed join columns, and the benchmark's three-table join.
 * SQLite's COVERING and BLOOM FILTER details are dropped (Minnow has neither yet).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs, type SqlJsStatic } from '../../test/slt/adapters/sqljs.js';
import { Connection } from '../engine/connection.js';
import { MemoryStorage } from '../io/memory-storage.js';

const SCHEMA = [
  'CREATE TABLE t1(a INTEGER PRIMARY KEY, b INTEGER, c INTEGER, d TEXT)',
  'CREATE INDEX i1 ON t1(b, c)',
  'CREATE TABLE t2(x INTEGER, y INTEGER, z TEXT)',
  'CREATE TABLE t3(p INTEGER PRIMARY KEY, q INTEGER, r TEXT)',
  'CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, region TEXT)',
  'CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT, category TEXT, price REAL)',
  'CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER, product_id INTEGER, qty INTEGER, day INTEGER)',
  'CREATE INDEX orders_customer ON orders(customer_id)',
  'CREATE INDEX orders_product ON orders(product_id)',
  'CREATE INDEX products_category ON products(category)',
];

const SAME_AS_SQLITE = [
  'SELECT * FROM t1 WHERE a = 5',
  'SELECT * FROM t1 WHERE a > 5 AND a < 10',
  'SELECT * FROM t1 WHERE a IN (1, 2)',
  'SELECT * FROM t1 WHERE b = 1 AND c > 2',
  'SELECT * FROM t1 WHERE c < 3 AND b = 2',
  'SELECT * FROM t1 WHERE b IN (1, 2) AND c BETWEEN 1 AND 3',
  'SELECT * FROM t1 WHERE b = 1 AND c = 2',
  'SELECT * FROM t1 WHERE c = 2',
  'SELECT * FROM t1 AS q WHERE q.b = 7',
  'SELECT * FROM t2, t1 WHERE t1.a = t2.x',
  'SELECT * FROM t3, t2, t1 WHERE t1.a = 3 AND t2.x = t1.b AND t3.p = t2.y',
  'SELECT * FROM t1, t2 WHERE t2.y = t1.c',
  'SELECT * FROM t1 ORDER BY b, c',
  'SELECT * FROM t1 WHERE b = 1 ORDER BY c DESC',
  'SELECT * FROM t1 WHERE a > 10 ORDER BY a DESC LIMIT 3',
  `SELECT c.region, count(*), sum(o.qty * p.price) FROM orders o JOIN customers c ON c.id = o.customer_id
   JOIN products p ON p.id = o.product_id WHERE p.category = ? AND o.day BETWEEN 90 AND 269 GROUP BY c.region`,
];

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

function sqlitePlan(db: InstanceType<SqlJsStatic['Database']>, sql: string): string[] {
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const details: string[] = [];
  while (stmt.step()) details.push(String(stmt.get(null, { useBigInt: false })[3]));
  stmt.free();
  return details
    .filter((d) => !d.startsWith('BLOOM FILTER') && !d.startsWith('USE TEMP B-TREE'))
    .map((d) => d.replace('COVERING INDEX', 'INDEX'));
}

function minnowPlan(conn: Connection, sql: string): string[] {
  return conn.prepare(`EXPLAIN QUERY PLAN ${sql}`)!.runSync().map((r) => String(r[3]));
}

describe('planner (EXPLAIN QUERY PLAN)', () => {
  it('chooses the loops SQLite chooses', () => {
    const conn = Connection.openSync(new MemoryStorage(), 'plan.db');
    const db = new SQL.Database();
    for (const s of SCHEMA) {
      conn.prepare(s)!.runSync();
      db.run(s);
    }
    for (const q of SAME_AS_SQLITE) expect(minnowPlan(conn, q), q).toEqual(sqlitePlan(db, q));
    db.close();
  });

  it('lets the loop order stand for ORDER BY (no sorter) when it matches', () => {
    const conn = Connection.openSync(new MemoryStorage(), 'plan.db');
    for (const s of SCHEMA) conn.prepare(s)!.runSync();
    const sorts = (sql: string): boolean => conn.prepare(`EXPLAIN ${sql}`)!.runSync().some((r) => r[1] === 'SorterOpen');
    expect(sorts('SELECT * FROM t1 ORDER BY b, c')).toBe(false);
    expect(sorts('SELECT * FROM t1 ORDER BY b DESC, c DESC, a DESC')).toBe(false);
    expect(sorts('SELECT * FROM t1 WHERE b = 1 ORDER BY c DESC')).toBe(false);
    expect(sorts('SELECT * FROM t1 WHERE a BETWEEN 2 AND 9 ORDER BY a DESC')).toBe(false);
    expect(sorts('SELECT * FROM t1, t2 WHERE t1.a = 3 ORDER BY t1.a')).toBe(false);
    // Mixed directions, another collation, a non-leading column, NULLS LAST: sorted.
    expect(sorts('SELECT * FROM t1 ORDER BY b, c DESC')).toBe(true);
    expect(sorts('SELECT * FROM t1 ORDER BY b COLLATE NOCASE')).toBe(true);
    expect(sorts('SELECT * FROM t1 ORDER BY c')).toBe(true);
    expect(sorts('SELECT * FROM t1 ORDER BY b NULLS LAST')).toBe(true);
    expect(sorts('SELECT * FROM t1 WHERE b IN (1, 2) ORDER BY c')).toBe(true);
  });

  it('filters an inner table once when it has only its own terms', () => {
    const conn = Connection.openSync(new MemoryStorage(), 'plan.db');
    for (const s of SCHEMA) conn.prepare(s)!.runSync();
    expect(minnowPlan(conn, "SELECT * FROM t2, t3 WHERE t2.z = 'a' AND t3.r IN ('x', 'y')")).toEqual([
      'SCAN t2',
      'SCAN t3 USING AUTOMATIC ROWID LIST',
    ]);
    // No automatic index while the statement writes (the table may change under it).
    expect(minnowPlan(conn, 'DELETE FROM t2 WHERE x IN (SELECT q FROM t3, t1 WHERE t1.c = t3.q)')).toEqual(['SCAN t2', 'SCAN t3', 'SCAN t1']);
    // A LEFT JOIN keeps its order and is narrowed by its ON terms only.
    expect(minnowPlan(conn, 'SELECT * FROM t2 LEFT JOIN t1 ON t1.a = t2.x WHERE t1.b = 3')).toEqual([
      'SCAN t2',
      'SEARCH t1 USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN',
    ]);
  });
});
