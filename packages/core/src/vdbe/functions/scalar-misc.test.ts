/**
 * The smaller built-ins against sql.js: concat, concat_ws, unhex, randomblob, likely and
 * likelihood, if/iif chains, sqlite_version, octet_length, trim with character sets,
 * string_agg, and the connection counters changes(), total_changes(), last_insert_rowid()
 * (over MemoryStorage and YieldingStorage).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, FunctionOracle } from '../../../test/function-oracle.js';

let oracle: FunctionOracle;
beforeAll(async () => {
  oracle = await FunctionOracle.open();
});
afterAll(async () => {
  await oracle.close();
});

const VALUES = ['NULL', '0', '1', '-7', '1.5', '2.0', '9223372036854775807', "'abc'", "''", "'héllo'", "x'414243'", "x''", "'4a4B'", "' 4a '"];

describe('misc functions', () => {
  it('concat and concat_ws match SQLite', async () => {
    const sql = [...calls('concat', VALUES), ...calls('concat', VALUES, VALUES), ...calls('concat_ws', VALUES, VALUES, VALUES), 'SELECT concat()', 'SELECT concat_ws(\',\')'];
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('unhex matches SQLite', async () => {
    const hexes = ["'4a4B'", "'4a4'", "'4g'", "' 4a '", "'4a-4b'", "''", 'NULL', '12', '1.5', "x'3431'", "'é4a'", "'4a é 4b'", "'-4a-'"];
    const args = [...hexes.map((h) => h), ...hexes.flatMap((h) => ["' '", "'-'", "''", 'NULL', "'é '", "'4'"].map((y) => `${h}, ${y}`))];
    expect(await oracle.check(args.map((a) => `SELECT typeof(unhex(${a})), hex(unhex(${a}))`))).toEqual([]);
  });

  it('if/iif, likely, likelihood and the version match SQLite', async () => {
    const sql = [
      'SELECT if(0, 1), if(0, 1, 2, 3), if(0, 1, 0, 3, 4), iif(1, 2), iif(0, 2), if(1, 2, 3), iif(NULL, 1, 2), if(0.5, \'a\', \'b\'), if(\'1x\', 1, 2)',
      'SELECT if(1)', 'SELECT iif()',
      'SELECT likely(5), unlikely(NULL), likelihood(1, 0.5), likelihood(\'x\', 0.0), likelihood(1, 0.9999)',
      'SELECT likelihood(1, 1)', 'SELECT likelihood(1, 1.0), likelihood(1, 0.0), likelihood(1, 1e-1)', 'SELECT likelihood(1, 0)', 'SELECT likelihood(1, NULL)', 'SELECT likelihood(1, 2)', "SELECT likelihood(1, 'a')", 'SELECT likelihood(1, -0.1)',
      'SELECT sqlite_version()',
      "SELECT unistr('a\\u00e9\\U0001F600\\\\b\\+01F600\\0041'), unistr(NULL), unistr(5), unistr('plain')",
      "SELECT unistr('\\q')", "SELECT unistr('\\x')", "SELECT unistr('\\u12')", "SELECT unistr('\\U00110000')",
      "SELECT unistr_quote('a''b'), unistr_quote('x' || char(10) || 'y'), unistr_quote(char(233)), unistr_quote(5), unistr_quote(NULL), unistr_quote(x'41'), unistr_quote(1.5), unistr_quote('a\\' || char(9))",
      'SELECT typeof(randomblob(0)), length(randomblob(-5)), length(randomblob(3)), length(randomblob(NULL)), length(randomblob(2.9))',
      ...calls('octet_length', VALUES),
      "SELECT trim('xxaxx', 'x'), ltrim('  a  '), rtrim('  a  '), trim('abcba', 'ab'), trim('héé', 'é'), trim(NULL, 'x'), trim('xx', NULL), ltrim(123, '1'), rtrim(1.50, '0')",
    ];
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('string_agg matches SQLite', async () => {
    await oracle.exec("CREATE TABLE s(g, v); INSERT INTO s VALUES (1, 'a'), (1, NULL), (1, 'b'), (2, 3), (2, 4.5)");
    const sql = ["SELECT g, string_agg(v, '; '), group_concat(v), group_concat(v, NULL) FROM s GROUP BY g ORDER BY g", 'SELECT string_agg(v) FROM s', 'SELECT string_agg(v, 1, 2) FROM s'];
    expect(await oracle.check(sql)).toEqual([]);
  });

  for (const yielding of [false, true]) {
    it(`changes(), total_changes() and last_insert_rowid() follow SQLite (${yielding ? 'yielding' : 'memory'} storage)`, async () => {
      const o = await FunctionOracle.open(yielding);
      try {
        const steps = [
          'SELECT changes(), total_changes(), last_insert_rowid()',
          'CREATE TABLE c(a INTEGER PRIMARY KEY, b)',
          'SELECT changes(), total_changes(), last_insert_rowid()',
          "INSERT INTO c(b) VALUES ('x'), ('y'), ('z')",
          'SELECT changes(), total_changes(), last_insert_rowid()',
          'INSERT INTO c VALUES (100, 1)',
          'SELECT changes(), total_changes(), last_insert_rowid()',
          "UPDATE c SET b = 'w' WHERE a < 3",
          'SELECT changes(), total_changes(), last_insert_rowid()',
          'DELETE FROM c WHERE a = 100',
          'SELECT changes(), total_changes(), last_insert_rowid()',
          'SELECT a FROM c',
          'SELECT changes(), total_changes(), last_insert_rowid()',
          'UPDATE c SET b = 1 WHERE 0',
          'SELECT changes(), total_changes(), last_insert_rowid()',
          'CREATE TABLE d(x)',
          'SELECT changes(), total_changes(), last_insert_rowid()',
        ];
        const bad: string[] = [];
        for (const sql of steps) {
          const want = o.expected(sql);
          const got = await o.actual(sql);
          if (want !== got) bad.push(`${sql}: want ${want} got ${got}`);
        }
        expect(bad).toEqual([]);
      } finally {
        await o.close();
      }
    });
  }
});
