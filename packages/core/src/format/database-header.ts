/**
 * The database header: the first 100 bytes of page 1 (and of the database file).
 * All multi-byte integers are big-endian.
 *
 *   offset size  field
 *   ------ ----  -----------------------------------------------------------------------------
 *      0    16   magic "SQLite format 3\0"
 *     16     2   page size in bytes; a power of two 512..32768, or 1 meaning 65536
 *     18     1   file format write version: 1 rollback journal, 2 WAL (>2: read-only)
 *     19     1   file format read version:  1 rollback journal, 2 WAL (>2: unreadable)
 *     20     1   reserved bytes at the end of each page (usable size = page size - this)
 *     21     1   max embedded payload fraction, must be 64
 *     22     1   min embedded payload fraction, must be 32
 *     23     1   leaf payload fraction, must be 32
 *     24     4   file change counter
 *     28     4   database size in pages (trusted only when valid, see `trustedPageCount`)
 *     32     4   first freelist trunk page (0: none)
 *     36     4   total number of freelist pages
 *     40     4   schema cookie
 *     44     4   schema format number 1..4 (0 in a database with no schema yet)
 *     48     4   default page cache size
 *     52     4   largest root b-tree page when auto/incremental vacuum, else 0
 *     56     4   text encoding: 1 UTF-8, 2 UTF-16le, 3 UTF-16be (0 in a fresh database)
 *     60     4   user version (PRAGMA user_version)
 *     64     4   incremental vacuum mode: nonzero true
 *     68     4   application id (PRAGMA application_id)
 *     72    20   reserved for expansion, zero
 *     92     4   version-valid-for: the change counter value when offset 96 was stored
 *     96     4   SQLITE_VERSION_NUMBER of the library that last wrote the file
 *
 * Validation follows SQLite's reading rules: a bad magic, page size, payload fractions, usable
 * size below 480 or read version > 2 mean "file is not a database" (SQLITE_NOTADB); a write
 * version > 2 makes the database read-only; a schema format > 4 is "unsupported file format".
 */
import { corrupt, notADatabase, SqliteError } from '../errors.js';

export const DATABASE_HEADER_SIZE_BYTES = 100;

/** "SQLite format 3" followed by a NUL byte. */
export const DATABASE_MAGIC = new Uint8Array([
  0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00,
]);

export const HeaderOffset = {
  magic: 0,
  pageSize: 16,
  writeVersion: 18,
  readVersion: 19,
  reservedBytes: 20,
  maxPayloadFraction: 21,
  minPayloadFraction: 22,
  leafPayloadFraction: 23,
  changeCounter: 24,
  pageCount: 28,
  firstFreelistTrunk: 32,
  freelistPageCount: 36,
  schemaCookie: 40,
  schemaFormat: 44,
  defaultCacheSize: 48,
  largestRootPage: 52,
  textEncoding: 56,
  userVersion: 60,
  incrementalVacuum: 64,
  applicationId: 68,
  reservedExpansion: 72,
  versionValidFor: 92,
  sqliteVersion: 96,
} as const;

export const MIN_PAGE_SIZE_BYTES = 512;
export const MAX_PAGE_SIZE_BYTES = 65536;
export const DEFAULT_PAGE_SIZE_BYTES = 4096;
/** SQLite refuses databases whose usable page size is below this. */
export const MIN_USABLE_SIZE_BYTES = 480;
export const FILE_FORMAT_ROLLBACK = 1;
export const FILE_FORMAT_WAL = 2;
export const MAX_SCHEMA_FORMAT = 4;
/** The version number Minnow stores at offset 96 (it writes files as SQLite 3.45.0 would). */
export const MINNOW_SQLITE_VERSION_NUMBER = 3045000;

export type TextEncoding = 1 | 2 | 3;

export interface DatabaseHeader {
  pageSizeBytes: number;
  writeVersion: number;
  readVersion: number;
  reservedBytes: number;
  usableSizeBytes: number;
  changeCounter: number;
  /** The raw size field at offset 28; see `trustedPageCount` for when it may be believed. */
  pageCountField: number;
  firstFreelistTrunk: number;
  freelistPageCount: number;
  schemaCookie: number;
  schemaFormat: number;
  textEncoding: TextEncoding;
  versionValidFor: number;
  sqliteVersion: number;
  /** Write version > 2: SQLite opens such files read-only. */
  readOnlyFormat: boolean;
}

export function isValidPageSize(pageSizeBytes: number): boolean {
  return (
    Number.isInteger(pageSizeBytes) &&
    pageSizeBytes >= MIN_PAGE_SIZE_BYTES &&
    pageSizeBytes <= MAX_PAGE_SIZE_BYTES &&
    (pageSizeBytes & (pageSizeBytes - 1)) === 0
  );
}

/** Decodes the 2-byte page size field (1 means 65536); 0 when the field is not a valid size. */
export function decodePageSize(field: number): number {
  const size = field === 1 ? MAX_PAGE_SIZE_BYTES : field;
  return isValidPageSize(size) ? size : 0;
}

export function encodePageSize(pageSizeBytes: number): number {
  return pageSizeBytes === MAX_PAGE_SIZE_BYTES ? 1 : pageSizeBytes;
}

export function hasDatabaseMagic(bytes: Uint8Array): boolean {
  if (bytes.length < DATABASE_MAGIC.length) return false;
  for (let i = 0; i < DATABASE_MAGIC.length; i++) if (bytes[i] !== DATABASE_MAGIC[i]) return false;
  return true;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, DATABASE_HEADER_SIZE_BYTES);
}

/** Parses and validates the first 100 bytes of a database file or page 1. */
export function parseDatabaseHeader(bytes: Uint8Array): DatabaseHeader {
  if (bytes.length < DATABASE_HEADER_SIZE_BYTES || !hasDatabaseMagic(bytes)) throw notADatabase();
  const v = view(bytes);
  const pageSizeBytes = decodePageSize(v.getUint16(HeaderOffset.pageSize));
  if (pageSizeBytes === 0) throw notADatabase();
  const writeVersion = bytes[HeaderOffset.writeVersion]!;
  const readVersion = bytes[HeaderOffset.readVersion]!;
  if (readVersion > FILE_FORMAT_WAL) throw notADatabase();
  if (
    bytes[HeaderOffset.maxPayloadFraction] !== 64 ||
    bytes[HeaderOffset.minPayloadFraction] !== 32 ||
    bytes[HeaderOffset.leafPayloadFraction] !== 32
  ) {
    throw notADatabase();
  }
  const reservedBytes = bytes[HeaderOffset.reservedBytes]!;
  const usableSizeBytes = pageSizeBytes - reservedBytes;
  if (usableSizeBytes < MIN_USABLE_SIZE_BYTES) throw notADatabase();
  const schemaFormat = v.getUint32(HeaderOffset.schemaFormat);
  if (schemaFormat > MAX_SCHEMA_FORMAT) throw new SqliteError('SQLITE_ERROR', 'unsupported file format');
  // SQLite keeps only the low two bits of the encoding field; 0 (a database with no schema
  // yet) means the default, UTF-8.
  const encodingField = v.getUint32(HeaderOffset.textEncoding) & 3;
  const textEncoding = (encodingField === 0 ? 1 : encodingField) as TextEncoding;
  return {
    pageSizeBytes,
    writeVersion,
    readVersion,
    reservedBytes,
    usableSizeBytes,
    changeCounter: v.getUint32(HeaderOffset.changeCounter),
    pageCountField: v.getUint32(HeaderOffset.pageCount),
    firstFreelistTrunk: v.getUint32(HeaderOffset.firstFreelistTrunk),
    freelistPageCount: v.getUint32(HeaderOffset.freelistPageCount),
    schemaCookie: v.getUint32(HeaderOffset.schemaCookie),
    schemaFormat,
    textEncoding,
    versionValidFor: v.getUint32(HeaderOffset.versionValidFor),
    sqliteVersion: v.getUint32(HeaderOffset.sqliteVersion),
    readOnlyFormat: writeVersion > FILE_FORMAT_WAL,
  };
}

/**
 * The database size in pages, given the size implied by the file (or WAL). The header's size
 * field is believed only when it is nonzero and the change counter equals version-valid-for
 * (older writers updated the counter without the size); a believed size larger than the file is
 * corruption. Otherwise the size comes from the file.
 */
export function trustedPageCount(header: DatabaseHeader, pagesInFile: number): number {
  const valid = header.pageCountField !== 0 && header.changeCounter === header.versionValidFor;
  if (!valid) return pagesInFile;
  if (header.pageCountField > pagesInFile) {
    throw corrupt(`header says ${header.pageCountField} pages, file holds ${pagesInFile}`);
  }
  return header.pageCountField;
}

export interface NewDatabaseOptions {
  pageSizeBytes: number;
  /** FILE_FORMAT_WAL (2) for WAL databases, FILE_FORMAT_ROLLBACK (1) otherwise. */
  fileFormat: number;
  textEncoding: TextEncoding;
  reservedBytes?: number;
}

/** Writes the header of a brand-new one-page database into `page1` (at least 100 bytes). */
export function writeNewDatabaseHeader(page1: Uint8Array, options: NewDatabaseOptions): void {
  if (!isValidPageSize(options.pageSizeBytes)) {
    throw new SqliteError('SQLITE_MISUSE', `invalid page size ${options.pageSizeBytes}`);
  }
  page1.fill(0, 0, DATABASE_HEADER_SIZE_BYTES);
  page1.set(DATABASE_MAGIC, HeaderOffset.magic);
  const v = view(page1);
  v.setUint16(HeaderOffset.pageSize, encodePageSize(options.pageSizeBytes));
  page1[HeaderOffset.writeVersion] = options.fileFormat;
  page1[HeaderOffset.readVersion] = options.fileFormat;
  page1[HeaderOffset.reservedBytes] = options.reservedBytes ?? 0;
  page1[HeaderOffset.maxPayloadFraction] = 64;
  page1[HeaderOffset.minPayloadFraction] = 32;
  page1[HeaderOffset.leafPayloadFraction] = 32;
  v.setUint32(HeaderOffset.changeCounter, 1);
  v.setUint32(HeaderOffset.pageCount, 1);
  v.setUint32(HeaderOffset.schemaFormat, MAX_SCHEMA_FORMAT);
  v.setUint32(HeaderOffset.textEncoding, options.textEncoding);
  v.setUint32(HeaderOffset.versionValidFor, 1);
  v.setUint32(HeaderOffset.sqliteVersion, MINNOW_SQLITE_VERSION_NUMBER);
}

/**
 * Stamps a commit into page 1: bumps the change counter, stores the database size and makes it
 * trustworthy (version-valid-for = counter), and records the writer's version number.
 */
export function stampCommit(page1: Uint8Array, pageCount: number): void {
  const v = view(page1);
  const counter = (v.getUint32(HeaderOffset.changeCounter) + 1) >>> 0;
  v.setUint32(HeaderOffset.changeCounter, counter);
  v.setUint32(HeaderOffset.pageCount, pageCount);
  v.setUint32(HeaderOffset.versionValidFor, counter);
  v.setUint32(HeaderOffset.sqliteVersion, MINNOW_SQLITE_VERSION_NUMBER);
}

/** Sets the file format bytes 18/19 (2 marks a WAL database). */
export function setFileFormat(page1: Uint8Array, fileFormat: number): void {
  page1[HeaderOffset.writeVersion] = fileFormat;
  page1[HeaderOffset.readVersion] = fileFormat;
}
