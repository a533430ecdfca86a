import { describe, expect, it } from 'vitest';
import { StableSet } from './stable-set.js';

describe('StableSet', () => {
  it('behaves as a Set of identities under adds, deletes and clears in any order', () => {
    const objs = Array.from({ length: 12 }, (_, i) => ({ i }));
    const mine = new StableSet<{ i: number }>();
    const ref = new Set<{ i: number }>();
    let seed = 7;
    for (let step = 0; step < 2000; step++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const o = objs[seed % objs.length]!;
      const op = (seed >> 8) % 5;
      if (op < 2) {
        mine.add(o);
        ref.add(o);
      } else if (op < 4) {
        expect(mine.delete(o)).toBe(ref.delete(o));
      } else if (step % 7 === 0) {
        mine.clear();
        ref.clear();
      }
      expect(mine.size).toBe(ref.size);
      expect(mine.has(o)).toBe(ref.has(o));
      const items = Array.from({ length: mine.size }, (_, k) => mine.at(k));
      expect(new Set(items)).toEqual(ref);
      expect(items.length).toBe(new Set(items).size);
    }
  });
});
