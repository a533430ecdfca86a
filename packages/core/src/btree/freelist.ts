/**
 * The freelist: pages not used by any B-tree, reused before the file grows.
 *
 * Database header (page 1): offset 32 first trunk page (0 = empty), offset 36 total number of
 * freelist pages, trunks and leaves together. A trunk page:
 *
 *   offset size  field
 *      0    4    next trunk page (0 ends the list)
 *      4    4    number L of leaf page numbers that follow
 *      8   4*L   leaf page numbers
 *
 * Leaf pages hold nothing of value. A trunk can list up to U/4 - 2 leaves (U the usable
 * size); older SQLite versions misread the last 6 slots, so we fill trunks to U/4 - 8 only,
 * as SQLite itself does.
 *
 * Writes follow the "fault first, then mutate" rule (pager/pager-api.ts): `gatherFreelist`
 * loads, in the read phase, the trunk pages an operation may consume; the `PageAllocator`
 * used in the mutation phase touches only those (plus pages it is handed). If allocation
 * runs past the gathered trunks it grows the file instead; if the first trunk was not
 * gathered, a freed page becomes a new trunk. Both leave a valid freelist.
 */
import { assert } from '../assert.js';
import { corrupt } from '../errors.js';
import { get32, put32 } from '../format/btree-page.js';
import { HeaderOffset } from '../format/database-header.js';
import type { Page } from '../pager/page.js';
import type { PagerApi } from '../pager/pager-api.js';

export const TRUNK_NEXT = 0;
export const TRUNK_LEAF_COUNT = 4;
export const TRUNK_LEAVES = 8;
const LEAF_POINTER_BYTES = 4;

/** Most leaves a trunk may list when read. */
export function maxTrunkLeaves(usableSizeBytes: number): number {
  return usableSizeBytes / 4 - 2;
}

/** Most leaves we store on a trunk. */
export function trunkLeavesToWrite(usableSizeBytes: number): number {
  return usableSizeBytes / 4 - 8;
}

export function firstTrunkPgno(page1: Uint8Array): number {
  return get32(page1, HeaderOffset.firstFreelistTrunk);
}

export function freelistPageCount(page1: Uint8Array): number {
  return get32(page1, HeaderOffset.freelistPageCount);
}

/**
 * Read phase: loads page 1 and the trunks that `pagesNeeded` allocations would consume (at
 * least the first trunk, which frees use), validating each. Adds their numbers to `loaded`.
 */
export function gatherFreelist(pager: PagerApi, pagesNeeded: number, loaded: Set<number>): void {
  const page1 = pager.get(1).data;
  const total = freelistPageCount(page1);
  let trunk = firstTrunkPgno(page1);
  let available = 0;
  let first = true;
  const visited = new Set<number>();
  // Each trunk is itself a free page, so a valid list has at most `total` trunks.
  for (let n = 0; trunk !== 0 && (first || available < pagesNeeded); n++) {
    if (n >= total || trunk < 2 || trunk > pager.pageCount || visited.has(trunk)) throw corrupt('bad freelist trunk');
    visited.add(trunk);
    const data = pager.get(trunk).data;
    const leaves = get32(data, TRUNK_LEAF_COUNT);
    if (leaves > maxTrunkLeaves(pager.usableSizeBytes)) throw corrupt('freelist leaf count too big');
    for (let i = 0; i < leaves; i++) {
      const leaf = get32(data, TRUNK_LEAVES + i * LEAF_POINTER_BYTES);
      if (leaf < 2 || leaf > pager.pageCount) throw corrupt('bad freelist leaf');
    }
    loaded.add(trunk);
    available += leaves + 1;
    trunk = get32(data, TRUNK_NEXT);
    first = false;
  }
}

/**
 * Mutation phase: hands out and takes back pages. Only trunks in `loaded` are read; see the
 * file comment for what happens past them.
 */
export class PageAllocator {
  constructor(
    private readonly pager: PagerApi,
    private readonly loaded: Set<number>,
  ) {}

  /** A zero-filled, dirty page for the caller to fill. */
  allocate(): Page {
    const pager = this.pager;
    const page1 = pager.get(1);
    const trunkPgno = firstTrunkPgno(page1.data);
    if (trunkPgno === 0 || !this.loaded.has(trunkPgno)) return pager.appendPage();
    const trunk = pager.get(trunkPgno);
    const leaves = get32(trunk.data, TRUNK_LEAF_COUNT);
    const total = freelistPageCount(page1.data);
    if (total === 0 || leaves > maxTrunkLeaves(pager.usableSizeBytes)) throw corrupt('freelist count mismatch');
    pager.markDirty(page1);
    put32(page1.data, HeaderOffset.freelistPageCount, total - 1);
    pager.markDirty(trunk);
    if (leaves > 0) {
      const leaf = get32(trunk.data, TRUNK_LEAVES + (leaves - 1) * LEAF_POINTER_BYTES);
      if (leaf < 2 || leaf > pager.pageCount || leaf === trunkPgno) throw corrupt('bad freelist leaf');
      put32(trunk.data, TRUNK_LEAF_COUNT, leaves - 1);
      return pager.getForOverwrite(leaf);
    }
    // An empty trunk is itself handed out; the next trunk becomes the first.
    const next = get32(trunk.data, TRUNK_NEXT);
    if (next > pager.pageCount || next === trunkPgno) throw corrupt('bad freelist trunk');
    put32(page1.data, HeaderOffset.firstFreelistTrunk, next);
    this.loaded.delete(trunkPgno);
    trunk.data.fill(0);
    return trunk;
  }

  /** Returns page `pgno` (no longer referenced by any tree) to the freelist. */
  free(pgno: number): void {
    const pager = this.pager;
    assert(pgno >= 2 && pgno <= pager.pageCount, 'freeing a page outside the database');
    const page1 = pager.get(1);
    pager.markDirty(page1);
    put32(page1.data, HeaderOffset.freelistPageCount, freelistPageCount(page1.data) + 1);
    const trunkPgno = firstTrunkPgno(page1.data);
    if (trunkPgno !== 0 && this.loaded.has(trunkPgno)) {
      const trunk = pager.get(trunkPgno);
      const leaves = get32(trunk.data, TRUNK_LEAF_COUNT);
      if (leaves < trunkLeavesToWrite(pager.usableSizeBytes)) {
        pager.markDirty(trunk);
        put32(trunk.data, TRUNK_LEAVES + leaves * LEAF_POINTER_BYTES, pgno);
        put32(trunk.data, TRUNK_LEAF_COUNT, leaves + 1);
        return;
      }
    }
    // The freed page becomes the new first trunk; its old content is not needed.
    const page = pager.getForOverwrite(pgno);
    put32(page.data, TRUNK_NEXT, trunkPgno);
    put32(page.data, TRUNK_LEAF_COUNT, 0);
    put32(page1.data, HeaderOffset.firstFreelistTrunk, pgno);
    this.loaded.add(pgno);
  }
}
