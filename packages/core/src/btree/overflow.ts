/**
 * Overflow chains: the part of a payload that does not fit on its B-tree page (see
 * format/cell.ts for how much stays local). Each overflow page is
 *
 *   offset size   field
 *      0    4     next overflow page (0 on the last page)
 *      4    U-4   payload bytes (the last page uses only what remains)
 *
 * Every walk is bounded by the page count the payload size implies: a chain that ends early,
 * points outside the database, or visits a page twice is SQLITE_CORRUPT.
 */
import { corrupt } from '../errors.js';
import { get32, put32 } from '../format/btree-page.js';
import { CellInfo, OVERFLOW_NEXT_BYTES, overflowPageCount } from '../format/cell.js';
import type { PagerApi } from '../pager/pager-api.js';
import type { PageAllocator } from './freelist.js';

function checkOverflowPgno(pager: PagerApi, pgno: number): void {
  if (pgno < 2 || pgno > pager.pageCount) throw corrupt(`bad overflow page ${pgno}`);
}

/**
 * Copies bytes [from, from + len) of the payload of `cell` (parsed from `data`) into
 * `dst[dstOff]`. Reads overflow pages as needed (may throw IoPending; nothing is changed).
 */
export function readPayloadRange(
  pager: PagerApi,
  data: Uint8Array,
  cell: CellInfo,
  from: number,
  len: number,
  dst: Uint8Array,
  dstOff: number,
): void {
  if (from < 0 || from + len > cell.payloadSizeBytes) throw corrupt('payload range outside the payload');
  let pos = from;
  let out = dstOff;
  const end = from + len;
  if (pos < cell.localBytes) {
    const n = Math.min(end, cell.localBytes) - pos;
    dst.set(data.subarray(cell.payloadOffset + pos, cell.payloadOffset + pos + n), out);
    pos += n;
    out += n;
  }
  if (pos >= end) return;
  const perPage = pager.usableSizeBytes - OVERFLOW_NEXT_BYTES;
  const pages = overflowPageCount(cell.payloadSizeBytes, cell.localBytes, pager.usableSizeBytes);
  let pgno = cell.overflowPgno;
  let pageStart = cell.localBytes; // payload offset of the current overflow page's first byte
  // A chain that loops back would hand out the same bytes twice: remember what was visited.
  const seen = pages > 1 ? new Set<number>() : null;
  for (let i = 0; i < pages && pos < end; i++) {
    checkOverflowPgno(pager, pgno);
    if (seen !== null) {
      if (seen.has(pgno)) throw corrupt('overflow chain loops');
      seen.add(pgno);
    }
    const pageEnd = pageStart + perPage;
    if (pos < pageEnd) {
      const page = pager.get(pgno).data;
      const n = Math.min(end, pageEnd) - pos;
      const src = OVERFLOW_NEXT_BYTES + (pos - pageStart);
      dst.set(page.subarray(src, src + n), out);
      pos += n;
      out += n;
      pgno = get32(page, 0);
    } else {
      pgno = get32(pager.get(pgno).data, 0);
    }
    pageStart = pageEnd;
  }
  if (pos < end) throw corrupt('overflow chain too short');
}

/** The whole payload of `cell` as a fresh array. */
export function readPayload(pager: PagerApi, data: Uint8Array, cell: CellInfo): Uint8Array {
  const out = new Uint8Array(cell.payloadSizeBytes);
  readPayloadRange(pager, data, cell, 0, cell.payloadSizeBytes, out, 0);
  return out;
}

/**
 * Read phase of freeing a chain: loads every overflow page of a payload and appends their
 * numbers to `out`. SQLITE_CORRUPT on a short, looping or out-of-range chain.
 */
export function collectOverflowChain(
  pager: PagerApi,
  firstPgno: number,
  payloadSizeBytes: number,
  localBytes: number,
  out: number[],
): void {
  const pages = overflowPageCount(payloadSizeBytes, localBytes, pager.usableSizeBytes);
  const seen = new Set<number>();
  let pgno = firstPgno;
  for (let i = 0; i < pages; i++) {
    checkOverflowPgno(pager, pgno);
    if (seen.has(pgno)) throw corrupt('overflow chain loops');
    seen.add(pgno);
    out.push(pgno);
    pgno = get32(pager.get(pgno).data, 0);
  }
}

/**
 * Mutation phase: writes `payload[localBytes..]` to newly allocated overflow pages and returns
 * the first page number (0 when nothing spills).
 */
export function writeOverflowChain(pager: PagerApi, alloc: PageAllocator, payload: Uint8Array, localBytes: number): number {
  const perPage = pager.usableSizeBytes - OVERFLOW_NEXT_BYTES;
  let first = 0;
  let prev: Uint8Array | null = null;
  for (let pos = localBytes; pos < payload.length; pos += perPage) {
    const page = alloc.allocate();
    const n = Math.min(perPage, payload.length - pos);
    put32(page.data, 0, 0);
    page.data.set(payload.subarray(pos, pos + n), OVERFLOW_NEXT_BYTES);
    if (prev === null) first = page.pgno;
    else put32(prev, 0, page.pgno);
    prev = page.data;
  }
  return first;
}
