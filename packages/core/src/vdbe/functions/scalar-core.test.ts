/**
 * The core and text scalars against sql.js over every storage class, including bigints near
 * 2^63, reals, multi-byte text and blobs: abs, coalesce/ifnull/nullif, typeof, min/max,
 * length, hex, quote, lower/upper, substr, trim, replace, instr, round, unicode, char,
 * zeroblob, like/glob.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, FunctionOracle, prng } from '../../../test/function-oracle.js';

let oracle: FunctionOracle;
beforeAll(async () => {
  oracle = await FunctionOracle.open();
});
afterAll(async () => {
  await oracle.close();
});

const VALUES = ['NULL', '0', '1', '-1', '2', '-3', '9223372036854775807', '-9223372036854775808', '4611686018427387904', '0.5', '-2.5', '1.0', '1e100', '-0.0', '0.1', '1e15', '1.0 / 3', '0.1 + 0.2',
  "'abc'", "'ABC'", "''", "'héllo wörld'", "'12'", "' 3 '", "'x''y'", "x'00ff'", "x''", "'😀a'", "'a\0b'"];
const SMALL = ['NULL', '0', '1', '2', '-1', '-2', '3', '10', '1.7', "'2'", "'x'"];

describe('core scalars', () => {
  it('one-argument functions match SQLite', async () => {
    const sql = ['SELECT quote(1.0 / 3), quote(0.1 + 0.2), quote(1e300 * 1e10), quote(-1e300 * 1e10), quote(49.47), quote(123456789.123456789), quote(1e15), quote(-0.0)'];
    sql.push(...['abs', 'typeof', 'length', 'hex', 'quote', 'lower', 'upper', 'unicode', 'trim', 'ltrim', 'rtrim', 'round', 'octet_length']
      .flatMap((f) => calls(f, VALUES)));
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('substr matches SQLite', async () => {
    const sql = [...calls('substr', ["'hello'", "'héllo😀'", "x'0102030405'", '12345', 'NULL'], SMALL, SMALL), ...calls('substr', ["'hello'", "x'010203'"], SMALL)];
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('two-argument functions match SQLite', async () => {
    const few = VALUES.filter((_, i) => i % 2 === 0);
    const sql = ['coalesce', 'ifnull', 'nullif', 'min', 'max', 'instr', 'round', 'trim', 'like', 'glob'].flatMap((f) => calls(f, few, few));
    sql.push(...calls('replace', ["'abcabc'", "'héllo'", '12121', "x'616263'", 'NULL'], ["'b'", "''", "'l'", '1', 'NULL', "'abcabc'"], ["'XY'", "''", 'NULL', '7']));
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('round matches SQLite on random reals', async () => {
    const rand = prng(21);
    const sql: string[] = [];
    for (let i = 0; i < 300; i++) {
      const x = ((rand() - 0.5) * 10 ** Math.floor(rand() * 20 - 5)).toPrecision(1 + Math.floor(rand() * 16));
      sql.push(`SELECT round(${x}), round(${x}, ${Math.floor(rand() * 8)}), round(${x}, -1), round(${x}, 40)`);
    }
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('char, zeroblob and multi-argument min/max match SQLite', async () => {
    const sql = ['SELECT char(72, 105, 0x1F600, NULL, -1, 1114112, 55296)', 'SELECT char()', 'SELECT hex(zeroblob(3)), zeroblob(-1), typeof(zeroblob(0))',
      "SELECT min(3, 1, 2), max(3, 'a', x'00'), min(1, NULL, 2), max('b', 'B' COLLATE NOCASE), min()", "SELECT max(1)"];
    expect(await oracle.check(sql)).toEqual([]);
  });
});
