import { describe, expect, it } from 'vitest';
import { ByteRanges } from './idb-byte-ranges.js';

describe('ByteRanges', () => {
  it('merges overlapping and touching ranges and keeps disjoint ones sorted', () => {
    const r = new ByteRanges();
    r.add(100, 200);
    r.add(300, 400);
    r.add(0, 10);
    expect(r.toArray()).toEqual([[0, 10], [100, 200], [300, 400]]);
    r.add(200, 250); // touches
    expect(r.toArray()).toEqual([[0, 10], [100, 250], [300, 400]]);
    r.add(5, 350); // swallows and joins
    expect(r.toArray()).toEqual([[0, 400]]);
    r.add(7, 7);
    expect(r.toArray()).toEqual([[0, 400]]);
  });

  it('says whether a range is covered', () => {
    const r = new ByteRanges();
    r.add(10, 20);
    r.add(30, 40);
    expect(r.covers(10, 20)).toBe(true);
    expect(r.covers(12, 18)).toBe(true);
    expect(r.covers(15, 35)).toBe(false);
    expect(r.covers(0, 5)).toBe(false);
    expect(r.covers(50, 50)).toBe(true);
  });

  it('fills only the gaps from the base, within the asked window', () => {
    const r = new ByteRanges();
    r.add(2, 4);
    r.add(6, 7);
    const base = Uint8Array.from({ length: 10 }, (_, i) => 100 + i);
    const target = new Uint8Array(10).fill(1);
    r.fillGaps(base, target, 0, 10);
    expect([...target]).toEqual([100, 101, 1, 1, 104, 105, 1, 107, 108, 109]);
    const window = new Uint8Array(5).fill(9);
    r.fillGaps(base, window, 3, 8, 3); // bytes 3..8 into a 5-byte target
    expect([...window]).toEqual([9, 104, 105, 9, 107]);
  });

  it('clones independently', () => {
    const r = new ByteRanges();
    r.add(0, 1);
    const c = r.clone();
    r.add(5, 6);
    expect(c.toArray()).toEqual([[0, 1]]);
  });
});
