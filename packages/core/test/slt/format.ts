/**
 * Value formatting, as the reference harness (SQLite's slt_sqlite.c driver) renders a result
 * column according to the record's type letter:
 *
 *   letter  SQLite call              rendering                    NULL
 *   I       sqlite3_column_int       printf %d of a 32-bit int    NULL
 *   R       sqlite3_column_double    SQLite printf %.3f           NULL
 *   T       sqlite3_column_text      the text; "" is (empty);     NULL
 *                                    each byte outside 0x20..0x7e
 *                                    becomes '@'
 *
 * Conversions SQLite applies on the way:
 *   I of REAL: truncate toward zero, saturate to 64 bits, keep the low 32 bits.
 *   I of INTEGER: keep the low 32 bits (C's (int) cast of the int64).
 *   I/R of TEXT or BLOB: the leading number of the text (text-number.ts).
 *   T of INTEGER: decimal; T of REAL: SQLite printf %!.15g (`1.0`, `1.0e+20`);
 *   T of TEXT/BLOB: the UTF-8 bytes up to the first NUL (the C string the harness sees).
 */
import { SqlReal, type SqlValue } from '../../src/format/sql-value.js';
import { printfFixed, printfGenericAlt } from './float-printf.js';
import { blobAsLatin1, leadingInt64, leadingReal } from './text-number.js';

export type ColumnType = 'I' | 'R' | 'T';

/** Doubles beyond these saturate when SQLite converts REAL to int64 (sqlite3RealToI64). */
const REAL_TO_INT_MAX = 9223372036854774784;
const INT64_MAX_LOW32 = -1; // (int)0x7fffffffffffffff
const INT64_MIN_LOW32 = 0; // (int)0x8000000000000000

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const encoder = new TextEncoder();

export function formatValue(v: SqlValue, type: ColumnType): string {
  if (v === null) return 'NULL';
  switch (type) {
    case 'I':
      return String(asInt32(v));
    case 'R':
      return printfFixed(asDouble(v), 3);
    case 'T':
      return asText(v);
  }
}

function asInt32(v: Exclude<SqlValue, null>): number {
  if (typeof v === 'number') return Number.isInteger(v) ? v | 0 : realToInt32(v);
  if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
  if (v instanceof SqlReal) return realToInt32(v.value);
  const text = typeof v === 'string' ? v : blobAsLatin1(v);
  return Number(BigInt.asIntN(32, leadingInt64(text)));
}

function realToInt32(r: number): number {
  if (r > REAL_TO_INT_MAX) return INT64_MAX_LOW32;
  if (r < -REAL_TO_INT_MAX) return INT64_MIN_LOW32;
  // ToInt32 keeps the low 32 bits of the truncated value, exactly, for any double.
  return Math.trunc(r) | 0;
}

function asDouble(v: Exclude<SqlValue, null>): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof SqlReal) return v.value;
  return leadingReal(typeof v === 'string' ? v : blobAsLatin1(v));
}

function asText(v: Exclude<SqlValue, null>): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : printfGenericAlt(v, 15);
  if (typeof v === 'bigint') return String(v);
  if (v instanceof SqlReal) return printfGenericAlt(v.value, 15);
  if (typeof v === 'string') {
    if (v === '') return '(empty)';
    if (PRINTABLE_ASCII.test(v)) return v;
    return bytesAsText(encoder.encode(v));
  }
  return bytesAsText(v);
}

function bytesAsText(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) break; // the harness reads a C string
    out += b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '@';
  }
  return out === '' ? '(empty)' : out;
}
