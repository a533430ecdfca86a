/**
 * Opening a database: the resumable procedure behind `Pager.open`.
 *
 *   1. open the database file;
 *   2. roll back a hot rollback journal, if any (hot-journal.ts);
 *   3. an empty file is an empty database (a WAL beside it is stale and is deleted, as SQLite
 *      does); a non-empty file must start with a valid header (else SQLITE_NOTADB), read
 *      zero-filled when the file is shorter than 100 bytes;
 *   4. if `<name>-wal` exists, recover it (wal.ts): its last commit frame gives the database
 *      size, and page 1 is read through it;
 *   5. the database size: from the header when the header's size is valid, else from the WAL or
 *      the file size (database-header.ts, `trustedPageCount`).
 */
import {
  DATABASE_HEADER_SIZE_BYTES,
  DEFAULT_PAGE_SIZE_BYTES,
  FILE_FORMAT_WAL,
  isValidPageSize,
  parseDatabaseHeader,
  trustedPageCount,
  type TextEncoding,
} from '../format/database-header.js';
import { corrupt, SqliteError } from '../errors.js';
import type { DbFile, Storage } from '../io/file.js';
import { io, type Proc } from '../io/procedure.js';
import { rollbackHotJournal } from './hot-journal.js';
import { Wal } from './wal.js';

export type JournalMode = 'wal' | 'delete';

export interface PagerOptions {
  /** Page size of a new database (ignored for an existing one). Default 4096. */
  pageSizeBytes?: number;
  /** Create the file when missing. Default true (false when readonly). */
  create?: boolean;
  readonly?: boolean;
  /** Page cache capacity in pages. Default 2000. */
  cacheSizePages?: number;
  /** Only 'wal' writes; 'delete' opens for reading only (see pager.ts). Default 'wal'. */
  journalMode?: JournalMode;
  /** Text encoding of a new database. Default 1 (UTF-8). */
  textEncoding?: TextEncoding;
  /** Checkpoint after a commit that leaves at least this many frames in the WAL. Default 1000. */
  autoCheckpointFrames?: number;
}

export interface OpenedDatabase {
  dbFile: DbFile;
  wal: Wal | null;
  pageSizeBytes: number;
  usableSizeBytes: number;
  textEncoding: TextEncoding;
  /** Committed database size in pages (0: empty database, nothing on disk yet). */
  pageCount: number;
  /** Page 1 as read (null for an empty database), to seed the cache. */
  page1: Uint8Array | null;
  /** Header bytes 18/19 are both 2. */
  walFormatInHeader: boolean;
  /** The header's write version is above 2: SQLite opens such files read-only. */
  readOnlyFormat: boolean;
}

export function walNameFor(name: string): string {
  return `${name}-wal`;
}

export function journalNameFor(name: string): string {
  return `${name}-journal`;
}

export function* openDatabase(storage: Storage, name: string, options: PagerOptions): Proc<OpenedDatabase> {
  const readonly = options.readonly === true;
  const create = !readonly && options.create !== false;
  const dbFile = yield* io(storage.open(name, { create, readonly }));
  let wal: Wal | null = null;
  try {
    yield* rollbackHotJournal(storage, dbFile, journalNameFor(name), readonly);
    const fileSizeBytes = yield* io(dbFile.size());
    const walName = walNameFor(name);
    if (fileSizeBytes === 0) {
      if (!readonly && (yield* io(storage.exists(walName)))) yield* io(storage.delete(walName));
      const pageSizeBytes = options.pageSizeBytes ?? DEFAULT_PAGE_SIZE_BYTES;
      if (!isValidPageSize(pageSizeBytes)) {
        throw new SqliteError('SQLITE_MISUSE', `invalid page size ${pageSizeBytes}`);
      }
      return {
        dbFile,
        wal: null,
        pageSizeBytes,
        usableSizeBytes: pageSizeBytes,
        textEncoding: options.textEncoding ?? 1,
        pageCount: 0,
        page1: null,
        walFormatInHeader: false,
        readOnlyFormat: false,
      };
    }
    // A file shorter than the header is read zero-filled, as SQLite does: without the magic it
    // is not a database; with it, the zero b-tree page that follows is corruption, found later.
    const headerBytes = new Uint8Array(DATABASE_HEADER_SIZE_BYTES);
    yield* io(dbFile.read(0, headerBytes));
    const fileHeader = parseDatabaseHeader(headerBytes);
    const pageSizeBytes = fileHeader.pageSizeBytes;

    if (yield* io(storage.exists(walName))) {
      const walFile = yield* io(storage.open(walName, { create: false, readonly }));
      wal = new Wal(walFile, pageSizeBytes);
      yield* wal.recover();
    }
    const pagesInFile =
      wal !== null && wal.commitPageCount > 0 ? wal.commitPageCount : Math.ceil(fileSizeBytes / pageSizeBytes);

    const page1 = new Uint8Array(pageSizeBytes);
    const page1Frame = wal?.frameFor(1) ?? 0;
    if (wal !== null && page1Frame !== 0) {
      const got = yield* io(wal.file.read(wal.pageOffset(page1Frame), page1));
      if (got !== pageSizeBytes) throw corrupt('short read of page 1 from the WAL');
    } else {
      yield* io(dbFile.read(0, page1));
    }
    const header = parseDatabaseHeader(page1);
    if (header.pageSizeBytes !== pageSizeBytes) throw corrupt('page size changed in the WAL');
    return {
      dbFile,
      wal,
      pageSizeBytes,
      usableSizeBytes: header.usableSizeBytes,
      textEncoding: header.textEncoding,
      pageCount: trustedPageCount(header, pagesInFile),
      page1,
      walFormatInHeader: header.writeVersion === FILE_FORMAT_WAL && header.readVersion === FILE_FORMAT_WAL,
      readOnlyFormat: header.readOnlyFormat,
    };
  } catch (e) {
    if (wal !== null) yield* closeQuietly(wal.file);
    yield* closeQuietly(dbFile);
    throw e;
  }
}

function* closeQuietly(file: DbFile): Proc<void> {
  try {
    yield* io(file.close());
  } catch {
    // The open already failed; that error is the one to report.
  }
}
