/**
 * How a run of cells is cut into sibling pages when a B-tree level is rebalanced.
 *
 * Input: the sizes of the cells of all siblings taken together, in key order, and the bytes
 * a page offers them (usable size minus the page header). A cell costs its size plus its
 * 2-byte pointer. Two ways to cut:
 *
 *   extract = false (table leaves)   pages hold consecutive runs; dividers are made apart
 *                                    (the largest rowid of each page but the last)
 *   extract = true  (everything else) the cell after each page but the last is lifted out of
 *                                    the children into the parent as the divider
 *
 * The result `ends[j]` is the index just past page j's last cell; page j starts at
 * `ends[j - 1]` (+1 when extracting).
 *
 * 1. Greedy: each page filled as far as it goes gives the fewest pages.
 * 2. With `roomy` (the balance was caused by an over-full page), one more page is used when
 *    the fewest would be more than SPLIT_FILL_LIMIT full: otherwise pages that are full again
 *    after the balance would overflow at the next insert and random inserts would rebalance
 *    (rewriting three pages) every few rows.
 * 3. Evening out, right to left, repeated until nothing moves: a cell moves from a page to
 *    its right neighbour while that does not make the neighbour the fuller of the two.
 *
 * Every page gets at least one cell.
 */
import { CELL_POINTER_BYTES } from '../format/btree-page.js';
import { corrupt } from '../errors.js';

/** Fill above which a split takes one more page than it strictly needs. */
export const SPLIT_FILL_LIMIT = 0.9;
/** Evening-out passes are bounded; each normally moves cells until one pass moves none. */
const MAX_EVEN_PASSES = 64;

export function pageStart(ends: readonly number[], j: number, extract: boolean): number {
  if (j === 0) return 0;
  return ends[j - 1]! + (extract ? 1 : 0);
}

export function distributeCells(sizes: readonly number[], capacityBytes: number, extract: boolean, roomy = false): number[] {
  const n = sizes.length;
  const ends: number[] = [];
  const used: number[] = [];
  let total = 0;
  let i = 0;
  for (;;) {
    const start = i;
    let bytes = 0;
    while (i < n && bytes + sizes[i]! + CELL_POINTER_BYTES <= capacityBytes) {
      bytes += sizes[i]! + CELL_POINTER_BYTES;
      i++;
    }
    if (i === start && i < n) throw corrupt('cell larger than a page');
    ends.push(i);
    used.push(bytes);
    total += bytes;
    if (i >= n) break;
    if (extract) {
      i++;
      if (i >= n) {
        // The divider was the last cell: a last page must exist to its right.
        ends.push(n);
        used.push(0);
        break;
      }
    }
  }
  if (roomy && n > 1 && total > SPLIT_FILL_LIMIT * capacityBytes * ends.length) {
    // An extra, empty page at the end; evening out fills it. It needs a cell of its own (and,
    // when extracting, a divider before it), taken from the end of the last page.
    const last = ends.length - 1;
    const lastStart = pageStart(ends, last, extract);
    const moved = extract ? 2 : 1;
    // The last page must keep a cell of its own: an empty page could not be filled again when
    // its left neighbour has a single cell (two cells too big to share a page).
    if (ends[last]! - lastStart >= moved + 1) {
      const lastEnd = ends[last]!;
      ends[last] = lastEnd - moved;
      let movedBytes = 0;
      for (let k = lastEnd - moved; k < lastEnd; k++) movedBytes += sizes[k]! + CELL_POINTER_BYTES;
      used[last] = used[last]! - movedBytes;
      ends.push(n);
      used.push(sizes[n - 1]! + CELL_POINTER_BYTES);
    }
  }
  for (let pass = 0; pass < MAX_EVEN_PASSES; pass++) {
    if (!evenOut(sizes, capacityBytes, extract, ends, used)) break;
  }
  for (let k = 0; k < ends.length; k++) if (used[k] === 0) throw corrupt('cells too large to distribute');
  return ends;
}

/** One right-to-left pass of moving cells to right neighbours; true if anything moved. */
function evenOut(sizes: readonly number[], capacityBytes: number, extract: boolean, ends: number[], used: number[]): boolean {
  let moved = false;
  for (let k = ends.length - 1; k >= 1; k--) {
    for (;;) {
      const leftStart = pageStart(ends, k - 1, extract);
      const leftEnd = ends[k - 1]!;
      if (leftEnd - leftStart <= 1) break;
      const outgoing = sizes[leftEnd - 1]! + CELL_POINTER_BYTES;
      const incoming = (extract ? sizes[leftEnd]! : sizes[leftEnd - 1]!) + CELL_POINTER_BYTES;
      if (used[k]! + incoming > capacityBytes) break;
      if (used[k]! > 0 && used[k]! + incoming > used[k - 1]! - outgoing) break;
      ends[k - 1] = leftEnd - 1;
      used[k] = used[k]! + incoming;
      used[k - 1] = used[k - 1]! - outgoing;
      moved = true;
    }
  }
  return moved;
}
