/**
 * The write-ahead log: recovery on open, appending a transaction's frames, and the in-memory
 * WAL index. Byte layout: format/wal-format.ts.
 *
 * Minnow is single-process and allows one connection per database file, so the WAL index lives
 * in memory only (no `-shm` file is read or written; a stale `-shm` beside a WAL is ignored) and
 * a reader's snapshot is always the latest commit: nobody else can append.
 *
 * State:
 *   header        the header of the log currently being appended to; null before the first
 *                 valid header exists (then `needsRestart` is true)
 *   maxFrame      the last frame of the last committed transaction (0: nothing committed)
 *   lastChecksum  the cumulative checksum at maxFrame (the header's when maxFrame is 0)
 *   index         pgno -> the newest frame <= maxFrame holding that page
 *   commitPageCount  database size in pages recorded by the commit frame at maxFrame
 *   needsRestart  the next append starts over at frame 1 with a new header and new salts (after
 *                 a checkpoint copied everything back, or when the file held no valid log)
 *
 * Invariants: every frame in `index` is <= maxFrame and was verified (salt + checksum chain) or
 * written and synced by us; frames past maxFrame are garbage and are overwritten by the next
 * append. Changes of state happen only in `publish*` methods, after the procedure doing the I/O
 * has finished, so a failed or restarted procedure leaves the state as it was.
 */
import { assert } from '../assert.js';
import { corrupt } from '../errors.js';
import {
  decodeWalHeader,
  encodeWalHeader,
  sealWalFrame,
  verifyWalFrame,
  walFrameOffset,
  WAL_FRAME_HEADER_SIZE_BYTES,
  WAL_HEADER_SIZE_BYTES,
  type WalChecksum,
  type WalHeader,
} from '../format/wal-format.js';
import { io, type Proc } from '../io/procedure.js';
import type { DbFile } from '../io/file.js';

/** Frames are read during recovery, and written during commit, in chunks of about this size. */
const IO_CHUNK_BYTES = 1 << 20;

export interface WalAppendResult {
  header: WalHeader;
  firstFrame: number;
  maxFrame: number;
  lastChecksum: WalChecksum;
  pgnos: number[];
  commitPageCount: number;
}

export class Wal {
  header: WalHeader | null = null;
  maxFrame = 0;
  lastChecksum: WalChecksum = { s0: 0, s1: 0 };
  commitPageCount = 0;
  needsRestart = true;
  readonly index = new Map<number, number>();

  constructor(
    public file: DbFile,
    readonly pageSizeBytes: number,
  ) {}

  get frameSizeBytes(): number {
    return WAL_FRAME_HEADER_SIZE_BYTES + this.pageSizeBytes;
  }

  /** Frames currently in the log that a checkpoint would copy back. */
  get frameCount(): number {
    return this.maxFrame;
  }

  /** Byte offset of the page image in frame `frameIndex`. */
  pageOffset(frameIndex: number): number {
    return walFrameOffset(frameIndex, this.pageSizeBytes) + WAL_FRAME_HEADER_SIZE_BYTES;
  }

  /** The newest committed frame holding `pgno`, or 0. */
  frameFor(pgno: number): number {
    return this.index.get(pgno) ?? 0;
  }

  /**
   * Recovery: reads the log and rebuilds the index from every frame up to the last valid commit
   * frame. Reading stops at the first frame with a wrong salt or checksum; frames after the last
   * commit frame are ignored (their transaction never committed).
   */
  *recover(): Proc<void> {
    const fileSizeBytes = yield* io(this.file.size());
    this.resetState(null);
    if (fileSizeBytes < WAL_HEADER_SIZE_BYTES) return;
    const headerBytes = new Uint8Array(WAL_HEADER_SIZE_BYTES);
    yield* io(this.file.read(0, headerBytes));
    const header = decodeWalHeader(headerBytes);
    if (header === null) return;
    if (header.pageSizeBytes !== this.pageSizeBytes) {
      throw corrupt(`WAL page size ${header.pageSizeBytes} differs from the database's ${this.pageSizeBytes}`);
    }
    const frameSize = this.frameSizeBytes;
    const framesInFile = Math.floor((fileSizeBytes - WAL_HEADER_SIZE_BYTES) / frameSize);
    const framesPerChunk = Math.max(1, Math.floor(IO_CHUNK_BYTES / frameSize));
    const index = new Map<number, number>();
    let pending: number[] = [];
    let sum = header.checksum;
    let maxFrame = 0;
    let lastChecksum = header.checksum;
    let commitPageCount = 0;
    let frame = 1;
    scan: while (frame <= framesInFile) {
      const count = Math.min(framesPerChunk, framesInFile - frame + 1);
      const chunk = new Uint8Array(count * frameSize);
      const got = yield* io(this.file.read(walFrameOffset(frame, this.pageSizeBytes), chunk));
      const whole = Math.floor(got / frameSize);
      for (let i = 0; i < whole; i++, frame++) {
        const verified = verifyWalFrame(chunk, i * frameSize, header, sum);
        if (verified === null) break scan;
        sum = verified.checksum;
        pending.push(verified.pgno, frame);
        if (verified.commitPageCount !== 0) {
          for (let k = 0; k < pending.length; k += 2) index.set(pending[k]!, pending[k + 1]!);
          pending = [];
          maxFrame = frame;
          lastChecksum = sum;
          commitPageCount = verified.commitPageCount;
        }
      }
      if (whole < count) break;
    }
    this.header = header;
    this.needsRestart = false;
    this.maxFrame = maxFrame;
    this.lastChecksum = lastChecksum;
    this.commitPageCount = commitPageCount;
    for (const [pgno, f] of index) this.index.set(pgno, f);
  }

  /**
   * Appends one transaction: `pages` in order, the last one marked as the commit frame carrying
   * `commitPageCount`, then syncs (the durability point). Restarts the log first when needed;
   * the new header is synced before any frame is written so that frames of the old log can never
   * be mistaken for part of the new one. Does not change this object: pass the result to
   * `publishAppend`.
   */
  *append(pages: readonly { pgno: number; data: Uint8Array }[], commitPageCount: number): Proc<WalAppendResult> {
    assert(pages.length > 0, 'a WAL commit needs at least one frame');
    let header: WalHeader;
    let firstFrame: number;
    let sum: WalChecksum;
    if (this.needsRestart || this.header === null) {
      const old = this.header;
      const salt1 = old === null ? randomUint32() : (old.salt1 + 1) >>> 0;
      const fresh = {
        bigEndianChecksum: false,
        pageSizeBytes: this.pageSizeBytes,
        checkpointSeq: old === null ? 0 : (old.checkpointSeq + 1) >>> 0,
        salt1,
        salt2: randomUint32(),
      };
      const bytes = new Uint8Array(WAL_HEADER_SIZE_BYTES);
      const headerSum = encodeWalHeader(bytes, fresh);
      header = { ...fresh, checksum: headerSum };
      yield* io(this.file.write(0, bytes));
      yield* io(this.file.sync());
      firstFrame = 1;
      sum = headerSum;
    } else {
      header = this.header;
      firstFrame = this.maxFrame + 1;
      sum = this.lastChecksum;
    }
    const frameSize = this.frameSizeBytes;
    const framesPerChunk = Math.max(1, Math.floor(IO_CHUNK_BYTES / frameSize));
    const pgnos: number[] = [];
    for (let start = 0; start < pages.length; start += framesPerChunk) {
      const count = Math.min(framesPerChunk, pages.length - start);
      const chunk = new Uint8Array(count * frameSize);
      for (let i = 0; i < count; i++) {
        const page = pages[start + i]!;
        assert(page.data.length === this.pageSizeBytes, 'page image size differs from the WAL page size');
        const isCommit = start + i === pages.length - 1;
        chunk.set(page.data, i * frameSize + WAL_FRAME_HEADER_SIZE_BYTES);
        sum = sealWalFrame(chunk, i * frameSize, page.pgno, isCommit ? commitPageCount : 0, header, this.pageSizeBytes, sum);
        pgnos.push(page.pgno);
      }
      yield* io(this.file.write(walFrameOffset(firstFrame + start, this.pageSizeBytes), chunk));
    }
    yield* io(this.file.sync());
    return {
      header,
      firstFrame,
      maxFrame: firstFrame + pages.length - 1,
      lastChecksum: sum,
      pgnos,
      commitPageCount,
    };
  }

  /** Makes an appended transaction visible. */
  publishAppend(result: WalAppendResult): void {
    if (result.firstFrame === 1) this.index.clear();
    this.header = result.header;
    this.needsRestart = false;
    for (let i = 0; i < result.pgnos.length; i++) this.index.set(result.pgnos[i]!, result.firstFrame + i);
    this.maxFrame = result.maxFrame;
    this.lastChecksum = result.lastChecksum;
    this.commitPageCount = result.commitPageCount;
  }

  /** After a complete checkpoint: the database file holds everything; start a new log next. */
  publishCheckpoint(): void {
    this.index.clear();
    this.maxFrame = 0;
    this.commitPageCount = 0;
    this.needsRestart = true;
  }

  private resetState(header: WalHeader | null): void {
    this.header = header;
    this.index.clear();
    this.maxFrame = 0;
    this.commitPageCount = 0;
    this.lastChecksum = header?.checksum ?? { s0: 0, s1: 0 };
    this.needsRestart = header === null;
  }
}

function randomUint32(): number {
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
}
