/**
 * Minnow's `PRAGMA integrity_check` at the B-tree level. Walks every given tree, the freelist
 * and page 1, and reports (as SQLite does, in similar words):
 *
 * - page numbers out of range, pages referenced twice, pages never used;
 * - bad page types, cells outside the content area, cells and freeblocks overlapping, a
 *   fragmented-bytes count that does not match the unaccounted bytes;
 * - keys out of order within a page and against the dividers above it, leaves at different
 *   depths;
 * - overflow chains shorter than their payloads need, or going on past their last page;
 * - freelist trunks listing too many leaves, and a freelist size differing from the header.
 *
 * No recursion: an explicit stack of work items. The walk is restartable page by page: an
 * item is analysed completely (every read it needs done) before it changes the checker's
 * state, so an IoPending re-runs only the item it interrupted. Call `run()` until it returns.
 */
import { corrupt, SqliteError } from '../errors.js';
import {
  btreeHeaderOffset,
  cellCount,
  contentStart,
  FREEBLOCK_SIZE,
  get16,
  get32,
  headerBytesFor,
  isLeafType,
  isTableType,
  isValidPageType,
  PAGE_HEADER_FIRST_FREEBLOCK,
  PAGE_HEADER_FRAGMENTED_BYTES,
  rightChild,
} from '../format/btree-page.js';
import { CellInfo, overflowPageCount, parseCell } from '../format/cell.js';
import { HeaderOffset } from '../format/database-header.js';
import type { PagerApi } from '../pager/pager-api.js';
import { MAX_BTREE_DEPTH } from './balance.js';
import { maxTrunkLeaves, TRUNK_LEAF_COUNT, TRUNK_LEAVES, TRUNK_NEXT } from './freelist.js';
import { compareRecords, type KeyInfo } from './key-compare.js';
import { readPayload } from './overflow.js';

/** One tree to check. `keyInfo` null for an index skips key-order checks (unknown collations). */
export interface TreeToCheck {
  rootPgno: number;
  isTable: boolean;
  keyInfo: KeyInfo | null;
}

const ITEM_TREE_PAGE = 0;
const ITEM_OVERFLOW = 1;
const ITEM_FREELIST_TRUNK = 2;

interface WorkItem {
  kind: number;
  pgno: number;
  tree: number;
  depth: number;
  /** Tables: exclusive lower / inclusive upper rowid bounds. Indexes: exclusive record bounds. */
  lowRowid: number | bigint | null;
  highRowid: number | bigint | null;
  lowKey: Uint8Array | null;
  highKey: Uint8Array | null;
  /** Overflow: pages still expected in the chain, including this one. */
  remaining: number;
  /** Where the reference came from, for messages. */
  from: number;
}

/** The first page number past which SQLite's lock byte (offset 2^30) lives; never used. */
function lockBytePgno(pageSizeBytes: number): number {
  return Math.floor(0x40000000 / pageSizeBytes) + 1;
}

export class IntegrityChecker {
  private readonly messages: string[] = [];
  private readonly stack: WorkItem[] = [];
  private readonly used: Uint8Array;
  private readonly leafDepth: number[];
  private freelistSeen = 0;
  private started = false;
  private finished = false;
  private readonly info = new CellInfo();

  constructor(
    private readonly pager: PagerApi,
    private readonly trees: readonly TreeToCheck[],
    private readonly maxErrors = 100,
  ) {
    this.used = new Uint8Array(pager.pageCount + 1);
    this.leafDepth = trees.map(() => -1);
    for (let t = trees.length - 1; t >= 0; t--) {
      this.stack.push(this.item(ITEM_TREE_PAGE, trees[t]!.rootPgno, t, 0, 0));
    }
  }

  private item(kind: number, pgno: number, tree: number, depth: number, from: number): WorkItem {
    return { kind, pgno, tree, depth, lowRowid: null, highRowid: null, lowKey: null, highKey: null, remaining: 0, from };
  }

  /** Runs the check to the end (restartable); returns the messages, none when all is well. */
  run(): string[] {
    if (this.pager.pageCount === 0) return this.messages;
    if (!this.started) this.startFreelist();
    while (this.stack.length > 0 && this.messages.length < this.maxErrors) {
      const top = this.stack[this.stack.length - 1]!;
      switch (top.kind) {
        case ITEM_TREE_PAGE:
          this.checkTreePage(top);
          break;
        case ITEM_OVERFLOW:
          this.checkOverflowPage(top);
          break;
        default:
          this.checkFreelistTrunk(top);
      }
    }
    if (!this.finished) this.finish();
    return this.messages;
  }

  private startFreelist(): void {
    const page1 = this.pager.get(1).data;
    const first = get32(page1, HeaderOffset.firstFreelistTrunk);
    this.started = true;
    if (first !== 0) this.stack.unshift(this.item(ITEM_FREELIST_TRUNK, first, -1, 0, 0));
  }

  private finish(): void {
    this.finished = true;
    if (this.messages.length >= this.maxErrors) return;
    const page1 = this.pager.get(1).data;
    const expected = get32(page1, HeaderOffset.freelistPageCount);
    if (expected !== this.freelistSeen) {
      this.add(`Freelist: size is ${this.freelistSeen} but should be ${expected}`);
    }
    const lockPage = lockBytePgno(this.pager.pageSizeBytes);
    for (let pgno = 1; pgno <= this.pager.pageCount; pgno++) {
      if (this.used[pgno] === 0 && pgno !== lockPage) this.add(`Page ${pgno}: never used`);
    }
  }

  private add(message: string): void {
    if (this.messages.length < this.maxErrors) this.messages.push(message);
  }

  /** Marks a page used; false (with a message) if out of range or already used. */
  private claim(pgno: number, context: string): boolean {
    if (pgno < 1 || pgno > this.pager.pageCount) {
      this.add(`${context}invalid page number ${pgno}`);
      return false;
    }
    if (this.used[pgno] !== 0) {
      this.add(`${context}2nd reference to page ${pgno}`);
      return false;
    }
    this.used[pgno] = 1;
    return true;
  }

  // ---- Freelist -----------------------------------------------------------------------------

  private checkFreelistTrunk(item: WorkItem): void {
    if (item.pgno < 1 || item.pgno > this.pager.pageCount || this.used[item.pgno] !== 0) {
      this.stack.pop();
      this.claim(item.pgno, 'Freelist: ');
      return;
    }
    const data = this.pager.get(item.pgno).data;
    this.stack.pop();
    this.claim(item.pgno, 'Freelist: ');
    this.freelistSeen++;
    const leaves = get32(data, TRUNK_LEAF_COUNT);
    if (leaves > maxTrunkLeaves(this.pager.usableSizeBytes)) {
      this.add(`Freelist: freelist leaf count too big on page ${item.pgno}`);
      return;
    }
    for (let i = 0; i < leaves; i++) {
      const leaf = get32(data, TRUNK_LEAVES + i * 4);
      this.freelistSeen++;
      this.claim(leaf, 'Freelist: ');
    }
    const next = get32(data, TRUNK_NEXT);
    if (next !== 0) this.stack.push(this.item(ITEM_FREELIST_TRUNK, next, -1, item.depth + 1, item.pgno));
  }

  // ---- Overflow chains ----------------------------------------------------------------------

  private checkOverflowPage(item: WorkItem): void {
    const context = `Tree ${this.trees[item.tree]!.rootPgno} page ${item.from}: `;
    if (item.pgno < 1 || item.pgno > this.pager.pageCount || this.used[item.pgno] !== 0) {
      this.stack.pop();
      this.claim(item.pgno, context);
      return;
    }
    const data = this.pager.get(item.pgno).data;
    this.stack.pop();
    this.claim(item.pgno, context);
    if (item.remaining > 1) {
      const next = get32(data, 0);
      if (next === 0) {
        this.add(`${context}overflow list length is short by ${item.remaining - 1} pages`);
        return;
      }
      const follow = this.item(ITEM_OVERFLOW, next, item.tree, 0, item.from);
      follow.remaining = item.remaining - 1;
      this.stack.push(follow);
    } else {
      // The payload ends on this page, so its next pointer must be 0. SQLite reports a
      // pointer out of range in these words; one in range means the chain is too long.
      const next = get32(data, 0);
      if (next > this.pager.pageCount) this.add(`${context}invalid page number ${next}`);
      else if (next !== 0) this.add(`${context}overflow list length is too long: page ${item.pgno} points on to page ${next}`);
    }
  }

  // ---- B-tree pages -------------------------------------------------------------------------

  private checkTreePage(item: WorkItem): void {
    const pager = this.pager;
    const tree = this.trees[item.tree]!;
    const pgno = item.pgno;
    const context = `Tree ${tree.rootPgno} page ${pgno}: `;
    if (item.depth >= MAX_BTREE_DEPTH) {
      this.stack.pop();
      this.add(`${context}b-tree too deep`);
      return;
    }
    if (pgno < 1 || pgno > pager.pageCount || this.used[pgno] !== 0) {
      this.stack.pop();
      this.claim(pgno, `Tree ${tree.rootPgno} page ${item.from}: `);
      return;
    }
    const page = pager.get(pgno);
    // Analyse fully (this may read overflow pages and pend) before changing any state.
    const found: string[] = [];
    const pushes: WorkItem[] = [];
    let isLeaf = false;
    try {
      isLeaf = this.analysePage(page.data, item, tree, found, pushes);
    } catch (e) {
      if (!(e instanceof SqliteError)) throw e;
      found.push(`${context}${e.message}`);
    }
    this.stack.pop();
    this.used[pgno] = 1;
    for (const m of found) this.add(m);
    if (isLeaf) {
      const expected = this.leafDepth[item.tree]!;
      if (expected === -1) this.leafDepth[item.tree] = item.depth;
      else if (expected !== item.depth) this.add(`${context}child page depth differs`);
    }
    for (let i = pushes.length - 1; i >= 0; i--) this.stack.push(pushes[i]!);
  }

  /** Checks one page; returns whether it is a leaf. Throws SqliteError on unreadable structure. */
  private analysePage(data: Uint8Array, item: WorkItem, tree: TreeToCheck, found: string[], pushes: WorkItem[]): boolean {
    const usable = this.pager.usableSizeBytes;
    const pgno = item.pgno;
    const context = `Tree ${tree.rootPgno} page ${pgno}: `;
    const hdr = btreeHeaderOffset(pgno);
    const type = data[hdr]!;
    if (!isValidPageType(type) || isTableType(type) !== tree.isTable) throw corrupt(`invalid page type ${type}`);
    const leaf = isLeafType(type);
    const n = cellCount(data, hdr);
    const ptrStart = hdr + headerBytesFor(type);
    const start = contentStart(data, hdr);
    if (ptrStart + n * 2 > start || start > usable) throw corrupt('cell pointer array overlaps the content area');
    if (n === 0 && item.depth > 0) found.push(`${context}empty non-root page`);
    // Byte ranges of cells and freeblocks, to find overlaps and count fragments.
    const ranges: number[] = [];
    const info = this.info;
    let prevRowid: number | bigint | null = item.lowRowid;
    let prevKey: Uint8Array | null = item.lowKey;
    const keyInfo = tree.keyInfo;
    for (let i = 0; i < n; i++) {
      const off = get16(data, ptrStart + i * 2);
      if (off < start || off > usable - 4) {
        found.push(`${context}cell ${i} offset ${off} out of range`);
        continue;
      }
      parseCell(data, off, type, usable, info);
      ranges.push(off, off + info.cellSize);
      const cellContext = `${context}cell ${i}: `;
      if (info.overflowPgno !== 0) {
        const chain = this.item(ITEM_OVERFLOW, info.overflowPgno, item.tree, 0, pgno);
        chain.remaining = overflowPageCount(info.payloadSizeBytes, info.localBytes, usable);
        pushes.push(chain);
      }
      let childLowRowid: number | bigint | null = prevRowid;
      let childLowKey: Uint8Array | null = prevKey;
      if (tree.isTable) {
        const rowid = info.rowid;
        if ((prevRowid !== null && rowid <= prevRowid) || (item.highRowid !== null && rowid > item.highRowid)) {
          found.push(`${cellContext}Rowid ${rowid} out of order`);
        }
        prevRowid = rowid;
      } else if (keyInfo !== null) {
        const key = info.localBytes === info.payloadSizeBytes
          ? data.subarray(info.payloadOffset, info.payloadOffset + info.localBytes)
          : readPayload(this.pager, data, info);
        const enc = this.pager.textEncoding;
        const afterPrev = prevKey === null || compareRecords(prevKey, 0, prevKey.length, key, 0, key.length, keyInfo, enc) < 0;
        const beforeHigh = item.highKey === null
          || compareRecords(key, 0, key.length, item.highKey, 0, item.highKey.length, keyInfo, enc) < 0;
        if (!afterPrev || !beforeHigh) found.push(`${cellContext}index key out of order`);
        prevKey = key.slice();
      }
      if (!leaf) {
        const child = this.item(ITEM_TREE_PAGE, info.childPgno, item.tree, item.depth + 1, pgno);
        child.lowRowid = childLowRowid;
        child.highRowid = tree.isTable ? info.rowid : null;
        child.lowKey = childLowKey;
        child.highKey = prevKey;
        pushes.push(child);
      }
    }
    if (!leaf) {
      const child = this.item(ITEM_TREE_PAGE, rightChild(data, hdr), item.tree, item.depth + 1, pgno);
      child.lowRowid = prevRowid;
      child.highRowid = item.highRowid;
      child.lowKey = prevKey;
      child.highKey = item.highKey;
      pushes.push(child);
    }
    this.checkSpace(data, hdr, start, usable, ranges, context, found);
    return leaf;
  }

  /** Cells and freeblocks must not overlap; the bytes left over must equal the fragment count. */
  private checkSpace(data: Uint8Array, hdr: number, start: number, usable: number, ranges: number[], context: string, found: string[]): void {
    let pc = get16(data, hdr + PAGE_HEADER_FIRST_FREEBLOCK);
    for (let count = 0; pc !== 0; count++) {
      if (count > usable / 4 || pc < start || pc > usable - 4) {
        found.push(`${context}freeblock offset ${pc} out of range`);
        return;
      }
      const size = get16(data, pc + FREEBLOCK_SIZE);
      const next = get16(data, pc);
      if (pc + size > usable) {
        found.push(`${context}freeblock extends past the page end`);
        return;
      }
      ranges.push(pc, pc + size);
      if (next !== 0 && next <= pc + size) {
        found.push(`${context}freeblocks out of order`);
        return;
      }
      pc = next;
    }
    const pairs: [number, number][] = [];
    for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
    pairs.sort((a, b) => a[0] - b[0]);
    let frag = 0;
    let prevEnd = start;
    for (const [s, e] of pairs) {
      if (s < prevEnd) {
        found.push(`${context}multiple uses for byte ${s}`);
        return;
      }
      frag += s - prevEnd;
      prevEnd = e;
    }
    frag += usable - prevEnd;
    const reported = data[hdr + PAGE_HEADER_FRAGMENTED_BYTES]!;
    if (frag !== reported) found.push(`${context}fragmentation of ${frag} bytes reported as ${reported}`);
  }
}
