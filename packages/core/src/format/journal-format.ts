/**
 * The rollback journal (`<db>-journal`). Minnow reads it (a hot journal left by a crashed
 * rollback-mode writer is played back on open) and writes only one kind: the header-only journal
 * that guards the creation of a new database's page 1 (see pager.ts, `commitSteps`). All
 * integers are big-endian.
 *
 * The journal is a sequence of segments. Each starts with a header padded to the sector size:
 *
 *   offset size  field
 *      0     8   magic d9 d5 05 f9 20 a1 63 d7
 *      8     4   record count nRec of this segment (0xffffffff: "up to the end of the file")
 *     12     4   checksum nonce (random per transaction)
 *     16     4   database size in pages before the transaction
 *     20     4   sector size: the header occupies this many bytes
 *     24     4   page size of the database
 *
 * followed by nRec page records:
 *
 *      0     4   page number
 *      4     P   the page's original content (P = page size)
 *    4+P     4   checksum: nonce + the bytes at offsets P-200, P-400, ... (> 0) of the content
 *
 * The next segment's header starts at the next multiple of the sector size.
 *
 * A journal may end with a super-journal record (multi-database transactions):
 *
 *      0     4   the lock-byte page number (marks the record)
 *      4     N   super-journal file name (UTF-8, no terminator)
 *    4+N     4   N
 *    8+N     4   checksum: sum of the name's bytes
 *   12+N     8   the journal magic
 * When it names a super-journal that no longer exists, the transaction committed and the journal
 * must not be played back.
 *
 * A journal whose first byte is zero (header zeroed by journal_mode=PERSIST) or that is empty
 * (journal_mode=TRUNCATE) is not hot.
 */

export const JOURNAL_MAGIC = new Uint8Array([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
export const JOURNAL_HEADER_FIELDS_SIZE_BYTES = 28;
export const JOURNAL_NREC_TO_END = 0xffffffff;
export const MIN_SECTOR_SIZE_BYTES = 32;
export const MAX_SECTOR_SIZE_BYTES = 65536;
/** Spacing of the bytes a record checksum samples, counted back from the end of the page. */
const CHECKSUM_STRIDE_BYTES = 200;

export const JournalHeaderOffset = {
  magic: 0,
  recordCount: 8,
  nonce: 12,
  initialPageCount: 16,
  sectorSize: 20,
  pageSize: 24,
} as const;

/** Size of one page record. */
export function journalRecordSizeBytes(pageSizeBytes: number): number {
  return 4 + pageSizeBytes + 4;
}

export interface JournalHeader {
  recordCount: number;
  nonce: number;
  initialPageCount: number;
  sectorSizeBytes: number;
  pageSizeBytes: number;
}

function isPowerOfTwoIn(n: number, lo: number, hi: number): boolean {
  return n >= lo && n <= hi && (n & (n - 1)) === 0;
}

export function hasJournalMagic(bytes: Uint8Array, offset = 0): boolean {
  if (bytes.length < offset + JOURNAL_MAGIC.length) return false;
  for (let i = 0; i < JOURNAL_MAGIC.length; i++) if (bytes[offset + i] !== JOURNAL_MAGIC[i]) return false;
  return true;
}

/**
 * A journal segment header with no records, padded to `sectorSizeBytes`: played back, it only
 * cuts the database to `initialPageCount` pages.
 */
export function encodeJournalHeader(initialPageCount: number, pageSizeBytes: number, sectorSizeBytes = 512): Uint8Array {
  const bytes = new Uint8Array(sectorSizeBytes);
  bytes.set(JOURNAL_MAGIC, JournalHeaderOffset.magic);
  const v = new DataView(bytes.buffer);
  v.setUint32(JournalHeaderOffset.recordCount, 0);
  v.setUint32(JournalHeaderOffset.nonce, 0);
  v.setUint32(JournalHeaderOffset.initialPageCount, initialPageCount);
  v.setUint32(JournalHeaderOffset.sectorSize, sectorSizeBytes);
  v.setUint32(JournalHeaderOffset.pageSize, pageSizeBytes);
  return bytes;
}

/** Decodes a segment header; null when it is not one (which ends playback). */
export function decodeJournalHeader(bytes: Uint8Array): JournalHeader | null {
  if (bytes.length < JOURNAL_HEADER_FIELDS_SIZE_BYTES || !hasJournalMagic(bytes)) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, JOURNAL_HEADER_FIELDS_SIZE_BYTES);
  const sectorSizeBytes = v.getUint32(JournalHeaderOffset.sectorSize);
  const pageSizeBytes = v.getUint32(JournalHeaderOffset.pageSize);
  if (!isPowerOfTwoIn(sectorSizeBytes, MIN_SECTOR_SIZE_BYTES, MAX_SECTOR_SIZE_BYTES)) return null;
  if (!isPowerOfTwoIn(pageSizeBytes, 512, 65536)) return null;
  return {
    recordCount: v.getUint32(JournalHeaderOffset.recordCount),
    nonce: v.getUint32(JournalHeaderOffset.nonce),
    initialPageCount: v.getUint32(JournalHeaderOffset.initialPageCount),
    sectorSizeBytes,
    pageSizeBytes,
  };
}

/** The checksum a page record must carry. `record` starts at the record's page number. */
export function journalRecordChecksum(record: Uint8Array, pageSizeBytes: number, nonce: number): number {
  let sum = nonce;
  for (let i = pageSizeBytes - CHECKSUM_STRIDE_BYTES; i > 0; i -= CHECKSUM_STRIDE_BYTES) {
    sum = (sum + record[4 + i]!) >>> 0;
  }
  return sum;
}

export interface JournalRecord {
  pgno: number;
  checksumOk: boolean;
}

/** Decodes the record at `record[0, 8 + pageSize)`. */
export function decodeJournalRecord(record: Uint8Array, pageSizeBytes: number, nonce: number): JournalRecord {
  const v = new DataView(record.buffer, record.byteOffset, journalRecordSizeBytes(pageSizeBytes));
  const pgno = v.getUint32(0);
  const stored = v.getUint32(4 + pageSizeBytes);
  return { pgno, checksumOk: stored === journalRecordChecksum(record, pageSizeBytes, nonce) };
}

/** Super-journal trailer: 4 (length) + 4 (checksum) + 8 (magic) bytes before the end. */
export const SUPER_JOURNAL_TRAILER_SIZE_BYTES = 16;
/** SQLite limits path names; a longer "name" means the trailer is not one. */
export const MAX_SUPER_JOURNAL_NAME_BYTES = 65536;

/**
 * Decodes the name length and checksum from a super-journal trailer (the journal's last 16
 * bytes); null when the trailer is not one.
 */
export function decodeSuperJournalTrailer(trailer: Uint8Array): { nameLengthBytes: number; checksum: number } | null {
  if (trailer.length !== SUPER_JOURNAL_TRAILER_SIZE_BYTES || !hasJournalMagic(trailer, 8)) return null;
  const v = new DataView(trailer.buffer, trailer.byteOffset, 8);
  const nameLengthBytes = v.getUint32(0);
  if (nameLengthBytes === 0 || nameLengthBytes > MAX_SUPER_JOURNAL_NAME_BYTES) return null;
  return { nameLengthBytes, checksum: v.getUint32(4) };
}
