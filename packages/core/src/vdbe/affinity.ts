/**
 * Type affinity (SQLite's datatype3 rules): the preferred storage class of a column, applied
 * to values stored into it and to operands of comparisons.
 *
 *   affinity  code  on store / compare
 *   BLOB      'A'   nothing changes (also "no affinity")
 *   TEXT      'B'   INTEGER and REAL become TEXT
 *   NUMERIC   'C'   TEXT that spells a number becomes INTEGER, or REAL if it is not integral
 *                   or too big; a REAL with an exact integer value becomes INTEGER
 *   INTEGER   'D'   as NUMERIC
 *   REAL      'E'   as NUMERIC, then INTEGER becomes REAL
 *
 * The codes are SQLite's (they show in EXPLAIN's affinity strings). A declared type maps to an
 * affinity by substring: INT -> INTEGER; CHAR, CLOB, TEXT -> TEXT; BLOB or no type -> BLOB;
 * REAL, FLOA, DOUB -> REAL; otherwise NUMERIC.
 */
import { intValue, SqlReal, type SqlValue } from '../format/sql-value.js';
import { parseNumericText } from './numeric-text.js';
import { valueToText } from './value-text.js';

/** No affinity (expressions other than columns and CASTs): takes the other operand's. */
export const AFF_NONE = 0x40;
export const AFF_BLOB = 0x41;
export const AFF_TEXT = 0x42;
export const AFF_NUMERIC = 0x43;
export const AFF_INTEGER = 0x44;
export const AFF_REAL = 0x45;

export type Affinity = typeof AFF_BLOB | typeof AFF_TEXT | typeof AFF_NUMERIC | typeof AFF_INTEGER | typeof AFF_REAL;

const MAX_EXACT_INT = 2 ** 63;

export function isNumericAffinity(aff: number): boolean {
  return aff >= AFF_NUMERIC;
}

/** The affinity of a declared column type (null: no type). */
export function affinityOfType(typeName: string | null): Affinity {
  if (typeName === null) return AFF_BLOB;
  const t = typeName.toUpperCase();
  if (t.includes('INT')) return AFF_INTEGER;
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return AFF_TEXT;
  if (t.includes('BLOB')) return AFF_BLOB;
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return AFF_REAL;
  return AFF_NUMERIC;
}

/** A REAL with an exact 64-bit integer value as INTEGER; other REALs stay REAL. */
function realToIntegerIfExact(r: number): SqlValue {
  if (!Number.isInteger(r)) return r;
  if (Math.abs(r) <= Number.MAX_SAFE_INTEGER) return r === 0 ? 0 : r;
  if (Math.abs(r) < MAX_EXACT_INT) return intValue(BigInt(r));
  return new SqlReal(r);
}

/** `v` with numeric affinity applied (TEXT that spells a number becomes that number). */
export function applyNumeric(v: SqlValue, aff: number): SqlValue {
  if (typeof v === 'string') {
    const parsed = parseNumericText(v);
    if (parsed === null) return v;
    const n = parsed.value;
    if (aff === AFF_REAL) return toReal(n);
    return n instanceof SqlReal ? realToIntegerIfExact(n.value) : n;
  }
  if (aff === AFF_REAL) {
    if (typeof v === 'number' && Number.isInteger(v)) return new SqlReal(v);
    if (typeof v === 'bigint') return new SqlReal(Number(v));
    // SQLite stores an integral REAL of a REAL column as an integer, so -0.0 reads back as 0.0.
    if (v instanceof SqlReal && Object.is(v.value, -0)) return new SqlReal(0);
    return v;
  }
  // Numeric/integer affinity stores an integral REAL as INTEGER when that is exact.
  if (v instanceof SqlReal) return realToIntegerIfExact(v.value);
  return v;
}

function toReal(n: number | bigint | SqlReal): SqlValue {
  if (n instanceof SqlReal) return n;
  if (typeof n === 'bigint') return new SqlReal(Number(n));
  return Number.isInteger(n) ? new SqlReal(n) : n;
}

/** `v` with affinity `aff` applied, as when storing into a column. */
export function applyAffinity(v: SqlValue, aff: number): SqlValue {
  if (v === null) return v;
  switch (aff) {
    case AFF_TEXT:
      if (typeof v === 'number' || typeof v === 'bigint' || v instanceof SqlReal) return valueToText(v);
      return v;
    case AFF_NUMERIC:
    case AFF_INTEGER:
    case AFF_REAL:
      if (v instanceof Uint8Array) return v;
      return applyNumeric(v, aff);
    default:
      return v;
  }
}
