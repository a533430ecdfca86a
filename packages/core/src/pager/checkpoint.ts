/**
 * Checkpoint: copying the newest committed image of every page in the WAL back into the database
 * file, so the log can start over.
 *
 *   1. scan frames 1..maxFrame in order (chunked sequential reads); a frame is copied when it is
 *      the index's newest frame for its page and the page is within the committed size;
 *   2. sync the database file;
 *   3. cut the file to the committed size when it is longer (the database shrank), and sync;
 *   4. the caller then marks the log as fully copied (`Wal.publishCheckpoint`): the next commit
 *      restarts the WAL at frame 1 with new salts, which invalidates every old frame.
 *
 * Crash safety: until step 4 the WAL is untouched and still describes the newest state, so a
 * crash at any step is recovered by replaying the WAL over a partly copied file: every copied
 * page equals the WAL's newest image of it. After step 4 the file alone is the newest state;
 * the old frames stay valid on disk until the restart header is written, and replaying them over
 * the file changes nothing.
 */
import { assert } from '../assert.js';
import { corrupt } from '../errors.js';
import { walFrameOffset, WAL_FRAME_HEADER_SIZE_BYTES, WalFrameOffset } from '../format/wal-format.js';
import type { DbFile } from '../io/file.js';
import { io, type Proc } from '../io/procedure.js';
import type { Wal } from './wal.js';

/** The WAL is read in chunks of about this size. */
const IO_CHUNK_BYTES = 1 << 20;

export interface CheckpointResult {
  /** The WAL's maxFrame when the checkpoint started: it copied frames 1..this. */
  maxFrame: number;
  pageCount: number;
  pagesWritten: number;
}

export function* checkpointSteps(wal: Wal, dbFile: DbFile): Proc<CheckpointResult> {
  const maxFrame = wal.maxFrame;
  const pageCount = wal.commitPageCount;
  const pageSizeBytes = wal.pageSizeBytes;
  if (maxFrame === 0) return { maxFrame, pageCount, pagesWritten: 0 };
  // Snapshot what to copy now: the index may change if a commit runs before this finishes.
  const newest = new Map(wal.index);
  const frameSize = wal.frameSizeBytes;
  const framesPerChunk = Math.max(1, Math.floor(IO_CHUNK_BYTES / frameSize));
  let pagesWritten = 0;
  for (let frame = 1; frame <= maxFrame; ) {
    const count = Math.min(framesPerChunk, maxFrame - frame + 1);
    const chunk = new Uint8Array(count * frameSize);
    const got = yield* io(wal.file.read(walFrameOffset(frame, pageSizeBytes), chunk));
    if (got < chunk.length) throw corrupt('WAL shorter than its committed frames');
    const view = new DataView(chunk.buffer);
    for (let i = 0; i < count; i++, frame++) {
      const pgno = view.getUint32(i * frameSize + WalFrameOffset.pgno);
      if (newest.get(pgno) !== frame || pgno > pageCount) continue;
      const start = i * frameSize + WAL_FRAME_HEADER_SIZE_BYTES;
      yield* io(dbFile.write((pgno - 1) * pageSizeBytes, chunk.subarray(start, start + pageSizeBytes)));
      pagesWritten++;
    }
  }
  assert(pagesWritten <= newest.size, 'checkpoint wrote a page twice');
  yield* io(dbFile.sync());
  const targetBytes = pageCount * pageSizeBytes;
  const fileSizeBytes = yield* io(dbFile.size());
  if (fileSizeBytes > targetBytes) {
    yield* io(dbFile.truncate(targetBytes));
    yield* io(dbFile.sync());
  } else if (fileSizeBytes < targetBytes) {
    // Only pages that never held data (the lock-byte page) can be missing; the file must still
    // cover the whole database, or readers would take the header's size for corruption.
    yield* io(dbFile.write(targetBytes - pageSizeBytes, new Uint8Array(pageSizeBytes)));
    yield* io(dbFile.sync());
  }
  return { maxFrame, pageCount, pagesWritten };
}
