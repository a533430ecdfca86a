/**
 * Text as stored in a database file. The encoding is a property of the whole file (header
 * offset 56) and applies to every TEXT value in every record:
 *
 *   code  encoding   code unit layout
 *   1     UTF-8      bytes, as in the string's UTF-8 form
 *   2     UTF-16le   2 bytes per code unit, low byte first
 *   3     UTF-16be   2 bytes per code unit, high byte first
 *
 * Stored text carries no BOM and no terminator; its byte length comes from the serial type.
 *
 * Bytes that do not form valid text are not an error. SQLite passes TEXT bytes through
 * unchecked, but a JS string cannot hold invalid UTF-8, so decoding substitutes U+FFFD for
 * each malformed sequence (the WHATWG decoder's rule) rather than throwing: a row with bad
 * text stays readable, at the cost that re-encoding it does not reproduce the original bytes.
 * In the other direction a lone surrogate in a JS string becomes U+FFFD in UTF-8 (3 bytes),
 * while UTF-16 keeps it as the code unit it is. A UTF-16 body of odd length ends with a
 * byte that cannot form a code unit; it is ignored.
 */
import { assert } from '../assert.js';

export type TextEncoding = 1 | 2 | 3;

export const TEXT_UTF8: TextEncoding = 1;
export const TEXT_UTF16LE: TextEncoding = 2;
export const TEXT_UTF16BE: TextEncoding = 3;

export function isTextEncoding(n: number): n is TextEncoding {
  return n === 1 || n === 2 || n === 3;
}

const utf8Encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is data here (SQLite stores it as given), not a marker to strip.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Below this length a hand loop beats the decoder's per-call cost for ASCII text. */
const SHORT_TEXT_BYTES = 32;
/** Scratch for decoding short ASCII text, one array per length (one decode runs at a time). */
const shortCodes: number[][] = Array.from({ length: SHORT_TEXT_BYTES + 1 }, (_, n) => new Array<number>(n).fill(0));
/** Code units handed to String.fromCharCode at once (spread arguments have an engine limit). */
const CHUNK_UNITS = 4096;

/** Byte length of `s` in `enc`, without encoding it. */
export function textByteLength(s: string, enc: TextEncoding): number {
  if (enc !== TEXT_UTF8) return s.length * 2;
  const n = s.length;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(s.charCodeAt(i + 1))) {
      // A surrogate pair: two code units, four bytes.
      bytes += 2;
      i++;
    } else {
      // Rest of the BMP, and lone surrogates (written as U+FFFD): three bytes.
      bytes += 2;
    }
  }
  return bytes;
}

/**
 * Writes `s` in `enc` at `buf[off]`; returns the bytes written, which equal
 * `textByteLength(s, enc)`. The caller provides the room.
 */
export function writeText(s: string, enc: TextEncoding, buf: Uint8Array, off: number): number {
  if (enc === TEXT_UTF8) {
    const n = s.length;
    // ASCII needs no encoder call (and covers most identifiers and short values).
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[off + i] = c;
    }
    if (i === n) return n;
    const rest = textByteLength(s, TEXT_UTF8) - i;
    const { written } = utf8Encoder.encodeInto(s.slice(i), buf.subarray(off + i, off + i + rest));
    assert(written === rest, 'UTF-8 length mismatch');
    return i + written;
  }
  const hiFirst = enc === TEXT_UTF16BE;
  for (let i = 0, p = off; i < s.length; i++, p += 2) {
    const c = s.charCodeAt(i);
    buf[p] = hiFirst ? c >>> 8 : c & 0xff;
    buf[p + 1] = hiFirst ? c & 0xff : c >>> 8;
  }
  return s.length * 2;
}

/** `s` encoded in `enc`, in a new array. */
export function encodeText(s: string, enc: TextEncoding): Uint8Array {
  if (enc === TEXT_UTF8) return utf8Encoder.encode(s);
  const out = new Uint8Array(s.length * 2);
  writeText(s, enc, out, 0);
  return out;
}

/** The text in `buf[off, off + len)`, stored in `enc`. The caller has bounds-checked the range. */
export function decodeText(buf: Uint8Array, off: number, len: number, enc: TextEncoding): string {
  assert(off >= 0 && len >= 0 && off + len <= buf.length, 'text range outside its buffer');
  if (enc === TEXT_UTF8) {
    if (len <= SHORT_TEXT_BYTES) {
      // One fromCharCode over the codes gives a flat string; `s +=` per byte would build a
      // rope of `len` pieces that every later comparison must flatten first.
      const codes = shortCodes[len]!;
      for (let i = 0; i < len; i++) {
        const b = buf[off + i]!;
        if (b >= 0x80) return utf8Decoder.decode(buf.subarray(off, off + len));
        codes[i] = b;
      }
      return String.fromCharCode.apply(null, codes);
    }
    return utf8Decoder.decode(buf.subarray(off, off + len));
  }
  return decodeUtf16(buf, off, len >>> 1, enc === TEXT_UTF16BE);
}

function decodeUtf16(buf: Uint8Array, off: number, units: number, bigEndian: boolean): string {
  const hi = bigEndian ? 0 : 1;
  const lo = 1 - hi;
  let s = '';
  const chunk: number[] = [];
  for (let u = 0; u < units; u++) {
    const p = off + u * 2;
    chunk.push((buf[p + hi]! << 8) | buf[p + lo]!);
    if (chunk.length === CHUNK_UNITS) {
      s += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return chunk.length === 0 ? s : s + String.fromCharCode(...chunk);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
