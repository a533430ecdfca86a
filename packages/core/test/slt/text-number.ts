/**
 * How SQLite reads a number out of TEXT (or a BLOB's bytes) when asked for one:
 * sqlite3_column_int64 takes the leading integer, sqlite3_column_double the leading real.
 * Whatever follows the number is ignored; no number at all reads as 0.
 *
 *   text        as int64                 as double
 *   '  12abc'   12                       12.0
 *   '-12.9x'    -12                      -12.9
 *   '1e3'       1                        1000.0
 *   '0x10'      0                        0.0
 *   '99...9'    9223372036854775807      (nearest double)
 *   'abc'       0                        0.0
 *
 * Leading space is SQLite's set (space, \t, \n, \v, \f, \r); an integer beyond 64 bits saturates.
 */

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

const LEADING_INT = /^[ \t\n\v\f\r]*([+-]?)(\d+)/;
const LEADING_REAL = /^[ \t\n\v\f\r]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;

export function leadingInt64(text: string): bigint {
  const m = LEADING_INT.exec(text);
  if (m === null) return 0n;
  let v = BigInt(m[2]!);
  if (m[1] === '-') v = -v;
  if (v > INT64_MAX) return INT64_MAX;
  if (v < INT64_MIN) return INT64_MIN;
  return v;
}

export function leadingReal(text: string): number {
  const m = LEADING_REAL.exec(text);
  return m === null ? 0 : Number(m[1]!);
}

/** A BLOB read as text for number parsing: only ASCII bytes can be part of a number. */
export function blobAsLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
