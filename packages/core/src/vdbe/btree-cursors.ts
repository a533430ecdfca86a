/**
 * The VM's wrappers around B-tree cursors: a table or index cursor plus the decoded record of
 * the row it is on (decoded once per row, columns read lazily), and the "null row" state of
 * the inner side of a LEFT JOIN that found no match.
 */
import type { IndexCursor } from '../btree/index-cursor.js';
import type { TableCursor } from '../btree/table-cursor.js';
import { RecordReader } from '../format/record.js';
import type { SqlValue } from '../format/sql-value.js';
import type { TextEncoding } from '../format/text-codec.js';

export class TableVdbeCursor {
  readonly reader = new RecordReader();
  /** The record of the current row is in `reader`. */
  cached = false;
  nullRow = false;

  constructor(
    readonly cursor: TableCursor,
    private readonly enc: TextEncoding,
  ) {}

  /** Column `i` of the current row; `dflt` when the record is shorter (ALTER TABLE ADD). */
  column(i: number, dflt: SqlValue): SqlValue {
    if (this.nullRow) return null;
    if (!this.cached) {
      const payload = this.cursor.payload();
      this.reader.reset(payload, 0, payload.length, this.enc);
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
  cached = false;
  nullRow = false;

  constructor(
    readonly cursor: IndexCursor,
    private readonly enc: TextEncoding,
  ) {}

  private load(): RecordReader {
    if (!this.cached) {
      const key = this.cursor.key();
      this.reader.reset(key, 0, key.length, this.enc);
      this.cached = true;
    }
    return this.reader;
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
