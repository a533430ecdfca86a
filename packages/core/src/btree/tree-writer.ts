/**
 * B-tree writes: insert, replace and delete of one cell, and creating, clearing and dropping
 * whole trees. Every write runs in two phases (pager/pager-api.ts, "fault first, then
 * mutate"):
 *
 *   read phase     load and validate every page the write may touch: the path, the sibling
 *                  windows at every level when a rebalance is possible, overflow pages being
 *                  freed, freelist trunks for the pages it may allocate. May throw IoPending;
 *                  nothing has changed then, and the caller simply runs the write again.
 *   mutation phase between pager.beginMutation() and endMutation(): change pages, allocate
 *                  and free pages, rebalance. No read can pend here.
 *
 * The path (`WritePath`) is the caller's copy of its cursor's root-to-node path; these
 * functions never move the cursor.
 */
import { corrupt, SqliteError } from '../errors.js';
import type { PagerApi } from '../pager/pager-api.js';
import { isIoPending } from '../io/io-pending.js';
import {
  btreeHeaderOffset,
  cellCount,
  cellOffset,
  checkPageHeader,
  get32,
  isLeafType,
  isTableType,
  leafTypeFor,
  PAGE_TYPE_INTERIOR_INDEX,
  PAGE_HEADER_RIGHT_CHILD,
  PAGE_TYPE_LEAF_TABLE,
  put32,
  CHILD_POINTER_BYTES,
} from '../format/btree-page.js';
import { CellInfo, cellSizeFor, localPayloadBytes, overflowPageCount, parseCell, tableLeafRowid, writeCell } from '../format/cell.js';
import { varintSize, writeVarint } from '../format/varint.js';
import { HeaderOffset } from '../format/database-header.js';
import { BALANCE_NEW_PAGES_PER_LEVEL, childPgnoOf, gatherSiblings, MAX_BTREE_DEPTH, validatePage, type WritePath } from './balance.js';
import type { BtreeContext } from './btree-context.js';
import { gatherFreelist } from './freelist.js';
import { CellList, leafIndexToInterior, readNodeImage, tableDivider } from './node-image.js';
import { collectOverflowChain, writeOverflowChain } from './overflow.js';
import { dropCell, insertCellSpace, pageFreeBytes, writeEmptyPage, writePageImage } from './page-space.js';

/** The write left the cell where the path said (the cursor may stay positioned on it). */
export const WRITE_IN_PLACE = 0;
/** The write rebalanced the tree: positions on it must be re-sought. */
export const WRITE_REBALANCED = 1;
/**
 * An append to the right-most leaf started a new right-most leaf holding just the new cell;
 * the parent (path level depth - 1) got one divider and points to it as its right child.
 */
export const WRITE_NEW_RIGHT_LEAF = 2;

const oldCell = new CellInfo();

/**
 * Auto-vacuum databases (header offset 52 nonzero) keep pointer-map pages that every page
 * move must update; Minnow does not maintain them, so it refuses to write such files.
 */
function checkWritable(pager: PagerApi): void {
  if (get32(pager.get(1).data, HeaderOffset.largestRootPage) !== 0) {
    throw new SqliteError('SQLITE_READONLY', 'attempt to write a readonly database (auto-vacuum is not supported)');
  }
}

function underfull(freeBytes: number, usableSizeBytes: number): boolean {
  return freeBytes > Math.floor((usableSizeBytes * 2) / 3);
}

/** Pages a rebalance along `path` may allocate, for sizing the freelist gather. */
function balanceAllocations(path: WritePath): number {
  return BALANCE_NEW_PAGES_PER_LEVEL * (path.depth + 2);
}

/**
 * Inserts a cell at position `idx` of `path.pages[path.depth]`, or replaces the cell there
 * when `replace`. The cell is a leaf cell (rowid + payload for tables, payload for indexes);
 * replacing an interior index cell keeps its left child.
 */
export function insertCellAt(
  ctx: BtreeContext,
  path: WritePath,
  idx: number,
  replace: boolean,
  rowid: number | bigint,
  payload: Uint8Array,
): number {
  checkWritable(ctx.pager);
  ctx.resetWriteScratch();
  const pager = ctx.pager;
  const usable = pager.usableSizeBytes;
  const level = path.depth;
  const page = path.pages[level]!;
  const hdr = btreeHeaderOffset(page.pgno);
  const type = checkPageHeader(page.data, hdr, usable);
  const ncell = cellCount(page.data, hdr);
  const cellSize = cellSizeFor(type, payload.length, rowid, usable);
  const local = localPayloadBytes(payload.length, usable, type);
  const newOverflowPages = overflowPageCount(payload.length, local, usable);
  const freed = ctx.overflowPages;
  let oldSize = 0;
  let childPgno = 0;
  let lastRowid: number | bigint = 0;
  if (replace) {
    parseCell(page.data, cellOffset(page.data, hdr, type, idx, usable), type, usable, oldCell);
    oldSize = oldCell.cellSize;
    childPgno = oldCell.childPgno;
    if (oldCell.overflowPgno !== 0) {
      collectOverflowChain(pager, oldCell.overflowPgno, oldCell.payloadSizeBytes, oldCell.localBytes, freed);
    }
  }
  const freeAfter = pageFreeBytes(page.data, hdr, usable) + (replace ? oldSize + 2 : 0) - cellSize - 2;
  const needBalance = freeAfter < 0 || (replace && level > 0 && underfull(freeAfter, usable));
  // Appending past the end of a parent's right-most leaf: start a new leaf holding only the
  // new cell instead of splitting (sequential rowids then fill pages completely).
  let quick = false;
  let quickDivider = 0;
  let quickInPlace = false;
  if (needBalance && !replace && type === PAGE_TYPE_LEAF_TABLE && level > 0 && idx === ncell) {
    const parent = path.pages[level - 1]!;
    const phdr = btreeHeaderOffset(parent.pgno);
    if (path.childIdx[level - 1] === cellCount(parent.data, phdr)) {
      quick = true;
      lastRowid = tableLeafRowid(page.data, cellOffset(page.data, hdr, type, ncell - 1, usable), usable);
      quickDivider = CHILD_POINTER_BYTES + varintSize(lastRowid);
      checkPageHeader(parent.data, phdr, usable, true);
      quickInPlace = pageFreeBytes(parent.data, phdr, usable) >= quickDivider + 2;
    }
  }
  if (needBalance && !quickInPlace) gatherSiblings(pager, path, isTableType(type));
  const allocations = newOverflowPages + (quickInPlace ? 1 : needBalance ? balanceAllocations(path) : 0);
  if (allocations > 0 || freed.length > 0) gatherFreelist(pager, allocations, ctx.loadedTrunks);

  pager.beginMutation();
  ctx.mutationEpoch++;
  try {
    const alloc = ctx.pageAllocator;
    for (let i = 0; i < freed.length; i++) alloc.free(freed[i]!);
    const overflowPgno = newOverflowPages > 0 ? writeOverflowChain(pager, alloc, payload, local) : 0;
    if (!needBalance) {
      pager.markDirty(page);
      if (replace) {
        dropCell(page.data, hdr, usable, idx, oldSize);
      }
      const off = insertCellSpace(page.data, hdr, usable, idx, cellSize);
      writeCell(page.data, off, type, childPgno, rowid, payload, usable, overflowPgno);
      return WRITE_IN_PLACE;
    }
    const cell = new Uint8Array(cellSize);
    writeCell(cell, 0, type, childPgno, rowid, payload, usable, overflowPgno);
    const images = ctx.images;
    if (quick) {
      const fresh = alloc.allocate();
      const single = new CellList();
      single.push(cell, 0, cell.length);
      writePageImage(fresh.data, 0, usable, PAGE_TYPE_LEAF_TABLE, single, 0, 1, 0);
      const parentPage = path.pages[level - 1]!;
      if (quickInPlace) {
        const phdr = btreeHeaderOffset(parentPage.pgno);
        pager.markDirty(parentPage);
        const at = insertCellSpace(parentPage.data, phdr, usable, path.childIdx[level - 1]!, quickDivider);
        put32(parentPage.data, at, page.pgno);
        writeVarint(parentPage.data, at + CHILD_POINTER_BYTES, lastRowid);
        put32(parentPage.data, phdr + PAGE_HEADER_RIGHT_CHILD, fresh.pgno);
        return WRITE_NEW_RIGHT_LEAF;
      }
      const parent = readNodeImage(parentPage, usable);
      const divider = tableDivider(page.pgno, lastRowid);
      parent.cells.push(divider, 0, divider.length);
      parent.rightChild = fresh.pgno;
      images[level - 1] = parent;
      ctx.balancer.settle(path, images, level - 1);
      return WRITE_REBALANCED;
    }
    const balancer = ctx.balancer;
    const img = readNodeImage(page, usable);
    if (replace) img.cells.set(idx, cell);
    else img.cells.insert(idx, cell);
    images[level] = img;
    balancer.settle(path, images, level);
    return WRITE_REBALANCED;
  } finally {
    pager.endMutation();
  }
}

/** Deletes cell `idx` of the leaf `path.pages[path.depth]`. */
export function deleteLeafCell(ctx: BtreeContext, path: WritePath, idx: number): number {
  checkWritable(ctx.pager);
  ctx.resetWriteScratch();
  const pager = ctx.pager;
  const usable = pager.usableSizeBytes;
  const level = path.depth;
  const page = path.pages[level]!;
  const hdr = btreeHeaderOffset(page.pgno);
  const type = checkPageHeader(page.data, hdr, usable);
  const ncell = cellCount(page.data, hdr);
  parseCell(page.data, cellOffset(page.data, hdr, type, idx, usable), type, usable, oldCell);
  const size = oldCell.cellSize;
  const freed = ctx.overflowPages;
  if (oldCell.overflowPgno !== 0) {
    collectOverflowChain(pager, oldCell.overflowPgno, oldCell.payloadSizeBytes, oldCell.localBytes, freed);
  }
  const freeAfter = pageFreeBytes(page.data, hdr, usable) + size + 2;
  const needBalance = level > 0 && (ncell === 1 || underfull(freeAfter, usable));
  if (needBalance) gatherSiblings(pager, path, isTableType(type));
  const allocations = needBalance ? balanceAllocations(path) : 0;
  if (needBalance || freed.length > 0) gatherFreelist(pager, allocations, ctx.loadedTrunks);

  pager.beginMutation();
  ctx.mutationEpoch++;
  try {
    const alloc = ctx.pageAllocator;
    for (let i = 0; i < freed.length; i++) alloc.free(freed[i]!);
    if (!needBalance) {
      pager.markDirty(page);
      dropCell(page.data, hdr, usable, idx, size);
      return WRITE_IN_PLACE;
    }
    const img = readNodeImage(page, usable);
    img.cells.removeAt(idx);
    ctx.images[level] = img;
    ctx.balancer.settle(path, ctx.images, level);
    return WRITE_REBALANCED;
  } finally {
    pager.endMutation();
  }
}

/**
 * Deletes interior index cell `idx` of `path.pages[path.depth]`: it is replaced by its
 * predecessor, the last entry of its left subtree, which leaves that subtree's leaf. The path
 * is extended down to that leaf.
 */
export function deleteInteriorIndexCell(ctx: BtreeContext, path: WritePath, idx: number): void {
  checkWritable(ctx.pager);
  ctx.resetWriteScratch();
  const pager = ctx.pager;
  const usable = pager.usableSizeBytes;
  const level = path.depth;
  const page = path.pages[level]!;
  const hdr = btreeHeaderOffset(page.pgno);
  const type = checkPageHeader(page.data, hdr, usable, false);
  if (type !== PAGE_TYPE_INTERIOR_INDEX) throw corrupt('expected an interior index page');
  parseCell(page.data, cellOffset(page.data, hdr, type, idx, usable), type, usable, oldCell);
  const leftChild = oldCell.childPgno;
  const freed = ctx.overflowPages;
  if (oldCell.overflowPgno !== 0) {
    collectOverflowChain(pager, oldCell.overflowPgno, oldCell.payloadSizeBytes, oldCell.localBytes, freed);
  }
  // Down the left subtree's right edge to its last leaf.
  let pgno = childPgnoOf(page.data, hdr, type, idx, usable, pager.pageCount);
  let childIdx = idx;
  for (;;) {
    const child = pager.get(pgno);
    path.push(child, childIdx);
    const chdr = btreeHeaderOffset(pgno);
    const ctype = checkPageHeader(child.data, chdr, usable, false);
    const n = cellCount(child.data, chdr);
    if (n === 0) throw corrupt('empty non-root page');
    if (isLeafType(ctype)) break;
    childIdx = n;
    pgno = childPgnoOf(child.data, chdr, ctype, n, usable, pager.pageCount);
  }
  gatherSiblings(pager, path, false);
  gatherFreelist(pager, balanceAllocations(path), ctx.loadedTrunks);

  pager.beginMutation();
  ctx.mutationEpoch++;
  try {
    const alloc = ctx.pageAllocator;
    for (let i = 0; i < freed.length; i++) alloc.free(freed[i]!);
    const leafLevel = path.depth;
    const leafImg = readNodeImage(path.pages[leafLevel]!, usable);
    const last = leafImg.count - 1;
    const replacement = leafIndexToInterior(leafImg.cells, last, leftChild, usable);
    leafImg.cells.removeAt(last);
    const interiorImg = readNodeImage(page, usable);
    interiorImg.cells.set(idx, replacement);
    ctx.images[level] = interiorImg;
    ctx.images[leafLevel] = leafImg;
    ctx.balancer.settle(path, ctx.images, leafLevel);
  } finally {
    pager.endMutation();
  }
}

/**
 * Read phase of clearing or dropping a tree: every page of the tree, overflow pages included.
 * Walking a big tree over an asynchronous backend pends once per page, so the walk's state is
 * kept in the context and a restart continues where it stopped (the item that pended is still
 * on the stack). It is discarded once any write has run since (the tree may have changed).
 */
function collectTreePages(ctx: BtreeContext, rootPgno: number, isTable: boolean): number[] {
  const pager = ctx.pager;
  const usable = pager.usableSizeBytes;
  let walk = ctx.treeWalk;
  if (walk === null || walk.rootPgno !== rootPgno || walk.epoch !== ctx.mutationEpoch) {
    walk = { rootPgno, epoch: ctx.mutationEpoch, stack: [rootPgno], depths: [0], out: [], seen: new Set() };
    ctx.treeWalk = walk;
  }
  const { stack, depths, out, seen } = walk;
  const info = new CellInfo();
  const chain: number[] = [];
  while (stack.length > 0) {
    const pgno = stack[stack.length - 1]!;
    const depth = depths[depths.length - 1]!;
    if (depth >= MAX_BTREE_DEPTH) throw corrupt('b-tree too deep');
    if (seen.has(pgno)) throw corrupt(`page ${pgno} used twice`);
    // Every read for this page first (they may pend); then the walk's state changes.
    const page = pager.get(pgno);
    const type = validatePage(page, usable, isTable);
    const hdr = btreeHeaderOffset(pgno);
    const n = cellCount(page.data, hdr);
    chain.length = 0;
    for (let i = 0; i < n; i++) {
      parseCell(page.data, cellOffset(page.data, hdr, type, i, usable), type, usable, info);
      if (info.overflowPgno !== 0) collectOverflowChain(pager, info.overflowPgno, info.payloadSizeBytes, info.localBytes, chain);
    }
    stack.pop();
    depths.pop();
    seen.add(pgno);
    out.push(pgno);
    for (let j = 0; j < chain.length; j++) {
      if (seen.has(chain[j]!)) throw corrupt(`page ${chain[j]} used twice`);
      seen.add(chain[j]!);
      out.push(chain[j]!);
    }
    if (seen.size > pager.pageCount) throw corrupt('tree larger than the database');
    if (!isLeafType(type)) {
      for (let k = 0; k <= n; k++) {
        stack.push(childPgnoOf(page.data, hdr, type, k, usable, pager.pageCount));
        depths.push(depth + 1);
      }
    }
  }
  ctx.treeWalk = null;
  return out;
}

/**
 * Frees every page of tree `rootPgno`. With `keepRoot` the root stays, as an empty leaf
 * (DELETE without WHERE); otherwise it is freed too (DROP TABLE / DROP INDEX).
 */
export function clearTree(ctx: BtreeContext, rootPgno: number, isTable: boolean, keepRoot: boolean): void {
  checkWritable(ctx.pager);
  ctx.resetWriteScratch();
  const pager = ctx.pager;
  let pages: number[];
  try {
    pages = collectTreePages(ctx, rootPgno, isTable);
  } catch (e) {
    if (!isIoPending(e)) ctx.treeWalk = null;
    throw e;
  }
  gatherFreelist(pager, 0, ctx.loadedTrunks);
  pager.beginMutation();
  ctx.mutationEpoch++;
  try {
    const alloc = ctx.pageAllocator;
    for (let i = keepRoot ? 1 : 0; i < pages.length; i++) alloc.free(pages[i]!);
    if (keepRoot) {
      const root = pager.get(rootPgno);
      pager.markDirty(root);
      writeEmptyPage(root.data, btreeHeaderOffset(rootPgno), pager.usableSizeBytes, leafTypeFor(isTable));
    }
  } finally {
    pager.endMutation();
  }
}

/** Allocates the root page of a new, empty tree; returns its page number. */
export function createTree(ctx: BtreeContext, isTable: boolean): number {
  checkWritable(ctx.pager);
  ctx.resetWriteScratch();
  const pager = ctx.pager;
  pager.get(1);
  gatherFreelist(pager, 1, ctx.loadedTrunks);
  pager.beginMutation();
  ctx.mutationEpoch++;
  try {
    const page = ctx.pageAllocator.allocate();
    writeEmptyPage(page.data, 0, pager.usableSizeBytes, leafTypeFor(isTable));
    return page.pgno;
  } finally {
    pager.endMutation();
  }
}

/** Adds 1 to the schema cookie (header offset 40): prepared statements must re-read the schema. */
export function bumpSchemaCookie(ctx: BtreeContext): void {
  const pager = ctx.pager;
  const page1 = pager.get(1);
  pager.markDirty(page1);
  put32(page1.data, HeaderOffset.schemaCookie, (get32(page1.data, HeaderOffset.schemaCookie) + 1) >>> 0);
}
