/**
 * JSON functions against sql.js: parsing (JSON and JSON5), minified output, paths, every
 * function and operator, nested JSON results (the JSON subtype), the aggregates, and errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionOracle, prng } from '../../../test/function-oracle.js';

let oracle: FunctionOracle;
beforeAll(async () => {
  oracle = await FunctionOracle.open();
});
afterAll(async () => {
  await oracle.close();
});

const q = (s: string): string => `'${s.replaceAll("'", "''")}'`;

const DOCS = ['{"a":1,"b":[1,2,{"c":"x"}],"d":{"e":null,"f":true,"g":false}}', '[1,2.50,-3e2,"x\\u0041\\n",null,[],{}]', ' { "a" : [ 1 , 2 ] } ',
  '"str"', '123', '-0', '1.5e300', 'null', 'true', '{"a":{"a":{"a":1}}}', '{"a b":1,"a.b":2,"":3}', '{"a":1,"a":2}', '[[[[1]]]]',
  '{"k":"\\ud83d\\ude00é"}', '9223372036854775807', '9223372036854775808', '[0.1,1E5,1e-7]'];
const JSON5 = ["{a:1}", "{'a':'b'}", '[1,2,]', '{"a":1,}', '0x1F', '-0x10', '.5', '5.', '+1', 'Infinity', '-Infinity', 'NaN', '[1 /* c */, 2] // x',
  '"\\x41\\v\\0"', "'it\\'s'", '"a\\\nb"', '\u00a0[1]', '{$a_1:2}'];
const BAD = ['', '[1,2', '{"a"}', '{"a":}', '01', '1.2.3', 'tru', '"abc', '[1]x', '{a b:1}', '[,1]', '"\\q"', '- 1', '{"a":1 "b":2}'];
const PATHS = ['$', '$.a', '$.b[0]', '$.b[2].c', '$.b[#-1]', '$.b[#]', '$.b[9]', '$.d.e', '$.d.f', '$[0]', '$[1]', '$[#-1]', '$."a b"', '$.a.b', '$.a.a.a',
  '$[3]', '$.k', '$.nope', '$.b[#-9]'];

describe('json', () => {
  it('parses and minifies like SQLite', async () => {
    const sql = [...DOCS, ...JSON5, ...BAD].map((d) => `SELECT json(${q(d)}), json_valid(${q(d)}), json_valid(${q(d)}, 2), json_valid(${q(d)}, 1), json_error_position(${q(d)}) > 0`);
    sql.push('SELECT json(NULL), json_valid(NULL), json(1), json(1.5), json_valid(123), json_valid(x\'00\', 1)', "SELECT json_valid('{}', 0)", "SELECT json_valid('{}', 16)");
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('extracts by path like SQLite', async () => {
    const sql: string[] = [];
    for (const d of DOCS)
      for (const p of PATHS) sql.push(`SELECT json_extract(${q(d)}, ${q(p)}), json_type(${q(d)}, ${q(p)}), json_array_length(${q(d)}, ${q(p)}), ${q(d)} -> ${q(p)}, ${q(d)} ->> ${q(p)}`);
    sql.push(`SELECT json_extract('{"a":1,"b":2}', '$.a', '$.b', '$.c'), json_extract('{"a":1}', 'a'), json_extract('{"a":1}', '$.'), json_extract('{"a":1}', '$['), json_extract(NULL, '$'), json_extract('{}', NULL)`);
    sql.push(`SELECT '{"a":[5,6]}' -> 'a', '[5,6]' -> 1, '[5,6]' ->> -1, '[5,6]' -> 7, '{"a b":1}' ->> 'a b', '[1]' -> '[0]', '{"a":"x"}' -> 'a', NULL -> 'a', '[1]' -> NULL`);
    sql.push(`SELECT json_type('{}'), json_type('[]'), json_type('1'), json_type('1.0'), json_type('"s"'), json_type('null'), json_type('true'), json_type('false'), json_array_length('[1,2]'), json_array_length('{}')`);
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('builds arrays and objects like SQLite', async () => {
    const vals = ['NULL', '1', '-7', '1.5', '0.1+0.2', '1e20', '-0.0', '100.0', '9223372036854775807', "'text'", "'q\"uote\\\\ \n'", "x'00ff'", "'[1]'", "json('[1]')",
      "json_object('k', 1)", "json_extract('{\"a\":[1]}', '$.a')", "'{\"a\":[1]}' -> '$.a'", "'{\"a\":[1]}' ->> '$.a'", 'json_quote(3)', "json_array(1, 'x')"];
    const sql = vals.map((v) => `SELECT json_array(${v}), json_object('k', ${v}), json_quote(${v}), json_array(${v}, ${v})`);
    sql.push(`SELECT json_array(json_extract('{"a":"x"}', '$.a'), json_extract('{"a":"[1]"}', '$.a')), json_array(json_extract('{"a":[1]}', '$.a'), json_extract('[1,2]', '$[0]', '$[1]'))`);
    sql.push(`SELECT json_array('{"a":"[2]"}' ->> '$.a', '{"a":"[2]"}' -> '$.a', json_set('{}', '$.x', json_extract('{"a":{"b":1}}', '$.a')))`);
    sql.push("SELECT json_array(), json_object(), json_object('a', 1, 'a', 2), json_object(1, 2), json_object('a'), json_object(NULL, 1)");
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('edits like SQLite', async () => {
    const sql: string[] = [];
    const docs = ['{"a":1,"b":[1,2]}', '[1,2,3]', '{}', '1', '{"a":{"b":{}}}'];
    const edits = ['$.a', '$.c', '$.b[0]', '$.b[#]', '$.b[5]', '$.x.y', '$[0]', '$[#]', '$[#-1]', '$', '$.a.b.c', '$.b[#-1]'];
    for (const d of docs)
      for (const p of edits)
        for (const f of ['json_set', 'json_insert', 'json_replace'])
          sql.push(`SELECT ${f}(${q(d)}, ${q(p)}, 9), ${f}(${q(d)}, ${q(p)}, 'v'), ${f}(${q(d)}, ${q(p)}, json('[7]')), json_remove(${q(d)}, ${q(p)})`);
    sql.push(`SELECT json_set('[1,2]', '$[#]', 3, '$[#]', 4), json_remove('[1,2,3]', '$[1]', '$[0]'), json_set('{}', '$.a', 1, '$.a', 2), json_set('{}', '$.a')`);
    sql.push(`SELECT json_set(NULL, '$.a', 1), json_set('{}', NULL, 1), json_remove('{"a":1}', NULL), json_set('{"a":1}', 'bad', 1)`);
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('pretty-prints and inserts into arrays like SQLite', async () => {
    const sql = [
      `SELECT json_pretty('{"a":1,"b":[1,2,{}],"c":{"d":[]}}'), json_pretty('[1,[2]]', '--'), json_pretty('5'), json_pretty(NULL), json_pretty('[]', NULL), json_pretty('[1]', '')`,
      `SELECT json_array_insert('[1,2,3]', '$[1]', 9), json_array_insert('[1,2,3]', '$[#]', 9), json_array_insert('[1,2,3]', '$[9]', 9), json_array_insert('{"a":[1]}', '$.a[0]', 0, '$.a[#]', 5), json_array_insert('[1]', '$', 2)`,
      `SELECT json_array_insert('[1,2,3]', '$[#-1]', 'x'), json_array_insert('[1,2,3]', '$[3]', json('{}')), json_array_insert('{"a":1}', '$.a', 2), json_array_insert('[1]', '$[0]')`,
      ...DOCS.map((d) => `SELECT json_pretty(${q(d)}), json_pretty(${q(d)}, ' ')`),
    ];
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('patches like SQLite', async () => {
    const sql = [
      `SELECT json_patch('{"a":1,"b":{"c":2}}', '{"a":null,"b":{"d":3},"e":[1]}'), json_patch('[1]', '{"a":1}'), json_patch('{"a":1}', '[2]')`,
      `SELECT json_patch('{"a":{"b":1}}', '{"a":{"b":null}}'), json_patch('{}', '{"a":{"b":null}}'), json_patch(NULL, '{}'), json_patch('{}', NULL)`,
    ];
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('matches on generated documents', async () => {
    const rand = prng(9);
    const gen = (depth: number): string => {
      const r = rand();
      if (depth > 3 || r < 0.3) return [String(Math.floor(rand() * 2000) - 1000), (rand() * 100).toFixed(3), '"s' + Math.floor(rand() * 9) + '"', 'null', 'true', 'false'][Math.floor(rand() * 6)]!;
      if (r < 0.65) return `[${Array.from({ length: Math.floor(rand() * 4) }, () => gen(depth + 1)).join(',')}]`;
      return `{${Array.from({ length: Math.floor(rand() * 4) }, (_, i) => `"k${i}":${gen(depth + 1)}`).join(',')}}`;
    };
    const sql: string[] = [];
    for (let i = 0; i < 150; i++) {
      const d = gen(0);
      const p = ['$', '$.k0', '$.k1.k0', '$[0]', '$[1][0]', '$.k2[#-1]', '$[0].k1'][Math.floor(rand() * 7)]!;
      sql.push(`SELECT json(${q(d)}), json_extract(${q(d)}, ${q(p)}), json_type(${q(d)}, ${q(p)}), json_set(${q(d)}, ${q(p)}, 1), json_remove(${q(d)}, ${q(p)}), json_patch(${q(d)}, ${q(gen(1))})`);
    }
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('aggregates like SQLite', async () => {
    await oracle.exec("CREATE TABLE j(g INT, k TEXT, v); INSERT INTO j VALUES (1, 'a', 1), (1, 'b', 'x'), (2, 'c', NULL), (2, NULL, 2.5), (1, 'd', '[1]')");
    const sql = [
      'SELECT g, json_group_array(v), json_group_object(k, v) FROM j GROUP BY g ORDER BY g',
      "SELECT json_group_array(json(v)) FROM j WHERE k IN ('a', 'd')",
      'SELECT json_group_array(json_object(k, v)) FROM j',
      'SELECT json_group_array(v) FROM j WHERE 0',
      'SELECT json_object(\'all\', json_group_array(k)) FROM j',
    ];
    expect(await oracle.check(sql)).toEqual([]);
  });
});
