/**
 * What the cursors of one connection share: the pager, the registry of open cursors by tree,
 * and scratch state for writes (one write runs at a time).
 *
 * Cursor positions and writes: a write rewrites pages, so before a write changes a tree,
 * every other cursor positioned on that tree saves its key (`saveCursors`) and later
 * re-seeks it. Saving may read overflow pages, so it happens in the write's read phase; a
 * saved cursor behaves exactly like a positioned one, so saving is not a visible change.
 * Cursors must not outlive the transaction they were opened in: `invalidateCursors` (called
 * when a transaction ends) leaves them all unpositioned.
 */
import { StableSet } from '../stable-set.js';
import type { PagerApi } from '../pager/pager-api.js';
import { Balancer, WritePath } from './balance.js';
import { PageAllocator } from './freelist.js';
import type { NodeImage } from './node-image.js';

export interface TreeWalk {
  rootPgno: number;
  epoch: number;
  stack: number[];
  depths: number[];
  /** Pages of the tree found so far, root first. */
  out: number[];
  seen: Set<number>;
}

/** The part of a cursor the registry needs. */
export interface TrackedCursor {
  readonly rootPgno: number;
  /** If positioned on an entry, remember its key and re-seek it before the next use. */
  saveIfPositioned(): void;
  /** Forget the position (the cursor reports eof until repositioned). */
  invalidate(): void;
}

export class BtreeContext {
  private readonly cursorsByRoot = new Map<number, StableSet<TrackedCursor>>();
  /** Scratch for writes. */
  readonly writePath = new WritePath();
  readonly images: (NodeImage | null)[] = [];
  readonly overflowPages: number[] = [];
  readonly loadedTrunks = new Set<number>();
  /** Counts writes; state kept across restarts of a read phase is valid for one epoch only. */
  mutationEpoch = 0;
  /** A tree walk (clear/drop read phase) interrupted by IoPending, resumed by the retry. */
  treeWalk: TreeWalk | null = null;

  /** One allocator and balancer for every write: see `pageAllocator`. */
  private allocator: PageAllocator | null = null;
  private cachedBalancer: Balancer | null = null;

  constructor(readonly pager: PagerApi) {}

  /**
   * The page allocator for writes (it keeps no state of its own between writes). Reused rather
   * than made per write: an instance that lives keeps its hidden class alive across full GCs
   * (hidden-class-anchors.ts), and the optimised write path with it.
   */
  get pageAllocator(): PageAllocator {
    return (this.allocator ??= new PageAllocator(this.pager, this.loadedTrunks));
  }

  /** As `pageAllocator`, a balancer; a new one if the page size changed (empty database). */
  get balancer(): Balancer {
    const b = this.cachedBalancer;
    if (b !== null && b.usableSizeBytes === this.pager.usableSizeBytes) return b;
    return (this.cachedBalancer = new Balancer(this.pager, this.pageAllocator));
  }

  register(cursor: TrackedCursor): void {
    let set = this.cursorsByRoot.get(cursor.rootPgno);
    if (set === undefined) {
      set = new StableSet();
      this.cursorsByRoot.set(cursor.rootPgno, set);
    }
    set.add(cursor);
  }

  unregister(cursor: TrackedCursor): void {
    const set = this.cursorsByRoot.get(cursor.rootPgno);
    if (set === undefined) return;
    // An emptied set stays: statements close and reopen cursors on the same trees all the
    // time, and there is at most one set per tree.
    set.delete(cursor);
  }

  /** Read phase of a write to tree `rootPgno`: other cursors on it save their positions. */
  saveCursors(rootPgno: number, except: TrackedCursor | null): void {
    const set = this.cursorsByRoot.get(rootPgno);
    if (set === undefined) return;
    for (let i = 0; i < set.size; i++) {
      const c = set.at(i);
      if (c !== except) c.saveIfPositioned();
    }
  }

  /** Unpositions every cursor on tree `rootPgno` (the tree is being cleared or dropped). */
  invalidateTree(rootPgno: number): void {
    const set = this.cursorsByRoot.get(rootPgno);
    if (set === undefined) return;
    for (let i = 0; i < set.size; i++) set.at(i).invalidate();
  }

  /** A transaction ended: no cursor may keep a position into its pages. */
  invalidateCursors(): void {
    for (const set of this.cursorsByRoot.values()) for (let i = 0; i < set.size; i++) set.at(i).invalidate();
    this.treeWalk = null;
    this.mutationEpoch++;
  }

  /** Resets the write scratch (not `writePath`, which the caller fills) for a new write. */
  resetWriteScratch(): void {
    if (this.images.length > 0) this.images.length = 0;
    if (this.overflowPages.length > 0) this.overflowPages.length = 0;
    if (this.loadedTrunks.size > 0) this.loadedTrunks.clear();
  }
}
