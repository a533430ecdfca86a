import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import { parse } from './parser.js';

/**
 * Inputs SQLite rejects while parsing, with the message sqlite3 3.40.1 gives for each (collected
 * with sqlite3_prepare_v2 against that library). The limit on ?NNN is Debian's build setting.
 */
const ERRORS: [string, string][] = [
  ["SELECT", "incomplete input"],
  ["SELECT 1 +", "incomplete input"],
  ["SELECT (1", "incomplete input"],
  ["SELECT 1 +;", "near \";\": syntax error"],
  ["SELECT 1 FROM", "incomplete input"],
  ["SELECT * FROM t WHERE", "incomplete input"],
  ["SELECT 1 2", "near \"2\": syntax error"],
  ["SELECT 1 x y", "near \"y\": syntax error"],
  ["SELECT 'abc", "unrecognized token: \"'abc\""],
  ["SELECT \"abc", "unrecognized token: \"\"abc\""],
  ["SELECT [abc", "unrecognized token: \"[abc\""],
  ["SELECT `abc", "unrecognized token: \"`abc\""],
  ["SELECT x'abc'", "unrecognized token: \"x'abc'\""],
  ["SELECT x'ab", "unrecognized token: \"x'ab\""],
  ["SELECT x'zz'", "unrecognized token: \"x'zz'\""],
  ["SELECT 1_000", "unrecognized token: \"1_000\""],
  ["SELECT 0x", "unrecognized token: \"0x\""],
  ["SELECT 1e", "unrecognized token: \"1e\""],
  ["SELECT 123abc", "unrecognized token: \"123abc\""],
  ["SELECT 1 ! 2", "unrecognized token: \"!\""],
  ["SELECT 1 ^ 2", "unrecognized token: \"^\""],
  ["SELECT {", "unrecognized token: \"{\""],
  ["SELECT $", "unrecognized token: \"$\""],
  ["SELECT $a::b(c", "unrecognized token: \"$a::b(c\""],
  ["SELECT @a(x y)", "unrecognized token: \"@a(x\""],
  ["SELECT $a:b", "near \":b\": syntax error"],
  ["SELECT 1 /*", "near \"*\": syntax error"],
  ["SELECT 1 2 'unterminated", "near \"2\": syntax error"],
  ["SELECT #1", "near \"#1\": syntax error"],
  ["SELECT ?0", "variable number must be between ?1 and ?250000"],
  ["SELECT ?99999999999999999999", "variable number must be between ?1 and ?250000"],
  ["SELECT ()", "near \")\": syntax error"],
  ["SELECT count(DISTINCT *)", "near \"*\": syntax error"],
  ["SELECT count(t.*) FROM t", "near \"*\": syntax error"],
  ["SELECT a.b.c.d FROM t", "near \".\": syntax error"],
  ["SELECT cast FROM t", "near \"FROM\": syntax error"],
  ["SELECT raise FROM t", "near \"FROM\": syntax error"],
  ["SELECT left(1)", "near \"(\": syntax error"],
  ["SELECT exists", "incomplete input"],
  ["SELECT 1 IS DISTINCT 2", "near \"2\": syntax error"],
  ["SELECT 1 NOT 2", "near \"2\": syntax error"],
  ["SELECT 'a' LIKE 'b' ESCAPE 'c' ESCAPE 'd'", "near \"ESCAPE\": syntax error"],
  ["SELECT 1 = 2 ESCAPE 3", "near \"ESCAPE\": syntax error"],
  ["SELECT RAISE(ABORT, 1)", "near \"1\": syntax error"],
  ["SELECT CAST(1 AS VARCHAR(10) foo)", "near \"foo\": syntax error"],
  ["SELECT CAST(1 AS VARCHAR(x))", "near \"x\": syntax error"],
  ["SELECT CASE END", "incomplete input"],
  ["SELECT CASE 1 ELSE 2 END", "near \"ELSE\": syntax error"],
  ["SELECT x FROM t HAVING 1 GROUP BY x", "near \"GROUP\": syntax error"],
  ["SELECT x FROM t ORDER BY x NULLS", "incomplete input"],
  ["SELECT * FROM t LIMIT", "incomplete input"],
  ["SELECT 1 ORDER BY 1 UNION SELECT 2", "ORDER BY clause should come after UNION not before"],
  ["SELECT 1 LIMIT 1 UNION SELECT 2", "LIMIT clause should come after UNION not before"],
  ["SELECT 1 ORDER BY 1 UNION SELECT 2 +", "incomplete input"],
  ["SELECT 1 UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT VALUES(4) ORDER BY 1", "near \"ORDER\": syntax error"],
  ["VALUES (1), ()", "near \")\": syntax error"],
  ["SELECT * FROM t ON 1", "a JOIN clause is required before ON"],
  ["SELECT * FROM t ON 1 WHERE x +", "a JOIN clause is required before ON"],
  ["SELECT * FROM t ON 1 foo", "near \"foo\": syntax error"],
  ["SELECT * FROM t USING (x)", "a JOIN clause is required before USING"],
  ["SELECT * FROM (SELECT 1) ON 1", "a JOIN clause is required before ON"],
  ["SELECT * FROM t LEFT foo JOIN u", "unknown join type: LEFT foo"],
  ["SELECT * FROM t LEFT \"outer\" JOIN u", "unknown join type: LEFT \"outer\""],
  ["SELECT * FROM t OUTER JOIN u", "unknown join type: OUTER"],
  ["SELECT * FROM t INNER OUTER JOIN u", "unknown join type: INNER OUTER"],
  ["SELECT * FROM t LEFT JOIN", "incomplete input"],
  ["SELECT * FROM t NOT foo", "near \"foo\": syntax error"],
  ["SELECT 1 FROM f(1) INDEXED BY i", "near \"INDEXED\": syntax error"],
  ["SELECT * FROM t window AS ()", "near \"AS\": syntax error"],
  ["SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM t", "unsupported frame specification"],
  ["SELECT sum(x) OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM t", "unsupported frame specification"],
  ["SELECT sum(x) OVER (ROWS 1 FOLLOWING) FROM t", "unsupported frame specification"],
  ["SELECT sum(x) OVER (ROWS UNBOUNDED FOLLOWING) FROM t", "near \"FOLLOWING\": syntax error"],
  ["SELECT sum(x) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM t", "near \"FOLLOWING\": syntax error"],
  ["SELECT sum(x) OVER (partition) FROM t", "near \")\": syntax error"],
  ["SELECT (1) over (x)", "near \"over\": syntax error"],
  ["SELECT 1 filter (x)", "near \"(\": syntax error"],
  ["WITH recursive AS (SELECT 1) SELECT 1", "near \"AS\": syntax error"],
  ["WITH c(a COLLATE nocase) AS (SELECT 1) SELECT 1", "syntax error after column name \"a\""],
  ["WITH c AS (SELECT 1)", "incomplete input"],
  ["WITH c AS (SELECT 1) CREATE TABLE x(a)", "near \"CREATE\": syntax error"],
  ["EXPLAIN", "incomplete input"],
  ["EXPLAIN QUERY PLAN", "incomplete input"],
  ["EXPLAIN EXPLAIN SELECT 1", "near \"EXPLAIN\": syntax error"],
  ["CREATE TABLE if(x)", "near \"(\": syntax error"],
  ["CREATE TABLE", "incomplete input"],
  ["CREATE TABLE q(", "incomplete input"],
  ["CREATE TABLE q()", "near \")\": syntax error"],
  ["CREATE TABLE q(a INT CONSTRAINT)", "near \")\": syntax error"],
  ["CREATE TABLE q(a, PRIMARY KEY(a), b)", "near \"b\": syntax error"],
  ["CREATE TABLE q(a INT, b VARCHAR(10,20,30))", "near \",\": syntax error"],
  ["CREATE TABLE q(a INT, b VARCHAR(x))", "near \"x\": syntax error"],
  ["CREATE TABLE q(a INTEGER PRIMARY KEY AUTOINCREMENT ON CONFLICT IGNORE)", "near \"ON\": syntax error"],
  ["CREATE TABLE q(a INT) WITHOUT foo", "unknown table option: foo"],
  ["CREATE TABLE q(a INT) foo", "unknown table option: foo"],
  ["CREATE TABLE q(a INT) WITHOUT \"rowid\"", "unknown table option: \"rowid\""],
  ["CREATE TABLE q(a INT) foo WITHOUT", "near \"WITHOUT\": syntax error"],
  ["CREATE TABLE q(a INT GENERATED ALWAYS AS (1) foo)", "error in generated column \"a\""],
  ["CREATE TABLE q(a DEFAULT ?)", "near \"?\": syntax error"],
  ["CREATE TABLE q(a DEFAULT -foo)", "near \"foo\": syntax error"],
  ["CREATE TABLE q(a REFERENCES p ON CONFLICT ABORT)", "near \"CONFLICT\": syntax error"],
  ["CREATE TABLE q(a REFERENCES p(b ASC))", "syntax error after column name \"b\""],
  ["CREATE TABLE q(a, FOREIGN KEY (a DESC) REFERENCES p)", "syntax error after column name \"a\""],
  ["CREATE TABLE q(a NOT foo)", "near \"foo\": syntax error"],
  ["CREATE TEMP INDEX i ON t(a)", "near \"INDEX\": syntax error"],
  ["CREATE UNIQUE TABLE t(a)", "near \"TABLE\": syntax error"],
  ["CREATE INDEX i ON t", "incomplete input"],
  ["CREATE INDEX i ON main.t(a)", "near \".\": syntax error"],
  ["CREATE VIEW v(a DESC) AS SELECT 1", "syntax error after column name \"a\""],
  ["CREATE VIEW v AS", "incomplete input"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN END", "near \"END\": syntax error"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1 END", "incomplete input"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE main.u SET x = 1; END", "qualified table names are not allowed on INSERT, UPDATE, and DELETE statements within triggers"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE main.u ATTACH SET x = 1; END", "near \"ATTACH\": syntax error"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u INDEXED BY i; END", "the INDEXED BY clause is not allowed on UPDATE or DELETE statements within triggers"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u NOT INDEXED; END", "the NOT INDEXED clause is not allowed on UPDATE or DELETE statements within triggers"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u INDEXED BY i FAIL; END", "near \"FAIL\": syntax error"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO u DEFAULT VALUES; END", "near \"DEFAULT\": syntax error"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO main.u VALUES (1); END", "qualified table names are not allowed on INSERT, UPDATE, and DELETE statements within triggers"],
  ["CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u RETURNING *; END", "near \"RETURNING\": syntax error"],
  ["CREATE VIRTUAL TABLE v USING m(a, (b", "incomplete input"],
  ["CREATE VIRTUAL TABLE v USING", "incomplete input"],
  ["DROP TABLE", "incomplete input"],
  ["DROP TABLE if", "incomplete input"],
  ["DROP COLUMN x", "near \"COLUMN\": syntax error"],
  ["ALTER TABLE t RENAME column TO x", "near \"TO\": syntax error"],
  ["ALTER TABLE t ADD column", "incomplete input"],
  ["ALTER TABLE t", "incomplete input"],
  ["INSERT INTO t SELECT * FROM u ON CONFLICT DO NOTHING", "near \"DO\": syntax error"],
  ["INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING ON CONFLICT DO NOTHING", "near \"ON\": syntax error"],
  ["INSERT INTO t DEFAULT VALUES ON CONFLICT DO NOTHING", "near \"ON\": syntax error"],
  ["INSERT INTO t VALUES (1) ON CONFLICT (x) DO", "incomplete input"],
  ["INSERT t VALUES (1)", "near \"t\": syntax error"],
  ["INSERT INTO t (a,) VALUES (1)", "near \")\": syntax error"],
  ["UPDATE t SET x=1 ORDER BY x LIMIT 1 RETURNING *", "near \"RETURNING\": syntax error"],
  ["UPDATE t SET (a, b) = (1, 2, 3)", "2 columns assigned 3 values"],
  ["UPDATE t SET (a, b) = 1", "2 columns assigned 1 values"],
  ["UPDATE t SET", "incomplete input"],
  ["DELETE t", "near \"t\": syntax error"],
  ["DELETE FROM t WHERE", "incomplete input"],
  ["BEGIN foo", "near \"foo\": syntax error"],
  ["RELEASE savepoint", "incomplete input"],
  ["ROLLBACK TO", "incomplete input"],
  ["SAVEPOINT", "incomplete input"],
  ["PRAGMA", "incomplete input"],
  ["PRAGMA x = -abc", "near \"abc\": syntax error"],
  ["PRAGMA x = (1)", "near \"(\": syntax error"],
  ["ATTACH database AS x", "near \"AS\": syntax error"],
  ["ATTACH 'a' x", "near \"x\": syntax error"],
  ["VACUUM INTO", "incomplete input"],
  ["SELECT 1; SELECT 2 +", "incomplete input"],
  ["SELECT 1 FROM t WHERE a NOT NULL NOT NULL AND", "incomplete input"],
];

/** Inputs SQLite parses (it may still reject them later, for semantic reasons). */
const ACCEPTED: string[] = [
  "SELECT ?32767",
  "CREATE TABLE q(a INT GENERATED AS (1))",
  "BEGIN TRANSACTION",
  "SELECT 1 ISNULL ISNULL",
];

const OPTIONS = { maxVariableNumber: 250000 };

function errorOf(sql: string): SqliteError | null {
  try {
    parse(sql, OPTIONS);
    return null;
  } catch (e) {
    if (!(e instanceof SqliteError)) throw e;
    return e;
  }
}

describe('SQLite parse errors', () => {
  for (const [sql, message] of ERRORS) {
    it(JSON.stringify(sql), () => {
      const err = errorOf(sql);
      expect(err?.message).toBe(message);
      expect(err?.code).toBe('SQLITE_ERROR');
    });
  }
});

describe('inputs SQLite accepts at parse time', () => {
  for (const sql of ACCEPTED) {
    it(JSON.stringify(sql), () => expect(errorOf(sql)).toBeNull());
  }
});

describe('error offsets', () => {
  it('points at the offending token', () => {
    expect((errorOf('SELECT 1 FROM WHERE') as SqliteError & { offset: number }).offset).toBe(14);
    expect((errorOf('SELECT 1 +') as SqliteError & { offset: number }).offset).toBe(10);
  });
});

/** Re-checks the table above against the sqlite3 CLI when the same version is installed. */
const cliVersion = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' });
const haveCli = cliVersion.status === 0 && cliVersion.stdout.startsWith('3.40.');
/** The schema the messages were collected against (some statements need these to exist). */
const SCHEMA = 'CREATE TABLE t(x,y,z); CREATE TABLE u(x,y,z); CREATE INDEX i ON t(x);';

describe.skipIf(!haveCli)('expected messages agree with the sqlite3 CLI', () => {
  it('reports every expected message', () => {
    const mismatches: string[] = [];
    for (const [sql, message] of ERRORS) {
      const r = spawnSync('sqlite3', [':memory:', '-cmd', SCHEMA, sql], { encoding: 'utf8' });
      const line = r.stderr.split('\n').find((l) => l.startsWith('Error: in prepare, ')) ?? r.stderr;
      if (line.slice('Error: in prepare, '.length) !== message) mismatches.push(`${sql} -> ${line}`);
    }
    expect(mismatches).toEqual([]);
  });
});
