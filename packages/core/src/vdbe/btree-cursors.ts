/**
 * The VM's wrappers around B-tree cursors: a table or index cursor plus the decoded record of
 * the row it is on (decoded once per row, columns read lazily), and the "null row" state of
 * the inner side of a LEFT JOIN that found no match.
 */
import type { BtreeContext } from '../btree/btree-context.js';
import type { IndexCursor } from '../btree/index-cursor.js';
import { PreparedKey, type KeyInfo } from '../btree/key-compare.js';
import type { TableCursor } from '../btree/table-cursor.js';
import { RecordReader } from '../format/record.js';
import type { SqlValue } from '../format/sql-value.js';
import type { TextEncoding } from '../format/text-codec.js';
import { SorterCursor } from './memory-cursors.js';

export class TableVdbeCursor {
  readonly reader = new RecordReader();
  /** The record of the current row is in `reader`. */
  cached = false;
  nullRow = false;

  constructor(
    readonly cursor: TableCursor,
    readonly enc: TextEncoding,
  ) {}

  /** Column `i` of the current row; `dflt` when the record is shorter (ALTER TABLE ADD). */
  column(i: number, dflt: SqlValue): SqlValue {
    if (this.nullRow) return null;
    if (!this.cached) {
      const c = this.cursor;
      const buf = c.payloadBuffer();
      this.reader.reset(buf, c.payloadStart, c.payloadLength, this.enc);
      this.cached = true;
    }
    const v = this.reader.column(i);
    return v === undefined ? dflt : v;
  }

  moved(): void {
    this.cached = false;
    this.nullRow = false;
  }
}

export class IndexVdbeCursor {
  readonly reader = new RecordReader();
  private readonly key = new PreparedKey();
  cached = false;
  nullRow = false;

  constructor(
    readonly cursor: IndexCursor,
    readonly enc: TextEncoding,
  ) {}

  private load(): RecordReader {
    if (!this.cached) {
      const c = this.cursor;
      const buf = c.keyBuffer();
      this.reader.reset(buf, c.payloadStart, c.payloadLength, this.enc);
      this.cached = true;
    }
    return this.reader;
  }

  /** Registers `regs[start, start + n)` as a search key (reused; valid until the next call). */
  searchKey(regs: readonly SqlValue[], start: number, n: number): PreparedKey {
    return this.key.load(regs, start, n);
  }

  column(i: number): SqlValue {
    if (this.nullRow) return null;
    const v = this.load().column(i);
    return v === undefined ? null : v;
  }

  /** The rowid stored as the entry's last column. */
  rowid(): SqlValue {
    const r = this.load();
    const v = r.column(r.columnCount - 1);
    return v === undefined ? null : v;
  }

  moved(): void {
    this.cached = false;
    this.nullRow = false;
  }
}

/**
 * Closed B-tree cursors of one VM, by cursor number, kept for the next run of the same
 * program: `OpenRead`/`OpenWrite` of the same tree through the same context takes the old
 * cursor back (reopened, unpositioned) instead of allocating a new one. A prepared statement
 * run 10,000 times then allocates its cursors once.
 */
export class SpareCursors {
  private readonly spare: (TableVdbeCursor | IndexVdbeCursor | SorterCursor | null)[] = [];

  /** Keeps closed cursor `c` (slot `i`) for reuse. */
  put(i: number, c: TableVdbeCursor | IndexVdbeCursor | SorterCursor): void {
    // A kept sorter must not keep its rows alive until the next run.
    if (c instanceof SorterCursor) c.reset();
    this.spare[i] = c;
  }

  /**
   * A spare sorter for slot `i` with the same key, emptied; null if there is none. Besides
   * saving the allocation, keeping sorters alive between runs keeps V8's hidden classes for
   * them alive (it drops those of classes with no live instance at a full GC, and the next
   * run then deoptimizes the code that had seen the old ones).
   */
  takeSorter(i: number, nKey: number, keyInfo: KeyInfo): SorterCursor | null {
    const c = this.spare[i];
    if (!(c instanceof SorterCursor) || c.nKey !== nKey || c.keyInfo !== keyInfo) return null;
    this.spare[i] = null;
    c.reset();
    return c;
  }

  /** A spare table cursor for slot `i` on `root` of `ctx`, reopened; null if there is none. */
  takeTable(i: number, ctx: BtreeContext, root: number, enc: TextEncoding): TableVdbeCursor | null {
    const c = this.spare[i];
    if (!(c instanceof TableVdbeCursor) || c.enc !== enc || c.cursor.ctx !== ctx || c.cursor.rootPgno !== root || !c.cursor.isClosed) return null;
    this.spare[i] = null;
    c.cursor.reopen();
    c.moved();
    return c;
  }

  /** As `takeTable`, for an index cursor ordered by the same `keyInfo` object. */
  takeIndex(i: number, ctx: BtreeContext, root: number, keyInfo: KeyInfo, enc: TextEncoding): IndexVdbeCursor | null {
    const c = this.spare[i];
    if (!(c instanceof IndexVdbeCursor) || c.enc !== enc || c.cursor.ctx !== ctx || c.cursor.rootPgno !== root || c.cursor.keyInfo !== keyInfo || !c.cursor.isClosed) {
      return null;
    }
    this.spare[i] = null;
    c.cursor.reopen();
    c.moved();
    return c;
  }
}
