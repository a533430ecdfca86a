/**
 * Serial types: how a record's header says what each column's body holds.
 *
 *   serial type    body bytes   meaning
 *   0              0            NULL
 *   1              1            big-endian two's-complement integer, 8 bits
 *   2              2            ... 16 bits
 *   3              3            ... 24 bits
 *   4              4            ... 32 bits
 *   5              6            ... 48 bits
 *   6              8            ... 64 bits
 *   7              8            big-endian IEEE 754 double
 *   8              0            the integer 0 (schema format 4 and later)
 *   9              0            the integer 1 (schema format 4 and later)
 *   10, 11         -            reserved: a file using them is corrupt
 *   N >= 12, even  (N-12)/2     BLOB
 *   N >= 13, odd   (N-13)/2     TEXT in the database's text encoding, no terminator
 *
 * Writing picks the smallest integer type that holds the value. A REAL is always written as
 * type 7, integral or not (SQLite can store integral reals of REAL-affinity columns as
 * integers; we do not, so a REAL stays a REAL without help from the column's affinity). NaN
 * is written as NULL, and a type-7 NaN read from a file is read as NULL, as SQLite does:
 * SQL has no NaN.
 *
 * Values follow sql-value.ts: INTEGER -> number when safe else bigint; REAL -> number, or
 * SqlReal when integral; TEXT -> string; BLOB -> a fresh Uint8Array (never a view into a page,
 * which the pager may reuse).
 */
import { assert } from '../assert.js';
import { corrupt } from '../errors.js';
import { SqlReal, type SqlValue } from './sql-value.js';
import { decodeText, textByteLength, writeText, type TextEncoding } from './text-codec.js';

export const SERIAL_NULL = 0;
export const SERIAL_INT8 = 1;
export const SERIAL_INT16 = 2;
export const SERIAL_INT24 = 3;
export const SERIAL_INT32 = 4;
export const SERIAL_INT48 = 5;
export const SERIAL_INT64 = 6;
export const SERIAL_FLOAT64 = 7;
export const SERIAL_ZERO = 8;
export const SERIAL_ONE = 9;
export const SERIAL_BLOB_BASE = 12;
export const SERIAL_TEXT_BASE = 13;

/** First schema format (header offset 44) whose files may use serial types 8 and 9. */
export const SCHEMA_FORMAT_BOOLEAN_TYPES = 4;

/** Body sizes of serial types 0..11; -1 marks the reserved 10 and 11. */
const FIXED_SIZE_BYTES = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, -1, -1] as const;

const TWO_POW_32 = 4294967296;
/** Largest magnitudes (as for v >= 0, or -1 - v for v < 0) of each integer width. */
const MAX_INT8 = 0x7f;
const MAX_INT16 = 0x7fff;
const MAX_INT24 = 0x7fffff;
const MAX_INT32 = 0x7fffffff;
const MAX_INT48 = 0x7fffffffffff;
const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);

// Scratch for double <-> bytes: a DataView fixes the byte order whatever the host's is.
const scratch = new Uint8Array(8);
const scratchView = new DataView(scratch.buffer);

/** Storage classes, numbered in SQLite's sort order (NULL < numbers < TEXT < BLOB). */
export const CLASS_NULL = 0;
export const CLASS_NUMBER = 1;
export const CLASS_TEXT = 2;
export const CLASS_BLOB = 3;
export type ClassCode = 0 | 1 | 2 | 3;

/** Body size in bytes of a column of serial type `t`; SQLITE_CORRUPT for 10 and 11. */
export function serialTypeSize(t: number): number {
  if (t >= SERIAL_BLOB_BASE) return Math.floor((t - SERIAL_BLOB_BASE) / 2);
  const size = FIXED_SIZE_BYTES[t];
  if (size === undefined || size < 0) throw corrupt(`reserved serial type ${t}`);
  return size;
}

/**
 * The storage class of serial type `t` (type 7 counts as a number even when its body is NaN;
 * see `readFloat`). SQLITE_CORRUPT for 10 and 11.
 */
export function serialTypeClass(t: number): ClassCode {
  if (t >= SERIAL_BLOB_BASE) return (t & 1) === 0 ? CLASS_BLOB : CLASS_TEXT;
  if (t === SERIAL_NULL) return CLASS_NULL;
  if (t === 10 || t === 11 || t < 0) throw corrupt(`reserved serial type ${t}`);
  return CLASS_NUMBER;
}

export function blobSerialType(sizeBytes: number): number {
  return sizeBytes * 2 + SERIAL_BLOB_BASE;
}

export function textSerialType(sizeBytes: number): number {
  return sizeBytes * 2 + SERIAL_TEXT_BASE;
}

/**
 * The serial type that stores `value`. `schemaFormat` below 4 forbids types 8 and 9 (files
 * we create use format 4).
 */
export function serialTypeFor(
  value: SqlValue,
  textEncoding: TextEncoding = 1,
  schemaFormat: number = SCHEMA_FORMAT_BOOLEAN_TYPES,
): number {
  if (value === null) return SERIAL_NULL;
  switch (typeof value) {
    case 'number':
      if (!Number.isInteger(value)) return Number.isNaN(value) ? SERIAL_NULL : SERIAL_FLOAT64;
      // sql-value.ts: an integral number is an INTEGER, and only safe ones are numbers.
      assert(Number.isSafeInteger(value), 'integral number outside the safe range (use bigint or SqlReal)');
      return intSerialType(value, schemaFormat);
    case 'bigint':
      assert(value >= MIN_INT64 && value <= MAX_INT64, 'bigint outside the 64-bit INTEGER range');
      // Canonical bigints are outside the safe range, so they need all 64 bits; tolerate a
      // non-canonical small one rather than write it in a wider type than SQLite would.
      return value >= -MAX_INT48 - 1 && value <= MAX_INT48
        ? intSerialType(Number(value), schemaFormat)
        : SERIAL_INT64;
    case 'string':
      return textSerialType(textByteLength(value, textEncoding));
    default:
      if (value instanceof SqlReal) return Number.isNaN(value.value) ? SERIAL_NULL : SERIAL_FLOAT64;
      return blobSerialType(value.length);
  }
}

function intSerialType(v: number, schemaFormat: number): number {
  if ((v === 0 || v === 1) && schemaFormat >= SCHEMA_FORMAT_BOOLEAN_TYPES) {
    return v === 0 ? SERIAL_ZERO : SERIAL_ONE;
  }
  const magnitude = v < 0 ? -1 - v : v;
  if (magnitude <= MAX_INT8) return SERIAL_INT8;
  if (magnitude <= MAX_INT16) return SERIAL_INT16;
  if (magnitude <= MAX_INT24) return SERIAL_INT24;
  if (magnitude <= MAX_INT32) return SERIAL_INT32;
  if (magnitude <= MAX_INT48) return SERIAL_INT48;
  return SERIAL_INT64;
}

/**
 * Writes the body of `value` as serial type `t` (from `serialTypeFor`) at `buf[off]`; returns
 * the bytes written. The caller provides `serialTypeSize(t)` bytes of room.
 */
export function writeValue(
  buf: Uint8Array,
  off: number,
  value: SqlValue,
  t: number,
  textEncoding: TextEncoding,
): number {
  if (t === SERIAL_NULL || t === SERIAL_ZERO || t === SERIAL_ONE) return 0;
  if (t >= SERIAL_BLOB_BASE) {
    if (typeof value === 'string') return writeText(value, textEncoding, buf, off);
    const blob = value as Uint8Array;
    buf.set(blob, off);
    return blob.length;
  }
  if (t === SERIAL_FLOAT64) {
    scratchView.setFloat64(0, typeof value === 'number' ? value : (value as SqlReal).value, false);
    buf.set(scratch, off);
    return 8;
  }
  const size = FIXED_SIZE_BYTES[t]!;
  if (typeof value === 'bigint' && t === SERIAL_INT64) {
    const u = BigInt.asUintN(64, value);
    writeInt64Parts(buf, off, Number(u >> 32n) | 0, Number(u & 0xffffffffn));
    return 8;
  }
  const v = Number(value as number | bigint);
  if (size <= 4) {
    for (let i = size - 1, x = v | 0; i >= 0; i--, x >>= 8) buf[off + i] = x & 0xff;
    return size;
  }
  // 6 or 8 bytes from a safe integer: split into a signed high part and an unsigned low word.
  const hi = Math.floor(v / TWO_POW_32);
  const lo = v - hi * TWO_POW_32;
  if (size === 6) {
    buf[off] = (hi >> 8) & 0xff;
    buf[off + 1] = hi & 0xff;
    writeUint32(buf, off + 2, lo);
  } else {
    writeInt64Parts(buf, off, hi, lo);
  }
  return size;
}

function writeInt64Parts(buf: Uint8Array, off: number, hi: number, lo: number): void {
  writeUint32(buf, off, hi >>> 0);
  writeUint32(buf, off + 4, lo);
}

function writeUint32(buf: Uint8Array, off: number, v: number): void {
  buf[off] = v >>> 24;
  buf[off + 1] = (v >>> 16) & 0xff;
  buf[off + 2] = (v >>> 8) & 0xff;
  buf[off + 3] = v & 0xff;
}

/**
 * The value of a column of serial type `t` whose body starts at `buf[off]`. The body must end
 * by `limit` (default: the buffer's end), else SQLITE_CORRUPT.
 */
export function decodeValue(
  buf: Uint8Array,
  off: number,
  t: number,
  textEncoding: TextEncoding,
  limit: number = buf.length,
): SqlValue {
  const size = serialTypeSize(t);
  if (off < 0 || off + size > Math.min(limit, buf.length)) throw corrupt('column body runs past its record');
  if (t >= SERIAL_BLOB_BASE) {
    if ((t & 1) === 1) return decodeText(buf, off, size, textEncoding);
    return buf.slice(off, off + size);
  }
  if (t === SERIAL_NULL) return null;
  if (t === SERIAL_FLOAT64) {
    const r = readFloat(buf, off);
    if (Number.isNaN(r)) return null;
    return Number.isInteger(r) ? new SqlReal(r) : r;
  }
  return readInt(buf, off, t);
}

/**
 * The integer body of serial type 1..6, 8 or 9 at `buf[off]` (unchecked: the caller has
 * bounds-checked it). A number when safe, else a bigint.
 */
export function readInt(buf: Uint8Array, off: number, t: number): number | bigint {
  switch (t) {
    case SERIAL_INT8:
      return (buf[off]! << 24) >> 24;
    case SERIAL_INT16:
      return ((buf[off]! << 24) >> 16) | buf[off + 1]!;
    case SERIAL_INT24:
      return ((buf[off]! << 24) >> 8) | (buf[off + 1]! << 8) | buf[off + 2]!;
    case SERIAL_INT32:
      return readInt32(buf, off);
    case SERIAL_INT48:
      return (((buf[off]! << 24) >> 16) | buf[off + 1]!) * TWO_POW_32 + (readInt32(buf, off + 2) >>> 0);
    case SERIAL_INT64: {
      const hi = readInt32(buf, off);
      const lo = readInt32(buf, off + 4) >>> 0;
      // |hi| below 2^21 keeps the value within 2^53; -2^53 itself is not a safe integer.
      if (hi >= -0x200000 && hi < 0x200000 && !(hi === -0x200000 && lo === 0)) {
        return hi * TWO_POW_32 + lo;
      }
      return (BigInt(hi) << 32n) | BigInt(lo);
    }
    case SERIAL_ZERO:
      return 0;
    case SERIAL_ONE:
      return 1;
    default:
      throw corrupt(`serial type ${t} is not an integer`);
  }
}

/** The double body (serial type 7) at `buf[off]`, unchecked. */
export function readFloat(buf: Uint8Array, off: number): number {
  for (let i = 0; i < 8; i++) scratch[i] = buf[off + i]!;
  return scratchView.getFloat64(0, false);
}

function readInt32(buf: Uint8Array, off: number): number {
  return (buf[off]! << 24) | (buf[off + 1]! << 16) | (buf[off + 2]! << 8) | buf[off + 3]!;
}
