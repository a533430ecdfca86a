/**
 * What table and index cursors share: the root-to-leaf path and moving along it.
 *
 * The path is a stack of levels 0 (root) .. depth. At each level above the deepest, `idx` is
 * the child taken (0..ncell; ncell is the right-most child). At the deepest level `idx` is the
 * cell the cursor is on. Table cursors are always on a leaf; index cursors may rest on an
 * interior cell, since index interior cells are entries too (visited in order between their
 * left subtree and the next child).
 *
 * States:
 *   INVALID  not on an entry (eof, never positioned, or position given up)
 *   VALID    on entry idx[depth] of pages[depth]
 *   SAVED    the entry's key is remembered (another write changed the tree, or this cursor
 *            wrote); the next use re-seeks it
 *
 * Restartability (the I/O contract): a read may throw IoPending at any `pager.get`. Seeks and
 * first/last rebuild the path from the root and set the state last, so a restart just runs
 * them again. next/prev prefetch the pages of a descent before changing anything. A SAVED
 * cursor stays SAVED until its re-seek has completed.
 *
 * Eviction: the pager evicts clean pages only between operations; a page in the path found
 * `evicted` is fetched again (its content is unchanged: only clean pages are evicted).
 */
import { assert } from '../assert.js';
import { corrupt } from '../errors.js';
import {
  btreeHeaderOffset,
  cellCount,
  cellOffset,
  checkPageHeader,
  isLeafType,
} from '../format/btree-page.js';
import { CellInfo, parseCell } from '../format/cell.js';
import type { Page } from '../pager/page.js';
import type { PagerApi } from '../pager/pager-api.js';
import { childPgnoOf, MAX_BTREE_DEPTH, type WritePath } from './balance.js';
import type { BtreeContext, TrackedCursor } from './btree-context.js';
import { readPayload, readPayloadRange } from './overflow.js';

export const CURSOR_INVALID: number = 0;
export const CURSOR_VALID: number = 1;
export const CURSOR_SAVED: number = 2;

export abstract class CursorBase implements TrackedCursor {
  readonly pager: PagerApi;
  protected readonly usable: number;
  protected readonly pages: (Page | null)[] = new Array<Page | null>(MAX_BTREE_DEPTH).fill(null);
  protected readonly idx = new Int32Array(MAX_BTREE_DEPTH);
  protected readonly ncell = new Int32Array(MAX_BTREE_DEPTH);
  protected readonly ptype = new Uint8Array(MAX_BTREE_DEPTH);
  protected readonly hdr = new Int32Array(MAX_BTREE_DEPTH);
  protected depth = -1;
  /** Deepest level `pages` holds a page for (what `invalidate` must clear). */
  private deepest = -1;
  protected state = CURSOR_INVALID;
  /** Where the last `payloadBuffer()`/`keyBuffer()` payload lies in the buffer it returned. */
  payloadStart = 0;
  payloadLength = 0;
  /** The current cell, parsed by `parseCurrent`. */
  protected readonly cell = new CellInfo();
  private closed = false;

  constructor(
    readonly ctx: BtreeContext,
    readonly rootPgno: number,
    readonly isTable: boolean,
  ) {
    this.pager = ctx.pager;
    this.usable = ctx.pager.usableSizeBytes;
    ctx.register(this);
  }

  /** True when the cursor is not on an entry. */
  get eof(): boolean {
    return this.state === CURSOR_INVALID;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ctx.unregister(this);
    this.invalidate();
  }

  /** True after `close()` until `reopen()`. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Opens a closed cursor again on the same tree, unpositioned: a statement run many times
   * reuses its cursors instead of allocating their path arrays on every run.
   */
  reopen(): void {
    assert(this.closed && this.state === CURSOR_INVALID, 'reopen of an open cursor');
    this.closed = false;
    this.ctx.register(this);
  }

  invalidate(): void {
    this.state = CURSOR_INVALID;
    this.depth = -1;
    // Drop the page references (levels below `deepest` were never filled).
    const pages = this.pages;
    for (let l = 0; l <= this.deepest; l++) pages[l] = null;
    this.deepest = -1;
  }

  abstract saveIfPositioned(): void;

  /** Moves to the first entry; false when the tree is empty. */
  first(): boolean {
    return this.moveToEnd(true);
  }

  /** Moves to the last entry; false when the tree is empty. */
  last(): boolean {
    return this.moveToEnd(false);
  }

  private moveToEnd(leftmost: boolean): boolean {
    this.assertOpen();
    if (this.state === CURSOR_VALID) this.state = CURSOR_INVALID;
    if (!this.loadRoot()) {
      this.state = CURSOR_INVALID;
      return false;
    }
    if (this.ncell[0] === 0 && isLeafType(this.ptype[0]!)) {
      this.state = CURSOR_INVALID;
      this.depth = 0;
      return false;
    }
    this.descend(0, leftmost);
    this.state = CURSOR_VALID;
    return true;
  }

  /** Moves to the next entry; false (and eof) past the last one. */
  next(): boolean {
    if (this.state !== CURSOR_VALID) {
      if (this.state === CURSOR_SAVED) return this.nextFromSaved();
      return false;
    }
    const d = this.depth;
    if (this.pages[d]!.evicted) this.refreshPath();
    const i = this.idx[d]! + 1;
    if (i < this.ncell[d]! && isLeafType(this.ptype[d]!)) {
      this.idx[d] = i;
      return true;
    }
    return this.nextSlow();
  }

  /** Moves to the previous entry; false (and eof) before the first one. */
  prev(): boolean {
    if (this.state !== CURSOR_VALID) {
      if (this.state === CURSOR_SAVED) return this.prevFromSaved();
      return false;
    }
    const d = this.depth;
    if (this.pages[d]!.evicted) this.refreshPath();
    if (this.idx[d]! > 0 && isLeafType(this.ptype[d]!)) {
      this.idx[d]--;
      return true;
    }
    return this.prevSlow();
  }

  private nextSlow(): boolean {
    this.refreshPath();
    const d = this.depth;
    if (!isLeafType(this.ptype[d]!)) {
      // On an interior index entry: the next entry is the first of the subtree to its right.
      const child = this.childAt(d, this.idx[d]! + 1);
      this.prefetchDescent(child, d + 1, true);
      this.idx[d]++;
      this.enterLevel(d + 1, child);
      this.descend(d + 1, true);
      return true;
    }
    let level = d - 1;
    while (level >= 0 && this.idx[level]! >= this.ncell[level]!) level--;
    if (level < 0) {
      this.state = CURSOR_INVALID;
      return false;
    }
    if (!this.isTable) {
      // Index: the divider after the subtree just finished is the next entry.
      this.depth = level;
      return true;
    }
    const child = this.childAt(level, this.idx[level]! + 1);
    this.prefetchDescent(child, level + 1, true);
    this.idx[level]++;
    this.enterLevel(level + 1, child);
    this.descend(level + 1, true);
    return true;
  }

  private prevSlow(): boolean {
    this.refreshPath();
    const d = this.depth;
    if (!isLeafType(this.ptype[d]!)) {
      // On an interior index entry: the previous entry is the last of its left subtree.
      const child = this.childAt(d, this.idx[d]!);
      this.prefetchDescent(child, d + 1, false);
      this.enterLevel(d + 1, child);
      this.descend(d + 1, false);
      return true;
    }
    let level = d - 1;
    while (level >= 0 && this.idx[level]! === 0) level--;
    if (level < 0) {
      this.state = CURSOR_INVALID;
      return false;
    }
    if (!this.isTable) {
      this.idx[level]--;
      this.depth = level;
      return true;
    }
    const child = this.childAt(level, this.idx[level]! - 1);
    this.prefetchDescent(child, level + 1, false);
    this.idx[level]--;
    this.enterLevel(level + 1, child);
    this.descend(level + 1, false);
    return true;
  }

  protected abstract nextFromSaved(): boolean;
  protected abstract prevFromSaved(): boolean;

  // ---- Path primitives --------------------------------------------------------------------

  /** Loads the root as level 0. False when the database has no pages yet (empty database). */
  protected loadRoot(): boolean {
    if (this.pager.pageCount === 0 && this.rootPgno === 1) return false;
    this.enterLevel(0, this.rootPgno);
    return true;
  }

  /** Makes page `pgno` level `level` of the path (not changing `depth`). */
  protected enterLevel(level: number, pgno: number): void {
    if (level >= MAX_BTREE_DEPTH) throw corrupt('b-tree too deep');
    const page = this.pager.get(pgno);
    const hdr = btreeHeaderOffset(pgno);
    const type = checkPageHeader(page.data, hdr, this.usable, this.isTable);
    const n = cellCount(page.data, hdr);
    if (n === 0 && level > 0) throw corrupt('empty non-root b-tree page');
    this.pages[level] = page;
    if (level > this.deepest) this.deepest = level;
    this.ptype[level] = type;
    this.hdr[level] = hdr;
    this.ncell[level] = n;
  }

  /**
   * From level `level` (already entered) down to a leaf along the left or right edge; sets
   * `depth` and positions on the first or last cell of that leaf.
   */
  protected descend(level: number, leftmost: boolean): void {
    let l = level;
    for (;;) {
      if (isLeafType(this.ptype[l]!)) {
        this.idx[l] = leftmost ? 0 : this.ncell[l]! - 1;
        this.depth = l;
        return;
      }
      const k = leftmost ? 0 : this.ncell[l]!;
      this.idx[l] = k;
      const child = this.childAt(l, k);
      this.enterLevel(l + 1, child);
      l++;
    }
  }

  /** Loads the pages `descend` would visit from `pgno`, changing nothing. */
  protected prefetchDescent(pgno: number, level: number, leftmost: boolean): void {
    let p = pgno;
    for (let l = level; ; l++) {
      if (l >= MAX_BTREE_DEPTH) throw corrupt('b-tree too deep');
      const page = this.pager.get(p);
      const hdr = btreeHeaderOffset(p);
      const type = checkPageHeader(page.data, hdr, this.usable, this.isTable);
      if (isLeafType(type)) return;
      const n = cellCount(page.data, hdr);
      if (n === 0) throw corrupt('empty non-root b-tree page');
      p = childPgnoOf(page.data, hdr, type, leftmost ? 0 : n, this.usable, this.pager.pageCount);
    }
  }

  /** Child `k` (0..ncell) of interior level `level`. */
  protected childAt(level: number, k: number): number {
    return childPgnoOf(this.pages[level]!.data, this.hdr[level]!, this.ptype[level]!, k, this.usable, this.pager.pageCount);
  }

  /** Page offset of cell `k` of level `level`. */
  protected cellAt(level: number, k: number): number {
    return cellOffset(this.pages[level]!.data, this.hdr[level]!, this.ptype[level]!, k, this.usable);
  }

  /** Re-fetches path pages the cache evicted since the last operation. */
  protected refreshPath(): void {
    for (let l = 0; l <= this.depth; l++) {
      const page = this.pages[l]!;
      if (page.evicted) this.pages[l] = this.pager.get(page.pgno);
    }
  }

  /** Parses the current cell into `this.cell`. Requires VALID. */
  protected parseCurrent(): Uint8Array {
    assert(this.state === CURSOR_VALID, 'cursor is not on an entry');
    const d = this.depth;
    let page = this.pages[d]!;
    if (page.evicted) {
      this.refreshPath();
      page = this.pages[d]!;
    }
    parseCell(page.data, this.cellAt(d, this.idx[d]!), this.ptype[d]!, this.usable, this.cell);
    return page.data;
  }

  /**
   * The current entry's payload (table: the row's record; index: the key record). A view
   * into the page when it is all local, valid until the cursor moves or the tree changes;
   * otherwise a fresh array assembled from the overflow chain.
   */
  protected currentPayload(): Uint8Array {
    const data = this.parseCurrent();
    const c = this.cell;
    if (c.localBytes === c.payloadSizeBytes) return data.subarray(c.payloadOffset, c.payloadOffset + c.localBytes);
    return readPayload(this.pager, data, c);
  }

  /**
   * As `currentPayload`, without making a view: returns the page's buffer (or, for a spilled
   * payload, a fresh assembled array) and leaves the payload's place in it in `payloadStart`
   * and `payloadLength`. Scans read a record per row, and a view per row is garbage per row.
   */
  protected currentPayloadBuffer(): Uint8Array {
    const data = this.parseCurrent();
    const c = this.cell;
    if (c.localBytes === c.payloadSizeBytes) {
      this.payloadStart = c.payloadOffset;
      this.payloadLength = c.localBytes;
      return data;
    }
    this.payloadStart = 0;
    this.payloadLength = c.payloadSizeBytes;
    return readPayload(this.pager, data, c);
  }

  /** Copies payload bytes [from, from + len) of the current entry into `dst[dstOff]`. */
  protected currentPayloadRange(from: number, len: number, dst: Uint8Array, dstOff: number): void {
    const data = this.parseCurrent();
    readPayloadRange(this.pager, data, this.cell, from, len, dst, dstOff);
  }

  /** Copies the cursor's path (levels 0..depth) into `path` for a write (read phase). */
  protected fillWritePath(path: WritePath): void {
    this.refreshPath();
    path.clear();
    for (let l = 0; l <= this.depth; l++) path.push(this.pages[l]!, l > 0 ? this.idx[l - 1]! : 0);
  }

  /** After a write left the cell in place: stay VALID on it (page `level`, cell `idx`). */
  protected positionAfterWrite(level: number, idx: number): void {
    const page = this.pages[level]!;
    this.ncell[level] = cellCount(page.data, this.hdr[level]!);
    this.idx[level] = idx;
    this.depth = level;
    this.state = CURSOR_VALID;
  }

  protected assertOpen(): void {
    assert(!this.closed, 'cursor is closed');
  }
}
