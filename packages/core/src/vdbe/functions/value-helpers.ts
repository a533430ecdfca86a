/**
 * Small conversions the built-in functions share: text and bytes of a value, code points.
 */
import { SqlReal, type SqlValue } from '../../format/sql-value.js';
import { encodeText, TEXT_UTF8 } from '../../format/text-codec.js';
import { AFF_INTEGER } from '../affinity.js';
import { numericToDouble, toNumeric } from '../arith.js';
import { castValue } from '../cast.js';
import { valueToText } from '../value-text.js';
import { realText } from './printf-float.js';

/**
 * The TEXT form of `v` (callers check NULL first). REALs use SQLite 3.54's `%!.17g` form
 * (0.30000000000000004), which vdbe/value-text.ts does not produce yet.
 */
export function textOf(v: Exclude<SqlValue, null>): string {
  if (v instanceof SqlReal) return realText(v.value);
  if (typeof v === 'number' && !Number.isInteger(v)) return realText(v);
  return valueToText(v) as string;
}

/** The bytes of `v`: a BLOB's own, else the UTF-8 of its text form. */
export function bytesOf(v: Exclude<SqlValue, null>): Uint8Array {
  if (v instanceof Uint8Array) return v;
  return encodeText(textOf(v), TEXT_UTF8);
}

export function isBlob(v: SqlValue): v is Uint8Array {
  return v instanceof Uint8Array;
}

export function isNumber(v: SqlValue): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof SqlReal;
}

/** True when `s` has only BMP, non-surrogate characters (code units == code points). */
export function isSimpleText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}

/** Number of code points in `s`. */
export function codePointLength(s: string): number {
  if (isSimpleText(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** sqlite3_value_int64: REAL truncated and clamped, TEXT/BLOB by their leading integer. */
export function int64Arg(v: Exclude<SqlValue, null>): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  const n = castValue(v, AFF_INTEGER);
  return typeof n === 'bigint' ? n : BigInt(n as number);
}

/** sqlite3_value_double: INTEGER converted, TEXT/BLOB by their leading number. */
export function doubleArg(v: Exclude<SqlValue, null>): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof SqlReal) return v.value;
  return numericToDouble(toNumeric(v));
}

/** Bytes in the UTF-8 form of `s`. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
