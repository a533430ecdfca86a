/**
 * Binary searches over one table B-tree page by rowid, for `TableCursor.seek`.
 *
 * A seek probes about log2(cells) cells per level. Going through `cellOffset` for each probe
 * recomputed the pointer array's place and the content area's start every time; here they are
 * read once per page, and each probe reads its two-byte pointer directly (still checked
 * against the content area, as `cellOffset` does).
 */
import { corrupt } from '../errors.js';
import { CELL_POINTER_BYTES, contentStart, headerBytesFor, MIN_CELL_BYTES } from '../format/btree-page.js';
import { tableInteriorRowid, tableLeafRowid } from '../format/cell.js';

function badPointer(off: number): Error {
  return corrupt(`cell pointer ${off} outside the content area`);
}

/** On an interior table page of `n` cells: the first divider >= `rowid` (n when none). */
export function interiorLowerBound(data: Uint8Array, hdr: number, type: number, n: number, rowid: number | bigint, usable: number): number {
  const ptrs = hdr + headerBytesFor(type);
  const lowest = contentStart(data, hdr);
  const highest = usable - MIN_CELL_BYTES;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const p = ptrs + mid * CELL_POINTER_BYTES;
    const off = (data[p]! << 8) | data[p + 1]!;
    if (off < lowest || off > highest) throw badPointer(off);
    if (tableInteriorRowid(data, off, usable) < rowid) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * On a leaf table page, cells [from, to): the index of the cell with `rowid` when there is
 * one, else -(i + 1) where i is the first cell with a larger rowid (`to` when none).
 */
export function leafSearch(data: Uint8Array, hdr: number, type: number, from: number, to: number, rowid: number | bigint, usable: number): number {
  const ptrs = hdr + headerBytesFor(type);
  const lowest = contentStart(data, hdr);
  const highest = usable - MIN_CELL_BYTES;
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const p = ptrs + mid * CELL_POINTER_BYTES;
    const off = (data[p]! << 8) | data[p + 1]!;
    if (off < lowest || off > highest) throw badPointer(off);
    const key = tableLeafRowid(data, off, usable);
    if (key < rowid) lo = mid + 1;
    else if (key > rowid) hi = mid;
    else return mid;
  }
  return -(lo + 1);
}
