/**
 * A B-tree page held as a list of cells while the tree is being rebalanced: cells can be
 * added, removed and moved between pages freely, and the result is written back as a packed
 * page image (page-space.ts `writePageImage`).
 *
 * Cells are kept as (buffer, offset, size) triples in parallel arrays rather than one array
 * object per cell: reading a page copies the page once and refers into the copy, so a
 * rebalance allocates per page, not per cell. A cell's bytes are in the format of the image's
 * page type, `size` includes padding, and the buffers are private copies (never a live page),
 * so cells may be patched in place (e.g. a divider's child pointer).
 */
import { corrupt } from '../errors.js';
import {
  btreeHeaderOffset,
  cellCount,
  cellOffset,
  checkPageHeader,
  CELL_POINTER_BYTES,
  CHILD_POINTER_BYTES,
  get32,
  headerBytesFor,
  isLeafType,
  MIN_CELL_BYTES,
  PAGE_TYPE_INTERIOR_INDEX,
  PAGE_TYPE_LEAF_INDEX,
  put32,
  rightChild,
} from '../format/btree-page.js';
import { CellInfo, cellSizeAt, parseCell } from '../format/cell.js';
import { varintSize, writeVarint } from '../format/varint.js';
import type { Page } from '../pager/page.js';

import { anchorHiddenClass } from '../hidden-class-anchors.js';

const info = new CellInfo();

export class CellList {
  readonly bufs: Uint8Array[] = [];
  readonly offs: number[] = [];
  readonly sizes: number[] = [];

  get length(): number {
    return this.sizes.length;
  }

  push(buf: Uint8Array, off: number, size: number): void {
    this.bufs.push(buf);
    this.offs.push(off);
    this.sizes.push(size);
  }

  /** Appends cells [start, end) of `other`. */
  pushRange(other: CellList, start: number, end: number): void {
    for (let i = start; i < end; i++) this.push(other.bufs[i]!, other.offs[i]!, other.sizes[i]!);
  }

  /** Inserts a whole-array cell at position `i`. */
  insert(i: number, cell: Uint8Array): void {
    this.bufs.splice(i, 0, cell);
    this.offs.splice(i, 0, 0);
    this.sizes.splice(i, 0, cell.length);
  }

  set(i: number, cell: Uint8Array): void {
    this.bufs[i] = cell;
    this.offs[i] = 0;
    this.sizes[i] = cell.length;
  }

  removeAt(i: number): void {
    this.bufs.splice(i, 1);
    this.offs.splice(i, 1);
    this.sizes.splice(i, 1);
  }

  /** Replaces `deleteCount` cells at `start` with whole-array `cells`. */
  replaceRange(start: number, deleteCount: number, cells: readonly Uint8Array[]): void {
    const offs = new Array<number>(cells.length).fill(0);
    const sizes = cells.map((c) => c.length);
    this.bufs.splice(start, deleteCount, ...cells);
    this.offs.splice(start, deleteCount, ...offs);
    this.sizes.splice(start, deleteCount, ...sizes);
  }

  /** A view of cell `i` (shares its buffer). */
  view(i: number): Uint8Array {
    const off = this.offs[i]!;
    return this.bufs[i]!.subarray(off, off + this.sizes[i]!);
  }

  /** A fresh copy of cell `i`. */
  copy(i: number): Uint8Array {
    const off = this.offs[i]!;
    return this.bufs[i]!.slice(off, off + this.sizes[i]!);
  }

  /** The 4-byte child pointer at the start of interior cell `i`. */
  childOf(i: number): number {
    return get32(this.bufs[i]!, this.offs[i]!);
  }

  setChildOf(i: number, pgno: number): void {
    put32(this.bufs[i]!, this.offs[i]!, pgno);
  }
}

export class NodeImage {
  constructor(
    public type: number,
    readonly cells: CellList,
    /** Right-most child of an interior page; 0 on leaves. */
    public rightChild: number,
  ) {}

  get isLeaf(): boolean {
    return isLeafType(this.type);
  }

  get count(): number {
    return this.cells.length;
  }

  /** Child `k` (0..count) of an interior image. */
  childAt(k: number): number {
    return k < this.cells.length ? this.cells.childOf(k) : this.rightChild;
  }

  setChildAt(k: number, pgno: number): void {
    if (k < this.cells.length) this.cells.setChildOf(k, pgno);
    else this.rightChild = pgno;
  }

  /** Bytes this image needs on a page whose B-tree header starts at `hdr`. */
  bytesNeeded(hdr: number): number {
    const sizes = this.cells.sizes;
    let n = hdr + headerBytesFor(this.type);
    for (let i = 0; i < sizes.length; i++) n += sizes[i]! + CELL_POINTER_BYTES;
    return n;
  }
}

/** The cells of `page` as an image over a private copy (SQLITE_CORRUPT on a malformed page). */
export function readNodeImage(page: Page, usableSizeBytes: number, expectTable?: boolean): NodeImage {
  const hdr = btreeHeaderOffset(page.pgno);
  const type = checkPageHeader(page.data, hdr, usableSizeBytes, expectTable);
  const data = page.data.slice(0, usableSizeBytes);
  const n = cellCount(data, hdr);
  const cells = new CellList();
  let total = hdr + headerBytesFor(type);
  for (let i = 0; i < n; i++) {
    const off = cellOffset(data, hdr, type, i, usableSizeBytes);
    const size = cellSizeAt(data, off, type, usableSizeBytes);
    total += size + CELL_POINTER_BYTES;
    cells.push(data, off, size);
  }
  if (total > usableSizeBytes) throw corrupt('cells overlap');
  return new NodeImage(type, cells, isLeafType(type) ? 0 : rightChild(data, hdr));
}

/** An interior-table divider cell: left child `pgno`, key `rowid`. */
export function tableDivider(pgno: number, rowid: number | bigint): Uint8Array {
  const size = CHILD_POINTER_BYTES + varintSize(rowid);
  const cell = new Uint8Array(size < MIN_CELL_BYTES ? MIN_CELL_BYTES : size);
  put32(cell, 0, pgno);
  writeVarint(cell, CHILD_POINTER_BYTES, rowid);
  return cell;
}

/** A copy of interior cell `i` of `list` with its left child set to `pgno`. */
export function withChild(list: CellList, i: number, pgno: number): Uint8Array {
  const copy = list.copy(i);
  put32(copy, 0, pgno);
  return copy;
}

/** Index-leaf cell `i` of `list` turned into an interior-index cell with left child `pgno`. */
export function leafIndexToInterior(list: CellList, i: number, pgno: number, usableSizeBytes: number): Uint8Array {
  const buf = list.bufs[i]!;
  const off = list.offs[i]!;
  parseCell(buf, off, PAGE_TYPE_LEAF_INDEX, usableSizeBytes, info);
  const out = new Uint8Array(CHILD_POINTER_BYTES + info.contentSize);
  put32(out, 0, pgno);
  out.set(buf.subarray(off, off + info.contentSize), CHILD_POINTER_BYTES);
  return out;
}

/** Interior-index cell `i` of `list` turned into an index-leaf cell (child pointer dropped). */
export function interiorIndexToLeaf(list: CellList, i: number, usableSizeBytes: number): Uint8Array {
  const buf = list.bufs[i]!;
  const off = list.offs[i]!;
  parseCell(buf, off, PAGE_TYPE_INTERIOR_INDEX, usableSizeBytes, info);
  const size = info.contentSize - CHILD_POINTER_BYTES;
  const out = new Uint8Array(size < MIN_CELL_BYTES ? MIN_CELL_BYTES : size);
  out.set(buf.subarray(off + CHILD_POINTER_BYTES, off + info.contentSize));
  return out;
}

/** Rowid of table cell `i` of `list`, whose page type is `type`. */
export function tableCellRowid(list: CellList, i: number, type: number, usableSizeBytes: number): number | bigint {
  const off = list.offs[i]!;
  parseCell(list.bufs[i]!, off, type, usableSizeBytes, info);
  return info.rowid;
}

// Balances make and drop these; see hidden-class-anchors.ts.
anchorHiddenClass(new NodeImage(PAGE_TYPE_LEAF_INDEX, anchorHiddenClass(new CellList()), 0));
