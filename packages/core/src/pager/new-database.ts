/**
 * Page 1 of a new, empty database: the database header (WAL format, 2/2), then the root page
 * of sqlite_schema as an empty table-leaf b-tree page:
 *
 *   offset  size  value
 *     100     1   0x0d  table leaf
 *     101     2   0     no freeblock
 *     103     2   0     no cells
 *     105     2   start of the cell content area = end of the usable space (65536 stored as 0)
 *     107     1   0     no fragmented bytes
 */
import { DATABASE_HEADER_SIZE_BYTES, FILE_FORMAT_WAL, writeNewDatabaseHeader, type TextEncoding } from '../format/database-header.js';

const TABLE_LEAF_PAGE_TYPE = 0x0d;
const CONTENT_START_OFFSET = 5;

export function newDatabasePage1(pageSizeBytes: number, textEncoding: TextEncoding): Uint8Array {
  const data = new Uint8Array(pageSizeBytes);
  writeNewDatabaseHeader(data, { pageSizeBytes, fileFormat: FILE_FORMAT_WAL, textEncoding });
  const btreeHeader = DATABASE_HEADER_SIZE_BYTES;
  data[btreeHeader] = TABLE_LEAF_PAGE_TYPE;
  const contentStart = pageSizeBytes === 65536 ? 0 : pageSizeBytes;
  data[btreeHeader + CONTENT_START_OFFSET] = contentStart >>> 8;
  data[btreeHeader + CONTENT_START_OFFSET + 1] = contentStart & 0xff;
  return data;
}
