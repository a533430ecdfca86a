/**
 * SQLite's variable-length integer ("varint"), big-endian, 1 to 9 bytes:
 *
 *   bytes 1..8: high bit set = "more bytes follow", low 7 bits are value bits
 *   byte 9    : all 8 bits are value bits (so 8*7 + 8 = 64 bits in total)
 *
 * The value is a 64-bit two's-complement integer, so negative numbers always take 9 bytes.
 * Decoding returns a number while the value is a safe integer and a bigint beyond (see
 * sql-value.ts). Reads are bounded by `limit` (default: the buffer's end): a varint running past
 * it is corruption, reported as SQLITE_CORRUPT, never an out-of-range read.
 */
import { corrupt } from '../errors.js';
import { intValue } from './sql-value.js';

export const MAX_VARINT_BYTES = 9;

/** Length in bytes of the varint at `buf[off]`. */
export function varintLength(buf: Uint8Array, off: number, limit: number = buf.length): number {
  const end = Math.min(limit, off + MAX_VARINT_BYTES);
  for (let i = off; i < end; i++) {
    if (i === off + 8 || buf[i]! < 0x80) return i - off + 1;
  }
  throw corrupt('varint runs past its bound');
}

/** The value of the varint at `buf[off]` (number when safe, else bigint). */
export function readVarint(buf: Uint8Array, off: number, limit: number = buf.length): number | bigint {
  // Fast paths: one and two bytes cover rowids below 16384 and most header fields.
  const b0 = buf[off];
  if (b0 !== undefined && off < limit) {
    if (b0 < 0x80) return b0;
    // Two and three bytes: rowids up to 2^21 and most sizes. An index at or past `limit` or
    // the buffer's end fails the `< 0x80` test (undefined) or the bound and takes the loop.
    if (off + 1 < limit) {
      const b1 = buf[off + 1]!;
      if (b1 < 0x80) return ((b0 & 0x7f) << 7) | b1;
      if (off + 2 < limit) {
        const b2 = buf[off + 2]!;
        if (b2 < 0x80) return ((b0 & 0x7f) << 14) | ((b1 & 0x7f) << 7) | b2;
      }
    }
  }
  const len = varintLength(buf, off, limit);
  if (len <= 7) {
    // At most 49 value bits: exact in a double.
    let v = 0;
    for (let i = 0; i < len; i++) v = v * 128 + (buf[off + i]! & 0x7f);
    return v;
  }
  let v = 0n;
  for (let i = 0; i < 8; i++) v = (v << 7n) | BigInt(buf[off + i]! & 0x7f);
  if (len === 9) v = (v << 8n) | BigInt(buf[off + 8]!);
  return intValue(BigInt.asIntN(64, v));
}

/**
 * A varint known to be small (header sizes, serial types, payload sizes, cell offsets): returns
 * a number, SQLITE_CORRUPT if it does not fit in 32 bits unsigned.
 */
export function readVarint32(buf: Uint8Array, off: number, limit: number = buf.length): number {
  const b0 = buf[off];
  if (b0 !== undefined && b0 < 0x80 && off < limit) return b0;
  const v = readVarint(buf, off, limit);
  if (typeof v !== 'number' || v < 0 || v > 0xffffffff) throw corrupt('varint too large for a size');
  return v;
}

/** Bytes needed to encode `v` (a 64-bit signed integer). */
export function varintSize(v: number | bigint): number {
  if (typeof v === 'number') {
    if (v >= 0 && v <= 0x7f) return 1;
    if (v >= 0 && v <= 0x3fff) return 2;
    if (v >= 0 && v < 2 ** 49) {
      let n = 1;
      let x = Math.floor(v / 128);
      while (x > 0) {
        n++;
        x = Math.floor(x / 128);
      }
      return n;
    }
    v = BigInt(v);
  }
  let u = BigInt.asUintN(64, v);
  if (u >> 56n !== 0n) return 9;
  let n = 1;
  u >>= 7n;
  while (u > 0n) {
    n++;
    u >>= 7n;
  }
  return n;
}

/** Writes `v` at `buf[off]`; returns the number of bytes written. */
export function writeVarint(buf: Uint8Array, off: number, v: number | bigint): number {
  if (typeof v === 'number' && v >= 0 && v <= 0x7f) {
    buf[off] = v;
    return 1;
  }
  if (typeof v === 'number' && v >= 0 && v < 2 ** 49) {
    const n = varintSize(v);
    let x = v;
    for (let i = n - 1; i >= 0; i--) {
      buf[off + i] = (x % 128) | (i === n - 1 ? 0 : 0x80);
      x = Math.floor(x / 128);
    }
    return n;
  }
  let u = BigInt.asUintN(64, BigInt(v));
  if (u >> 56n !== 0n) {
    // Nine bytes: the last carries 8 bits, the first eight carry 7 bits each.
    buf[off + 8] = Number(u & 0xffn);
    u >>= 8n;
    for (let i = 7; i >= 0; i--) {
      buf[off + i] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    return 9;
  }
  const n = varintSize(u);
  for (let i = n - 1; i >= 0; i--) {
    buf[off + i] = Number(u & 0x7fn) | (i === n - 1 ? 0 : 0x80);
    u >>= 7n;
  }
  return n;
}
