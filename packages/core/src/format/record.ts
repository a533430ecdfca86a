/**
 * The record format: the payload of every table row and index entry.
 *
 *   +-------------+----------+----------+-----+--------+--------+-----+
 *   | header size | type 0   | type 1   | ... | body 0 | body 1 | ... |
 *   | varint      | varint   | varint   |     |        |        |     |
 *   +-------------+----------+----------+-----+--------+--------+-----+
 *   |<------------ header size bytes --------->|
 *
 * The header size counts its own varint. Serial types and body sizes: serial-type.ts. Bounds
 * checking: record-walker.ts.
 *
 * Fewer columns than expected is not corruption: after ALTER TABLE ADD COLUMN, rows written
 * earlier keep their shorter records. `RecordReader.column(i)` past the last stored column
 * returns `undefined` so the caller substitutes the column's default (NULL or the DEFAULT
 * clause); that decision belongs to the caller, which knows the schema.
 *
 * Records are read from one contiguous buffer. A payload spilling onto overflow pages must be
 * assembled by the B-tree first (or at least its header and the bodies needed).
 */
import { assert } from '../assert.js';
import { corrupt } from '../errors.js';
import { RecordWalker } from './record-walker.js';
import { decodeValue, readFloat, readInt, serialTypeFor, serialTypeSize, SCHEMA_FORMAT_BOOLEAN_TYPES, SERIAL_FLOAT64, SERIAL_NULL, writeValue } from './serial-type.js';
import { SqlReal, type SqlValue } from './sql-value.js';
import { TEXT_UTF8, type TextEncoding } from './text-codec.js';
import { varintSize, writeVarint } from './varint.js';

/** Header-size varints are at most 9 bytes, so the fixpoint below settles within 9 rounds. */
const MAX_HEADER_SIZE_ROUNDS = 10;

// Serial types computed by `planRecord`, consumed by the write that follows it. Nothing runs
// between the two that could plan another record, so one shared array is safe.
const plannedTypes: number[] = [];
let plannedHeaderBytes = 0;

/**
 * Plans `values[start, start + n)`: fills `plannedTypes`, sets `plannedHeaderBytes`, returns
 * the record size.
 */
function planRecord(values: readonly SqlValue[], enc: TextEncoding, schemaFormat: number, start = 0, n = values.length): number {
  let typesBytes = 0;
  let bodyBytes = 0;
  // Only grows: records of different widths alternate (a row, then its index entries), and
  // resizing the array each time was measurable. writePlanned reads the first n slots only.
  while (plannedTypes.length < n) plannedTypes.push(0);
  for (let i = 0; i < n; i++) {
    const t = serialTypeFor(values[start + i]!, enc, schemaFormat);
    plannedTypes[i] = t;
    typesBytes += t < 0x80 ? 1 : varintSize(t);
    bodyBytes += serialTypeSize(t);
  }
  // The header size counts its own varint, whose length depends on the size: iterate.
  let headerBytes = typesBytes + 1;
  for (let round = 0; ; round++) {
    assert(round < MAX_HEADER_SIZE_ROUNDS, 'record header size did not settle');
    const needed = typesBytes + varintSize(headerBytes);
    if (needed === headerBytes) break;
    headerBytes = needed;
  }
  plannedHeaderBytes = headerBytes;
  return headerBytes + bodyBytes;
}

function writePlanned(values: readonly SqlValue[], buf: Uint8Array, off: number, enc: TextEncoding, start = 0, n = values.length): number {
  let p = off + writeVarint(buf, off, plannedHeaderBytes);
  for (let i = 0; i < n; i++) {
    const t = plannedTypes[i]!;
    if (t < 0x80) buf[p++] = t;
    else p += writeVarint(buf, p, t);
  }
  assert(p === off + plannedHeaderBytes, 'record header size mismatch');
  for (let i = 0; i < n; i++) p += writeValue(buf, p, values[start + i]!, plannedTypes[i]!, enc);
  return p - off;
}

/** Size in bytes of the record `encodeRecord(values, ...)` would produce. */
export function recordSize(
  values: readonly SqlValue[],
  textEncoding: TextEncoding = TEXT_UTF8,
  schemaFormat: number = SCHEMA_FORMAT_BOOLEAN_TYPES,
): number {
  return planRecord(values, textEncoding, schemaFormat);
}

/** `values` as a record. `schemaFormat` below 4 avoids serial types 8 and 9. */
export function encodeRecord(
  values: readonly SqlValue[],
  textEncoding: TextEncoding = TEXT_UTF8,
  schemaFormat: number = SCHEMA_FORMAT_BOOLEAN_TYPES,
): Uint8Array {
  const out = new Uint8Array(planRecord(values, textEncoding, schemaFormat));
  const written = writePlanned(values, out, 0, textEncoding);
  assert(written === out.length, 'record size mismatch');
  return out;
}

/**
 * `values[start, start + n)` as a record (the VM's MakeRecord over a register range, without
 * copying the range out first).
 */
export function encodeRecordRange(
  values: readonly SqlValue[],
  start: number,
  n: number,
  textEncoding: TextEncoding = TEXT_UTF8,
  schemaFormat: number = SCHEMA_FORMAT_BOOLEAN_TYPES,
): Uint8Array {
  assert(start >= 0 && n >= 0 && start + n <= values.length, 'record range outside the values');
  const out = new Uint8Array(planRecord(values, textEncoding, schemaFormat, start, n));
  const written = writePlanned(values, out, 0, textEncoding, start, n);
  assert(written === out.length, 'record size mismatch');
  return out;
}

/**
 * Writes `values` as a record at `buf[off]` (for a B-tree building a cell in place); returns
 * the bytes written, which equal `recordSize(values, ...)`. The caller provides the room.
 */
export function encodeRecordInto(
  values: readonly SqlValue[],
  buf: Uint8Array,
  off: number,
  textEncoding: TextEncoding = TEXT_UTF8,
  schemaFormat: number = SCHEMA_FORMAT_BOOLEAN_TYPES,
): number {
  const size = planRecord(values, textEncoding, schemaFormat);
  assert(off >= 0 && off + size <= buf.length, 'no room for the record');
  return writePlanned(values, buf, off, textEncoding);
}

const decodeWalker = new RecordWalker();

/** Every column of the record in `buf[off, off + len)`. SQLITE_CORRUPT on a malformed record. */
export function decodeRecord(
  buf: Uint8Array,
  off = 0,
  len: number = buf.length - off,
  textEncoding: TextEncoding = TEXT_UTF8,
): SqlValue[] {
  const w = decodeWalker.reset(buf, off, len);
  const out: SqlValue[] = [];
  while (w.next()) out.push(decodeValue(buf, w.bodyOff, w.serialType, textEncoding, w.end));
  if (w.bodyEnd !== w.end) throw corrupt('record payload longer than its columns');
  return out;
}

/**
 * Reads single columns of one record without decoding the others. `reset` parses and
 * validates the whole header (serial types and body offsets, no bodies) once; then `column(i)`
 * decodes only column i. The arrays are reused across resets, so reading row after row
 * allocates only the values themselves.
 *
 * As in SQLite, a record whose bodies do not exactly fill the payload is corrupt.
 */
export class RecordReader {
  private buf: Uint8Array = new Uint8Array(0);
  private enc: TextEncoding = TEXT_UTF8;
  private end = 0;
  private count = 0;
  private readonly types: number[] = [];
  private readonly offsets: number[] = [];
  private readonly walker = new RecordWalker();
  /**
   * The last TEXT column decoded since `reset` (its index, or -1) and its value: a query that
   * reads one text column twice per row (min(b), max(b)) decodes it once. Strings are immutable,
   * so sharing one is safe; BLOBs are not cached since each read must be a fresh copy.
   */
  private textIndex = -1;
  private textValue = '';

  reset(buf: Uint8Array, off = 0, len: number = buf.length - off, textEncoding: TextEncoding = TEXT_UTF8): this {
    // A reset that throws leaves no columns rather than a mix of two records.
    this.count = 0;
    this.textIndex = -1;
    const w = this.walker.reset(buf, off, len);
    let n = 0;
    while (w.next()) {
      this.types[n] = w.serialType;
      this.offsets[n] = w.bodyOff;
      n++;
    }
    if (w.bodyEnd !== w.end) throw corrupt('record payload longer than its columns');
    this.buf = buf;
    this.enc = textEncoding;
    this.end = w.end;
    this.count = n;
    return this;
  }

  /** Columns stored in the record (may be fewer than the table has; see the file comment). */
  get columnCount(): number {
    return this.count;
  }

  /** Serial type of column `i`, or undefined past the stored columns. */
  serialType(i: number): number | undefined {
    this.checkIndex(i);
    return i < this.count ? this.types[i] : undefined;
  }

  /**
   * Column `i`, or undefined when the record stores fewer columns: the caller substitutes the
   * column's default. BLOBs are fresh copies.
   */
  column(i: number): SqlValue | undefined {
    if (i >= this.count || !(i >= 0)) {
      this.checkIndex(i);
      return undefined;
    }
    const t = this.types[i]!;
    // `reset` checked every body against the payload; the common types skip decodeValue's
    // checks and go straight to the bytes.
    if (t >= 1 && t <= 4) return readInt(this.buf, this.offsets[i]!, t);
    if (t === SERIAL_NULL) return null;
    if (t === SERIAL_FLOAT64) {
      const r = readFloat(this.buf, this.offsets[i]!);
      // As decodeValue: NaN reads as NULL, an integral REAL stays REAL.
      return r !== r ? null : Number.isInteger(r) ? new SqlReal(r) : r;
    }
    if (t >= 13 && (t & 1) === 1) {
      if (i === this.textIndex) return this.textValue;
      const v = decodeValue(this.buf, this.offsets[i]!, t, this.enc, this.end) as string;
      this.textIndex = i;
      this.textValue = v;
      return v;
    }
    return decodeValue(this.buf, this.offsets[i]!, t, this.enc, this.end);
  }

  /** Offset in the buffer of column `i`'s body (for copying raw bytes); i < columnCount. */
  bodyOffset(i: number): number {
    assert(Number.isInteger(i) && i >= 0 && i < this.count, 'column index out of range');
    return this.offsets[i]!;
  }

  /** Size in bytes of column `i`'s body (e.g. length() of a BLOB); i < columnCount. */
  bodySize(i: number): number {
    assert(Number.isInteger(i) && i >= 0 && i < this.count, 'column index out of range');
    return serialTypeSize(this.types[i]!);
  }

  private checkIndex(i: number): void {
    assert(Number.isInteger(i) && i >= 0, 'column index must be a non-negative integer');
  }
}
