import { describe, expect, it } from 'vitest';
import { BINARY, NOCASE } from '../btree/collation.js';
import type { KeyInfo } from '../btree/key-compare.js';
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import { compareRows } from './memory-cursors.js';
import { bucketSortRows } from './sorter-sort.js';

/** A small deterministic generator so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const POOL: SqlValue[] = [null, 0, -0, 1, -3, 2.5, 7, 'a', 'b', 'B', 'ab', '', 'é', '\u{1F600}', '\uE000'];

function makeRows(n: number, keys: readonly SqlValue[], seed: number): SqlValue[][] {
  const r = rng(seed);
  // The last column is the insertion number, so stability is visible in the comparison.
  return Array.from({ length: n }, (_, i) => [keys[Math.floor(r() * keys.length)]!, keys[Math.floor(r() * keys.length)]!, i]);
}

function reference(rows: SqlValue[][], nKey: number, keyInfo: KeyInfo): SqlValue[][] {
  return [...rows].sort((a, b) => compareRows(a, b, nKey, keyInfo));
}

describe('bucketSortRows', () => {
  for (const desc of [false, true]) {
    for (const nKey of [1, 2]) {
      it(`orders as the stable comparison sort (nKey ${nKey}, desc ${desc})`, () => {
        const keyInfo: KeyInfo = { collations: [BINARY, BINARY], desc: [desc, !desc] };
        for (let seed = 1; seed <= 20; seed++) {
          const rows = makeRows(500 + seed * 37, POOL, seed);
          const want = reference(rows, nKey, keyInfo);
          expect(bucketSortRows(rows, nKey, keyInfo)).toBe(true);
          expect(rows).toEqual(want);
        }
      });
    }
  }

  it('leaves rows alone for keys a Map cannot bucket (NaN, bigint, SqlReal, blob, NOCASE)', () => {
    const binary: KeyInfo = { collations: [BINARY], desc: [] };
    for (const odd of [NaN, 1n << 60n, new SqlReal(1), new Uint8Array([1])] as SqlValue[]) {
      const rows = makeRows(200, [1, 2, 3, odd], 3);
      const before = [...rows];
      expect(bucketSortRows(rows, 1, binary)).toBe(false);
      expect(rows).toEqual(before);
    }
    const rows = makeRows(200, ['a', 'A', 'b'], 4);
    expect(bucketSortRows(rows, 1, { collations: [NOCASE], desc: [] })).toBe(false);
  });

  it('declines many distinct keys and small inputs', () => {
    const keyInfo: KeyInfo = { collations: [], desc: [] };
    const distinct = Array.from({ length: 1000 }, (_, i) => [1000 - i]);
    expect(bucketSortRows(distinct, 1, keyInfo)).toBe(false);
    expect(distinct[0]).toEqual([1000]);
    expect(bucketSortRows([[2], [1]], 1, keyInfo)).toBe(false);
  });
});
