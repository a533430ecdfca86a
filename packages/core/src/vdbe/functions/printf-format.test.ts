/**
 * printf()/format() against sql.js: every conversion and flag combination over integers
 * (incl. near 2^63), reals (tiny, huge, halfway cases, infinities), text, blobs and NULL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionOracle, prng } from '../../../test/function-oracle.js';
import { sqlPrintf } from './printf-format.js';

let oracle: FunctionOracle;
beforeAll(async () => {
  oracle = await FunctionOracle.open();
});
afterAll(async () => {
  await oracle.close();
});

const INTS = ['0', '1', '-1', '7', '-42', '255', '1234567', '-1234567', '9223372036854775807', '-9223372036854775808', '4294967296', '2147483648'];
const REALS = ['0.0', '-0.0', '0.5', '1.5', '2.5', '-0.5', '0.1', '0.15', '1.0/3', '2.0/3', '123.456', '1e-5', '1.5e-7', '0.0001234', '999.5', '99.95',
  '1e15', '1e16', '1e17', '1e22', '1e100', '1e-300', '1.7976931348623157e308', '4.9406564584124654e-324', '1e400', '-1e400', '12345.678', '3.14159265358979', '0.009'];
const OTHERS = ['NULL', '1.0 / 3', '0.1 + 0.2', '1e15', "'abc'", "'12abc'", "' 12 '", "'1e3'", "'-7.25'", "x'3132'", "x''", "'héllo'", "'it''s'", "'a\"b'", "''"];

const FLAGS = ['', '-', '+', ' ', '0', '#', '!', ',', '-0', '+0', '#0', '!#', ',0'];
const WIDTHS = ['', '1', '8', '12'];
const PRECISIONS = ['', '.0', '.1', '.3', '.10', '.17', '.20'];

describe('printf', () => {
  it('formats integer conversions like SQLite', async () => {
    const sql: string[] = [];
    for (const conv of ['d', 'i', 'u', 'x', 'X', 'o', 'p', 'r'])
      for (const flag of FLAGS)
        for (const w of ['', '8'])
          for (const p of ['', '.3'])
            sql.push(`SELECT ${[...INTS, '2.9', '-2.9', "'1e3'", 'NULL', '1e30'].map((v) => `printf('[%${flag}${w}${p}${conv}]', ${v})`).join(', ')}`);
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('formats float conversions like SQLite', async () => {
    const sql: string[] = [];
    for (const conv of ['f', 'e', 'E', 'g', 'G'])
      for (const flag of FLAGS)
        for (const w of WIDTHS)
          for (const p of PRECISIONS) sql.push(`SELECT ${REALS.map((v) => `printf('[%${flag}${w}${p}${conv}]', ${v})`).join(', ')}`);
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('matches on random doubles at every precision', async () => {
    const rand = prng(7);
    const sql: string[] = [];
    for (let i = 0; i < 300; i++) {
      const mant = (rand() * 10).toFixed(Math.floor(rand() * 17));
      const exp = Math.floor(rand() * 80) - 40;
      const v = `${rand() < 0.3 ? '-' : ''}${mant}e${exp}`;
      sql.push(`SELECT printf('%.${Math.floor(rand() * 20)}g|%!.${Math.floor(rand() * 30)}e|%.${Math.floor(rand() * 12)}f|%!.17g|%!.15g|%!.${Math.floor(rand() * 30)}g|%.${Math.floor(rand() * 30)}e', ${v}, ${v}, ${v}, ${v}, ${v}, ${v}, ${v})`);
    }
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('formats text conversions like SQLite', async () => {
    const sql: string[] = [];
    for (const conv of ['s', 'z', 'q', 'Q', 'w', 'c'])
      for (const flag of ['', '-', '!', '-!', '0'])
        for (const w of ['', '3', '8'])
          for (const p of ['', '.0', '.1', '.2', '.3'])
            sql.push(`SELECT ${[...OTHERS, '1.5', '10', '1e100'].map((v) => `printf('[%${flag}${w}${p}${conv}]', ${v})`).join(', ')}`);
    expect(await oracle.check(sql)).toEqual([]);
  });

  it('handles star arguments, missing arguments, %% and bad conversions', async () => {
    const sql = [
      "SELECT printf('%*d|%-*d|%.*f|%*.*f', 5, 42, 5, 42, 2, 3.14159, 8, 3, 2.5)",
      "SELECT printf('%*d|%.*f|%*s', -5, 42, -2, 3.14159, 'x', 'y')",
      "SELECT printf('%s %s %d %f', 1)",
      "SELECT printf('%5%|%-5%|%%|%lld|%ld|%llx', 5, 6, 7)",
      "SELECT printf('a%yb'), printf('a%'), printf('a%5'), printf('%hd', 1), printf('%T', 1), printf('%n%d', 3)",
      'SELECT printf(NULL), printf(), printf(5), printf(1.5), format(), format(NULL, 1)',
      "SELECT format('%s-%d-%q', 'a'), format('%5.2f%%', 99.555), format('%c%c%c', 'a', 'b', 'c')",
      "SELECT printf('%.3s|%!.3s|%.0s|%5.1s|', 'héllo', 'héllo', 'x', 'yz')",
      "SELECT printf('%d', 9223372036854775807.0), printf('%d', -9.3e18), printf('%x', -1e30)",
    ];
    expect(await oracle.check(sql)).toEqual([]);
  });
});

describe('REAL as text', () => {
  it("'%!.17g' is SQLite 3.54's REAL-to-TEXT conversion (what CAST and || print)", async () => {
    const rand = prng(13);
    const values: number[] = [0.1, 0.2 + 0.1, 1 / 3, 2 / 3, 100, 1e20, 1e15, 1e16, 1e17, 123456789012345680, 1.5e-7, 49.47, 5e-324, 1.7976931348623157e308, -0.5, 0.30000000000000004];
    for (let i = 0; i < 2000; i++) values.push((rand() - 0.5) * 10 ** Math.floor(rand() * 60 - 30));
    const bad: string[] = [];
    for (const v of values) {
      const digits = v.toPrecision(17);
      const lit = /[.e]/.test(digits) ? digits : `${digits}.0`;
      const want = oracle.expected(`SELECT CAST(${lit} AS TEXT)`);
      const got = `text:${JSON.stringify(sqlPrintf('%!.17g', [Number(lit)], 0, 1))}`;
      if (want !== got) bad.push(`${lit}: want ${want} got ${got}`);
    }
    expect([bad.length, ...bad.slice(0, 5)]).toEqual([0]);
  });
});
