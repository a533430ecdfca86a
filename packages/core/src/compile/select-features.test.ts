/**
 * SELECT features checked against sql.js: compound operators, subqueries in FROM, CTEs
 * (recursive too), views, NATURAL/USING/RIGHT/FULL joins, NULLS FIRST/LAST, GROUP BY aliases.
 * Every statement must give the same rows (storage classes included), the same column names,
 * or the same error text. Runs over memory and over yielding (async) storage.
 */
import { describe, expect, it } from 'vitest';
import { Oracle } from '../../test/sql-oracle.js';

const SETUP = [
  'CREATE TABLE t1(a INTEGER, b TEXT, c REAL)',
  "INSERT INTO t1 VALUES (1, 'x', 1.5), (2, 'y', NULL), (3, 'x', 3.0), (2, 'z', 2.5), (NULL, 'w', 0.5)",
  'CREATE TABLE t2(a INT, d TEXT COLLATE NOCASE)',
  "INSERT INTO t2 VALUES (2, 'b'), (3, 'A'), (4, 'a'), (NULL, 'c')",
  'CREATE TABLE t3(b TEXT, e INT)',
  "INSERT INTO t3 VALUES ('x', 10), ('q', 20), ('z', 30)",
];

const COMPOUND = [
  'SELECT a FROM t1 INTERSECT SELECT a FROM t2',
  'SELECT a FROM t1 EXCEPT SELECT a FROM t2',
  'SELECT a FROM t2 EXCEPT SELECT a FROM t1 ORDER BY 1 DESC',
  'SELECT a FROM t1 UNION SELECT a FROM t2 EXCEPT SELECT 3 ORDER BY a',
  'SELECT a FROM t1 UNION ALL SELECT a FROM t2 INTERSECT SELECT a FROM t1',
  'SELECT a FROM t1 INTERSECT SELECT a FROM t2 UNION ALL SELECT 9',
  'SELECT a, b FROM t1 UNION SELECT a, d FROM t2 ORDER BY 2, 1',
  'SELECT a AS k FROM t1 UNION SELECT a FROM t2 ORDER BY k DESC LIMIT 3',
  'SELECT a FROM t1 UNION SELECT a FROM t2 ORDER BY a LIMIT 2 OFFSET 1',
  'SELECT a, b FROM t1 UNION SELECT a FROM t2',
  'SELECT a FROM t1 INTERSECT SELECT a, d FROM t2',
  'SELECT a FROM t1 EXCEPT SELECT a FROM t2 ORDER BY 2',
  'SELECT a FROM t1 UNION SELECT a FROM t2 ORDER BY zz',
  'SELECT d FROM t2 UNION SELECT b FROM t1 ORDER BY 1',
  "SELECT d FROM t2 INTERSECT SELECT 'A'",
  "SELECT 'a' UNION SELECT d FROM t2",
  "SELECT d FROM t2 UNION SELECT 'x'",
  "SELECT d FROM t2 UNION SELECT 'B' UNION SELECT 'C'",
  'SELECT 2 UNION SELECT 2.0',
  'SELECT 2.0 UNION SELECT 2 UNION ALL SELECT 2',
  "SELECT d FROM t2 EXCEPT SELECT 'b'",
  'SELECT a FROM t1 UNION ALL SELECT a FROM t2 ORDER BY a NULLS LAST',
  'VALUES (1), (2), (1) EXCEPT VALUES (2)',
  'SELECT a FROM t1 WHERE a IN (SELECT a FROM t2 INTERSECT SELECT 3)',
  'SELECT (SELECT a FROM t2 EXCEPT SELECT 2 ORDER BY 1 LIMIT 1)',
];

const FROM_SUBQUERIES = [
  'SELECT * FROM (SELECT a, b FROM t1 WHERE a > 1) AS s ORDER BY a, b',
  'SELECT s.b, count(*) FROM (SELECT b FROM t1) s GROUP BY s.b ORDER BY 1',
  'SELECT * FROM t2, (SELECT a AS x FROM t1 WHERE a IS NOT NULL) WHERE x = t2.a ORDER BY 1, 3',
  'SELECT * FROM (SELECT a, a FROM t1) ORDER BY 1',
  'SELECT x FROM (SELECT a + 1 AS x FROM t1 ORDER BY a DESC LIMIT 2)',
  'SELECT a, (SELECT max(y) FROM (SELECT e AS y FROM t3 WHERE t3.b = t1.b)) FROM t1 ORDER BY 1, 2',
  'SELECT * FROM t2 LEFT JOIN (SELECT a, b FROM t1) s ON s.a = t2.a ORDER BY 1, 2, 3, 4',
  'SELECT * FROM (SELECT 1 AS p UNION ALL SELECT 2) JOIN (SELECT 10 AS q UNION SELECT 20) ORDER BY 1, 2',
  'SELECT rowid FROM (SELECT 1)',
  'SELECT count(*) FROM (SELECT DISTINCT b FROM t1)',
  'SELECT * FROM (t1 JOIN t3 USING (b)) ORDER BY 1',
  "SELECT * FROM (SELECT b FROM t1) WHERE b = 'x'",
  'SELECT * FROM (SELECT a FROM t1 UNION SELECT a FROM t2) ORDER BY 1',
  'SELECT b, n FROM (SELECT b, count(*) AS n FROM t1 GROUP BY b) WHERE n > 1',
  'SELECT * FROM (SELECT * FROM (SELECT a + 1 AS z FROM t2) WHERE z > 3)',
  'SELECT t1.a, s.m FROM t1 JOIN (SELECT max(e) AS m, b FROM t3 GROUP BY b) s ON s.b = t1.b ORDER BY 1',
  'SELECT a FROM t1 WHERE a IN (SELECT x FROM (SELECT a AS x FROM t2))',
  'SELECT a FROM t1 WHERE EXISTS (SELECT 1 FROM (SELECT a AS x FROM t2) WHERE x = t1.a) ORDER BY 1',
  'SELECT s.d FROM (SELECT d FROM t2) s WHERE s.d = \'A\'',
  'SELECT * FROM (SELECT 1 AS one) LEFT JOIN t2 ON t2.a = one',
  'SELECT typeof(x), x FROM (SELECT c AS x FROM t1 ORDER BY c LIMIT 3)',
  'SELECT * FROM (VALUES (1, 2), (3, 4)) AS v ORDER BY 1',
  "SELECT * FROM (SELECT a FROM t1 UNION SELECT b FROM t1) WHERE a = '2'",
  "SELECT * FROM (SELECT a FROM t1 UNION ALL SELECT c FROM t1) WHERE a = '2'",
  "SELECT * FROM (SELECT a FROM t1 UNION ALL SELECT '2') WHERE a = 2",
  "SELECT * FROM (SELECT a FROM t1 UNION ALL SELECT 7) WHERE a = '7'",
  "SELECT * FROM (SELECT b FROM t3 UNION ALL SELECT b || 'x' FROM t3) WHERE b = 'x'",
];

const CTES = [
  'WITH c AS (SELECT a FROM t1 WHERE a > 1) SELECT * FROM c ORDER BY 1',
  'WITH c(x, y) AS (SELECT a, b FROM t1) SELECT y, x FROM c WHERE x < 3 ORDER BY 1, 2',
  'WITH c(x) AS (SELECT 1, 2) SELECT * FROM c',
  'WITH c AS (SELECT 1 AS n), d AS (SELECT n + 1 AS m FROM c) SELECT * FROM c, d',
  'WITH c AS MATERIALIZED (SELECT 5 AS v) SELECT v * 2 FROM c',
  'WITH c AS NOT MATERIALIZED (SELECT 5 AS v) SELECT v * 2 FROM c',
  'WITH RECURSIVE cnt(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM cnt WHERE x < 10) SELECT x FROM cnt',
  'WITH RECURSIVE cnt(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM cnt) SELECT x FROM cnt LIMIT 5',
  'WITH RECURSIVE cnt(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM cnt LIMIT 7) SELECT sum(x) FROM cnt',
  'WITH RECURSIVE cnt(x) AS (SELECT 1 UNION SELECT x % 3 + 1 FROM cnt) SELECT x FROM cnt',
  'WITH RECURSIVE f(n, v) AS (SELECT 1, 1 UNION ALL SELECT n + 1, v * (n + 1) FROM f WHERE n < 10) SELECT * FROM f ORDER BY n DESC LIMIT 3',
  'WITH RECURSIVE q(x) AS (SELECT 5 UNION ALL SELECT x - 1 FROM q WHERE x > 0 ORDER BY 1) SELECT * FROM q',
  'WITH RECURSIVE c(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM c WHERE x < 3) SELECT t1.a, c.x FROM t1, c WHERE t1.a = c.x ORDER BY 1',
  'WITH c AS (SELECT 1 AS a), c AS (SELECT 2 AS a) SELECT * FROM c',
  'SELECT (WITH c AS (SELECT a FROM t2 WHERE a > t1.a) SELECT count(*) FROM c) FROM t1 ORDER BY 1',
  'WITH t1 AS (SELECT 42 AS z) SELECT * FROM t1',
  'WITH c AS (SELECT * FROM c) SELECT * FROM c',
  'WITH c AS (SELECT a FROM t2) SELECT a FROM t1 WHERE a IN c ORDER BY 1',
  'WITH c AS (SELECT a FROM t2) SELECT a FROM t1 WHERE a IN (SELECT a FROM c) ORDER BY 1',
  'WITH c AS (SELECT a FROM t2) SELECT (SELECT count(*) FROM c), (SELECT max(a) FROM c)',
  'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 50) SELECT count(*), sum(n) FROM r',
  'WITH RECURSIVE tree(id, depth) AS (SELECT 1, 0 UNION ALL SELECT id * 2 + k, depth + 1 FROM tree, (SELECT 0 AS k UNION ALL SELECT 1) WHERE depth < 3) SELECT count(*), max(id) FROM tree',
  'CREATE TABLE cte_t(v)',
  'INSERT INTO cte_t WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < 5) SELECT x FROM g',
  'INSERT INTO cte_t WITH q(y) AS (SELECT 100) SELECT y FROM q',
  'SELECT v FROM cte_t ORDER BY v',
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c, c AS d WHERE x<3) SELECT * FROM c',
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT count(*) FROM c) SELECT * FROM c',
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3), d(y) AS (SELECT x * 10 FROM c) SELECT * FROM d',
];

const VIEWS = [
  'CREATE VIEW v1 AS SELECT a, b FROM t1 WHERE a IS NOT NULL',
  'CREATE VIEW v2(x, y) AS SELECT a, d FROM t2',
  'CREATE VIEW IF NOT EXISTS v1 AS SELECT 1',
  'CREATE VIEW v1 AS SELECT 1',
  'CREATE VIEW t1 AS SELECT 1',
  'CREATE VIEW v3(x) AS SELECT a, b FROM t1',
  'CREATE VIEW vbad AS SELECT * FROM nosuch',
  'SELECT * FROM v1 ORDER BY a, b',
  'SELECT * FROM v2 ORDER BY x',
  'SELECT * FROM v3',
  'SELECT * FROM vbad',
  'SELECT v1.b, v2.y FROM v1 JOIN v2 ON v1.a = v2.x ORDER BY 1',
  'SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY name',
  'INSERT INTO v1 VALUES (1, 2)',
  'UPDATE v1 SET a = 1',
  'DELETE FROM v1',
  'DROP TABLE v1',
  'DROP VIEW t1',
  'CREATE INDEX iv ON v1(a)',
  'CREATE TABLE v1(q)',
  'SELECT rowid FROM v1',
  'CREATE VIEW c1 AS SELECT * FROM c2',
  'CREATE VIEW c2 AS SELECT * FROM c1',
  'SELECT * FROM c1',
  'CREATE VIEW vw AS WITH q AS (SELECT a FROM t2) SELECT count(*) AS n FROM q',
  'SELECT * FROM vw, v2 WHERE v2.x = vw.n',
  'CREATE TEMP VIEW tv AS SELECT a FROM t2 WHERE a > 2',
  'SELECT * FROM tv ORDER BY 1',
  'CREATE TEMPORARY VIEW tv AS SELECT 1',
  'CREATE TEMP VIEW IF NOT EXISTS tv AS SELECT 1',
  'SELECT count(*) FROM sqlite_schema WHERE name = \'tv\'',
  'SELECT * FROM tv JOIN v1 ON v1.a = tv.a',
  'INSERT INTO tv VALUES (1)',
  'DROP VIEW tv',
  'SELECT * FROM tv',
  'DROP VIEW v1',
  'DROP VIEW v1',
  'DROP VIEW IF EXISTS v1',
  'SELECT * FROM v1',
  'SELECT name FROM sqlite_schema ORDER BY name',
];

const JOINS = [
  'SELECT * FROM t1 NATURAL JOIN t3 ORDER BY 1',
  'SELECT * FROM t1 JOIN t3 USING (b) ORDER BY 1',
  'SELECT b, t1.b, t3.b FROM t1 JOIN t3 USING (b) ORDER BY 2',
  'SELECT t3.*, t1.* FROM t1 JOIN t3 USING (b) ORDER BY 1',
  'SELECT * FROM t1 LEFT JOIN t3 USING (b) ORDER BY 1, 2',
  'SELECT * FROM t1 NATURAL LEFT JOIN t3 ORDER BY 1, 2',
  'SELECT * FROM t1 JOIN t3 USING (zz)',
  'SELECT * FROM t1 NATURAL JOIN t3 ON 1',
  'SELECT * FROM t1 RIGHT JOIN t3 ON t1.b = t3.b ORDER BY 1, 2, 5',
  'SELECT * FROM t1 FULL JOIN t3 ON t1.b = t3.b ORDER BY 1, 2, 5',
  'SELECT * FROM t1 FULL OUTER JOIN t3 ON t1.b = t3.b WHERE t3.e > 10 OR t1.a IS NULL ORDER BY 1, 2, 5',
  'SELECT * FROM t1 RIGHT JOIN t3 USING (b) ORDER BY 1, 2, 3',
  'SELECT * FROM t1 NATURAL FULL JOIN t3 ORDER BY 1, 2, 3',
  'SELECT b, a, e FROM t1 FULL JOIN t3 USING (b) WHERE b > \'p\' ORDER BY b, a',
  'SELECT b, count(*) FROM t1 RIGHT JOIN t3 USING (b) GROUP BY b ORDER BY b',
  'SELECT t2.a, t3.e FROM t2 RIGHT JOIN t3 ON t2.a * 10 = t3.e ORDER BY 2',
  'SELECT count(*), count(t1.a), count(t3.e) FROM t1 FULL JOIN t3 ON t1.b = t3.b',
  'SELECT * FROM t1, t2 RIGHT JOIN t3 ON t2.a = t3.e / 10 AND t1.a = t2.a ORDER BY 1, 2, 4, 6',
  'SELECT * FROM t2 RIGHT JOIN t3 ON t2.a * 10 = t3.e JOIN t1 ON t1.b = t3.b ORDER BY 1, 2, 3, 5',
  'SELECT * FROM t2 FULL JOIN t3 ON t2.a * 10 = t3.e LEFT JOIN t1 ON t1.a = t2.a ORDER BY 1, 2, 3, 5',
  'SELECT t3.b, t2.d, t1.c FROM t2 RIGHT JOIN t3 ON t2.a * 10 = t3.e LEFT JOIN t1 ON t1.b = t3.b WHERE t1.c IS NULL OR t1.c > 1 ORDER BY 1, 2, 3',
];

const MISC = [
  'SELECT a FROM t1 ORDER BY a NULLS LAST',
  'SELECT a FROM t1 ORDER BY a DESC NULLS FIRST',
  'SELECT a FROM t1 ORDER BY a ASC NULLS FIRST',
  'SELECT c, a FROM t1 ORDER BY c DESC NULLS LAST, a',
  'SELECT a % 2 AS k, count(*) FROM t1 GROUP BY k ORDER BY k',
  'SELECT count(*) FROM t1 HAVING count(*) > 2',
  'SELECT count(*) FROM t1 HAVING count(*) > 20',
  'SELECT count(DISTINCT b), sum(DISTINCT a) FROM t1',
  'SELECT b, max(a) FROM t1 GROUP BY b ORDER BY 1',
  'SELECT b, max(c) FROM t1',
  'SELECT b, min(c), count(*) FROM t1',
  'SELECT b, a, min(c) FROM t1 GROUP BY b ORDER BY 1',
  'SELECT a, b, max(c) FROM t1 GROUP BY a ORDER BY 1',
  'SELECT b, max(c) FROM t1 WHERE c IS NULL',
  "SELECT d, min(a) FROM t2 WHERE d > 'a'",
];

const WINDOWS = [
  'SELECT a, b, row_number() OVER (ORDER BY a, b) FROM t1 ORDER BY 3',
  'SELECT a, b, row_number() OVER (PARTITION BY b ORDER BY a) AS rn FROM t1 ORDER BY b, rn',
  'SELECT a, rank() OVER (ORDER BY a), dense_rank() OVER (ORDER BY a), percent_rank() OVER (ORDER BY a), cume_dist() OVER (ORDER BY a) FROM t1 ORDER BY a',
  'SELECT a, ntile(2) OVER (ORDER BY a, b), ntile(3) OVER (ORDER BY a, b) FROM t1 ORDER BY a, b',
  'SELECT a, b, lag(a) OVER (ORDER BY a, b), lead(a, 2, -1) OVER (ORDER BY a, b) FROM t1 ORDER BY a, b',
  'SELECT a, b, first_value(b) OVER (ORDER BY a, b), last_value(b) OVER (ORDER BY a, b), nth_value(b, 2) OVER (ORDER BY a, b) FROM t1 ORDER BY a, b',
  'SELECT a, sum(a) OVER (ORDER BY a), count(*) OVER (), avg(c) OVER (PARTITION BY b) FROM t1 ORDER BY a, 4',
  'SELECT a, b, sum(a) OVER (ORDER BY a, b ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t1 ORDER BY a, b',
  'SELECT a, b, sum(a) OVER (ORDER BY a RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t1 ORDER BY a, b',
  'SELECT a, b, count(*) OVER (ORDER BY a GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t1 ORDER BY a, b',
  'SELECT a, b, group_concat(b) OVER (ORDER BY a, b ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) FROM t1 ORDER BY a, b',
  'SELECT a, b, count(*) OVER (ORDER BY a RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE TIES) FROM t1 ORDER BY a, b',
  'SELECT a, b, max(c) OVER w, min(c) OVER w FROM t1 WINDOW w AS (PARTITION BY b) ORDER BY a, b',
  'SELECT a, b, sum(a) OVER (w ORDER BY a) FROM t1 WINDOW w AS (PARTITION BY b) ORDER BY a, b',
  'SELECT a, sum(a) FILTER (WHERE a > 1) OVER (ORDER BY a) FROM t1 ORDER BY a',
  'SELECT a FROM t1 WHERE row_number() OVER () > 1',
  'SELECT a, row_number(1) OVER () FROM t1',
  'SELECT a, sum(a) OVER nosuch FROM t1',
  'SELECT a, upper(b) OVER () FROM t1',
  'SELECT count(DISTINCT a) OVER () FROM t1',
  'SELECT a, sum(a) OVER (ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM t1',
  'SELECT a, sum(a) OVER (ORDER BY a GROUPS BETWEEN CURRENT ROW AND 1.5 FOLLOWING) FROM t1',
  "SELECT a, sum(a) OVER (ORDER BY a RANGE BETWEEN 'x' PRECEDING AND CURRENT ROW) FROM t1",
  'SELECT a, ntile(0) OVER () FROM t1',
  'SELECT DISTINCT count(*) OVER (PARTITION BY b) FROM t1 ORDER BY 1',
  'SELECT b, count(*), sum(count(*)) OVER (ORDER BY b), rank() OVER (ORDER BY count(*) DESC) FROM t1 GROUP BY b ORDER BY b',
  'SELECT b, max(a), row_number() OVER (ORDER BY max(a)) FROM t1 GROUP BY b HAVING count(*) > 0 AND b > \'w\' ORDER BY 3',
  'SELECT count(*), sum(count(*)) OVER () FROM t1',
  'SELECT a, b, row_number() OVER (ORDER BY a NULLS LAST, b) FROM t1 ORDER BY 3',
  'SELECT a, b, rank() OVER (ORDER BY a DESC NULLS FIRST) FROM t1 ORDER BY 3, 2',
  'SELECT a, sum(a) OVER (ORDER BY a NULLS LAST RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t1 ORDER BY 1, 2',
  'SELECT a, count(*) OVER (ORDER BY a DESC RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM t1 ORDER BY 1, 2',
  'SELECT x, sum(x) OVER (ORDER BY x DESC RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING) FROM (SELECT a AS x FROM t1 UNION ALL SELECT 7) ORDER BY x',
];

async function check(oracle: Oracle, sql: string): Promise<void> {
  const ordered = /ORDER BY/i.test(sql);
  const want = oracle.expected(sql, ordered);
  const got = await oracle.actual(sql, ordered);
  expect(JSON.stringify(got), sql).toBe(JSON.stringify(want));
}

for (const async of [false, true]) {
  describe(`SELECT features vs sql.js (${async ? 'yielding' : 'memory'} storage)`, () => {
    for (const [name, list] of [['compound', COMPOUND], ['FROM subqueries', FROM_SUBQUERIES], ['CTEs', CTES], ['views', VIEWS], ['joins', JOINS], ['misc', MISC], ['window functions', WINDOWS]] as const) {
      it(name, async () => {
        const oracle = await Oracle.open(async);
        try {
          for (const sql of SETUP) await check(oracle, sql);
          for (const sql of list) await check(oracle, sql);
        } finally {
          await oracle.close();
        }
      });
    }
  });
}
