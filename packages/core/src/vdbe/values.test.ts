/**
 * The VM's value rules in isolation, with expectations taken from sqlite3 3.40 (REAL text
 * form: from SQLite 3.54, the oracle sql.js runs, which prints 17 digits when 15 lose bits), arithmetic with overflow and NULL/zero rules, affinity and CAST conversions.
 */
import { describe, expect, it } from 'vitest';
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import { AFF_INTEGER, AFF_NUMERIC, AFF_REAL, AFF_TEXT, applyAffinity } from './affinity.js';
import { arith, bitOp, negate, OP_ADD, OP_DIV, OP_MUL, OP_REM, SHIFT_LEFT } from './arith.js';
import { castValue } from './cast.js';
import { realToText, valueToText } from './value-text.js';

const r = (v: number): SqlReal => new SqlReal(v);

describe('REAL as text (15 or 17 digits)', () => {
  it.each([
    [1e20, '1.0e+20'], [1, '1.0'], [0.1, '0.1'], [1e15, '1000000000000000.0'], [1e14, '100000000000000.0'],
    [1e16, '10000000000000000.0'], [1e17, '1.0e+17'], [12345678901234567, '12345678901234568.0'],
    [123456789012345678, '1.2345678901234568e+17'], [1.5e-7, '1.5e-07'], [0.0001, '0.0001'], [1e-5, '1.0e-05'],
    [-0, '0.0'], [100, '100.0'], [1 / 3, '0.33333333333333332'], [Infinity, 'Inf'], [-2.5, '-2.5'],
    [0.30000000000000004, '0.30000000000000004'], [2.5e-310, '2.5000000000000171e-310'], [1.7976931348623157e308, '1.7976931348623157e+308'],
  ])('%s -> %s', (v, text) => {
    expect(realToText(v)).toBe(text);
  });
});

describe('arithmetic', () => {
  it.each<[number, SqlValue, SqlValue, SqlValue]>([
    [OP_ADD, 9223372036854775807n, 1, r(9223372036854775808)],
    [OP_MUL, 4611686018427387904n, 2, r(9223372036854775808)],
    [OP_DIV, 7, 2, 3],
    [OP_DIV, -7, 2, -3],
    [OP_DIV, 7, 0, null],
    [OP_DIV, 7.5, 0, null],
    [OP_REM, 5.5, 2, r(1)],
    [OP_REM, -7, 3, -1],
    [OP_REM, 5, 0, null],
    [OP_ADD, '12abc', 1, 13],
    [OP_ADD, '3.0', 0, r(3)],
    [OP_ADD, null, 1, null],
    [OP_DIV, -9223372036854775808n, -1, r(9223372036854775808)],
  ])('op %i: %s, %s', (op, a, b, want) => {
    expect(arith(op, a, b)).toEqual(want);
  });

  it('shifts, negation', () => {
    expect(bitOp(SHIFT_LEFT, 1, 64)).toBe(0);
    expect(bitOp(SHIFT_LEFT, 1, 62)).toBe(4611686018427387904n);
    expect(negate(-9223372036854775808n)).toEqual(r(9223372036854775808));
    expect(negate(3)).toBe(-3);
  });
});

describe('affinity and CAST', () => {
  it.each<[SqlValue, number, SqlValue]>([
    ['3.0', AFF_INTEGER, 3],
    ['3.0', AFF_TEXT, '3.0'],
    ['3', AFF_REAL, r(3)],
    [3, AFF_TEXT, '3'],
    [r(3), AFF_NUMERIC, 3],
    [' 12 ', AFF_NUMERIC, 12],
    ['1e18', AFF_INTEGER, 1000000000000000000n],
    ['0x10', AFF_NUMERIC, '0x10'],
    ['abc', AFF_NUMERIC, 'abc'],
    [new Uint8Array([0x31]), AFF_INTEGER, new Uint8Array([0x31])],
  ])('%s with affinity %i', (v, aff, want) => {
    expect(applyAffinity(v, aff)).toEqual(want);
  });

  it.each<[SqlValue, number, SqlValue]>([
    ['1e3', AFF_INTEGER, 1],
    [' 12abc', AFF_INTEGER, 12],
    ['9999999999999999999', AFF_INTEGER, 9223372036854775807n],
    [r(1e30), AFF_INTEGER, 9223372036854775807n],
    [12.9, AFF_INTEGER, 12],
    ['1e3', AFF_REAL, r(1000)],
    ['3.0x', AFF_NUMERIC, 3],
    [3, AFF_TEXT, '3'],
  ])('CAST(%s AS %i)', (v, aff, want) => {
    expect(castValue(v, aff)).toEqual(want);
  });

  it('text forms', () => {
    expect(valueToText(r(2))).toBe('2.0');
    expect(valueToText(-9223372036854775808n)).toBe('-9223372036854775808');
  });
});
