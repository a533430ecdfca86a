/**
 * Savepoints inside a write transaction: what a statement (or SAVEPOINT) changed, so that it
 * can be undone without undoing the whole transaction. In memory only, like the transaction.
 *
 * Each open savepoint remembers the database size when it opened and, for every page first
 * touched while it was the innermost savepoint, the page's image before that touch:
 *   - a copy of the data, when the page was already dirty (changed earlier in the transaction);
 *   - null, when the page was clean: its committed image can be read again, so undoing means
 *     forgetting the cached page.
 * Rolling back to savepoint k undoes the innermost savepoint first and works outwards, so the
 * oldest image of each page wins. Releasing savepoint k hands the records of k and deeper ones
 * to k-1 (its own, older records win).
 */
import { assert } from '../assert.js';
import type { Page } from './page.js';

interface Savepoint {
  pageCount: number;
  images: Map<number, Uint8Array | null>;
  /** Pages whose image is the dropped page's own array (recordDropped), not a pooled copy. */
  borrowed: Set<number> | null;
}

/** Page copies kept for reuse: a statement savepoint per INSERT copies pages all the time. */
const MAX_POOLED_IMAGES = 64;

export interface SavepointUndo {
  /** Put `image` back as the (dirty) content of page `pgno`. */
  restore(pgno: number, image: Uint8Array): void;
  /** Drop page `pgno` from the transaction: its committed image is the right one. */
  forget(pgno: number): void;
}

export class SavepointStack {
  private readonly stack: Savepoint[] = [];
  /** Closed savepoints' records, cleared, for the next open. */
  private readonly spare: Savepoint[] = [];
  private readonly pool: Uint8Array[] = [];

  get active(): boolean {
    return this.stack.length > 0;
  }

  get depth(): number {
    return this.stack.length;
  }

  open(pageCount: number): number {
    const sp = this.spare.pop();
    if (sp === undefined) this.stack.push({ pageCount, images: new Map(), borrowed: null });
    else {
      sp.pageCount = pageCount;
      this.stack.push(sp);
    }
    return this.stack.length;
  }

  /** Called before `page` changes (whether or not it is already dirty). */
  recordBeforeChange(page: Page): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || top.images.has(page.pgno)) return;
    top.images.set(page.pgno, page.dirty ? this.copyOf(page.data) : null);
  }

  private copyOf(data: Uint8Array): Uint8Array {
    const copy = this.pool.pop();
    if (copy === undefined || copy.length !== data.length) return data.slice();
    copy.set(data);
    return copy;
  }

  /** Gives the pooled copies of `sp` back and empties it. */
  private clearRecords(sp: Savepoint): void {
    for (const [pgno, image] of sp.images) this.release1(sp, pgno, image);
    sp.images.clear();
    sp.borrowed = null;
  }

  /** Drops one record's image: back to the pool when it is a copy this stack made. */
  private release1(sp: Savepoint, pgno: number, image: Uint8Array | null): void {
    if (image === null || (sp.borrowed !== null && sp.borrowed.has(pgno))) return;
    if (this.pool.length < MAX_POOLED_IMAGES) this.pool.push(image);
  }

  /** Pops savepoints above `depth` (their records already handled), keeping them for reuse. */
  private popTo(depth: number): void {
    while (this.stack.length > depth) {
      const sp = this.stack.pop()!;
      this.clearRecords(sp);
      this.spare.push(sp);
    }
  }

  /** Called when a page is created without reading it (append, overwrite of a clean page). */
  recordNewPage(pgno: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || top.images.has(pgno)) return;
    top.images.set(pgno, null);
  }

  /** Called when a dirty page is dropped by a truncation: keep its image to put it back. */
  recordDropped(page: Page): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || top.images.has(page.pgno)) return;
    top.images.set(page.pgno, page.data);
    (top.borrowed ??= new Set()).add(page.pgno);
  }

  /** Undoes down to savepoint `depth` (which stays open); returns its database size. */
  rollbackTo(depth: number, undo: SavepointUndo): number {
    assert(Number.isInteger(depth) && depth >= 1 && depth <= this.stack.length, `no savepoint at depth ${depth}`);
    for (let i = this.stack.length - 1; i >= depth - 1; i--) {
      for (const [pgno, image] of this.stack[i]!.images) {
        if (image === null) undo.forget(pgno);
        else undo.restore(pgno, image.slice());
      }
    }
    this.popTo(depth);
    const target = this.stack[depth - 1]!;
    this.clearRecords(target);
    return target.pageCount;
  }

  /** Closes savepoint `depth` and deeper ones, keeping their changes. */
  release(depth: number): void {
    assert(Number.isInteger(depth) && depth >= 1 && depth <= this.stack.length, `no savepoint at depth ${depth}`);
    const outer = this.stack[depth - 2];
    if (outer !== undefined) {
      for (let i = depth - 1; i < this.stack.length; i++) {
        const sp = this.stack[i]!;
        for (const [pgno, image] of sp.images) {
          if (outer.images.has(pgno)) continue;
          outer.images.set(pgno, image);
          if (sp.borrowed !== null && sp.borrowed.has(pgno)) (outer.borrowed ??= new Set()).add(pgno);
          // Moved, not dropped: popTo must not pool it.
          sp.images.set(pgno, null);
        }
      }
    }
    this.popTo(depth - 1);
  }

  clear(): void {
    this.popTo(0);
  }
}
