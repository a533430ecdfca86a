import { describe, expect, it } from 'vitest';
import { Page } from './page.js';
import { SavepointStack } from './savepoint-stack.js';

const PAGE_BYTES = 64;
const PAGES = 6;

/** A tiny stand-in for the pager: committed images, a cache of pages, dirty flags. */
class FakePager {
  readonly committed = new Map<number, Uint8Array>();
  readonly cache = new Map<number, Page>();

  constructor() {
    for (let p = 1; p <= PAGES; p++) this.committed.set(p, new Uint8Array(PAGE_BYTES).fill(p));
  }

  page(pgno: number): Page {
    let page = this.cache.get(pgno);
    if (page === undefined) {
      page = new Page(pgno, this.committed.get(pgno)!.slice());
      this.cache.set(pgno, page);
    }
    return page;
  }

  /** What a reader sees: every page's current bytes. */
  visible(): number[][] {
    const out: number[][] = [];
    for (let p = 1; p <= PAGES; p++) out.push([...(this.cache.get(p)?.data ?? this.committed.get(p)!)]);
    return out;
  }
}

/** xorshift, so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

describe('SavepointStack', () => {
  it('rollback restores exactly the state at the savepoint, through nesting, release and reuse of page copies', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = rng(seed);
      const pager = new FakePager();
      const stack = new SavepointStack();
      // snapshots[d - 1]: what was visible when savepoint d opened.
      const snapshots: number[][][] = [];
      for (let step = 0; step < 400; step++) {
        const r = rand();
        if (r < 0.15 || snapshots.length === 0) {
          snapshots.push(pager.visible());
          expect(stack.open(0)).toBe(snapshots.length);
        } else if (r < 0.7) {
          const page = pager.page(1 + Math.floor(rand() * PAGES));
          stack.recordBeforeChange(page);
          page.dirty = true;
          page.data[Math.floor(rand() * PAGE_BYTES)] = Math.floor(rand() * 256);
        } else if (r < 0.85) {
          const depth = 1 + Math.floor(rand() * snapshots.length);
          stack.rollbackTo(depth, {
            restore: (pgno, image) => {
              const page = pager.page(pgno);
              page.data.set(image);
              page.dirty = true;
            },
            forget: (pgno) => pager.cache.delete(pgno),
          });
          expect(pager.visible(), `seed ${seed} step ${step}`).toEqual(snapshots[depth - 1]);
          snapshots.length = depth;
        } else {
          const depth = 1 + Math.floor(rand() * snapshots.length);
          stack.release(depth);
          snapshots.length = depth - 1;
        }
        expect(stack.depth).toBe(snapshots.length);
      }
    }
  });

  it('a dropped page given back by rollback is its own bytes, not a recycled copy', () => {
    const pager = new FakePager();
    const stack = new SavepointStack();
    stack.open(PAGES);
    const page = pager.page(3);
    stack.recordBeforeChange(page);
    page.dirty = true;
    page.data.fill(0xaa);
    stack.release(1);
    // Inner savepoint: page 3 is dropped (truncation), then a new savepoint copies page 2.
    stack.open(PAGES);
    stack.recordDropped(page);
    const two = pager.page(2);
    stack.recordBeforeChange(two);
    two.dirty = true;
    two.data.fill(0x55);
    const restored = new Map<number, number[]>();
    stack.rollbackTo(1, { restore: (pgno, image) => restored.set(pgno, [...image]), forget: () => {} });
    expect(restored.get(3)).toEqual(new Array<number>(PAGE_BYTES).fill(0xaa));
    expect(restored.has(2)).toBe(false);
  });
});
