/**
 * B-tree page layout. Every page of a table or index B-tree is laid out as
 *
 *   +-------------+--------------------+------------+---------------------------+----------+
 *   | page header | cell pointer array | unallocated| cell content area         | reserved |
 *   | 8 or 12     | 2 bytes per cell   | space (gap)| cells and freeblocks      | (hdr 20) |
 *   +-------------+--------------------+------------+---------------------------+----------+
 *   ^ hdr (0, or 100 on page 1, after the database header)        usable size ^
 *
 * Page header (big-endian):
 *
 *   offset size  field
 *   ------ ----  ----------------------------------------------------------------------------
 *      0    1    page type: 2 interior index, 5 interior table, 10 leaf index, 13 leaf table
 *      1    2    offset of the first freeblock, 0 when there is none
 *      3    2    number of cells
 *      5    2    start of the cell content area; 0 means 65536 (a 64 KiB page with no cells)
 *      7    1    fragmented free bytes: holes of 1..3 bytes inside the content area
 *      8    4    right-most child page number (interior pages only)
 *
 * The cell pointer array holds one 2-byte page offset per cell, in key order; the cells
 * themselves lie anywhere in the content area. Free space inside the content area is a chain
 * of freeblocks in ascending address order, each at least 4 bytes:
 *
 *   offset size  field
 *      0    2    offset of the next freeblock, 0 ends the chain
 *      2    2    size of this freeblock in bytes, these 4 header bytes included
 *
 * A hole too small for a freeblock (1..3 bytes) is counted in the fragmented-bytes field.
 * Free space = gap + freeblocks + fragmented bytes.
 */
import { corrupt } from '../errors.js';

export const PAGE_TYPE_INTERIOR_INDEX = 2;
export const PAGE_TYPE_INTERIOR_TABLE = 5;
export const PAGE_TYPE_LEAF_INDEX = 10;
export const PAGE_TYPE_LEAF_TABLE = 13;

export const PAGE_HEADER_TYPE = 0;
export const PAGE_HEADER_FIRST_FREEBLOCK = 1;
export const PAGE_HEADER_CELL_COUNT = 3;
export const PAGE_HEADER_CONTENT_START = 5;
export const PAGE_HEADER_FRAGMENTED_BYTES = 7;
export const PAGE_HEADER_RIGHT_CHILD = 8;

export const LEAF_HEADER_BYTES = 8;
export const INTERIOR_HEADER_BYTES = 12;
/** Page 1 starts with the 100-byte database header; its B-tree header follows it. */
export const PAGE1_BTREE_HEADER_OFFSET = 100;
export const CELL_POINTER_BYTES = 2;

export const FREEBLOCK_NEXT = 0;
export const FREEBLOCK_SIZE = 2;
export const FREEBLOCK_MIN_BYTES = 4;
/**
 * Fragmented bytes are kept at or below this (the header field is one byte): allocation
 * defragments rather than create more fragments past it.
 */
export const MAX_FRAGMENTED_BYTES = 60;
/** Every cell occupies at least 4 bytes, so a freed cell can always become a freeblock. */
export const MIN_CELL_BYTES = 4;
/** A child page number in interior cells and the right-most pointer: 4 bytes. */
export const CHILD_POINTER_BYTES = 4;

export function get16(data: Uint8Array, off: number): number {
  return (data[off]! << 8) | data[off + 1]!;
}

export function put16(data: Uint8Array, off: number, v: number): void {
  data[off] = (v >>> 8) & 0xff;
  data[off + 1] = v & 0xff;
}

export function get32(data: Uint8Array, off: number): number {
  return ((data[off]! << 24) | (data[off + 1]! << 16) | (data[off + 2]! << 8) | data[off + 3]!) >>> 0;
}

export function put32(data: Uint8Array, off: number, v: number): void {
  data[off] = (v >>> 24) & 0xff;
  data[off + 1] = (v >>> 16) & 0xff;
  data[off + 2] = (v >>> 8) & 0xff;
  data[off + 3] = v & 0xff;
}

/** Offset of the B-tree page header within page `pgno`. */
export function btreeHeaderOffset(pgno: number): number {
  return pgno === 1 ? PAGE1_BTREE_HEADER_OFFSET : 0;
}

export function isValidPageType(type: number): boolean {
  return (
    type === PAGE_TYPE_LEAF_TABLE ||
    type === PAGE_TYPE_INTERIOR_TABLE ||
    type === PAGE_TYPE_LEAF_INDEX ||
    type === PAGE_TYPE_INTERIOR_INDEX
  );
}

export function isLeafType(type: number): boolean {
  return type === PAGE_TYPE_LEAF_TABLE || type === PAGE_TYPE_LEAF_INDEX;
}

export function isTableType(type: number): boolean {
  return type === PAGE_TYPE_LEAF_TABLE || type === PAGE_TYPE_INTERIOR_TABLE;
}

export function leafTypeFor(isTable: boolean): number {
  return isTable ? PAGE_TYPE_LEAF_TABLE : PAGE_TYPE_LEAF_INDEX;
}

export function interiorTypeFor(isTable: boolean): number {
  return isTable ? PAGE_TYPE_INTERIOR_TABLE : PAGE_TYPE_INTERIOR_INDEX;
}

export function headerBytesFor(type: number): number {
  return isLeafType(type) ? LEAF_HEADER_BYTES : INTERIOR_HEADER_BYTES;
}

export function pageType(data: Uint8Array, hdr: number): number {
  return data[hdr + PAGE_HEADER_TYPE]!;
}

export function cellCount(data: Uint8Array, hdr: number): number {
  return get16(data, hdr + PAGE_HEADER_CELL_COUNT);
}

/** Start of the cell content area, with 0 decoded as 65536. */
export function contentStart(data: Uint8Array, hdr: number): number {
  const v = get16(data, hdr + PAGE_HEADER_CONTENT_START);
  return v === 0 ? 65536 : v;
}

export function setContentStart(data: Uint8Array, hdr: number, off: number): void {
  put16(data, hdr + PAGE_HEADER_CONTENT_START, off === 65536 ? 0 : off);
}

export function rightChild(data: Uint8Array, hdr: number): number {
  return get32(data, hdr + PAGE_HEADER_RIGHT_CHILD);
}

/** Offset of the cell pointer array: right after the 8- or 12-byte header. */
export function cellPointerArrayStart(hdr: number, type: number): number {
  return hdr + headerBytesFor(type);
}

/**
 * Validates the parts of a page header every reader relies on: the type, and that the cell
 * pointer array ends before the content area, which ends by the usable size. Returns the type.
 * `expectTable` (true/false) also requires the table or index family.
 */
export function checkPageHeader(data: Uint8Array, hdr: number, usableSizeBytes: number, expectTable?: boolean): number {
  const type = data[hdr + PAGE_HEADER_TYPE]!;
  if (!isValidPageType(type)) throw corrupt(`bad page type ${type}`);
  if (expectTable !== undefined && isTableType(type) !== expectTable) throw corrupt('page of the wrong tree kind');
  const ncell = get16(data, hdr + PAGE_HEADER_CELL_COUNT);
  const ptrEnd = hdr + headerBytesFor(type) + ncell * CELL_POINTER_BYTES;
  const start = contentStart(data, hdr);
  if (ptrEnd > start || start > usableSizeBytes) throw corrupt('cell pointer array overlaps content');
  return type;
}

/** Offset of cell `i`, validated to lie inside the content area (a cell is >= 4 bytes). */
export function cellOffset(data: Uint8Array, hdr: number, type: number, i: number, usableSizeBytes: number): number {
  const off = get16(data, hdr + headerBytesFor(type) + i * CELL_POINTER_BYTES);
  if (off < contentStart(data, hdr) || off > usableSizeBytes - MIN_CELL_BYTES) {
    throw corrupt(`cell pointer ${off} outside the content area`);
  }
  return off;
}
