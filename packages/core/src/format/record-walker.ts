/**
 * A forward, allocation-free walk over a record's columns, validating as it goes. It is the
 * one place that checks record bounds; RecordReader, decodeRecord and the key comparisons all
 * walk through it.
 *
 *   offset 0           header size H (varint), counting its own bytes
 *   ...                one serial type (varint) per column, up to offset H
 *   offset H           column bodies, in column order, sizes given by the serial types
 *   offset len         end of the payload
 *
 * Corruption (each an SQLITE_CORRUPT): a header size below its own varint's length, above the
 * payload or above MAX_RECORD_HEADER_BYTES; a serial-type varint crossing the header's end; a
 * reserved serial type (10, 11); a body running past the payload. The walk never reads outside
 * [off, off + len), and each step consumes at least one header byte, so it ends.
 */
import { corrupt } from '../errors.js';
import { serialTypeSize } from './serial-type.js';
import { readVarint32, varintLength } from './varint.js';

/**
 * The largest header SQLite accepts: 32768 columns (its hard limit) times the longest serial
 * type that can fit in a record of legal size (3 bytes), plus 3 bytes for the header size.
 */
export const MAX_RECORD_HEADER_BYTES = 98307;

const EMPTY = new Uint8Array(0);

export class RecordWalker {
  buf: Uint8Array = EMPTY;
  /** Index of the current column; -1 before the first `next()`. */
  index = -1;
  /** Serial type of the current column. */
  serialType = 0;
  /** Offset in `buf` of the current column's body, and its size. */
  bodyOff = 0;
  bodySize = 0;
  /** End of the payload in `buf`. */
  end = 0;
  /** Offset in `buf` of the first body (= start of record + header size). */
  bodyStart = 0;
  private hdrPos = 0;
  private nextBodyOff = 0;

  /** Starts a walk over the record in `buf[off, off + len)`. SQLITE_CORRUPT on a bad header size. */
  reset(buf: Uint8Array, off: number, len: number): this {
    if (!(off >= 0 && len >= 0 && off + len <= buf.length)) throw corrupt('record outside its buffer');
    const end = off + len;
    const hdrSize = readVarint32(buf, off, end);
    const sizeLen = hdrSize < 0x80 ? 1 : varintLength(buf, off, end);
    if (hdrSize < sizeLen || hdrSize > len || hdrSize > MAX_RECORD_HEADER_BYTES) {
      throw corrupt('bad record header size');
    }
    this.buf = buf;
    this.end = end;
    this.index = -1;
    this.serialType = 0;
    this.bodyOff = off + hdrSize;
    this.bodySize = 0;
    this.bodyStart = off + hdrSize;
    this.hdrPos = off + sizeLen;
    this.nextBodyOff = off + hdrSize;
    return this;
  }

  /**
   * Moves to the next column; false when the header has no more serial types (the walk's
   * state is then unchanged). SQLITE_CORRUPT on a bad serial type or a body past the payload.
   */
  next(): boolean {
    const hdrEnd = this.bodyStart;
    const p = this.hdrPos;
    if (p >= hdrEnd) return false;
    const buf = this.buf;
    let t = buf[p]!;
    if (t < 0x80) {
      this.hdrPos = p + 1;
    } else {
      t = readVarint32(buf, p, hdrEnd);
      this.hdrPos = p + varintLength(buf, p, hdrEnd);
    }
    const size = t < 12 ? serialTypeSize(t) : Math.floor((t - 12) / 2);
    const bodyOff = this.nextBodyOff;
    if (bodyOff + size > this.end) throw corrupt('record body runs past its payload');
    this.index++;
    this.serialType = t;
    this.bodyOff = bodyOff;
    this.bodySize = size;
    this.nextBodyOff = bodyOff + size;
    return true;
  }

  /** True when every serial type has been read. */
  get headerDone(): boolean {
    return this.hdrPos >= this.bodyStart;
  }

  /** Offset just past the bodies walked so far. */
  get bodyEnd(): number {
    return this.nextBodyOff;
  }
}
