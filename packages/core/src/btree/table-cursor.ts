/**
 * A cursor over a table B-tree: entries keyed by a 64-bit rowid, each with a payload (the row's
 * record). Interior pages hold only dividers (child, rowid): keys <= the divider are in the
 * child, larger keys further right.
 */
import { assert } from '../assert.js';
import { SqliteError } from '../errors.js';
import { cellCount, isLeafType } from '../format/btree-page.js';
import { tableLeafRowid } from '../format/cell.js';
import type { BtreeContext } from './btree-context.js';
import { CURSOR_INVALID, CURSOR_SAVED, CURSOR_VALID, CursorBase } from './cursor-base.js';
import type { SeekOp } from './seek-op.js';
import { interiorLowerBound, leafSearch } from './table-page-search.js';
import { deleteLeafCell, insertCellAt, WRITE_IN_PLACE, WRITE_NEW_RIGHT_LEAF } from './tree-writer.js';

/** seekInLeaf: the rowid is not in the current leaf's range. */
const NOT_IN_LEAF = 2;

export class TableCursor extends CursorBase {
  private savedRowid: number | bigint = 0;

  constructor(ctx: BtreeContext, rootPgno: number) {
    super(ctx, rootPgno, true);
  }

  saveIfPositioned(): void {
    if (this.state !== CURSOR_VALID) return;
    this.savedRowid = this.rowid();
    this.state = CURSOR_SAVED;
  }

  /**
   * Moves to `rowid`, or next to where it would be. Returns 0 when found; otherwise the
   * cursor is on a neighbouring entry and the result is negative when that entry's rowid is
   * smaller, positive when larger. When the tree is empty the cursor is at eof (result 1).
   */
  seek(rowid: number | bigint): number {
    this.assertOpen();
    // A VALID cursor's path is current (writers save other cursors first; this cursor's own
    // writes keep it exact), so its pages can be reused: the leaf when the rowid falls inside
    // it (an index-ordered join visits rowids in increasing order), else the levels the new
    // path shares with the old one, without fetching and checking those pages again.
    let shared = -1;
    if (this.state === CURSOR_VALID) {
      const r = this.seekInLeaf(rowid);
      if (r !== NOT_IN_LEAF) return r;
      shared = this.depth;
      this.state = CURSOR_INVALID;
    }
    if (shared < 0 || this.pages[0]!.evicted) {
      shared = -1;
      if (!this.loadRoot()) {
        this.state = CURSOR_INVALID;
        this.depth = -1;
        return 1;
      }
    }
    const usable = this.usable;
    for (let level = 0; ; level++) {
      const data = this.pages[level]!.data;
      const n = this.ncell[level]!;
      let lo = 0;
      let hi = n;
      if (!isLeafType(this.ptype[level]!)) {
        // First divider >= rowid: its child holds the rowid if anything does.
        lo = interiorLowerBound(data, this.hdr[level]!, this.ptype[level]!, n, rowid, usable);
        this.idx[level] = lo;
        const child = this.childAt(level, lo);
        const old = level < shared ? this.pages[level + 1]! : null;
        if (old === null || old.pgno !== child || old.evicted) {
          shared = -1;
          this.enterLevel(level + 1, child);
        }
        continue;
      }
      this.depth = level;
      if (n === 0) {
        this.state = CURSOR_INVALID;
        this.idx[level] = 0;
        return 1;
      }
      const at = leafSearch(data, this.hdr[level]!, this.ptype[level]!, lo, hi, rowid, usable);
      if (at >= 0) {
        this.idx[level] = at;
        this.state = CURSOR_VALID;
        return 0;
      }
      lo = -at - 1;
      this.state = CURSOR_VALID;
      if (lo < n) {
        this.idx[level] = lo;
        return 1;
      }
      this.idx[level] = n - 1;
      return -1;
    }
  }

  /**
   * `seek` within the current leaf when `rowid` lies between its first and last rowids (so no
   * other leaf can hold it); NOT_IN_LEAF, changing nothing, otherwise. Requires VALID.
   */
  private seekInLeaf(rowid: number | bigint): number {
    const d = this.depth;
    const page = this.pages[d]!;
    const n = this.ncell[d]!;
    if (page.evicted || n === 0) return NOT_IN_LEAF;
    const data = page.data;
    const usable = this.usable;
    if (rowid < tableLeafRowid(data, this.cellAt(d, 0), usable)) return NOT_IN_LEAF;
    if (rowid > tableLeafRowid(data, this.cellAt(d, n - 1), usable)) return NOT_IN_LEAF;
    const at = leafSearch(data, this.hdr[d]!, this.ptype[d]!, 0, n, rowid, usable);
    // Not found: first < rowid < last, so the cell after it is on this leaf.
    this.idx[d] = at >= 0 ? at : -at - 1;
    return at >= 0 ? 0 : 1;
  }

  /**
   * Positions on the first entry satisfying `op` against `rowid` (ge/gt: smallest such,
   * le/lt: largest such, eq: the rowid itself). False (cursor at eof) when there is none.
   */
  seekOp(rowid: number | bigint, op: SeekOp): boolean {
    const c = this.seek(rowid);
    if (this.state !== CURSOR_VALID) return false;
    switch (op) {
      case 'eq':
        return c === 0;
      case 'ge':
        return c < 0 ? this.next() : true;
      case 'gt':
        return c <= 0 ? this.next() : true;
      case 'le':
        return c > 0 ? this.prev() : true;
      case 'lt':
        return c >= 0 ? this.prev() : true;
    }
  }

  /** Rowid of the current entry (no allocation for safe integers). */
  rowid(): number | bigint {
    this.restoreIfSaved();
    assert(this.state === CURSOR_VALID, 'cursor is not on an entry');
    const d = this.depth;
    let page = this.pages[d]!;
    if (page.evicted) {
      this.refreshPath();
      page = this.pages[d]!;
    }
    return tableLeafRowid(page.data, this.cellAt(d, this.idx[d]!), this.usable);
  }

  /** Payload size of the current entry in bytes. */
  payloadSize(): number {
    this.restoreIfSaved();
    this.parseCurrent();
    return this.cell.payloadSizeBytes;
  }

  /** The current row's record (a view into the page when not spilled; see CursorBase). */
  payload(): Uint8Array {
    this.restoreIfSaved();
    return this.currentPayload();
  }

  /**
   * The buffer holding the current row's record, at [payloadStart, payloadStart +
   * payloadLength): the page itself when not spilled (valid until the cursor moves or the tree
   * changes), else a fresh array.
   */
  payloadBuffer(): Uint8Array {
    this.restoreIfSaved();
    return this.currentPayloadBuffer();
  }

  /** Copies bytes [from, from + len) of the current row's record into `dst[dstOff]`. */
  readPayload(from: number, len: number, dst: Uint8Array, dstOff = 0): void {
    this.restoreIfSaved();
    this.currentPayloadRange(from, len, dst, dstOff);
  }

  /** Inserts a row, replacing the row with the same rowid if there is one. */
  insert(rowid: number | bigint, data: Uint8Array): void {
    this.assertOpen();
    const ctx = this.ctx;
    ctx.saveCursors(this.rootPgno, this);
    assert(this.pager.inWriteTransaction, 'insert outside a write transaction');
    let leafIdx: number;
    let replace = false;
    if (this.atLastEntry() && rowid > this.rowid()) {
      // Appending after the last row (sequential rowids): no seek needed.
      leafIdx = this.ncell[this.depth]!;
    } else {
      const c = this.seek(rowid);
      leafIdx = this.state === CURSOR_INVALID ? 0 : c < 0 ? this.idx[this.depth]! + 1 : this.idx[this.depth]!;
      replace = c === 0 && this.state === CURSOR_VALID;
    }
    const path = ctx.writePath;
    this.fillWritePath(path);
    const result = insertCellAt(ctx, path, leafIdx, replace, rowid, data);
    const d = this.depth;
    if (result === WRITE_IN_PLACE) {
      this.positionAfterWrite(d, leafIdx);
    } else if (result === WRITE_NEW_RIGHT_LEAF) {
      // The new row is alone on a new right-most leaf under the same parent.
      const parent = d - 1;
      this.ncell[parent] = cellCount(this.pages[parent]!.data, this.hdr[parent]!);
      this.idx[parent] = this.ncell[parent]!;
      this.enterLevel(d, this.childAt(parent, this.idx[parent]!));
      this.positionAfterWrite(d, 0);
    } else {
      this.savedRowid = rowid;
      this.state = CURSOR_SAVED;
    }
  }

  /** On the last row of the tree: the last cell of the right-most leaf. */
  private atLastEntry(): boolean {
    if (this.state !== CURSOR_VALID) return false;
    const d = this.depth;
    if (this.idx[d] !== this.ncell[d]! - 1) return false;
    for (let l = 0; l < d; l++) if (this.idx[l] !== this.ncell[l]) return false;
    return true;
  }

  /** Deletes the current row. The cursor then sits between its neighbours (next/prev work). */
  delete(): void {
    this.assertOpen();
    this.restoreIfSaved(true);
    assert(this.state === CURSOR_VALID, 'delete on a cursor that is not on a row');
    const ctx = this.ctx;
    const rowid = this.rowid();
    ctx.saveCursors(this.rootPgno, this);
    const path = ctx.writePath;
    this.fillWritePath(path);
    deleteLeafCell(ctx, path, this.idx[this.depth]!);
    this.savedRowid = rowid;
    this.state = CURSOR_SAVED;
  }

  protected nextFromSaved(): boolean {
    const c = this.seek(this.savedRowid);
    if (this.state !== CURSOR_VALID) return false;
    return c > 0 ? true : this.next();
  }

  protected prevFromSaved(): boolean {
    const c = this.seek(this.savedRowid);
    if (this.state !== CURSOR_VALID) return false;
    return c < 0 ? true : this.prev();
  }

  /** Re-seeks a saved position: onto the saved row, or the row after it if it is gone. */
  private restoreIfSaved(exact = false): void {
    if (this.state !== CURSOR_SAVED) return;
    const c = this.seek(this.savedRowid);
    if (this.state !== CURSOR_VALID) return;
    if (c !== 0 && exact) throw new SqliteError('SQLITE_MISUSE', 'the row under the cursor was deleted');
    if (c < 0) {
      try {
        this.next();
      } catch (e) {
        // Not there yet: stay SAVED so the restarted call re-seeks rather than reading the
        // row before.
        this.state = CURSOR_SAVED;
        throw e;
      }
    }
  }
}
