/**
 * Workload 6: a three-table join with a filter and an aggregate, over in-memory
 * customers (5,000) / products (1,000) / orders (50,000) with indexes on the join keys
 * (customers.id and products.id are rowids; orders has an index on each foreign key) and on
 * the filtered products.category.
 *
 * SQLite's plan: products by the category index, orders through orders_product, customers by
 * rowid, then a temp b-tree for the GROUP BY, i.e. an index nested-loop join. One run executes
 * the prepared query once per product category (10 executions), reaching every order.
 */
import type { BenchConnection, BenchStatement, Row, SqlParam } from '../engines/engine-api.js';
import { randomText, SeededRandom } from './data-gen.js';
import { scaled, type Workload, type WorkloadEnv } from './workload-api.js';

const CUSTOMER_COUNT = 5_000;
const PRODUCT_COUNT = 1_000;
const ORDER_COUNT = 50_000;
const REGIONS = ['north', 'south', 'east', 'west', 'central', 'coastal', 'mountain', 'islands'];
const CATEGORIES = ['books', 'games', 'garden', 'kitchen', 'music', 'office', 'outdoor', 'pets', 'tools', 'toys'];
const DAYS_PER_YEAR = 365;
const MAX_QTY = 10;
const MAX_PRICE_CENTS = 20_000;
const DATA_SEED = 6;
const NAME_LENGTH_CHARS = 12;

const SCHEMA_SQL = `
  CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, region TEXT);
  CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT, category TEXT, price REAL);
  CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER, product_id INTEGER, qty INTEGER, day INTEGER);
  CREATE INDEX orders_customer ON orders(customer_id);
  CREATE INDEX orders_product ON orders(product_id);
  CREATE INDEX products_category ON products(category);
`;

export const JOIN_SQL = `
  SELECT c.region, count(*) AS orders, sum(o.qty * p.price) AS revenue
  FROM orders o
  JOIN customers c ON c.id = o.customer_id
  JOIN products p ON p.id = o.product_id
  WHERE p.category = ? AND o.day BETWEEN 90 AND 269
  GROUP BY c.region
  ORDER BY c.region`;

function insertAll(conn: BenchConnection, sql: string, rows: readonly (readonly SqlParam[])[]): void {
  const stmt = conn.prepare(sql);
  for (const row of rows) stmt.run(row);
  stmt.free();
}

function fillJoinTables(conn: BenchConnection, env: WorkloadEnv): void {
  const rng = new SeededRandom(DATA_SEED);
  const customers = scaled(CUSTOMER_COUNT, env);
  const products = scaled(PRODUCT_COUNT, env);
  conn.exec(SCHEMA_SQL);
  conn.exec('BEGIN');
  const customerRows: SqlParam[][] = [];
  for (let id = 1; id <= customers; id++) {
    customerRows.push([id, randomText(rng, NAME_LENGTH_CHARS), REGIONS[rng.int(REGIONS.length)] ?? null]);
  }
  insertAll(conn, 'INSERT INTO customers(id, name, region) VALUES (?, ?, ?)', customerRows);
  const productRows: SqlParam[][] = [];
  for (let id = 1; id <= products; id++) {
    const price = (1 + rng.int(MAX_PRICE_CENTS)) / 100 + 0.001;
    productRows.push([id, randomText(rng, NAME_LENGTH_CHARS), CATEGORIES[id % CATEGORIES.length] ?? null, price]);
  }
  insertAll(conn, 'INSERT INTO products(id, name, category, price) VALUES (?, ?, ?, ?)', productRows);
  const orderRows: SqlParam[][] = [];
  for (let id = 1; id <= scaled(ORDER_COUNT, env); id++) {
    orderRows.push([id, 1 + rng.int(customers), 1 + rng.int(products), 1 + rng.int(MAX_QTY), rng.int(DAYS_PER_YEAR)]);
  }
  insertAll(conn, 'INSERT INTO orders(id, customer_id, product_id, qty, day) VALUES (?, ?, ?, ?, ?)', orderRows);
  conn.exec('COMMIT');
}

export const threeTableJoinWorkload: Workload = {
  id: 6,
  title: '3-table join + GROUP BY',
  target: 'memory',
  description:
    'orders (50,000) joined to customers (5,000) and products (1,000) on indexed keys, ' +
    'filtered by product category (indexed) and a day range, grouped by customer region with ' +
    'count and sum(qty * price); executed once for each of the 10 categories per run.',
  setup(engine, env) {
    const conn: BenchConnection = engine.open({ kind: 'memory' });
    fillJoinTables(conn, env);
    const query: BenchStatement = conn.prepare(JOIN_SQL);
    return {
      storage: () => conn.storage,
      run(): Row[][] {
        return CATEGORIES.map((category) => query.all([category]));
      },
      dispose() {
        query.free();
        conn.close();
      },
    };
  },
};
