import { describe, expect, it } from 'vitest';
import { Prng } from './btree-test-kit.js';
import { distributeCells, pageStart } from './distribute.js';

describe('distributing cells over sibling pages', () => {
  for (const extract of [false, true]) {
    it(`every page fits, is non-empty, and the cut is a partition (extract ${extract})`, () => {
      const rng = new Prng(extract ? 2 : 1);
      for (let round = 0; round < 500; round++) {
        const cap = 500 + rng.int(4000);
        const n = 1 + rng.int(200);
        const big = rng.next() < 0.3;
        const sizes = Array.from({ length: n }, () => 4 + rng.int(big ? Math.floor(cap / 4) - 10 : 40));
        const ends = distributeCells(sizes, cap, extract);
        let covered = 0;
        for (let j = 0; j < ends.length; j++) {
          const start = pageStart(ends, j, extract);
          expect(start).toBe(covered + (j > 0 && extract ? 1 : 0));
          expect(ends[j]!).toBeGreaterThan(start);
          let used = 0;
          for (let i = start; i < ends[j]!; i++) used += sizes[i]! + 2;
          expect(used).toBeLessThanOrEqual(cap);
          covered = ends[j]!;
        }
        expect(covered).toBe(n);
        // As few pages as greedy filling needs, so neighbours could not be merged.
        let total = 0;
        for (const s of sizes) total += s + 2;
        expect(ends.length).toBeLessThanOrEqual(Math.max(1, Math.ceil((2 * total) / cap) + 1));
      }
    });
  }

  it('evens out the last page instead of leaving it nearly empty', () => {
    const sizes = Array.from({ length: 101 }, () => 8);
    const ends = distributeCells(sizes, 1000, false);
    expect(ends.length).toBe(2);
    expect(ends[0]!).toBeGreaterThan(40);
    expect(ends[0]!).toBeLessThan(60);
  });

  it('a split caused by an over-full page leaves room when the pages would be nearly full', () => {
    for (const extract of [false, true]) {
      // Three nearly full pages' worth of cells plus one: the fewest pages (3) would be 97% full.
      const sizes = Array.from({ length: 290 }, () => 8);
      const tight = distributeCells(sizes, 1000, extract, false);
      const roomy = distributeCells(sizes, 1000, extract, true);
      expect(tight.length).toBe(3);
      expect(roomy.length).toBe(4);
      let prev = 0;
      for (let j = 0; j < roomy.length; j++) {
        const count = roomy[j]! - (j === 0 ? 0 : prev + (extract ? 1 : 0));
        expect(count).toBeGreaterThan(60);
        expect(count).toBeLessThan(80);
        prev = roomy[j]!;
      }
    }
  });
});

describe('distributeCells: regressions', () => {
  it('an over-full split of two cells that cannot share a page gives two non-empty pages', () => {
    // Two table-leaf cells of 936 and 976 bytes on a 1024-byte page: each needs a page of its
    // own, and the extra page a roomy split adds must not leave one of them empty.
    const ends = distributeCells([936, 976], 1016, false, true);
    expect(ends).toEqual([1, 2]);
  });
});
