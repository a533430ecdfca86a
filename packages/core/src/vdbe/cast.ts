/**
 * CAST(x AS type): like affinity, but forcing. TEXT to INTEGER takes the leading integer;
 * TEXT to REAL or NUMERIC the leading number; REAL to INTEGER truncates (clamped to 64 bits);
 * anything to TEXT is its text form; to BLOB, the bytes of its text form. NULL stays NULL.
 */
import { intValue, realValue, SqlReal, type SqlValue } from '../format/sql-value.js';
import { encodeText, TEXT_UTF8, decodeText } from '../format/text-codec.js';
import { AFF_BLOB, AFF_INTEGER, AFF_NUMERIC, AFF_REAL, AFF_TEXT } from './affinity.js';
import { toInt64Trunc } from './arith.js';
import { integerPrefix, isNegativeZeroText, numericPrefix } from './numeric-text.js';
import { valueToText } from './value-text.js';

function textOfBlob(v: Uint8Array): string {
  return decodeText(v, 0, v.length, TEXT_UTF8);
}

function castInteger(v: Exclude<SqlValue, null>): SqlValue {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : intValue(toInt64Trunc(v));
  if (typeof v === 'bigint') return v;
  if (v instanceof SqlReal) return intValue(toInt64Trunc(v.value));
  return integerPrefix(typeof v === 'string' ? v : textOfBlob(v));
}

function castReal(v: Exclude<SqlValue, null>): SqlValue {
  if (typeof v === 'number') return realValue(v);
  if (typeof v === 'bigint') return new SqlReal(Number(v));
  if (v instanceof SqlReal) return v;
  const text = typeof v === 'string' ? v : textOfBlob(v);
  const n = numericPrefix(text);
  // Text is read as a double, so '-0' keeps its sign (the integer prefix 0 would lose it).
  if (n === 0 && isNegativeZeroText(text)) return new SqlReal(-0);
  return realValue(typeof n === 'object' ? n.value : Number(n));
}

function castNumeric(v: Exclude<SqlValue, null>): SqlValue {
  // A number is already NUMERIC: a REAL stays REAL even when integral (CAST(4.0 AS NUMERIC)).
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof SqlReal) return v;
  const n = numericPrefix(typeof v === 'string' ? v : textOfBlob(v));
  if (n instanceof SqlReal) {
    const r = n.value;
    if (Math.abs(r) <= Number.MAX_SAFE_INTEGER) return r === 0 ? 0 : r;
    if (Math.abs(r) < 2 ** 63) return intValue(BigInt(r));
  }
  return n;
}

export function castValue(v: SqlValue, aff: number): SqlValue {
  if (v === null) return null;
  switch (aff) {
    case AFF_INTEGER:
      return castInteger(v);
    case AFF_REAL:
      return castReal(v);
    case AFF_NUMERIC:
      return castNumeric(v);
    case AFF_TEXT:
      return valueToText(v);
    case AFF_BLOB:
      return v instanceof Uint8Array ? v : encodeText(valueToText(v)!, TEXT_UTF8);
    default:
      return v;
  }
}
