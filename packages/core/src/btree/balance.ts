/**
 * Rebalancing: after a write changed some pages of a root-to-leaf path, bring every page back
 * within the fill rules. Works bottom-up over the path, one level at a time, no recursion.
 *
 * Rules (a page "needs balance" when one holds):
 * - it is over-full: its cells do not fit;
 * - it is not the root and is empty, or less than a third full (SQLite's threshold: free
 *   space above 2/3 of the usable size).
 *
 * Balancing a non-root page: take it together with up to two neighbours under the same parent
 * (a window of 3 children around it), pour all their cells and the parent's dividers between
 * them into one list, cut the list into as few pages as it needs (one more after an
 * overflow when they would be nearly full) and even them out (distribute.ts), reuse the old
 * sibling page numbers, allocate or free the difference, and replace the old dividers in the
 * parent with new ones: on the parent page itself when they fit, else in an image of it. The
 * parent is then checked in turn.
 *
 * The root keeps its page number forever:
 * - an over-full root moves its content into a new child and that child is split (the tree
 *   grows one level);
 * - an interior root left with no cells takes over its only child's content (the tree
 *   shrinks). On page 1 the child may not fit (the database header takes 100 bytes); then
 *   page 1 stays an interior page with zero cells, which SQLite accepts for page 1 only.
 *
 * Everything here runs inside the mutation phase: every page it reads must have been loaded
 * in the read phase (`gatherSiblings`, freelist.ts `gatherFreelist`).
 */
import { assert } from '../assert.js';
import { corrupt } from '../errors.js';
import {
  btreeHeaderOffset,
  cellCount,
  cellOffset,
  checkPageHeader,
  get32,
  headerBytesFor,
  interiorTypeFor,
  isLeafType,
  isTableType,
  CELL_POINTER_BYTES,
  PAGE_HEADER_RIGHT_CHILD,
  put32,
  rightChild,
} from '../format/btree-page.js';
import { cellSizeAt } from '../format/cell.js';
import type { Page } from '../pager/page.js';
import type { PagerApi } from '../pager/pager-api.js';
import { distributeCells, pageStart } from './distribute.js';
import type { PageAllocator } from './freelist.js';
import {
  CellList,
  interiorIndexToLeaf,
  leafIndexToInterior,
  NodeImage,
  readNodeImage,
  tableCellRowid,
  tableDivider,
  withChild,
} from './node-image.js';
import { dropCell, insertCellSpace, pageFreeBytes, writePageImage } from './page-space.js';

/** SQLite never builds trees deeper than this; a deeper path means a corrupt (cyclic) tree. */
export const MAX_BTREE_DEPTH = 20;
/** New pages one rebalanced level may need (3 siblings can become 6); used to size gathers. */
export const BALANCE_NEW_PAGES_PER_LEVEL = 4;
/** Siblings taken together when a page is rebalanced. */
const SIBLING_WINDOW = 3;


/** First child index of the sibling window around child `ci` of a page with `childCount`. */
export function siblingWindowStart(childCount: number, ci: number): number {
  if (childCount <= SIBLING_WINDOW) return 0;
  const first = ci - 1;
  if (first < 0) return 0;
  return first > childCount - SIBLING_WINDOW ? childCount - SIBLING_WINDOW : first;
}

export function siblingWindowSize(childCount: number): number {
  return childCount < SIBLING_WINDOW ? childCount : SIBLING_WINDOW;
}

/**
 * A write's root-to-node path: `pages[0]` is the root, `pages[depth]` the node being changed,
 * `childIdx[L]` (L < depth) the child of `pages[L]` that `pages[L + 1]` is (cell count means
 * the right-most child). Reused between writes.
 */
export class WritePath {
  readonly pages: Page[] = [];
  readonly childIdx: number[] = [];
  depth = -1;

  clear(): void {
    this.depth = -1;
  }

  push(page: Page, childIdxAbove: number): void {
    if (this.depth + 1 >= MAX_BTREE_DEPTH) throw corrupt('b-tree too deep');
    if (this.depth >= 0) this.childIdx[this.depth] = childIdxAbove;
    this.depth++;
    this.pages[this.depth] = page;
  }
}

/** Child `k` of the interior page `data` (header at `hdr`), validated as a page number. */
export function childPgnoOf(data: Uint8Array, hdr: number, type: number, k: number, usableSizeBytes: number, pageCount: number): number {
  const n = cellCount(data, hdr);
  const pgno = k < n ? get32(data, cellOffset(data, hdr, type, k, usableSizeBytes)) : rightChild(data, hdr);
  if (pgno < 2 || pgno > pageCount) throw corrupt(`bad child page ${pgno}`);
  return pgno;
}

/** Validates every cell of a page (read phase), so the mutation phase cannot meet corruption. */
export function validatePage(page: Page, usableSizeBytes: number, expectTable: boolean): number {
  const data = page.data;
  const hdr = btreeHeaderOffset(page.pgno);
  const type = checkPageHeader(data, hdr, usableSizeBytes, expectTable);
  const n = cellCount(data, hdr);
  let used = hdr + headerBytesFor(type);
  for (let i = 0; i < n; i++) used += cellSizeAt(data, cellOffset(data, hdr, type, i, usableSizeBytes), type, usableSizeBytes) + 2;
  const free = pageFreeBytes(data, hdr, usableSizeBytes);
  if (used + free !== usableSizeBytes) throw corrupt('page space accounting is wrong');
  return type;
}

/**
 * Read phase of a write that may rebalance: loads (and validates) the sibling window of
 * every non-root page on the path.
 */
export function gatherSiblings(pager: PagerApi, path: WritePath, isTable: boolean): void {
  const usable = pager.usableSizeBytes;
  for (let level = 1; level <= path.depth; level++) {
    const parent = path.pages[level - 1]!;
    const hdr = btreeHeaderOffset(parent.pgno);
    const ptype = checkPageHeader(parent.data, hdr, usable, isTable);
    const childCount = cellCount(parent.data, hdr) + 1;
    const ci = path.childIdx[level - 1]!;
    const first = siblingWindowStart(childCount, ci);
    const count = siblingWindowSize(childCount);
    const expectType = checkPageHeader(path.pages[level]!.data, btreeHeaderOffset(path.pages[level]!.pgno), usable, isTable);
    validatePage(path.pages[level]!, usable, isTable);
    for (let k = first; k < first + count; k++) {
      if (k === ci) continue;
      const pgno = childPgnoOf(parent.data, hdr, ptype, k, usable, pager.pageCount);
      const sibling = pager.get(pgno);
      if (validatePage(sibling, usable, isTable) !== expectType) throw corrupt('sibling pages of different types');
    }
  }
  validatePage(path.pages[0]!, usable, isTable);
}

export class Balancer {
  private readonly usable: number;

  get usableSizeBytes(): number {
    return this.usable;
  }

  constructor(
    private readonly pager: PagerApi,
    private readonly alloc: PageAllocator,
  ) {
    this.usable = pager.usableSizeBytes;
  }

  /**
   * Settles the tree after `images[L]` (for the levels that have one) replaced the content of
   * `path.pages[L]`. Starts at `fromLevel` (the deepest changed level) and writes every page.
   */
  settle(path: WritePath, images: (NodeImage | null)[], fromLevel: number): void {
    for (let level = fromLevel; level >= 1; level--) {
      const img = images[level];
      if (img === null || img === undefined) continue;
      images[level] = null;
      const page = path.pages[level]!;
      if (!this.needsBalance(img)) {
        this.writeImage(page, img);
        continue;
      }
      images[level - 1] = this.balanceChildren(images[level - 1] ?? null, path.pages[level - 1]!, level - 1 === 0, path.childIdx[level - 1]!, img, page);
    }
    const rootImage = images[0];
    if (rootImage !== null && rootImage !== undefined) {
      images[0] = null;
      this.settleRoot(path.pages[0]!, rootImage);
    }
  }

  /** True when a non-root page holding `img` would be over-full, empty or under a third full. */
  needsBalance(img: NodeImage): boolean {
    const bytes = img.bytesNeeded(0);
    if (bytes > this.usable || img.count === 0) return true;
    return this.usable - bytes > Math.floor((this.usable * 2) / 3);
  }

  private settleRoot(root: Page, first: NodeImage): void {
    const hdr = btreeHeaderOffset(root.pgno);
    let img = first;
    for (let grown = 0; ; grown++) {
      assert(grown < MAX_BTREE_DEPTH, 'root split did not converge');
      if (img.bytesNeeded(hdr) <= this.usable) {
        if (!img.isLeaf && img.count === 0) {
          const childPgno = img.rightChild;
          const childImg = readNodeImage(this.pager.get(childPgno), this.usable);
          if (childImg.bytesNeeded(hdr) <= this.usable) {
            this.writeImage(root, childImg);
            this.alloc.free(childPgno);
            return;
          }
          assert(root.pgno === 1, 'only page 1 can keep an empty interior root');
        }
        this.writeImage(root, img);
        return;
      }
      // Over-full root: its content moves down into a new child, which is then split.
      const child = this.alloc.allocate();
      const top = new NodeImage(interiorTypeFor(isTableType(img.type)), new CellList(), child.pgno);
      this.balanceChildren(top, root, true, 0, img, child);
      img = top;
    }
  }

  /**
   * Rebalances child `ci` of the parent (whose new content is `img`, destined for `page`)
   * with its sibling window, and rewrites the children. The parent's dividers are updated in
   * `parentImg` when given; otherwise on `parentPage` itself when the result fits and needs
   * no further balancing (returns null), else in a new image of it, which is returned.
   */
  private balanceChildren(
    parentImg: NodeImage | null,
    parentPage: Page,
    parentIsRoot: boolean,
    ci: number,
    img: NodeImage,
    page: Page,
  ): NodeImage | null {
    const usable = this.usable;
    const pdata = parentPage.data;
    const phdr = btreeHeaderOffset(parentPage.pgno);
    const ptype = pdata[phdr]!;
    const childCount = (parentImg !== null ? parentImg.count : cellCount(pdata, phdr)) + 1;
    const first = siblingWindowStart(childCount, ci);
    const count = siblingWindowSize(childCount);
    // The window's children and the dividers between them, read before anything changes.
    const oldDividers = new CellList();
    const sibPages: Page[] = [];
    const sibImages: NodeImage[] = [];
    for (let k = first; k < first + count; k++) {
      if (k < first + count - 1) {
        if (parentImg !== null) {
          const cells = parentImg.cells;
          oldDividers.push(cells.bufs[k]!, cells.offs[k]!, cells.sizes[k]!);
        } else {
          const off = cellOffset(pdata, phdr, ptype, k, usable);
          oldDividers.push(pdata, off, cellSizeAt(pdata, off, ptype, usable));
        }
      }
      const pgno = parentImg !== null ? parentImg.childAt(k) : childPgnoOf(pdata, phdr, ptype, k, usable, this.pager.pageCount);
      if (k === ci) {
        assert(pgno === page.pgno, 'write path does not match the parent');
        sibPages.push(page);
        sibImages.push(img);
      } else {
        const sibling = this.pager.get(pgno);
        const sibImg = readNodeImage(sibling, usable);
        if (sibImg.type !== img.type) throw corrupt('sibling pages of different types');
        sibPages.push(sibling);
        sibImages.push(sibImg);
      }
    }
    const type = img.type;
    const leaf = isLeafType(type);
    const extract = !(leaf && isTableType(type));
    const cells = new CellList();
    for (let k = 0; k < count; k++) {
      const own = sibImages[k]!.cells;
      cells.pushRange(own, 0, own.length);
      if (k < count - 1 && extract) {
        const divider = leaf ? interiorIndexToLeaf(oldDividers, k, usable) : withChild(oldDividers, k, sibImages[k]!.rightChild);
        cells.push(divider, 0, divider.length);
      }
    }
    const finalRight = leaf ? 0 : sibImages[count - 1]!.rightChild;
    // A balance caused by an over-full page leaves room for the inserts that will follow.
    const roomy = img.bytesNeeded(0) > usable;
    const ends = distributeCells(cells.sizes, usable - headerBytesFor(type), extract, roomy);
    const m = ends.length;
    const newPages: Page[] = [];
    for (let j = 0; j < m; j++) newPages.push(j < count ? sibPages[j]! : this.alloc.allocate());
    const dividers: Uint8Array[] = [];
    for (let j = 0; j < m; j++) {
      const start = pageStart(ends, j, extract);
      const end = ends[j]!;
      const right = leaf ? 0 : j < m - 1 ? cells.childOf(end) : finalRight;
      this.writeCells(newPages[j]!, type, cells, start, end, right);
      if (j === m - 1) break;
      const pgno = newPages[j]!.pgno;
      if (!extract) dividers.push(tableDivider(pgno, tableCellRowid(cells, end - 1, type, usable)));
      else if (leaf) dividers.push(leafIndexToInterior(cells, end, pgno, usable));
      else dividers.push(withChild(cells, end, pgno));
    }
    for (let j = m; j < count; j++) this.alloc.free(sibPages[j]!.pgno);
    const lastPgno = newPages[m - 1]!.pgno;
    if (parentImg === null) {
      if (this.updateParentInPlace(parentPage, parentIsRoot, first, oldDividers, dividers, lastPgno)) return null;
      parentImg = readNodeImage(parentPage, usable);
    }
    parentImg.cells.replaceRange(first, count - 1, dividers);
    parentImg.setChildAt(first + m - 1, lastPgno);
    return parentImg;
  }

  /**
   * Replaces the dividers `removed` (cells first.. of the parent) by `added` directly on the
   * parent page and points the child after them at `lastPgno`, if the page then neither
   * overflows nor needs balancing itself. False (page untouched) otherwise.
   */
  private updateParentInPlace(
    parent: Page,
    isRoot: boolean,
    first: number,
    removed: CellList,
    added: readonly Uint8Array[],
    lastPgno: number,
  ): boolean {
    const usable = this.usable;
    const data = parent.data;
    const hdr = btreeHeaderOffset(parent.pgno);
    const type = data[hdr]!;
    let freeAfter = pageFreeBytes(data, hdr, usable);
    for (let i = 0; i < removed.length; i++) freeAfter += removed.sizes[i]! + CELL_POINTER_BYTES;
    for (let j = 0; j < added.length; j++) freeAfter -= added[j]!.length + CELL_POINTER_BYTES;
    const newCount = cellCount(data, hdr) - removed.length + added.length;
    if (freeAfter < 0 || newCount === 0) return false;
    if (!isRoot && freeAfter > Math.floor((usable * 2) / 3)) return false;
    this.pager.markDirty(parent);
    for (let i = 0; i < removed.length; i++) dropCell(data, hdr, usable, first, removed.sizes[i]!);
    for (let j = 0; j < added.length; j++) {
      const off = insertCellSpace(data, hdr, usable, first + j, added[j]!.length);
      data.set(added[j]!, off);
    }
    const at = first + added.length;
    if (at < newCount) put32(data, cellOffset(data, hdr, type, at, usable), lastPgno);
    else put32(data, hdr + PAGE_HEADER_RIGHT_CHILD, lastPgno);
    return true;
  }

  writeImage(page: Page, img: NodeImage): void {
    this.writeCells(page, img.type, img.cells, 0, img.count, img.rightChild);
  }

  private writeCells(page: Page, type: number, cells: CellList, start: number, end: number, right: number): void {
    const hdr = btreeHeaderOffset(page.pgno);
    let bytes = hdr + headerBytesFor(type);
    for (let i = start; i < end; i++) bytes += cells.sizes[i]! + 2;
    if (bytes > this.usable) throw corrupt('page image does not fit');
    this.pager.markDirty(page);
    writePageImage(page.data, hdr, this.usable, type, cells, start, end, right);
  }
}
