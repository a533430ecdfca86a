/**
 * In-memory cursors: the sorter (ORDER BY, GROUP BY, row lists for UPDATE/DELETE) and the
 * ephemeral index (DISTINCT, IN lists). Rows are value arrays copied out of registers; keys
 * compare with SQLite's value order under the cursor's KeyInfo (collations, DESC).
 *
 * Minnow keeps these in JS memory rather than in temporary B-tree files: a statement's
 * intermediate results never touch storage, so they never pend.
 */
import type { Collation } from '../btree/collation.js';
import type { KeyInfo } from '../btree/key-compare.js';
import { compareValues } from '../btree/key-compare.js';
import type { SqlValue } from '../format/sql-value.js';
import { bucketSortRows } from './sorter-sort.js';

/**
 * `compareValues(x, y, coll)`, with the case sorts and GROUP BY spend their time on, two
 * plain numbers, decided inline (NaN is NULL to compareValues, so it takes the general path).
 */
export function compareKeyValues(x: SqlValue, y: SqlValue, coll: Collation | undefined): number {
  if (typeof x === 'number' && typeof y === 'number' && x === x && y === y) return x < y ? -1 : x > y ? 1 : 0;
  return coll === undefined ? compareValues(x, y) : compareValues(x, y, coll);
}

export function compareRows(a: readonly SqlValue[], b: readonly SqlValue[], nKey: number, keyInfo: KeyInfo): number {
  for (let i = 0; i < nKey; i++) {
    let d = compareKeyValues(a[i]!, b[i]!, keyInfo.collations[i]);
    if (d !== 0) {
      if (keyInfo.desc[i] === true) d = -d;
      return d;
    }
  }
  return 0;
}

/** Rows appended, then sorted once (stable: ties keep insertion order), then read in order. */
export class SorterCursor {
  readonly rows: SqlValue[][] = [];
  pos = -1;

  constructor(
    readonly nKey: number,
    readonly keyInfo: KeyInfo,
  ) {}

  insert(row: SqlValue[]): void {
    this.rows.push(row);
  }

  /** Sorts; false when there are no rows. */
  sort(): boolean {
    const { nKey, keyInfo } = this;
    if (nKey > 0 && !bucketSortRows(this.rows, nKey, keyInfo)) this.rows.sort((a, b) => compareRows(a, b, nKey, keyInfo));
    this.pos = 0;
    return this.rows.length > 0;
  }

  next(): boolean {
    this.pos++;
    return this.pos < this.rows.length;
  }

  get current(): SqlValue[] | undefined {
    return this.rows[this.pos];
  }

  reset(): void {
    this.rows.length = 0;
    this.pos = -1;
  }
}

/** A sorted set of rows keyed on all their columns: membership tests and ordered reads. */
export class EphemeralIndex {
  readonly rows: SqlValue[][] = [];
  pos = -1;

  constructor(readonly keyInfo: KeyInfo) {}

  /** Index of the first row >= `key` (compared on key.length columns). */
  private lowerBound(key: readonly SqlValue[]): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRows(this.rows[mid]!, key, key.length, this.keyInfo) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(key: readonly SqlValue[]): boolean {
    const i = this.lowerBound(key);
    return i < this.rows.length && compareRows(this.rows[i]!, key, key.length, this.keyInfo) === 0;
  }

  /** Inserts unless an equal row is present. */
  insert(row: SqlValue[]): void {
    const i = this.lowerBound(row);
    if (i < this.rows.length && compareRows(this.rows[i]!, row, row.length, this.keyInfo) === 0) return;
    this.rows.splice(i, 0, row);
  }

  first(): boolean {
    this.pos = 0;
    return this.rows.length > 0;
  }

  next(): boolean {
    this.pos++;
    return this.pos < this.rows.length;
  }

  get current(): SqlValue[] | undefined {
    return this.rows[this.pos];
  }

  reset(): void {
    this.rows.length = 0;
    this.pos = -1;
  }
}
