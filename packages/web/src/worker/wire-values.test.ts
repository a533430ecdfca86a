/** Values crossing the worker boundary: bind parameters in, engine values and rows out. */
import { describe, expect, it } from 'vitest';
import { SqliteError, SqlReal } from '@minnow/core';
import { shapeRow, toSqlValue, toWireError, toWireValue } from './wire-values.js';

describe('wire values', () => {
  it('binds booleans as 1/0, bigints canonically, buffers and views as blobs, undefined as NULL', () => {
    expect(toSqlValue(true)).toBe(1);
    expect(toSqlValue(false)).toBe(0);
    expect(toSqlValue(undefined)).toBeNull();
    expect(toSqlValue(5n)).toBe(5);
    expect(toSqlValue(2n ** 62n)).toBe(2n ** 62n);
    expect(toSqlValue(new Uint8Array([1, 2]).buffer)).toEqual(new Uint8Array([1, 2]));
    expect(toSqlValue(new Uint16Array([0x0102]))).toEqual(new Uint8Array(new Uint16Array([0x0102]).buffer));
    expect(() => toSqlValue({})).toThrow(SqliteError);
  });

  it('hands out reals as numbers, integers as numbers or bigints, blobs as copies', () => {
    expect(toWireValue(new SqlReal(2), false)).toBe(2);
    expect(toWireValue(3, true)).toBe(3n);
    expect(toWireValue(2n ** 62n, false)).toBe(Number(2n ** 62n));
    expect(toWireValue(1.5, true)).toBe(1.5);
    const page = new Uint8Array([9, 8, 7, 6]);
    const blob = toWireValue(page.subarray(1, 3), false) as Uint8Array;
    expect(blob).toEqual(new Uint8Array([8, 7]));
    expect(blob.buffer).not.toBe(page.buffer);
    expect(blob.buffer.byteLength).toBe(2);
  });

  it('shapes rows as objects (later duplicate names win), arrays, or the first value', () => {
    const shape = { raw: false, pluck: false, safeIntegers: false };
    expect(shapeRow([1, 'a', 2], ['x', 'y', 'x'], shape)).toEqual({ x: 2, y: 'a' });
    expect(shapeRow([1, null], ['x', 'y'], { ...shape, raw: true })).toEqual([1, null]);
    expect(shapeRow([7, 8], ['x', 'y'], { ...shape, pluck: true, safeIntegers: true })).toBe(7n);
  });

  it('keeps the code and offset of SqliteErrors; anything else is SQLITE_INTERNAL', () => {
    const e = Object.assign(new SqliteError('SQLITE_ERROR', 'near "X": syntax error'), { offset: 4 });
    expect(toWireError(e)).toEqual({ code: 'SQLITE_ERROR', message: 'near "X": syntax error', offset: 4 });
    expect(toWireError(new TypeError('boom'))).toEqual({ code: 'SQLITE_INTERNAL', message: 'boom' });
  });
});
