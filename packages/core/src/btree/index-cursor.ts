/**
 * A cursor over an index B-tree: entries are records (the indexed columns, then the rowid),
 * ordered by `KeyInfo` (key-compare.ts). Interior cells are entries too: each sorts after
 * everything in its left child and before everything in the next child.
 */
import { assert } from '../assert.js';
import { SqliteError } from '../errors.js';
import { CHILD_POINTER_BYTES, isLeafType, PAGE_TYPE_INTERIOR_INDEX, PAGE_TYPE_LEAF_INDEX } from '../format/btree-page.js';
import { CellInfo, maxLocalPayload, parseCell } from '../format/cell.js';
import type { SqlValue } from '../format/sql-value.js';
import type { BtreeContext } from './btree-context.js';
import { CURSOR_INVALID, CURSOR_SAVED, CURSOR_VALID, CursorBase } from './cursor-base.js';
import { compareKeyToRecord, PreparedKey, type KeyInfo } from './key-compare.js';
import { compareKeyToRecordFast } from './key-compare-fast.js';
import { readPayload } from './overflow.js';
import type { SeekOp } from './seek-op.js';
import { deleteInteriorIndexCell, deleteLeafCell, insertCellAt, WRITE_IN_PLACE } from './tree-writer.js';

/** An unpacked search key: values (or their prepared form), possibly fewer than the index has. */
export type IndexKey = readonly SqlValue[] | PreparedKey;

const EMPTY_KEY: readonly SqlValue[] = [];

export class IndexCursor extends CursorBase {
  private savedKey: Uint8Array | null = null;
  /** The key of the seek in progress: unpacked values, or a packed record when `targetRecord`. */
  private targetKey: IndexKey = EMPTY_KEY;
  private targetRecord: Uint8Array | null = null;
  /** `targetRecord` parsed once, so each comparison walks only the cell's record. */
  private readonly recordKey = new PreparedKey();
  private readonly probe = new CellInfo();
  /** Largest payload index pages keep entirely local. */
  private readonly maxLocal: number;

  constructor(
    ctx: BtreeContext,
    rootPgno: number,
    readonly keyInfo: KeyInfo,
  ) {
    super(ctx, rootPgno, false);
    this.maxLocal = maxLocalPayload(this.usable, PAGE_TYPE_LEAF_INDEX);
  }

  saveIfPositioned(): void {
    if (this.state !== CURSOR_VALID) return;
    this.savedKey = this.currentPayload().slice();
    this.state = CURSOR_SAVED;
  }

  /**
   * Positions for `op` against `key` (see seek-op.ts). Returns whether an entry satisfies it;
   * for 'eq' the cursor may be left on a non-matching neighbour (or at eof) when false.
   */
  seek(key: IndexKey, op: SeekOp): boolean {
    this.assertOpen();
    this.targetKey = key;
    this.targetRecord = null;
    try {
      return this.seekTarget(op);
    } finally {
      this.targetKey = EMPTY_KEY;
    }
  }

  /** As `seek`, with the key given as a packed record (e.g. a full index entry). */
  seekRecord(record: Uint8Array, op: SeekOp): boolean {
    this.assertOpen();
    this.setTargetRecord(record);
    try {
      return this.seekTarget(op);
    } finally {
      this.targetRecord = null;
    }
  }

  /** The current entry's record (a view into the page when not spilled; see CursorBase). */
  key(): Uint8Array {
    this.restoreIfSaved(false);
    return this.currentPayload();
  }

  /** As `TableCursor.payloadBuffer`, for the current entry's record. */
  keyBuffer(): Uint8Array {
    this.restoreIfSaved(false);
    return this.currentPayloadBuffer();
  }

  /** Size of the current entry's record in bytes. */
  keySize(): number {
    this.restoreIfSaved(false);
    this.parseCurrent();
    return this.cell.payloadSizeBytes;
  }

  /** Inserts index entry `record`; an entry comparing equal to it is replaced. */
  insert(record: Uint8Array): void {
    this.assertOpen();
    assert(this.pager.inWriteTransaction, 'insert outside a write transaction');
    const ctx = this.ctx;
    ctx.saveCursors(this.rootPgno, this);
    if (this.state === CURSOR_VALID) this.state = CURSOR_INVALID;
    this.setTargetRecord(record);
    let exact = false;
    try {
      this.loadRoot();
      for (let level = 0; ; level++) {
        const n = this.ncell[level]!;
        let lo = 0;
        let hi = n;
        let cmpAtHi = 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          const c = this.compareTargetTo(level, mid);
          if (c <= 0) {
            hi = mid;
            cmpAtHi = c;
          } else {
            lo = mid + 1;
          }
        }
        this.idx[level] = lo;
        if ((lo < n && cmpAtHi === 0) || isLeafType(this.ptype[level]!)) {
          exact = lo < n && cmpAtHi === 0;
          this.depth = level;
          break;
        }
        this.enterLevel(level + 1, this.childAt(level, lo));
      }
    } finally {
      this.targetRecord = null;
    }
    const level = this.depth;
    const at = this.idx[level]!;
    const path = ctx.writePath;
    this.fillWritePath(path);
    const result = insertCellAt(ctx, path, at, exact, 0, record);
    if (result === WRITE_IN_PLACE) {
      this.positionAfterWrite(level, at);
    } else {
      this.savedKey = record.slice();
      this.state = CURSOR_SAVED;
    }
  }

  /** Deletes the current entry. The cursor then sits between its neighbours. */
  delete(): void {
    this.assertOpen();
    this.restoreIfSaved(true);
    assert(this.state === CURSOR_VALID, 'delete on a cursor that is not on an entry');
    const ctx = this.ctx;
    const key = this.currentPayload().slice();
    ctx.saveCursors(this.rootPgno, this);
    const path = ctx.writePath;
    this.fillWritePath(path);
    const d = this.depth;
    if (isLeafType(this.ptype[d]!)) deleteLeafCell(ctx, path, this.idx[d]!);
    else deleteInteriorIndexCell(ctx, path, this.idx[d]!);
    this.savedKey = key;
    this.state = CURSOR_SAVED;
  }

  protected nextFromSaved(): boolean {
    const saved = this.savedKey!;
    if (!this.seekRecord(saved, 'ge')) return false;
    return this.compareCurrentTo(saved) === 0 ? this.next() : true;
  }

  protected prevFromSaved(): boolean {
    const saved = this.savedKey!;
    if (!this.seekRecord(saved, 'le')) return false;
    return this.compareCurrentTo(saved) === 0 ? this.prev() : true;
  }

  /** Re-seeks a saved position: onto the saved entry, or the entry after it if it is gone. */
  private restoreIfSaved(exact: boolean): void {
    if (this.state !== CURSOR_SAVED) return;
    const saved = this.savedKey!;
    if (!this.seekRecord(saved, 'ge')) return;
    if (exact && this.compareCurrentTo(saved) !== 0) {
      throw new SqliteError('SQLITE_MISUSE', 'the entry under the cursor was deleted');
    }
  }

  private compareCurrentTo(record: Uint8Array): number {
    this.setTargetRecord(record);
    try {
      return -this.compareTargetTo(this.depth, this.idx[this.depth]!);
    } finally {
      this.targetRecord = null;
    }
  }

  // ---- Seeking ------------------------------------------------------------------------------

  private seekTarget(op: SeekOp): boolean {
    if (this.state === CURSOR_VALID) this.state = CURSOR_INVALID;
    // The boundary is the first entry "after" the key: > key for gt/le, >= key otherwise.
    const biasRight = op === 'gt' || op === 'le';
    if (!this.loadRoot()) {
      this.state = CURSOR_INVALID;
      this.depth = -1;
      return false;
    }
    for (let level = 0; ; level++) {
      let lo = 0;
      let hi = this.ncell[level]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = this.compareTargetTo(level, mid);
        if (biasRight ? c < 0 : c <= 0) hi = mid;
        else lo = mid + 1;
      }
      this.idx[level] = lo;
      if (isLeafType(this.ptype[level]!)) {
        this.depth = level;
        break;
      }
      this.enterLevel(level + 1, this.childAt(level, lo));
    }
    const d = this.depth;
    const i = this.idx[d]!;
    if (op === 'le' || op === 'lt') {
      // The entry before the boundary.
      if (i > 0) {
        this.idx[d] = i - 1;
      } else {
        let level = d - 1;
        while (level >= 0 && this.idx[level]! === 0) level--;
        if (level < 0) {
          this.state = CURSOR_INVALID;
          return false;
        }
        this.idx[level]--;
        this.depth = level;
      }
      this.state = CURSOR_VALID;
      return true;
    }
    // The boundary entry itself: in the leaf, or the divider above the leaf's last child.
    if (i >= this.ncell[d]!) {
      let level = d - 1;
      while (level >= 0 && this.idx[level]! >= this.ncell[level]!) level--;
      if (level < 0) {
        this.state = CURSOR_INVALID;
        return false;
      }
      this.depth = level;
    }
    this.state = CURSOR_VALID;
    if (op !== 'eq') return true;
    return this.compareTargetTo(this.depth, this.idx[this.depth]!) === 0;
  }

  /** Orders the seek target against cell `k` of level `level`: negative when the target is first. */
  private compareTargetTo(level: number, k: number): number {
    const data = this.pages[level]!.data;
    const type = this.ptype[level]!;
    const cellOff = this.cellAt(level, k);
    let buf = data;
    let off = cellOff + (type === PAGE_TYPE_INTERIOR_INDEX ? CHILD_POINTER_BYTES : 0);
    let size = data[off]!;
    if (size < 0x80 && size <= this.maxLocal && off + 1 + size <= this.usable) {
      // Fast path: a one-byte payload size, all of it on the page.
      off++;
    } else {
      const cell = this.probe;
      parseCell(data, cellOff, type, this.usable, cell);
      size = cell.payloadSizeBytes;
      off = cell.payloadOffset;
      if (cell.localBytes < size) {
        buf = readPayload(this.pager, data, cell);
        off = 0;
      }
    }
    const enc = this.pager.textEncoding;
    const key = this.targetRecord !== null ? this.recordKey : this.targetKey;
    if (key instanceof PreparedKey) return compareKeyToRecordFast(key, buf, off, size, this.keyInfo, enc);
    return compareKeyToRecord(key, buf, off, size, this.keyInfo, enc);
  }

  private setTargetRecord(record: Uint8Array): void {
    this.recordKey.loadRecord(record, 0, record.length, this.pager.textEncoding);
    this.targetRecord = record;
  }
}
