/**
 * The automatic (transient) index the planner builds for an inner join loop that has an
 * equality term on a column no index covers: rows of [key columns..., rowid] are appended
 * once, sorted on the first seek, then searched by binary search for every outer row.
 *
 * Appending then sorting once keeps the build O(n log n); duplicates are kept (the rowid
 * makes rows distinct). It lives in JS memory like the other ephemeral cursors, so it never
 * pends. Column/Next/Rewind work on it as on the other in-memory cursors (`current`,
 * `next()`, `sort()`).
 */
import type { KeyInfo } from '../btree/key-compare.js';
import type { SqlValue } from '../format/sql-value.js';
import { compareRows } from './memory-cursors.js';

export class AutoIndexCursor {
  readonly rows: SqlValue[][] = [];
  pos = -1;
  private sorted = true;

  constructor(
    /** Leading columns that are the key (the rest is payload, e.g. the rowid). */
    readonly nKey: number,
    readonly keyInfo: KeyInfo,
  ) {}

  insert(row: SqlValue[]): void {
    this.rows.push(row);
    // Without key columns the insertion order is as good as any.
    if (this.nKey > 0) this.sorted = false;
  }

  private ensureSorted(): void {
    if (this.sorted) return;
    const { nKey, keyInfo } = this;
    this.rows.sort((a, b) => compareRows(a, b, nKey, keyInfo));
    this.sorted = true;
  }

  /** Compares row `i` to `key` on key.length columns. */
  private cmp(i: number, key: readonly SqlValue[]): number {
    return compareRows(this.rows[i]!, key, key.length, this.keyInfo);
  }

  /** First row whose prefix is >= key (strict: > key). */
  private lowerBound(key: readonly SqlValue[], strict: boolean): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.cmp(mid, key);
      if (d < 0 || (strict && d === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Positions as SeekGE/GT/LE/LT would; false when no row qualifies. */
  seek(key: readonly SqlValue[], op: 'ge' | 'gt' | 'le' | 'lt'): boolean {
    this.ensureSorted();
    if (op === 'ge' || op === 'gt') {
      this.pos = this.lowerBound(key, op === 'gt');
      return this.pos < this.rows.length;
    }
    this.pos = this.lowerBound(key, op === 'le') - 1;
    return this.pos >= 0;
  }

  /** The current row's key prefix compared to `key` (negative: the row sorts first). */
  compareCurrent(key: readonly SqlValue[]): number {
    return this.cmp(this.pos, key);
  }

  sort(): boolean {
    this.ensureSorted();
    this.pos = 0;
    return this.rows.length > 0;
  }

  next(): boolean {
    this.pos++;
    return this.pos < this.rows.length;
  }

  prev(): boolean {
    this.pos--;
    return this.pos >= 0;
  }

  get current(): SqlValue[] | undefined {
    return this.rows[this.pos];
  }

  reset(): void {
    this.rows.length = 0;
    this.pos = -1;
    this.sorted = true;
  }
}
