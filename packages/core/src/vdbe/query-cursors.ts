/**
 * Cursors for query intermediates that behave like a table scan to the loop code (Rewind,
 * Next, Column, NullRow), so a FROM-clause subquery, a CTE or a view is one more loop level:
 *
 *   EphemeralTable   a materialized row list (insertion order, or kept sorted on a key
 *                    prefix when it is a priority queue for a recursive CTE with ORDER BY)
 *   CoroutineCursor  a subquery run lazily: Rewind starts its code, Next resumes it, and each
 *                    Yield hands one row back to the loop. Used where the rows are consumed
 *                    once, in order, so that `LIMIT` on an endless recursive CTE still ends.
 *
 * Both live in JS memory and never touch storage, so their opcodes never pend.
 */
import type { KeyInfo } from '../btree/key-compare.js';
import type { SqlValue } from '../format/sql-value.js';
import { compareRows } from './memory-cursors.js';

export class EphemeralTable {
  rows: SqlValue[][] = [];
  pos = -1;
  nullRow = false;

  constructor(
    /** Key columns kept in order (0: insertion order). */
    readonly nKey: number,
    readonly keyInfo: KeyInfo | null,
  ) {}

  /** Appends (or, keyed, inserts after every row with an equal or smaller key). */
  insert(row: SqlValue[]): void {
    if (this.nKey === 0 || this.keyInfo === null) {
      this.rows.push(row);
      return;
    }
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRows(this.rows[mid]!, row, this.nKey, this.keyInfo) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.rows.splice(lo, 0, row);
  }

  /** Index of the first row whose key is >= `row`'s (keyed tables). */
  private lowerBound(row: readonly SqlValue[]): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRows(this.rows[mid]!, row, this.nKey, this.keyInfo!) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Keyed as a set: adds `row`. Of rows with equal keys the set keeps the first one written by
   * the latest batch (`generation`: the compound core), which is what SQLite's UNION shows when
   * equal values differ ('a' and 'A' under NOCASE, 2 and 2.0). Rows are appended and the set is
   * sorted and deduplicated only when read, so building it costs O(n log n).
   */
  upsert(row: SqlValue[], generation: number): void {
    this.rows.push(row);
    this.generations.push(generation);
    this.pendingSet = true;
  }

  /** Keyed as a set: whether a row with `row`'s key is present. */
  has(row: readonly SqlValue[]): boolean {
    this.settle();
    const lo = this.lowerBound(row);
    return lo < this.rows.length && compareRows(this.rows[lo]!, row, this.nKey, this.keyInfo!) === 0;
  }

  /** Which upsert batch wrote each row (sets only). */
  private generations: number[] = [];
  private pendingSet = false;

  /** Sorts and deduplicates a set after upserts. */
  private settle(): void {
    if (!this.pendingSet) return;
    this.pendingSet = false;
    const { nKey, keyInfo } = this;
    const order = this.rows.map((_, i) => i);
    order.sort((x, y) => compareRows(this.rows[x]!, this.rows[y]!, nKey, keyInfo!) || x - y);
    const rows: SqlValue[][] = [];
    const gens: number[] = [];
    for (let k = 0; k < order.length; ) {
      let best = order[k]!;
      let end = k + 1;
      while (end < order.length && compareRows(this.rows[order[k]!]!, this.rows[order[end]!]!, nKey, keyInfo!) === 0) {
        if (this.generations[order[end]!]! > this.generations[best]!) best = order[end]!;
        end++;
      }
      rows.push(this.rows[best]!);
      gens.push(this.generations[best]!);
      k = end;
    }
    this.rows = rows;
    this.generations = gens;
  }

  first(): boolean {
    this.settle();
    this.nullRow = false;
    this.pos = 0;
    return this.rows.length > 0;
  }

  next(): boolean {
    this.nullRow = false;
    this.pos++;
    return this.pos < this.rows.length;
  }

  /** Removes and returns the first row (queue order). */
  shift(): SqlValue[] | undefined {
    return this.rows.shift();
  }

  get current(): SqlValue[] | undefined {
    return this.nullRow ? undefined : this.rows[this.pos];
  }

  reset(): void {
    this.rows = [];
    this.generations = [];
    this.pendingSet = false;
    this.pos = -1;
    this.nullRow = false;
  }
}

/**
 * A subquery compiled out of line. Its code runs on the VM's own program counter: Rewind
 * jumps to `entry`, Yield stores a row and jumps back to the loop, Next jumps to `resumeAt`,
 * EndCoroutine jumps to the loop's exit.
 */
export class CoroutineCursor {
  row: SqlValue[] | undefined = undefined;
  nullRow = false;
  /** Where Yield continues the loop (Rewind's next instruction, or Next's target). */
  onRow = 0;
  /** Where EndCoroutine continues (Rewind's P2, or the instruction after Next). */
  onEnd = 0;
  resumeAt = 0;

  constructor(readonly entry: number) {}

  /** Rewind: (re)starts the subquery from its beginning; returns the pc to continue at. */
  start(onRow: number, onEnd: number): number {
    this.onRow = onRow;
    this.onEnd = onEnd;
    this.row = undefined;
    this.nullRow = false;
    return this.entry;
  }

  /** Next: resumes after the last Yield. */
  resume(onRow: number, onEnd: number): number {
    this.onRow = onRow;
    this.onEnd = onEnd;
    this.nullRow = false;
    return this.resumeAt;
  }

  get current(): SqlValue[] | undefined {
    return this.nullRow ? undefined : this.row;
  }

  next(): boolean {
    return false;
  }

  reset(): void {
    this.row = undefined;
  }
}
