/**
 * A page in the pager's cache. `data` is exactly `pageSizeBytes` long. The pager hands out one
 * Page object per page number per cache residency: a caller that mutates `data` must first call
 * `pager.markDirty(page)`, inside a write transaction.
 *
 * `evicted` is set when the cache drops the page: a holder (a cursor) must then fetch a fresh
 * Page with `pager.get(pgno)` instead of reading a copy that may have gone stale.
 */
export class Page {
  dirty = false;
  evicted = false;
  constructor(
    readonly pgno: number,
    public data: Uint8Array,
  ) {}
}
