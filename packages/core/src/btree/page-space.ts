/**
 * Space management inside one B-tree page (layout: format/btree-page.ts).
 *
 * Invariants kept on every page this module writes, which are also what SQLite's
 * integrity_check verifies byte by byte:
 * - every byte of the content area [contentStart, usable) belongs to exactly one cell, one
 *   freeblock, or is one of the `fragmented` bytes (holes of 1..3 bytes);
 * - freeblocks are ascending, never overlap, are never adjacent and never separated by a
 *   hole of 3 bytes or less (such neighbours are merged, the hole's bytes leaving the
 *   fragment count);
 * - no freeblock starts at contentStart (that space is returned to the gap instead);
 * - fragmented bytes stay at or below MAX_FRAGMENTED_BYTES.
 *
 * Pages read from a file are validated as they are used: a freeblock chain that goes
 * backwards or leaves the page, cells outside the content area, or accounting that does not
 * add up are SQLITE_CORRUPT.
 */
import { assert } from '../assert.js';
import { corrupt } from '../errors.js';
import {
  CELL_POINTER_BYTES,
  contentStart,
  FREEBLOCK_MIN_BYTES,
  FREEBLOCK_NEXT,
  FREEBLOCK_SIZE,
  get16,
  headerBytesFor,
  isLeafType,
  MAX_FRAGMENTED_BYTES,
  PAGE_HEADER_CELL_COUNT,
  PAGE_HEADER_FIRST_FREEBLOCK,
  PAGE_HEADER_FRAGMENTED_BYTES,
  PAGE_HEADER_RIGHT_CHILD,
  PAGE_HEADER_TYPE,
  put16,
  put32,
  setContentStart,
} from '../format/btree-page.js';
import { CellInfo, parseCell } from '../format/cell.js';
import type { CellList } from './node-image.js';

const scratchCell = new CellInfo();
/** Cells up to this size are copied byte by byte when a page image is written. */
const SMALL_COPY_BYTES = 48;
/** Copy of a page's content area while it is repacked; grown to the largest page seen. */
let scratchPage = new Uint8Array(0);

/**
 * Free bytes on the page (gap + freeblocks + fragments), validating the header and the
 * freeblock chain.
 */
export function pageFreeBytes(data: Uint8Array, hdr: number, usableSizeBytes: number): number {
  const type = data[hdr + PAGE_HEADER_TYPE]!;
  const ncell = get16(data, hdr + PAGE_HEADER_CELL_COUNT);
  const ptrEnd = hdr + headerBytesFor(type) + ncell * CELL_POINTER_BYTES;
  const start = contentStart(data, hdr);
  if (start < ptrEnd || start > usableSizeBytes) throw corrupt('cell pointer array overlaps content');
  let free = start - ptrEnd + data[hdr + PAGE_HEADER_FRAGMENTED_BYTES]!;
  let pc = get16(data, hdr + PAGE_HEADER_FIRST_FREEBLOCK);
  let prevEnd = start;
  // Each freeblock is >= 4 bytes and they ascend, so a page holds at most usable/4 of them.
  for (let n = 0; pc !== 0; n++) {
    if (n > usableSizeBytes / FREEBLOCK_MIN_BYTES) throw corrupt('freeblock chain too long');
    if (pc < prevEnd || pc > usableSizeBytes - FREEBLOCK_MIN_BYTES) throw corrupt('freeblock out of order');
    const size = get16(data, pc + FREEBLOCK_SIZE);
    if (size < FREEBLOCK_MIN_BYTES || pc + size > usableSizeBytes) throw corrupt('freeblock past the page end');
    free += size;
    prevEnd = pc + size;
    pc = get16(data, pc + FREEBLOCK_NEXT);
  }
  if (free > usableSizeBytes - ptrEnd) throw corrupt('free space exceeds the page');
  return free;
}

/**
 * Reserves `size` bytes for a new cell and returns their offset. The caller has checked that
 * the page has `size + 2` free bytes (the cell and its pointer); the pointer array is not
 * changed here, but room for one more pointer is kept.
 */
export function allocateCellSpace(data: Uint8Array, hdr: number, usableSizeBytes: number, size: number): number {
  assert(size >= FREEBLOCK_MIN_BYTES, 'cells are at least 4 bytes');
  const type = data[hdr + PAGE_HEADER_TYPE]!;
  const ncell = get16(data, hdr + PAGE_HEADER_CELL_COUNT);
  const newPtrEnd = hdr + headerBytesFor(type) + (ncell + 1) * CELL_POINTER_BYTES;
  let start = contentStart(data, hdr);
  if (start < newPtrEnd) {
    // No room for the new pointer in the gap: all free space must be gathered first.
    defragmentPage(data, hdr, usableSizeBytes);
    start = contentStart(data, hdr);
  } else {
    const fromFreeblock = takeFromFreeblock(data, hdr, usableSizeBytes, size);
    if (fromFreeblock !== 0) return fromFreeblock;
    if (start - size < newPtrEnd) {
      defragmentPage(data, hdr, usableSizeBytes);
      start = contentStart(data, hdr);
    }
  }
  if (start - size < newPtrEnd) throw corrupt('page free space accounting is wrong');
  start -= size;
  setContentStart(data, hdr, start);
  return start;
}

/** First-fit search of the freeblock list; 0 when no block can take `size` bytes. */
function takeFromFreeblock(data: Uint8Array, hdr: number, usableSizeBytes: number, size: number): number {
  let prevPtr = hdr + PAGE_HEADER_FIRST_FREEBLOCK;
  let pc = get16(data, prevPtr);
  for (let n = 0; pc !== 0; n++) {
    if (n > usableSizeBytes / FREEBLOCK_MIN_BYTES || pc > usableSizeBytes - FREEBLOCK_MIN_BYTES) {
      throw corrupt('bad freeblock chain');
    }
    const blockSize = get16(data, pc + FREEBLOCK_SIZE);
    const next = get16(data, pc + FREEBLOCK_NEXT);
    if (pc + blockSize > usableSizeBytes || (next !== 0 && next < pc + blockSize)) throw corrupt('bad freeblock');
    if (blockSize >= size) {
      const leftover = blockSize - size;
      if (leftover >= FREEBLOCK_MIN_BYTES) {
        // Keep the front of the block free, hand out its end: no pointer changes.
        put16(data, pc + FREEBLOCK_SIZE, leftover);
        return pc + leftover;
      }
      const frag = data[hdr + PAGE_HEADER_FRAGMENTED_BYTES]!;
      if (frag + leftover <= MAX_FRAGMENTED_BYTES) {
        put16(data, prevPtr, next);
        data[hdr + PAGE_HEADER_FRAGMENTED_BYTES] = frag + leftover;
        return pc;
      }
    }
    prevPtr = pc + FREEBLOCK_NEXT;
    pc = next;
  }
  return 0;
}

/**
 * Returns `[off, off + size)` (a cell being removed) to the page's free space: a new
 * freeblock, merged with neighbours within 3 bytes, or the gap when it starts the content area.
 */
export function freeCellSpace(data: Uint8Array, hdr: number, usableSizeBytes: number, off: number, size: number): void {
  const start = contentStart(data, hdr);
  if (off < start || off + size > usableSizeBytes) throw corrupt('freed cell outside the content area');
  let frag = data[hdr + PAGE_HEADER_FRAGMENTED_BYTES]!;
  // Find the freeblocks just before and just after the freed range.
  let prevPtr = hdr + PAGE_HEADER_FIRST_FREEBLOCK;
  let prev = 0;
  let pc = get16(data, prevPtr);
  for (let n = 0; pc !== 0 && pc < off; n++) {
    if (n > usableSizeBytes / FREEBLOCK_MIN_BYTES) throw corrupt('freeblock chain too long');
    const next = get16(data, pc + FREEBLOCK_NEXT);
    if (next !== 0 && next <= pc) throw corrupt('freeblock chain goes backwards');
    prev = pc;
    prevPtr = pc + FREEBLOCK_NEXT;
    pc = next;
  }
  if (pc !== 0 && (pc < off + size || pc > usableSizeBytes - FREEBLOCK_MIN_BYTES)) throw corrupt('freed cell overlaps a freeblock');
  let blockStart = off;
  let blockEnd = off + size;
  let next = pc;
  if (pc !== 0 && pc - blockEnd <= 3) {
    const hole = pc - blockEnd;
    if (hole > frag) throw corrupt('fragment count too small');
    frag -= hole;
    const nextSize = get16(data, pc + FREEBLOCK_SIZE);
    blockEnd = pc + nextSize;
    if (blockEnd > usableSizeBytes) throw corrupt('freeblock past the page end');
    next = get16(data, pc + FREEBLOCK_NEXT);
  }
  let linkFrom = prevPtr;
  if (prev !== 0) {
    const prevEnd = prev + get16(data, prev + FREEBLOCK_SIZE);
    if (prevEnd > off) throw corrupt('freed cell overlaps a freeblock');
    if (off - prevEnd <= 3) {
      const hole = off - prevEnd;
      if (hole > frag) throw corrupt('fragment count too small');
      frag -= hole;
      blockStart = prev;
      linkFrom = -1; // prev keeps its place in the chain
    }
  }
  data[hdr + PAGE_HEADER_FRAGMENTED_BYTES] = frag;
  if (blockStart === start) {
    // The block opens the content area: give it back to the gap. It is the first freeblock.
    put16(data, hdr + PAGE_HEADER_FIRST_FREEBLOCK, next);
    setContentStart(data, hdr, blockEnd);
    return;
  }
  if (linkFrom >= 0) put16(data, linkFrom, blockStart);
  put16(data, blockStart + FREEBLOCK_NEXT, next);
  put16(data, blockStart + FREEBLOCK_SIZE, blockEnd - blockStart);
}

/**
 * Repacks all cells against the end of the usable area, leaving one gap and no freeblocks or
 * fragments. Cell order (the pointer array) is unchanged.
 */
export function defragmentPage(data: Uint8Array, hdr: number, usableSizeBytes: number): void {
  const type = data[hdr + PAGE_HEADER_TYPE]!;
  const ncell = get16(data, hdr + PAGE_HEADER_CELL_COUNT);
  const ptrStart = hdr + headerBytesFor(type);
  const start = contentStart(data, hdr);
  if (start < ptrStart + ncell * CELL_POINTER_BYTES || start > usableSizeBytes) throw corrupt('bad content area');
  if (scratchPage.length < usableSizeBytes) scratchPage = new Uint8Array(usableSizeBytes);
  scratchPage.set(data.subarray(start, usableSizeBytes), start);
  let top = usableSizeBytes;
  for (let i = 0; i < ncell; i++) {
    const ptr = ptrStart + i * CELL_POINTER_BYTES;
    const off = get16(data, ptr);
    if (off < start || off > usableSizeBytes - FREEBLOCK_MIN_BYTES) throw corrupt('cell pointer outside the content area');
    parseCell(scratchPage, off, type, usableSizeBytes, scratchCell);
    const size = scratchCell.cellSize;
    top -= size;
    if (top < ptrStart + ncell * CELL_POINTER_BYTES) throw corrupt('cells overflow the page');
    data.set(scratchPage.subarray(off, off + size), top);
    put16(data, ptr, top);
  }
  put16(data, hdr + PAGE_HEADER_FIRST_FREEBLOCK, 0);
  data[hdr + PAGE_HEADER_FRAGMENTED_BYTES] = 0;
  setContentStart(data, hdr, top);
}

/**
 * Inserts a pointer for a new cell of `size` bytes at position `idx` and returns the offset
 * reserved for its bytes, which the caller writes. Requires `size + 2` free bytes.
 */
export function insertCellSpace(data: Uint8Array, hdr: number, usableSizeBytes: number, idx: number, size: number): number {
  const off = allocateCellSpace(data, hdr, usableSizeBytes, size);
  const type = data[hdr + PAGE_HEADER_TYPE]!;
  const ncell = get16(data, hdr + PAGE_HEADER_CELL_COUNT);
  assert(idx >= 0 && idx <= ncell, 'cell index out of range');
  const ptr = hdr + headerBytesFor(type) + idx * CELL_POINTER_BYTES;
  data.copyWithin(ptr + CELL_POINTER_BYTES, ptr, hdr + headerBytesFor(type) + ncell * CELL_POINTER_BYTES);
  put16(data, ptr, off);
  put16(data, hdr + PAGE_HEADER_CELL_COUNT, ncell + 1);
  return off;
}

/** Inserts a copy of `cell` as cell `idx`. Requires `cell.length + 2` free bytes. */
export function insertCell(data: Uint8Array, hdr: number, usableSizeBytes: number, idx: number, cell: Uint8Array): void {
  const off = insertCellSpace(data, hdr, usableSizeBytes, idx, cell.length);
  data.set(cell, off);
}

/** Removes cell `idx`, which occupies `size` bytes, from the page. */
export function dropCell(data: Uint8Array, hdr: number, usableSizeBytes: number, idx: number, size: number): void {
  const type = data[hdr + PAGE_HEADER_TYPE]!;
  const ncell = get16(data, hdr + PAGE_HEADER_CELL_COUNT);
  assert(idx >= 0 && idx < ncell, 'cell index out of range');
  const ptrStart = hdr + headerBytesFor(type);
  const ptr = ptrStart + idx * CELL_POINTER_BYTES;
  if (ncell === 1) {
    // The page becomes empty: reset it to one gap (no freeblocks, no fragments).
    put16(data, hdr + PAGE_HEADER_CELL_COUNT, 0);
    put16(data, hdr + PAGE_HEADER_FIRST_FREEBLOCK, 0);
    data[hdr + PAGE_HEADER_FRAGMENTED_BYTES] = 0;
    setContentStart(data, hdr, usableSizeBytes);
    return;
  }
  freeCellSpace(data, hdr, usableSizeBytes, get16(data, ptr), size);
  data.copyWithin(ptr, ptr + CELL_POINTER_BYTES, ptrStart + ncell * CELL_POINTER_BYTES);
  put16(data, hdr + PAGE_HEADER_CELL_COUNT, ncell - 1);
}

/**
 * Writes a complete page image: header of `type`, cells [start, end) of `cells` packed at the
 * end of the usable area, in order. `rightChildPgno` is stored on interior pages. The caller
 * has checked they fit. On page 1 (`hdr` 100) the database header before `hdr` is untouched.
 */
export function writePageImage(
  data: Uint8Array,
  hdr: number,
  usableSizeBytes: number,
  type: number,
  cells: CellList,
  start: number,
  end: number,
  rightChildPgno: number,
): void {
  const ptrStart = hdr + headerBytesFor(type);
  const count = end - start;
  const { bufs, offs, sizes } = cells;
  let top = usableSizeBytes;
  for (let i = start; i < end; i++) {
    const size = sizes[i]!;
    const off = offs[i]!;
    top -= size;
    assert(top >= ptrStart + count * CELL_POINTER_BYTES, 'page image does not fit');
    const src = bufs[i]!;
    if (size <= SMALL_COPY_BYTES) {
      // Short cells: a loop beats creating a subarray view per cell.
      for (let b = 0; b < size; b++) data[top + b] = src[off + b]!;
    } else {
      data.set(src.subarray(off, off + size), top);
    }
    put16(data, ptrStart + (i - start) * CELL_POINTER_BYTES, top);
  }
  writeHeader(data, hdr, type, count, top, rightChildPgno);
}

/** Makes the page an empty page of `type` (a new or cleared root). */
export function writeEmptyPage(data: Uint8Array, hdr: number, usableSizeBytes: number, type: number): void {
  writeHeader(data, hdr, type, 0, usableSizeBytes, 0);
}

function writeHeader(data: Uint8Array, hdr: number, type: number, count: number, top: number, rightChildPgno: number): void {
  data[hdr + PAGE_HEADER_TYPE] = type;
  put16(data, hdr + PAGE_HEADER_FIRST_FREEBLOCK, 0);
  put16(data, hdr + PAGE_HEADER_CELL_COUNT, count);
  setContentStart(data, hdr, top);
  data[hdr + PAGE_HEADER_FRAGMENTED_BYTES] = 0;
  if (!isLeafType(type)) put32(data, hdr + PAGE_HEADER_RIGHT_CHILD, rightChildPgno);
}
