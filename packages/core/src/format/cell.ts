/**
 * B-tree cells: the four formats, and how much of a payload stays on the page.
 *
 *   page type         cell layout
 *   ----------------  ----------------------------------------------------------------------
 *   13 leaf table     varint payload size P | varint rowid | local payload | [u32 overflow]
 *    5 interior table u32 left child          | varint rowid (divider: keys <= it go left)
 *   10 leaf index     varint payload size P | local payload | [u32 overflow]
 *    2 interior index u32 left child | varint payload size P | local payload | [u32 overflow]
 *
 * The 4-byte first-overflow page number is present only when the payload does not fit
 * locally. With U the usable page size and P the payload size:
 *
 *   X = U - 35                          maximum local payload on a table leaf
 *   X = ((U - 12) * 64 / 255) - 23      maximum local payload on index pages
 *   M = ((U - 12) * 32 / 255) - 23      minimum local payload (all page types)
 *   K = M + ((P - M) % (U - 4))
 *   local = P            when P <= X
 *         = K            when P > X and K <= X
 *         = M            otherwise
 *
 * (all divisions truncate). The rest of the payload goes to a chain of overflow pages, each
 * holding a 4-byte next-page number (0 on the last) and then up to U - 4 payload bytes.
 *
 * A cell shorter than 4 bytes is padded to 4 so that freeing it always leaves room for a
 * freeblock header; `cellSize` below includes that padding.
 */
import { corrupt } from '../errors.js';
import { readVarint, readVarint32, varintSize, writeVarint } from './varint.js';
import {
  CHILD_POINTER_BYTES,
  get32,
  MIN_CELL_BYTES,
  PAGE_TYPE_INTERIOR_INDEX,
  PAGE_TYPE_INTERIOR_TABLE,
  PAGE_TYPE_LEAF_INDEX,
  PAGE_TYPE_LEAF_TABLE,
  put32,
} from './btree-page.js';

/** Bytes of an overflow page's next-page pointer. */
export const OVERFLOW_NEXT_BYTES = 4;

/** Largest payload kept entirely on the page. */
export function maxLocalPayload(usableSizeBytes: number, type: number): number {
  if (type === PAGE_TYPE_LEAF_TABLE) return usableSizeBytes - 35;
  return Math.floor(((usableSizeBytes - 12) * 64) / 255) - 23;
}

/** Smallest local part of a payload that spills to overflow pages. */
export function minLocalPayload(usableSizeBytes: number): number {
  return Math.floor(((usableSizeBytes - 12) * 32) / 255) - 23;
}

/** Bytes of a `payloadSizeBytes` payload stored on a page of `type`. */
export function localPayloadBytes(payloadSizeBytes: number, usableSizeBytes: number, type: number): number {
  const maxLocal = maxLocalPayload(usableSizeBytes, type);
  if (payloadSizeBytes <= maxLocal) return payloadSizeBytes;
  const minLocal = minLocalPayload(usableSizeBytes);
  const k = minLocal + ((payloadSizeBytes - minLocal) % (usableSizeBytes - OVERFLOW_NEXT_BYTES));
  return k <= maxLocal ? k : minLocal;
}

/** Number of overflow pages holding the non-local part of a payload. */
export function overflowPageCount(payloadSizeBytes: number, localBytes: number, usableSizeBytes: number): number {
  const rest = payloadSizeBytes - localBytes;
  return rest <= 0 ? 0 : Math.ceil(rest / (usableSizeBytes - OVERFLOW_NEXT_BYTES));
}

/**
 * One parsed cell. Reused by its owner (a cursor keeps one) so parsing allocates nothing.
 * Fields that a cell type lacks are 0.
 */
export class CellInfo {
  childPgno = 0;
  /** Rowid of table cells (the divider key on interior table pages). */
  rowid: number | bigint = 0;
  payloadSizeBytes = 0;
  /** Page offset of the local part of the payload. */
  payloadOffset = 0;
  localBytes = 0;
  overflowPgno = 0;
  /** Bytes the cell occupies on the page, padding to the 4-byte minimum included. */
  cellSize = 0;
  /** Bytes of the cell's real content (cellSize without padding). */
  contentSize = 0;
}

/**
 * Parses the cell at `data[off]` of a page of `type`. SQLITE_CORRUPT when the cell runs past
 * the usable size.
 */
export function parseCell(data: Uint8Array, off: number, type: number, usableSizeBytes: number, out: CellInfo): void {
  let p = off;
  out.childPgno = 0;
  out.rowid = 0;
  out.payloadSizeBytes = 0;
  out.localBytes = 0;
  out.overflowPgno = 0;
  if (type === PAGE_TYPE_INTERIOR_TABLE) {
    if (off + CHILD_POINTER_BYTES >= usableSizeBytes) throw corrupt('cell past the page end');
    out.childPgno = get32(data, off);
    p += CHILD_POINTER_BYTES;
    out.rowid = readVarint(data, p, usableSizeBytes);
    const end = p + varintLengthAt(data, p);
    out.payloadOffset = end;
    out.contentSize = end - off;
    out.cellSize = out.contentSize < MIN_CELL_BYTES ? MIN_CELL_BYTES : out.contentSize;
    return;
  }
  if (type === PAGE_TYPE_INTERIOR_INDEX) {
    if (off + CHILD_POINTER_BYTES >= usableSizeBytes) throw corrupt('cell past the page end');
    out.childPgno = get32(data, off);
    p += CHILD_POINTER_BYTES;
  }
  const payloadSize = readVarint32(data, p, usableSizeBytes);
  p += varintLengthAt(data, p);
  if (type === PAGE_TYPE_LEAF_TABLE) {
    out.rowid = readVarint(data, p, usableSizeBytes);
    p += varintLengthAt(data, p);
  } else if (type !== PAGE_TYPE_LEAF_INDEX && type !== PAGE_TYPE_INTERIOR_INDEX) {
    throw corrupt(`bad page type ${type}`);
  }
  const local = localPayloadBytes(payloadSize, usableSizeBytes, type);
  out.payloadSizeBytes = payloadSize;
  out.payloadOffset = p;
  out.localBytes = local;
  let end = p + local;
  if (local < payloadSize) {
    if (end + OVERFLOW_NEXT_BYTES > usableSizeBytes) throw corrupt('cell past the page end');
    out.overflowPgno = get32(data, end);
    end += OVERFLOW_NEXT_BYTES;
  } else if (end > usableSizeBytes) {
    throw corrupt('cell past the page end');
  }
  out.contentSize = end - off;
  out.cellSize = out.contentSize < MIN_CELL_BYTES ? MIN_CELL_BYTES : out.contentSize;
}

/** Length of a varint already validated by a read (so it ends within 9 bytes). */
function varintLengthAt(data: Uint8Array, off: number): number {
  let i = 0;
  while (i < 8 && data[off + i]! >= 0x80) i++;
  return i + 1;
}

/**
 * Size on the page (padding included) of the cell at `data[off]`, without filling a CellInfo.
 * SQLITE_CORRUPT when it runs past the usable size.
 */
export function cellSizeAt(data: Uint8Array, off: number, type: number, usableSizeBytes: number): number {
  let p = off;
  if (type === PAGE_TYPE_INTERIOR_TABLE) {
    p += CHILD_POINTER_BYTES;
    for (let i = 0; i < 9 && data[p++]! >= 0x80; i++);
    if (p > usableSizeBytes) throw corrupt('cell past the page end');
    const size = p - off;
    return size < MIN_CELL_BYTES ? MIN_CELL_BYTES : size;
  }
  if (type === PAGE_TYPE_INTERIOR_INDEX) p += CHILD_POINTER_BYTES;
  let payloadSize = data[p]!;
  if (payloadSize < 0x80) {
    p++;
  } else {
    payloadSize = readVarint32(data, p, usableSizeBytes);
    p += varintLengthAt(data, p);
  }
  if (type === PAGE_TYPE_LEAF_TABLE) {
    for (let i = 0; i < 9 && data[p++]! >= 0x80; i++);
  } else if (type !== PAGE_TYPE_LEAF_INDEX && type !== PAGE_TYPE_INTERIOR_INDEX) {
    throw corrupt(`bad page type ${type}`);
  }
  const local = localPayloadBytes(payloadSize, usableSizeBytes, type);
  const end = p + local + (local < payloadSize ? OVERFLOW_NEXT_BYTES : 0);
  if (end > usableSizeBytes) throw corrupt('cell past the page end');
  const size = end - off;
  return size < MIN_CELL_BYTES ? MIN_CELL_BYTES : size;
}

/** Rowid of the table-leaf cell at `off` (skips the payload size), no allocation. */
export function tableLeafRowid(data: Uint8Array, off: number, usableSizeBytes: number): number | bigint {
  const b = data[off]!;
  const p = b < 0x80 ? off + 1 : off + varintLengthAt(data, off);
  if (p >= usableSizeBytes) throw corrupt('cell past the page end');
  return readVarint(data, p, usableSizeBytes);
}

/** Rowid of the interior-table cell at `off`. */
export function tableInteriorRowid(data: Uint8Array, off: number, usableSizeBytes: number): number | bigint {
  return readVarint(data, off + CHILD_POINTER_BYTES, usableSizeBytes);
}

/**
 * Size on the page of a cell with a payload of `payloadSizeBytes` (0 for interior table
 * cells), padding included. `rowid` matters for table cells only.
 */
export function cellSizeFor(type: number, payloadSizeBytes: number, rowid: number | bigint, usableSizeBytes: number): number {
  let size: number;
  if (type === PAGE_TYPE_INTERIOR_TABLE) {
    size = CHILD_POINTER_BYTES + varintSize(rowid);
  } else {
    const local = localPayloadBytes(payloadSizeBytes, usableSizeBytes, type);
    size = varintSize(payloadSizeBytes) + local + (local < payloadSizeBytes ? OVERFLOW_NEXT_BYTES : 0);
    if (type === PAGE_TYPE_LEAF_TABLE) size += varintSize(rowid);
    if (type === PAGE_TYPE_INTERIOR_INDEX) size += CHILD_POINTER_BYTES;
  }
  return size < MIN_CELL_BYTES ? MIN_CELL_BYTES : size;
}

/**
 * Writes a cell at `dst[off]`: the header fields, the local part of `payload` (its first
 * `localBytes` bytes) and, when the payload spills, the first overflow page number. Padding
 * bytes of short cells are zeroed. Returns the cell size (as `cellSizeFor`).
 */
export function writeCell(
  dst: Uint8Array,
  off: number,
  type: number,
  childPgno: number,
  rowid: number | bigint,
  payload: Uint8Array,
  usableSizeBytes: number,
  overflowPgno: number,
): number {
  let p = off;
  if (type === PAGE_TYPE_INTERIOR_TABLE || type === PAGE_TYPE_INTERIOR_INDEX) {
    put32(dst, p, childPgno);
    p += CHILD_POINTER_BYTES;
  }
  if (type === PAGE_TYPE_INTERIOR_TABLE) {
    p += writeVarint(dst, p, rowid);
  } else {
    p += writeVarint(dst, p, payload.length);
    if (type === PAGE_TYPE_LEAF_TABLE) p += writeVarint(dst, p, rowid);
    const local = localPayloadBytes(payload.length, usableSizeBytes, type);
    dst.set(local === payload.length ? payload : payload.subarray(0, local), p);
    p += local;
    if (local < payload.length) {
      put32(dst, p, overflowPgno);
      p += OVERFLOW_NEXT_BYTES;
    }
  }
  while (p - off < MIN_CELL_BYTES) dst[p++] = 0;
  return p - off;
}
