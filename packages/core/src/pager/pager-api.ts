/**
 * The pager surface the B-tree layer is written against. The Pager class (pager.ts) implements
 * it; tests may use it over any Storage.
 *
 * Read path: `get(pgno)` returns the cached page, or starts the read (from the WAL if the page
 * has a committed frame visible to this transaction, else from the database file). A read that
 * does not finish inline throws IoPending; re-running the caller finds the page cached.
 *
 * Eviction: `get` never evicts. Clean pages are evicted only by `trim()`, which the driver calls
 * between operations (never after an IoPending), so pages an operation has touched stay
 * resident until it finishes, and its restarts make progress. Dirty pages are never evicted:
 * a write transaction's pages stay in memory until commit or rollback.
 *
 * Mutation phase (the "fault first, then mutate" rule): a B-tree write first loads every page it
 * may touch, then calls `beginMutation()`, changes pages, and calls `endMutation()`. A cache
 * miss between the two is a bug (the write could be half done when the read pends): `get`
 * throws an AssertionError, and the write transaction must be rolled back.
 */
import type { Page } from './page.js';

export interface PagerApi {
  readonly pageSizeBytes: number;
  /** pageSizeBytes minus the reserved bytes at the end of each page (header byte 20). */
  readonly usableSizeBytes: number;
  /** Database text encoding from header offset 56: 1 UTF-8, 2 UTF-16le, 3 UTF-16be. */
  readonly textEncoding: 1 | 2 | 3;
  /** Database size in pages as the current transaction sees it. */
  readonly pageCount: number;
  readonly inReadTransaction: boolean;
  readonly inWriteTransaction: boolean;

  /** The page; SQLITE_CORRUPT when pgno < 1 or pgno > pageCount. May throw IoPending. */
  get(pgno: number): Page;
  /** Declare that `page.data` is about to change. Requires a write transaction. */
  markDirty(page: Page): void;
  /** Grow the database by one page; returns the new zero-filled dirty page. */
  appendPage(): Page;
  /**
   * A dirty, zero-filled page `pgno` (<= pageCount) whose old content the caller does not need,
   * e.g. a freelist leaf being reused: no read is issued.
   */
  getForOverwrite(pgno: number): Page;
  /** Shrink the database to `pageCount` pages (pages past it are forgotten). Write txn only. */
  truncatePages(pageCount: number): void;

  beginMutation(): void;
  endMutation(): void;

  /** Evict clean pages down to the cache capacity. Only between operations. */
  trim(): void;
}
