/**
 * Hot-journal rollback: undoing the transaction of a rollback-mode writer (SQLite or another
 * tool) that crashed mid-commit. Layout: format/journal-format.ts.
 *
 * A journal is hot when it exists, the database file is not empty, and its first byte is not
 * zero. Playback writes back the original content of each journalled page (first record for a
 * page wins: it holds the content before the transaction), stops at the first record whose
 * checksum is wrong (it was never synced), truncates the database to its size before the
 * transaction, syncs the database, and only then deletes the journal: a crash during playback
 * leaves the journal hot, and playing it back again gives the same result.
 *
 * A journal whose super-journal no longer exists belongs to a multi-database transaction that
 * committed: it is deleted without playback.
 */
import { SqliteError } from '../errors.js';
import {
  decodeJournalHeader,
  decodeJournalRecord,
  decodeSuperJournalTrailer,
  JOURNAL_HEADER_FIELDS_SIZE_BYTES,
  JOURNAL_NREC_TO_END,
  journalRecordSizeBytes,
  SUPER_JOURNAL_TRAILER_SIZE_BYTES,
} from '../format/journal-format.js';
import type { DbFile, Storage } from '../io/file.js';
import { io, type Proc } from '../io/procedure.js';

/** Records are read in chunks of about this size. */
const IO_CHUNK_BYTES = 1 << 20;

export type HotJournalOutcome = 'none' | 'not-hot' | 'rolled-back' | 'discarded';

/**
 * Rolls back `<name>-journal` into `dbFile` when it is hot. `readonly`: a hot journal cannot be
 * rolled back, which is SQLITE_READONLY (SQLite reports SQLITE_READONLY_ROLLBACK).
 */
export function* rollbackHotJournal(
  storage: Storage,
  dbFile: DbFile,
  journalName: string,
  readonly: boolean,
): Proc<HotJournalOutcome> {
  if (!(yield* io(storage.exists(journalName)))) return 'none';
  const dbSizeBytes = yield* io(dbFile.size());
  if (dbSizeBytes === 0) {
    // A journal beside an empty database is left over from nothing worth undoing.
    if (!readonly) yield* io(storage.delete(journalName));
    return 'discarded';
  }
  const journal = yield* io(storage.open(journalName, { create: false, readonly: true }));
  let outcome: HotJournalOutcome;
  try {
    const journalSizeBytes = yield* io(journal.size());
    const first = new Uint8Array(1);
    if (journalSizeBytes === 0) return 'not-hot';
    yield* io(journal.read(0, first));
    if (first[0] === 0) return 'not-hot';
    if (readonly) throw new SqliteError('SQLITE_READONLY', 'attempt to write a readonly database');
    if (yield* superJournalIsGone(storage, journal, journalSizeBytes)) {
      outcome = 'discarded';
    } else {
      yield* playBack(journal, journalSizeBytes, dbFile);
      outcome = 'rolled-back';
    }
  } finally {
    yield* io(journal.close());
  }
  yield* io(storage.delete(journalName));
  return outcome;
}

function* playBack(journal: DbFile, journalSizeBytes: number, dbFile: DbFile): Proc<void> {
  const headerBytes = new Uint8Array(JOURNAL_HEADER_FIELDS_SIZE_BYTES);
  const restored = new Set<number>();
  let originalPageCount = -1;
  let pageSizeBytes = 0;
  let offset = 0;
  // Every segment advances `offset` by at least one sector, so this ends within the file.
  segments: while (offset + JOURNAL_HEADER_FIELDS_SIZE_BYTES <= journalSizeBytes) {
    yield* io(journal.read(offset, headerBytes));
    const header = decodeJournalHeader(headerBytes);
    if (header === null) break;
    if (originalPageCount < 0) {
      originalPageCount = header.initialPageCount;
      pageSizeBytes = header.pageSizeBytes;
    } else if (header.pageSizeBytes !== pageSizeBytes) {
      break;
    }
    offset += header.sectorSizeBytes;
    const recordSize = journalRecordSizeBytes(pageSizeBytes);
    const recordsLeftInFile = Math.max(0, Math.floor((journalSizeBytes - offset) / recordSize));
    const recordCount =
      header.recordCount === JOURNAL_NREC_TO_END ? recordsLeftInFile : Math.min(header.recordCount, recordsLeftInFile);
    const perChunk = Math.max(1, Math.floor(IO_CHUNK_BYTES / recordSize));
    for (let done = 0; done < recordCount; ) {
      const count = Math.min(perChunk, recordCount - done);
      const chunk = new Uint8Array(count * recordSize);
      yield* io(journal.read(offset, chunk));
      for (let i = 0; i < count; i++) {
        const record = chunk.subarray(i * recordSize, (i + 1) * recordSize);
        const { pgno, checksumOk } = decodeJournalRecord(record, pageSizeBytes, header.nonce);
        if (pgno === 0 || !checksumOk) break segments;
        if (pgno <= originalPageCount && !restored.has(pgno)) {
          restored.add(pgno);
          yield* io(dbFile.write((pgno - 1) * pageSizeBytes, record.subarray(4, 4 + pageSizeBytes)));
        }
      }
      done += count;
      offset += count * recordSize;
    }
    // "To the end" segments are the last; a segment cut short by the file's end is too.
    if (header.recordCount === JOURNAL_NREC_TO_END || recordCount < header.recordCount) break;
    offset = Math.ceil(offset / header.sectorSizeBytes) * header.sectorSizeBytes;
  }
  if (originalPageCount >= 0) {
    const targetBytes = originalPageCount * pageSizeBytes;
    const currentBytes = yield* io(dbFile.size());
    if (currentBytes > targetBytes) {
      yield* io(dbFile.truncate(targetBytes));
    } else if (currentBytes + pageSizeBytes <= targetBytes) {
      yield* io(dbFile.write(targetBytes - pageSizeBytes, new Uint8Array(pageSizeBytes)));
    }
  }
  yield* io(dbFile.sync());
}

/** True when the journal names a super-journal that no longer exists. */
function* superJournalIsGone(storage: Storage, journal: DbFile, journalSizeBytes: number): Proc<boolean> {
  if (journalSizeBytes < SUPER_JOURNAL_TRAILER_SIZE_BYTES + 4) return false;
  const trailer = new Uint8Array(SUPER_JOURNAL_TRAILER_SIZE_BYTES);
  yield* io(journal.read(journalSizeBytes - SUPER_JOURNAL_TRAILER_SIZE_BYTES, trailer));
  const decoded = decodeSuperJournalTrailer(trailer);
  if (decoded === null) return false;
  const nameOffset = journalSizeBytes - SUPER_JOURNAL_TRAILER_SIZE_BYTES - decoded.nameLengthBytes;
  if (nameOffset < 4) return false;
  const name = new Uint8Array(decoded.nameLengthBytes);
  yield* io(journal.read(nameOffset, name));
  // SQLite sums the name as C chars, which are signed on some platforms: accept either sum.
  let unsignedSum = 0;
  let signedSum = 0;
  for (const b of name) {
    unsignedSum = (unsignedSum + b) >>> 0;
    signedSum = (signedSum + (b >= 128 ? b - 256 : b)) >>> 0;
  }
  if (decoded.checksum !== unsignedSum && decoded.checksum !== signedSum) return false;
  const superName = new TextDecoder().decode(name);
  return !(yield* io(storage.exists(superName)));
}
