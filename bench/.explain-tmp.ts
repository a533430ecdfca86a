import { Database } from '@minnow/node/compat';
const db = new Database(':memory:');
db.exec('CREATE TABLE t(a INTEGER, b TEXT, c REAL); CREATE INDEX t_b ON t(b);');
db.exec(`CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, region TEXT);
  CREATE TABLE products(id INTEGER PRIMARY KEY, name TEXT, category TEXT, price REAL);
  CREATE TABLE orders(id INTEGER PRIMARY KEY, customer_id INTEGER, product_id INTEGER, qty INTEGER, day INTEGER);
  CREATE INDEX orders_customer ON orders(customer_id);
  CREATE INDEX orders_product ON orders(product_id);
  CREATE INDEX products_category ON products(category);`);
for (const sql of process.argv.slice(2)) {
  console.log('---', sql);
  for (const r of db.prepare('EXPLAIN ' + sql).all() as any[]) console.log(Object.values(r).join('\t'));
}
