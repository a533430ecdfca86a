/**
 * JS values <-> SQL values at the better-sqlite3-style boundary.
 *
 *   bind                          result
 *   number, integral -> INTEGER   INTEGER -> number (bigint with safeIntegers)
 *   number, other    -> REAL      REAL    -> number
 *   bigint           -> INTEGER   TEXT    -> string
 *   boolean          -> 0 / 1     BLOB    -> Buffer
 *   string           -> TEXT      NULL    -> null
 *   Uint8Array/Buffer -> BLOB (copied)
 *   null, undefined  -> NULL
 */
import { intValue, SqlReal, SqliteError, type SqlValue } from '@minnow/core';

const MAX_INT64 = 0x7fffffffffffffffn;
const MIN_INT64 = -0x8000000000000000n;

export function toSqlValue(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return v;
    case 'bigint':
      if (v > MAX_INT64 || v < MIN_INT64) throw new RangeError('BigInt value is too large to be represented as a SQLite integer');
      return intValue(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return v;
    default:
      if (v instanceof Uint8Array) return new Uint8Array(v);
      throw new TypeError(`SQLite3 can only bind numbers, strings, bigints, buffers, and null`);
  }
}

export function fromSqlValue(v: SqlValue, safeIntegers: boolean): unknown {
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number') return safeIntegers && Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'bigint') return safeIntegers ? v : Number(v);
  if (v instanceof SqlReal) return v.value;
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

/**
 * better-sqlite3's argument forms: values, arrays of values, and one object of named values.
 * Positional values go into `positional` (the caller's scratch array, reused call after call:
 * the engine copies bound values, and a statement run in a loop then allocates no array here).
 */
export function bindArgs(args: readonly unknown[], positional: SqlValue[] = []): SqlValue[] | Record<string, SqlValue> {
  let n = 0;
  let named: Record<string, SqlValue> | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (Array.isArray(a)) for (let j = 0; j < a.length; j++) positional[n++] = toSqlValue(a[j]);
    else if (a !== null && typeof a === 'object' && !(a instanceof Uint8Array)) {
      if (named !== null) throw new TypeError('You cannot specify named parameters in two different objects');
      named = {};
      for (const [k, x] of Object.entries(a)) named[k] = toSqlValue(x);
    } else positional[n++] = toSqlValue(a);
  }
  if (positional.length !== n) positional.length = n;
  if (named !== null) {
    if (n > 0) throw new SqliteError('SQLITE_RANGE', 'mixing named and positional parameters is not supported yet');
    return named;
  }
  return positional;
}
