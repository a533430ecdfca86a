/**
 * SQLite's ordering of values and of index keys.
 *
 * Values: NULL < INTEGER and REAL (one numeric order) < TEXT (by collation) < BLOB (memcmp,
 * shorter prefix first). An INTEGER and a REAL compare by exact value, never by rounding the
 * integer to a double: 2^53 + 1 > 9007199254740992.0. -0.0 equals 0. NaN is not a SQL value
 * (SQLite turns it into NULL on the way in and reads a stored NaN as NULL), so here NaN sorts
 * as NULL; this keeps the order total.
 *
 * Keys: column i compares with `keyInfo.collations[i]` (default BINARY) and, when
 * `keyInfo.desc[i]`, in reverse. Keys compare column by column up to the shorter of the two;
 * equal on that common prefix is 0, so a partial key finds every entry it is a prefix of
 * (the caller seeks to the first or last such entry by treating 0 as "go left" or "go right").
 *
 * Results are -1, 0 or 1. Records are walked column by column and the walk stops at the
 * first difference, so a seek touches only the columns it needs; numbers and (in UTF-8
 * databases, with a PreparedKey) text compare without allocating.
 */
import { assert } from '../assert.js';
import { RecordWalker } from '../format/record-walker.js';
import {
  CLASS_BLOB, CLASS_NULL, CLASS_NUMBER, CLASS_TEXT, readFloat, readInt, serialTypeClass,
  SERIAL_FLOAT64, type ClassCode,
} from '../format/serial-type.js';
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import { decodeText, encodeText, TEXT_UTF8, type TextEncoding } from '../format/text-codec.js';
import { BINARY, compareBytes, type Collation } from './collation.js';

/** How an index orders its columns. Entries may be missing: BINARY and ascending. */
export interface KeyInfo {
  readonly collations: readonly Collation[];
  readonly desc: readonly boolean[];
}

/**
 * A key made ready for many comparisons (one seek compares against every cell on its path):
 * each column's storage class is known, numbers are unwrapped, and TEXT and BLOB columns are
 * byte ranges, so a UTF-8 database compares them to stored bytes without decoding. Two ways in:
 * `load` (values, e.g. VM registers; TEXT is encoded to UTF-8 once) and `loadRecord` (a packed
 * record, e.g. an index entry to insert; its bytes are used where they lie). Both reuse the
 * arrays, so a cursor can keep one PreparedKey for all its seeks.
 */
export class PreparedKey {
  /** The values (`load`), or for `loadRecord` numbers and NULL only (TEXT/BLOB: null). */
  readonly values: SqlValue[] = [];
  /** Storage class of each column (a NaN is NULL). */
  readonly classes: ClassCode[] = [];
  /** TEXT and BLOB columns: the buffer holding the bytes and their range; null otherwise. */
  readonly bytes: (Uint8Array | null)[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** Encoding of TEXT in `bytes`: UTF-8 after `load`, the record's after `loadRecord`. */
  textEncoding: TextEncoding = TEXT_UTF8;
  private readonly walker = new RecordWalker();

  constructor(values: readonly SqlValue[] = []) {
    this.load(values, 0, values.length);
  }

  get length(): number {
    return this.classes.length;
  }

  private resize(n: number): void {
    if (this.classes.length === n) return;
    this.values.length = n;
    this.classes.length = n;
    this.bytes.length = n;
    this.starts.length = n;
    this.ends.length = n;
  }

  /**
   * Makes this the key `values[start, start + n)`. A TEXT value equal to the one already in its
   * slot keeps its encoded form.
   */
  load(values: readonly SqlValue[], start: number, n: number): this {
    this.resize(n);
    this.textEncoding = TEXT_UTF8;
    for (let i = 0; i < n; i++) {
      const v = values[start + i]!;
      const c = valueClass(v);
      if (c === CLASS_TEXT) {
        let b = this.bytes[i];
        if (this.values[i] !== v || this.classes[i] !== CLASS_TEXT || b == null) {
          b = encodeText(v as string, TEXT_UTF8);
          this.bytes[i] = b;
        }
        this.starts[i] = 0;
        this.ends[i] = b.length;
      } else if (c === CLASS_BLOB) {
        const b = v as Uint8Array;
        this.bytes[i] = b;
        this.starts[i] = 0;
        this.ends[i] = b.length;
      } else {
        this.bytes[i] = null;
      }
      this.values[i] = c === CLASS_NUMBER ? numberOf(v as number | bigint | SqlReal) : v;
      this.classes[i] = c;
    }
    return this;
  }

  /**
   * Makes this the key stored as the record in `buf[off, off + len)`, in `textEncoding`.
   * TEXT and BLOB columns point into `buf`, which must not change while the key is in use.
   * SQLITE_CORRUPT on a malformed record.
   */
  loadRecord(buf: Uint8Array, off: number, len: number, textEncoding: TextEncoding): this {
    const w = this.walker.reset(buf, off, len);
    let n = 0;
    while (w.next()) {
      if (n >= this.classes.length) this.resize(n + 1);
      const c = fieldClass(w);
      this.classes[n] = c;
      if (c === CLASS_TEXT || c === CLASS_BLOB) {
        this.values[n] = null;
        this.bytes[n] = buf;
        this.starts[n] = w.bodyOff;
        this.ends[n] = w.bodyOff + w.bodySize;
      } else {
        this.values[n] = c === CLASS_NUMBER ? fieldNumber(w) : null;
        this.bytes[n] = null;
      }
      n++;
    }
    this.resize(n);
    this.textEncoding = textEncoding;
    return this;
  }

  /** Column `i` as a JS string (TEXT columns only; decodes a record's bytes). */
  text(i: number): string {
    const v = this.values[i];
    if (typeof v === 'string') return v;
    return decodeText(this.bytes[i]!, this.starts[i]!, this.ends[i]! - this.starts[i]!, this.textEncoding);
  }
}

export function prepareKey(values: readonly SqlValue[]): PreparedKey {
  return new PreparedKey(values);
}

function sign(d: number): number {
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

function valueClass(v: SqlValue): ClassCode {
  if (v === null) return CLASS_NULL;
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? CLASS_NULL : CLASS_NUMBER;
    case 'bigint':
      return CLASS_NUMBER;
    case 'string':
      return CLASS_TEXT;
    default:
      if (v instanceof SqlReal) return Number.isNaN(v.value) ? CLASS_NULL : CLASS_NUMBER;
      return CLASS_BLOB;
  }
}

/**
 * Exact numeric order of two INTEGER/REAL values (no NaN). Two numbers are exact doubles, so
 * `<` is exact; only a bigint (an integer beyond 2^53) against a double needs care.
 */
export function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  return typeof a === 'bigint' ? compareBigToDouble(a, b as number) : -compareBigToDouble(b as bigint, a as number);
}

function compareBigToDouble(big: bigint, r: number): number {
  if (r === Infinity) return -1;
  if (r === -Infinity) return 1;
  // Integral doubles convert to bigint exactly. A fractional one is below 2^53 in magnitude,
  // so it differs from `big`; an integer exceeds r exactly when it exceeds floor(r).
  if (Number.isInteger(r)) {
    const rb = BigInt(r);
    return big < rb ? -1 : big > rb ? 1 : 0;
  }
  return big > BigInt(Math.floor(r)) ? 1 : -1;
}

function numberOf(v: number | bigint | SqlReal): number | bigint {
  return v instanceof SqlReal ? v.value : v;
}

/**
 * SQLite's order of two values: -1, 0 or 1. `coll` orders TEXT (default BINARY);
 * `textEncoding` is the database's, which BINARY depends on (see collation.ts).
 */
export function compareValues(
  a: SqlValue,
  b: SqlValue,
  coll: Collation = BINARY,
  textEncoding: TextEncoding = TEXT_UTF8,
): number {
  const ca = valueClass(a);
  const cb = valueClass(b);
  if (ca !== cb) return ca < cb ? -1 : 1;
  switch (ca) {
    case CLASS_NULL:
      return 0;
    case CLASS_NUMBER:
      return compareNumbers(numberOf(a as number | bigint | SqlReal), numberOf(b as number | bigint | SqlReal));
    case CLASS_TEXT:
      return sign(coll.compare(a as string, b as string, textEncoding));
    case CLASS_BLOB: {
      const x = a as Uint8Array;
      const y = b as Uint8Array;
      return sign(compareBytes(x, 0, x.length, y, 0, y.length));
    }
  }
}

// Walkers for the comparisons, reused; a depth counter hands out fresh ones should a
// collation callback ever compare keys itself.
const walkers: RecordWalker[] = [];
let walkerDepth = 0;

function takeWalker(): RecordWalker {
  let w = walkers[walkerDepth];
  if (w === undefined) {
    w = new RecordWalker();
    walkers[walkerDepth] = w;
  }
  walkerDepth++;
  return w;
}

/** Storage class of the walker's current column; a stored NaN counts as NULL. */
function fieldClass(w: RecordWalker): ClassCode {
  const t = w.serialType;
  if (t === SERIAL_FLOAT64 && Number.isNaN(readFloat(w.buf, w.bodyOff))) return CLASS_NULL;
  return serialTypeClass(t);
}

function fieldNumber(w: RecordWalker): number | bigint {
  return w.serialType === SERIAL_FLOAT64 ? readFloat(w.buf, w.bodyOff) : readInt(w.buf, w.bodyOff, w.serialType);
}

/** Compares key value `v` (with its UTF-8 form, when prepared) to the walker's column. */
function compareToField(v: SqlValue, w: RecordWalker, coll: Collation, enc: TextEncoding): number {
  const cv = valueClass(v);
  const cf = fieldClass(w);
  if (cv !== cf) return cv < cf ? -1 : 1;
  const buf = w.buf;
  const start = w.bodyOff;
  const end = start + w.bodySize;
  switch (cv) {
    case CLASS_NULL:
      return 0;
    case CLASS_NUMBER:
      return compareNumbers(numberOf(v as number | bigint | SqlReal), fieldNumber(w));
    case CLASS_TEXT:
      return sign(coll.compare(v as string, decodeText(buf, start, end - start, enc), enc));
    case CLASS_BLOB: {
      const x = v as Uint8Array;
      return sign(compareBytes(x, 0, x.length, buf, start, end));
    }
  }
}

/** Compares column `i` of a prepared key to the walker's column. */
function compareToPrepared(key: PreparedKey, i: number, w: RecordWalker, coll: Collation, enc: TextEncoding): number {
  const cv = key.classes[i]!;
  const cf = fieldClass(w);
  if (cv !== cf) return cv < cf ? -1 : 1;
  const buf = w.buf;
  const start = w.bodyOff;
  const end = start + w.bodySize;
  switch (cv) {
    case CLASS_NULL:
      return 0;
    case CLASS_NUMBER:
      return compareNumbers(key.values[i] as number | bigint, fieldNumber(w));
    case CLASS_TEXT:
      if (enc === TEXT_UTF8 && key.textEncoding === TEXT_UTF8 && coll.compareUtf8 !== undefined) {
        return sign(coll.compareUtf8(key.bytes[i]!, key.starts[i]!, key.ends[i]!, buf, start, end));
      }
      return sign(coll.compare(key.text(i), decodeText(buf, start, end - start, enc), enc));
    case CLASS_BLOB:
      return sign(compareBytes(key.bytes[i]!, key.starts[i]!, key.ends[i]!, buf, start, end));
  }
}

/**
 * Orders an unpacked key against the packed record in `buf[off, off + len)` (an index cell's
 * payload): negative when the key sorts first. Columns are decoded one at a time, stopping at
 * the first difference; equal on the shorter of the two is 0 (prefix match). SQLITE_CORRUPT
 * if the columns walked are malformed.
 */
export function compareKeyToRecord(
  key: readonly SqlValue[] | PreparedKey,
  buf: Uint8Array,
  off: number,
  len: number,
  keyInfo: KeyInfo,
  textEncoding: TextEncoding = TEXT_UTF8,
): number {
  const w = takeWalker();
  try {
    w.reset(buf, off, len);
    if (key instanceof PreparedKey) {
      const n = key.length;
      for (let i = 0; i < n && w.next(); i++) {
        const d = compareToPrepared(key, i, w, keyInfo.collations[i] ?? BINARY, textEncoding);
        if (d !== 0) return keyInfo.desc[i] === true ? -d : d;
      }
      return 0;
    }
    const values = key as readonly SqlValue[];
    for (let i = 0; i < values.length && w.next(); i++) {
      const d = compareToField(values[i]!, w, keyInfo.collations[i] ?? BINARY, textEncoding);
      if (d !== 0) return keyInfo.desc[i] === true ? -d : d;
    }
    return 0;
  } finally {
    walkerDepth--;
  }
}

/** Compares the current columns of two walkers. */
function compareFields(a: RecordWalker, b: RecordWalker, coll: Collation, enc: TextEncoding): number {
  const ca = fieldClass(a);
  const cb = fieldClass(b);
  if (ca !== cb) return ca < cb ? -1 : 1;
  switch (ca) {
    case CLASS_NULL:
      return 0;
    case CLASS_NUMBER:
      return compareNumbers(fieldNumber(a), fieldNumber(b));
    case CLASS_TEXT:
      if (enc === TEXT_UTF8 && coll.compareUtf8 !== undefined) {
        return sign(coll.compareUtf8(a.buf, a.bodyOff, a.bodyOff + a.bodySize, b.buf, b.bodyOff, b.bodyOff + b.bodySize));
      }
      return sign(coll.compare(
        decodeText(a.buf, a.bodyOff, a.bodySize, enc),
        decodeText(b.buf, b.bodyOff, b.bodySize, enc),
        enc,
      ));
    case CLASS_BLOB:
      return sign(compareBytes(a.buf, a.bodyOff, a.bodyOff + a.bodySize, b.buf, b.bodyOff, b.bodyOff + b.bodySize));
  }
}

/**
 * Orders two packed records (e.g. neighbouring index entries, for an integrity check), with
 * the same rules as compareKeyToRecord: -1, 0 (equal on the common prefix) or 1.
 */
export function compareRecords(
  bufA: Uint8Array,
  offA: number,
  lenA: number,
  bufB: Uint8Array,
  offB: number,
  lenB: number,
  keyInfo: KeyInfo,
  textEncoding: TextEncoding = TEXT_UTF8,
): number {
  const a = takeWalker();
  try {
    const b = takeWalker();
    try {
      a.reset(bufA, offA, lenA);
      b.reset(bufB, offB, lenB);
      while (a.next() && b.next()) {
        const i = a.index;
        assert(i === b.index, 'record walks out of step');
        const d = compareFields(a, b, keyInfo.collations[i] ?? BINARY, textEncoding);
        if (d !== 0) return keyInfo.desc[i] === true ? -d : d;
      }
      return 0;
    } finally {
      walkerDepth--;
    }
  } finally {
    walkerDepth--;
  }
}
