/**
 * Collating sequences: how TEXT values order. The built-ins are SQLite's three:
 *
 *   BINARY  the stored bytes, memcmp-style, shorter prefix first. In a UTF-8 database that is
 *           code-point order. In a UTF-16 database SQLite compares the UTF-16 bytes as stored,
 *           so the order depends on the file's encoding: big-endian is code-unit order (U+E000
 *           sorts after U+1F600, whose first unit is a surrogate), little-endian compares each
 *           unit's low byte first (U+0100 before U+00FF). Index B-trees in such files are
 *           ordered that way, so we must be too.
 *   NOCASE  ASCII letters folded to lower case, then code-point order; no other case folding.
 *           SQLite runs it on UTF-8 whatever the file's encoding.
 *   RTRIM   trailing U+0020 spaces ignored, then code-point order (UTF-8, as NOCASE).
 *
 * Note that JS's `<` on strings is code-unit order, which differs from code-point order
 * between astral characters and U+E000..U+FFFF, so it is never used here.
 *
 * A lone surrogate in a JS string compares as if it were a supplementary code point; encoded
 * to UTF-8 it would become U+FFFD. Such strings cannot come from decoded UTF-8, only from
 * user input, so the two paths (`compare`, `compareUtf8`) agree on all text a file can hold.
 */
import { TEXT_UTF16BE, TEXT_UTF16LE, type TextEncoding } from '../format/text-codec.js';

export interface Collation {
  /** Canonical name, as SQLite reports it (upper case for the built-ins). */
  readonly name: string;
  /**
   * Orders two strings: negative if `a` sorts first, 0 if equal, positive otherwise.
   * `textEncoding` is the database's; only BINARY depends on it.
   */
  compare(a: string, b: string, textEncoding: TextEncoding): number;
  /**
   * Optional fast path for UTF-8 databases: orders `a[aStart, aEnd)` and `b[bStart, bEnd)`,
   * both UTF-8, exactly as `compare` orders the strings they encode, without decoding them.
   */
  compareUtf8?(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): number;
}

const SPACE = 0x20;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const CASE_BIT = 0x20;

/** memcmp of two byte ranges; a range that is a prefix of the other sorts first. */
export function compareBytes(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): number {
  const aLen = aEnd - aStart;
  const bLen = bEnd - bStart;
  const n = aLen < bLen ? aLen : bLen;
  for (let i = 0; i < n; i++) {
    const d = a[aStart + i]! - b[bStart + i]!;
    if (d !== 0) return d;
  }
  return aLen - bLen;
}

/**
 * Puts UTF-16 code units >= 0xD800 in code-point order: U+E000..U+FFFF move below the
 * surrogates, which stand for code points >= U+10000.
 */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Order of two differing code units at the first difference, in code-point terms. */
function differingUnits(x: number, y: number): number {
  return x >= 0xd800 && y >= 0xd800 ? codePointRank(x) - codePointRank(y) : x - y;
}

/** Code-point order of `a[0, aLen)` and `b[0, bLen)` (= UTF-8 byte order). */
function compareCodePoints(a: string, aLen: number, b: string, bLen: number): number {
  const n = aLen < bLen ? aLen : bLen;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return differingUnits(x, y);
  }
  return aLen - bLen;
}

/** memcmp order of the UTF-16 encodings of `a` and `b`. */
function compareUtf16Bytes(a: string, b: string, littleEndian: boolean): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (littleEndian) {
        x = ((x & 0xff) << 8) | (x >>> 8);
        y = ((y & 0xff) << 8) | (y >>> 8);
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

function foldAscii(unit: number): number {
  return unit >= UPPER_A && unit <= UPPER_Z ? unit | CASE_BIT : unit;
}

function lengthWithoutTrailingSpaces(s: string): number {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === SPACE) n--;
  return n;
}

function endWithoutTrailingSpaces(buf: Uint8Array, start: number, end: number): number {
  while (end > start && buf[end - 1] === SPACE) end--;
  return end;
}

export const BINARY: Collation = {
  name: 'BINARY',
  compare(a, b, textEncoding) {
    if (textEncoding === TEXT_UTF16LE) return compareUtf16Bytes(a, b, true);
    if (textEncoding === TEXT_UTF16BE) return compareUtf16Bytes(a, b, false);
    return compareCodePoints(a, a.length, b, b.length);
  },
  compareUtf8: compareBytes,
};

export const NOCASE: Collation = {
  name: 'NOCASE',
  compare(a, b) {
    const n = a.length < b.length ? a.length : b.length;
    for (let i = 0; i < n; i++) {
      const x = foldAscii(a.charCodeAt(i));
      const y = foldAscii(b.charCodeAt(i));
      if (x !== y) return differingUnits(x, y);
    }
    return a.length - b.length;
  },
  compareUtf8(a, aStart, aEnd, b, bStart, bEnd) {
    const aLen = aEnd - aStart;
    const bLen = bEnd - bStart;
    const n = aLen < bLen ? aLen : bLen;
    for (let i = 0; i < n; i++) {
      const d = foldAscii(a[aStart + i]!) - foldAscii(b[bStart + i]!);
      if (d !== 0) return d;
    }
    return aLen - bLen;
  },
};

export const RTRIM: Collation = {
  name: 'RTRIM',
  compare(a, b) {
    return compareCodePoints(a, lengthWithoutTrailingSpaces(a), b, lengthWithoutTrailingSpaces(b));
  },
  compareUtf8(a, aStart, aEnd, b, bStart, bEnd) {
    return compareBytes(
      a, aStart, endWithoutTrailingSpaces(a, aStart, aEnd),
      b, bStart, endWithoutTrailingSpaces(b, bStart, bEnd),
    );
  },
};

/** SQLite matches collation names case-insensitively, folding ASCII only. */
function nameKey(name: string): string {
  let key = '';
  for (let i = 0; i < name.length; i++) key += String.fromCharCode(foldAscii(name.charCodeAt(i)));
  return key;
}

/**
 * Collations by name, per connection (SQLite's are registered per connection). Starts with
 * the built-ins; `register` adds or replaces one.
 */
export class CollationRegistry {
  private readonly byName = new Map<string, Collation>();

  constructor() {
    for (const c of [BINARY, NOCASE, RTRIM]) this.register(c);
  }

  register(collation: Collation): void {
    this.byName.set(nameKey(collation.name), collation);
  }

  /** The collation called `name` (any ASCII case), or undefined if none is registered. */
  get(name: string): Collation | undefined {
    return this.byName.get(nameKey(name));
  }
}

const builtins = new CollationRegistry();

/** A built-in collation by name (any ASCII case), or undefined. */
export function builtinCollation(name: string): Collation | undefined {
  return builtins.get(name);
}
