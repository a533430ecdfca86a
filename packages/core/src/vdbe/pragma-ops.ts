/**
 * The VM side of PRAGMA: reading and writing 32-bit database header fields (user_version,
 * application_id, schema_version, freelist_count) and the page count/size. Each reads page 1
 * before changing anything, so an IoPending leaves the VM untouched (restartable).
 */
import { get32, put32 } from '../format/btree-page.js';
import type { SqlValue } from '../format/sql-value.js';
import type { PagerApi } from '../pager/pager-api.js';

/** ReadHeader P3 values that are not header offsets. */
export const HEADER_PAGE_COUNT = -1;
export const HEADER_PAGE_SIZE = -2;

export function readHeaderField(pager: PagerApi, field: number): SqlValue {
  if (field === HEADER_PAGE_COUNT) return pager.pageCount;
  if (field === HEADER_PAGE_SIZE) return pager.pageSizeBytes;
  if (pager.pageCount === 0) return 0;
  return get32(pager.get(1).data, field) | 0;
}

/** Stores `value` (an integer, as SQLite converts it) at header offset `field`. */
export function writeHeaderField(pager: PagerApi, field: number, value: SqlValue): void {
  const page1 = pager.get(1);
  let n = 0;
  if (typeof value === 'number') n = Math.trunc(value);
  else if (typeof value === 'bigint') n = Number(BigInt.asIntN(32, value));
  else if (typeof value === 'string') n = Number.parseInt(value, 10) || 0;
  pager.markDirty(page1);
  put32(page1.data, field, n >>> 0);
}
