/**
 * End-to-end SQL through the Connection, checked against sql.js (real SQLite): the same
 * script gives the same rows with the same storage classes, or an error with the same text.
 * Run over MemoryStorage (sync path) and YieldingStorage (every read pends: step() returns
 * 'io' and is resumed).
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, oracleOutcomes } from '../../test/sql-oracle-kit.js';

const SETUP = [
  'CREATE TABLE t1(a INTEGER PRIMARY KEY, b TEXT, c REAL, d, e INT NOT NULL DEFAULT 7, UNIQUE(b))',
  'CREATE INDEX t1c ON t1(c)',
  "INSERT INTO t1(a, b, c, d) VALUES (1, 'one', 1.5, NULL), (2, 'two', 2, x'00ff'), (3, 'Three', '3.0', 'text')",
  "INSERT INTO t1(b, c, d, e) VALUES ('four', NULL, 4, 8), ('five', 5.25, 5.5, 9)",
  'CREATE TABLE t2(x INT, y TEXT COLLATE NOCASE, z NUMERIC)',
  "INSERT INTO t2 VALUES (1, 'a', '12'), (2, 'B', '1e3'), (2, 'b', 'abc'), (NULL, 'c', 3.0), (5, 'A', NULL)",
  'CREATE INDEX t2y ON t2(y)',
];

const QUERIES = [
  'SELECT * FROM t1',
  'SELECT a, b, typeof(c), c, typeof(d), e FROM t1 ORDER BY a DESC',
  'SELECT x, y, z, typeof(z) FROM t2',
  "SELECT * FROM t2 WHERE y = 'b'",
  "SELECT * FROM t2 WHERE y = 'b' COLLATE BINARY",
  'SELECT * FROM t1 WHERE c = 3',
  "SELECT * FROM t1 WHERE c = '2'",
  'SELECT * FROM t1 WHERE a = 2.0',
  "SELECT * FROM t1 WHERE rowid = '3'",
  'SELECT count(*), count(c), sum(a), total(c), avg(e), min(b), max(b), group_concat(b) FROM t1',
  'SELECT sum(c), avg(c) FROM t1 WHERE a > 100',
  'SELECT x, count(*), sum(z) FROM t2 GROUP BY x ORDER BY x',
  'SELECT y, count(*) FROM t2 GROUP BY y ORDER BY 1',
  'SELECT x, count(*) FROM t2 GROUP BY x HAVING count(*) > 1',
  'SELECT x % 2, count(*), sum(z) FROM t2 GROUP BY 1 ORDER BY 1',
  'SELECT count(DISTINCT x) FROM t2',
  'SELECT DISTINCT x FROM t2 ORDER BY x',
  'SELECT t1.a, t2.y FROM t1, t2 WHERE t1.a = t2.x ORDER BY 1, 2',
  'SELECT t1.a, t2.y FROM t1 LEFT JOIN t2 ON t2.x = t1.a ORDER BY 1, 2',
  'SELECT t1.a, t2.y FROM t1 JOIN t2 ON t2.x = t1.a WHERE t2.y > \'a\' ORDER BY 1, 2',
  'SELECT a FROM t1 WHERE a IN (1, 3, 5, NULL)',
  'SELECT a FROM t1 WHERE a NOT IN (1, 3)',
  'SELECT a, (SELECT count(*) FROM t2 WHERE t2.x = t1.a) FROM t1',
  'SELECT a FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE x = a)',
  'SELECT a FROM t1 WHERE a IN (SELECT x FROM t2)',
  'SELECT a FROM t1 ORDER BY a LIMIT 2 OFFSET 1',
  'SELECT a FROM t1 ORDER BY a LIMIT -1 OFFSET 3',
  'SELECT b FROM t1 ORDER BY b COLLATE NOCASE',
  'SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 1',
  "SELECT 'x' UNION SELECT 'a' UNION SELECT 'x' ORDER BY 1 DESC",
  'SELECT 1 + 2 * 3, 7 / 2, 7 % 3, 7.0 / 2, -7 / 2, 1 / 0, 5 % 0, 2.5 % 2',
  'SELECT 9223372036854775807 + 1, -9223372036854775808, 9223372036854775808, 4611686018427387904 * 2',
  "SELECT '12abc' + 1, 'abc' * 2, ' 7 ' + 0, x'31' + 1, NULL + 1",
  'SELECT 1e20, 1.0, 0.1, 1.5e-7, 123456789012345678.0, 100.0, -0.0, 1e15, 1e14',
  "SELECT 1 < '1', 1 = 1.0, 'a' < 'b', NULL = NULL, NULL IS NULL, 1 IS NOT 2, 'A' = 'a' COLLATE NOCASE",
  'SELECT 5 & 3, 5 | 3, 1 << 62, -1 >> 1, ~5, 1 << 64',
  "SELECT abs(-3), abs(-3.5), coalesce(NULL, 2), ifnull(NULL, 'x'), nullif(1, 1), iif(1, 'y', 'n')",
  "SELECT length('héllo'), length(x'0102'), length(12.5), lower('ABC'), upper('abc'), typeof(length(NULL))",
  "SELECT substr('hello', 2), substr('hello', 2, 2), substr('hello', -3), substr('hello', 0, 2), substr('hello', -1, -2)",
  "SELECT trim('  x  '), ltrim('xxy', 'x'), rtrim('yxx', 'x'), replace('abcabc', 'b', 'XY'), instr('hello', 'll')",
  "SELECT round(2.5), round(-2.5), round(1.2345, 2), round(5), hex('ab'), hex(x'00ff'), quote('it''s'), quote(1.5), quote(NULL)",
  "SELECT typeof(1), typeof(1.0), typeof('a'), typeof(x'00'), typeof(NULL), max(1, 2, 3), min('b', 'a')",
  "SELECT 'abc' LIKE 'A%', 'abc' LIKE 'a_c', 'abc' NOT LIKE '%d', 'a%' LIKE 'a\\%' ESCAPE '\\', 'abc' GLOB 'a*', 'abc' GLOB '[a-b]?c'",
  "SELECT CAST('12.5x' AS INTEGER), CAST(12.9 AS INTEGER), CAST('1e3' AS REAL), CAST(3 AS TEXT), CAST('3.0' AS NUMERIC), CAST(x'41' AS TEXT)",
  'SELECT CASE WHEN a > 2 THEN \'big\' WHEN a > 1 THEN \'mid\' ELSE \'small\' END, CASE a WHEN 1 THEN \'one\' END FROM t1',
  'SELECT a BETWEEN 2 AND 4, a NOT BETWEEN 2 AND 4 FROM t1',
  'SELECT c IS NULL, c NOTNULL, c IS TRUE, c IS NOT FALSE FROM t1',
  'SELECT a, b FROM t1 WHERE b > \'f\' AND (a < 3 OR c IS NULL) ORDER BY b',
  'SELECT sum(a) + 1, count(*) * 2 FROM t1 GROUP BY e > 7 ORDER BY 1',
];

const AFTER_DML = [
  "UPDATE t1 SET c = c * 2, b = upper(b) WHERE a <= 2",
  'UPDATE t1 SET a = a + 10 WHERE a = 3',
  'DELETE FROM t2 WHERE x = 2',
  'INSERT INTO t2 SELECT a, b, c FROM t1 WHERE a > 3',
  'DELETE FROM t1 WHERE c IS NULL',
  'DROP INDEX t1c',
];

for (const backend of BACKENDS) {
  describe(`SQL against sql.js over ${backend} storage`, () => {
    it('gives the same rows, types and errors', async () => {
      // Without ORDER BY the order is the access path's (SQLite may pick another index): the
      // kit compares such results as sets.
      const script = [...SETUP, ...QUERIES, ...AFTER_DML, ...QUERIES.slice(0, 25)];
      expect(labelled(script, await minnowOutcomes(script, backend))).toEqual(labelled(script, await oracleOutcomes(script)));
    });
  });
}
