/**
 * Sorting a sorter's rows by one key column when that column has few distinct values (GROUP BY
 * over a small number of groups, ORDER BY a low-cardinality column).
 *
 * A comparison sort of n rows costs about n log n comparator calls; for 100,000 rows in 100
 * groups that was most of a GROUP BY's time. Here rows go into one bucket per distinct key (a
 * Map, in insertion order), only the distinct keys are sorted, and the buckets are concatenated:
 * O(n + k log k), and stable, as the comparison sort is (ties keep insertion order).
 *
 * This is only right when two keys compare equal exactly when the Map sees them as the same key
 * (SameValueZero). That holds for NULL, plain JS numbers other than NaN (0 and -0 compare equal
 * and share a key) and strings under BINARY: distinct strings never compare equal there. It
 * fails for bigint vs number, SqlReal (an object per value), blobs and other collations (NOCASE
 * makes 'a' equal 'A'), so any such key sends the rows to the comparison sort.
 */
import type { KeyInfo } from '../btree/key-compare.js';
import type { SqlValue } from '../format/sql-value.js';
import { compareKeyValues, compareRows } from './memory-cursors.js';

/** Below this many rows the comparison sort is as cheap as bucketing. */
const MIN_ROWS = 64;

/**
 * Sorts `rows` in place on their first `nKey` columns, bucketing on column 0 (rows of one
 * bucket are then sorted on the rest); false (rows untouched) when column 0's keys do not allow
 * it or have too many distinct values for bucketing to pay.
 */
export function bucketSortRows(rows: SqlValue[][], nKey: number, keyInfo: KeyInfo): boolean {
  const n = rows.length;
  if (n < MIN_ROWS) return false;
  const coll = keyInfo.collations[0];
  if (coll !== undefined && coll.name !== 'BINARY') return false;
  // Many distinct keys: the Map and the bucket arrays cost more than they save.
  const maxDistinct = n >>> 3;
  const buckets = new Map<SqlValue, SqlValue[][]>();
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const k = row[0]!;
    if (k !== null && typeof k !== 'string' && (typeof k !== 'number' || k !== k)) return false;
    const bucket = buckets.get(k);
    if (bucket !== undefined) bucket.push(row);
    else {
      if (buckets.size >= maxDistinct) return false;
      buckets.set(k, [row]);
    }
  }
  const keys = [...buckets.keys()];
  const desc = keyInfo.desc[0] === true;
  keys.sort((x, y) => (desc ? -compareKeyValues(x, y, coll) : compareKeyValues(x, y, coll)));
  let out = 0;
  for (const k of keys) {
    const bucket = buckets.get(k)!;
    if (nKey > 1 && bucket.length > 1) bucket.sort((a, b) => compareRows(a, b, nKey, keyInfo));
    for (let j = 0; j < bucket.length; j++) rows[out++] = bucket[j]!;
  }
  return true;
}
