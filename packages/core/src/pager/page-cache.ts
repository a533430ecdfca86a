/**
 * The page cache: page number -> resident Page, with a soft capacity in pages.
 *
 * Invariants:
 * - At most one resident Page object per page number.
 * - Nothing is evicted except by `trim()` (never inside `get`/`put`), so an operation that is
 *   restarted after IoPending finds every page it already faulted in.
 * - Dirty pages are never evicted; the cache may exceed its capacity while a write transaction
 *   holds more dirty pages than that.
 *
 * Eviction is LRU-ish: each hit stores a tick in the page (one field store, no reordering), and
 * `trim()` evicts the clean pages with the oldest ticks. Trimming goes a little below capacity so
 * that a cache running at capacity does not sort on every call.
 */
import { Page } from './page.js';

export const DEFAULT_CACHE_SIZE_PAGES = 2000;
/** `trim()` evicts down to this fraction of the capacity. */
const TRIM_TARGET_FRACTION = 0.9;

/** A Page with the bookkeeping the cache needs. */
export class CachedPage extends Page {
  lastUseTick = 0;
}

export class PageCache {
  private readonly pages = new Map<number, CachedPage>();
  private tick = 0;

  constructor(public capacityPages: number = DEFAULT_CACHE_SIZE_PAGES) {}

  get sizePages(): number {
    return this.pages.size;
  }

  /** The resident page, marking it recently used; undefined on a miss. */
  get(pgno: number): CachedPage | undefined {
    const page = this.pages.get(pgno);
    if (page !== undefined) page.lastUseTick = ++this.tick;
    return page;
  }

  /** The resident page without touching its recency. */
  peek(pgno: number): CachedPage | undefined {
    return this.pages.get(pgno);
  }

  /** Makes a new page resident, replacing (and evicting) any page already there. */
  put(page: CachedPage): void {
    const old = this.pages.get(page.pgno);
    if (old !== undefined && old !== page) old.evicted = true;
    page.lastUseTick = ++this.tick;
    this.pages.set(page.pgno, page);
  }

  /** Drops one page (it is marked evicted). */
  drop(pgno: number): void {
    const page = this.pages.get(pgno);
    if (page === undefined) return;
    page.evicted = true;
    this.pages.delete(pgno);
  }

  /** Drops every page whose number is greater than `pageCount`. */
  dropAbove(pageCount: number): void {
    for (const [pgno, page] of this.pages) {
      if (pgno > pageCount) {
        page.evicted = true;
        this.pages.delete(pgno);
      }
    }
  }

  /** Drops everything. */
  clear(): void {
    for (const page of this.pages.values()) page.evicted = true;
    this.pages.clear();
  }

  /** Evicts clean pages, least recently used first, when over capacity. */
  trim(): void {
    if (this.pages.size <= this.capacityPages) return;
    const target = Math.floor(this.capacityPages * TRIM_TARGET_FRACTION);
    const clean: CachedPage[] = [];
    for (const page of this.pages.values()) if (!page.dirty) clean.push(page);
    clean.sort((a, b) => a.lastUseTick - b.lastUseTick);
    for (const page of clean) {
      if (this.pages.size <= target) break;
      page.evicted = true;
      this.pages.delete(page.pgno);
    }
  }

  values(): IterableIterator<CachedPage> {
    return this.pages.values();
  }
}
