/**
 * Small conversions the built-in functions share: text and bytes of a value, code points.
 */
import { SqlReal, type SqlValue } from '../../format/sql-value.js';
import { encodeText, TEXT_UTF8 } from '../../format/text-codec.js';
import { valueToText } from '../value-text.js';

/** The TEXT form of `v` ('' never for NULL: callers check NULL first). */
export function textOf(v: Exclude<SqlValue, null>): string {
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
