/**
 * The pager: page cache, read and write transactions, WAL commits, checkpoints.
 *
 * One Pager is one connection to one database file. Minnow allows one connection per file (the
 * WAL index lives in memory, there is no `-shm`): the APIs above enforce that with a lock
 * (`<db>-lock` in Node, a Web Lock in the browser), and a Pager assumes it holds the file alone.
 *
 * States:
 *   none  --beginRead-->  read  --endRead/commit/rollback-->  none
 *   none|read  --beginWrite-->  write  --commit (restartable procedure)-->  none
 *                                       --rollback-->  none
 *   any  --close (restartable procedure)-->  closed
 *
 * Invariants:
 * - Committed state = database file overlaid with the WAL's frames <= maxFrame; `committed
 *   PageCount` is its size. A write transaction's changes live only in dirty cached pages (never
 *   evicted) until commit appends them to the WAL and syncs it.
 * - A Page in the cache is the newest image of that page for the current transaction.
 * - Every procedure (open, commit, checkpoint, close) publishes its effect on in-memory state
 *   only once its I/O has finished; one that pends is resumed by the next call, never re-issued.
 * - `get` outside a transaction reads the latest committed state; with one connection a read
 *   transaction's snapshot is always the latest commit.
 */
import { assert } from '../assert.js';
import { corrupt, SqliteError } from '../errors.js';
import {
  FILE_FORMAT_WAL,
  isValidPageSize,
  setFileFormat,
  stampCommit,
  type TextEncoding,
} from '../format/database-header.js';
import { drive, runAsync, runSync } from '../io/driver.js';
import type { DbFile, Storage } from '../io/file.js';
import { isIoPending } from '../io/io-pending.js';
import { io, Procedure, type Proc } from '../io/procedure.js';
import { checkpointSteps, type CheckpointResult } from './checkpoint.js';
import { encodeJournalHeader } from '../format/journal-format.js';
import { newDatabasePage1 } from './new-database.js';
import { CachedPage, PageCache, DEFAULT_CACHE_SIZE_PAGES } from './page-cache.js';
import { PageReader } from './page-reader.js';
import type { Page } from './page.js';
import type { PagerApi } from './pager-api.js';
import { journalNameFor, openDatabase, walNameFor, type JournalMode, type OpenedDatabase, type PagerOptions } from './pager-open.js';
import { SavepointStack } from './savepoint-stack.js';
import { Wal, type WalAppendResult } from './wal.js';

export const DEFAULT_AUTO_CHECKPOINT_FRAMES = 1000;
/** The byte at 2^30 is SQLite's lock byte; the page holding it never holds data. */
const LOCK_BYTE_OFFSET = 0x40000000;
/** Largest page number SQLite allows. */
const MAX_PAGE_COUNT = 0xfffffffe;

type PagerState = 'none' | 'read' | 'write' | 'closed';

export class Pager implements PagerApi {
  /** Opens a database; returns the Pager at once when nothing pended, else a promise. */
  static open(storage: Storage, name: string, options: PagerOptions = {}): Pager | Promise<Pager> {
    const proc = new Procedure(openDatabase(storage, name, options));
    return drive(() => new Pager(storage, name, options, proc.run()));
  }
  /** Opens over a synchronous storage (SQLITE_MISUSE if anything pends). */
  static openSync(storage: Storage, name: string, options: PagerOptions = {}): Pager {
    const proc = new Procedure(openDatabase(storage, name, options));
    return runSync(() => new Pager(storage, name, options, proc.run()));
  }
  static openAsync(storage: Storage, name: string, options: PagerOptions = {}): Promise<Pager> {
    const proc = new Procedure(openDatabase(storage, name, options));
    return runAsync(() => new Pager(storage, name, options, proc.run()));
  }

  private pageSize: number;
  private usableSize: number;
  private encoding: TextEncoding;
  readonly readonly: boolean;
  readonly journalMode: JournalMode;
  autoCheckpointFrames: number;

  private state: PagerState = 'none';
  private readonly dbFile: DbFile;
  private wal: Wal | null;
  private readonly cache: PageCache;
  private reader: PageReader;
  private readonly dirty = new Map<number, CachedPage>();
  private readonly savepoints = new SavepointStack();
  private committedPageCount: number;
  private currentPageCount: number;
  private walFormatInHeader: boolean;
  private mutating = false;
  private committing = false;
  private commitProc: Procedure<WalAppendResult> | null = null;
  private checkpointProc: Procedure<CheckpointResult> | null = null;
  private closeProc: Procedure<void> | null = null;
  private checkpointDue = false;

  private constructor(
    private readonly storage: Storage,
    readonly name: string,
    options: PagerOptions,
    opened: OpenedDatabase,
  ) {
    this.dbFile = opened.dbFile;
    this.wal = opened.wal;
    this.pageSize = opened.pageSizeBytes;
    this.usableSize = opened.usableSizeBytes;
    this.encoding = opened.textEncoding;
    this.readonly = options.readonly === true || opened.readOnlyFormat;
    this.journalMode = options.journalMode ?? 'wal';
    this.autoCheckpointFrames = options.autoCheckpointFrames ?? DEFAULT_AUTO_CHECKPOINT_FRAMES;
    this.cache = new PageCache(options.cacheSizePages ?? DEFAULT_CACHE_SIZE_PAGES);
    this.reader = new PageReader(this.pageSizeBytes);
    this.committedPageCount = opened.pageCount;
    this.currentPageCount = opened.pageCount;
    this.walFormatInHeader = opened.walFormatInHeader;
    if (opened.page1 !== null && opened.pageCount > 0) this.cache.put(new CachedPage(1, opened.page1));
  }

  // ---- PagerApi: sizes and transaction flags --------------------------------------------------

  get pageSizeBytes(): number {
    return this.pageSize;
  }
  get usableSizeBytes(): number {
    return this.usableSize;
  }
  get textEncoding(): TextEncoding {
    return this.encoding;
  }
  /** True until the first commit writes page 1: page size and encoding may still change. */
  get isEmpty(): boolean {
    return this.committedPageCount === 0 && this.state !== 'write';
  }

  /** PRAGMA page_size on an empty database (ignored once the database has content). */
  setPageSizeBytes(pageSizeBytes: number): boolean {
    if (!this.isEmpty || !isValidPageSize(pageSizeBytes)) return false;
    this.pageSize = pageSizeBytes;
    this.usableSize = pageSizeBytes;
    this.reader = new PageReader(pageSizeBytes);
    return true;
  }

  /** PRAGMA encoding on an empty database (ignored once the database has content). */
  setTextEncoding(textEncoding: TextEncoding): boolean {
    if (!this.isEmpty) return false;
    this.encoding = textEncoding;
    return true;
  }

  get pageCount(): number {
    return this.currentPageCount;
  }
  get inReadTransaction(): boolean {
    return this.state === 'read' || this.state === 'write';
  }
  get inWriteTransaction(): boolean {
    return this.state === 'write';
  }
  /** Frames in the WAL not yet copied back by a checkpoint. */
  get walFrameCount(): number {
    return this.wal?.frameCount ?? 0;
  }
  get cacheSizePages(): number {
    return this.cache.capacityPages;
  }
  set cacheSizePages(pages: number) {
    this.cache.capacityPages = Math.max(1, Math.floor(pages));
  }
  /** The page number of the lock-byte page (never holds data; `appendPage` skips it). */
  get lockBytePgno(): number {
    return Math.floor(LOCK_BYTE_OFFSET / this.pageSizeBytes) + 1;
  }

  // ---- Read path --------------------------------------------------------------------------------

  get(pgno: number): Page {
    const hit = this.cache.get(pgno);
    if (hit !== undefined) return hit;
    return this.fault(pgno);
  }

  private fault(pgno: number): Page {
    this.checkOpen();
    if (!Number.isInteger(pgno) || pgno < 1 || pgno > this.currentPageCount) {
      throw corrupt(`page ${pgno} is outside the database (${this.currentPageCount} pages)`);
    }
    assert(!this.mutating, `cache miss on page ${pgno} during a mutation (fault first, then mutate)`);
    const page = new CachedPage(pgno, this.reader.read(pgno, this.dbFile, this.wal));
    this.cache.put(page);
    return page;
  }

  beginRead(): void {
    this.checkOpen();
    if (this.state === 'none') this.state = 'read';
  }

  endRead(): void {
    if (this.state === 'read') this.state = 'none';
  }

  // ---- Write transactions -------------------------------------------------------------------

  beginWrite(): void {
    this.checkOpen();
    if (this.readonly) throw new SqliteError('SQLITE_READONLY');
    if (this.journalMode !== 'wal') {
      throw new SqliteError('SQLITE_ERROR', `journal_mode=${this.journalMode} cannot write; Minnow writes through the WAL`);
    }
    if (this.state === 'write') throw new SqliteError('SQLITE_MISUSE', 'a write transaction is already open');
    // A checkpoint interrupted by IoPending is abandoned: its writes are idempotent copies.
    this.checkpointProc = null;
    this.state = 'write';
    if (this.committedPageCount === 0) this.createPage1();
  }

  /** An empty database gets its page 1 (header + empty sqlite_schema leaf) on the first write. */
  private createPage1(): void {
    const page = new CachedPage(1, newDatabasePage1(this.pageSizeBytes, this.textEncoding));
    page.dirty = true;
    this.cache.put(page);
    this.dirty.set(1, page);
    this.currentPageCount = 1;
  }

  markDirty(page: Page): void {
    if (page.dirty && !this.savepoints.active) return;
    assert(this.state === 'write', 'markDirty outside a write transaction');
    assert(!this.committing, 'markDirty during commit');
    assert(!page.evicted && this.cache.peek(page.pgno) === page, `markDirty of page ${page.pgno} that is not resident`);
    this.savepoints.recordBeforeChange(page);
    if (!page.dirty) {
      page.dirty = true;
      this.dirty.set(page.pgno, page as CachedPage);
    }
  }

  appendPage(): Page {
    assert(this.state === 'write', 'appendPage outside a write transaction');
    let pgno = this.currentPageCount + 1;
    if (pgno === this.lockBytePgno) pgno++;
    if (pgno > MAX_PAGE_COUNT) throw new SqliteError('SQLITE_FULL');
    this.currentPageCount = pgno;
    return this.newDirtyPage(pgno);
  }

  getForOverwrite(pgno: number): Page {
    assert(this.state === 'write', 'getForOverwrite outside a write transaction');
    if (!Number.isInteger(pgno) || pgno < 1 || pgno > this.currentPageCount) {
      throw corrupt(`page ${pgno} is outside the database (${this.currentPageCount} pages)`);
    }
    const cached = this.cache.peek(pgno);
    if (cached !== undefined) {
      this.markDirty(cached);
      cached.data.fill(0);
      return cached;
    }
    this.reader.forget(pgno);
    return this.newDirtyPage(pgno);
  }

  private newDirtyPage(pgno: number): Page {
    this.savepoints.recordNewPage(pgno);
    const page = new CachedPage(pgno, new Uint8Array(this.pageSizeBytes));
    page.dirty = true;
    this.cache.put(page);
    this.dirty.set(pgno, page);
    return page;
  }

  truncatePages(pageCount: number): void {
    assert(this.state === 'write', 'truncatePages outside a write transaction');
    assert(Number.isInteger(pageCount) && pageCount >= 1 && pageCount <= this.currentPageCount, 'truncatePages size');
    for (const page of [...this.cache.values()]) {
      if (page.pgno <= pageCount) continue;
      if (page.dirty) this.savepoints.recordDropped(page);
      this.dirty.delete(page.pgno);
      this.cache.drop(page.pgno);
    }
    this.reader.forgetAbove(pageCount);
    this.currentPageCount = pageCount;
  }

  beginMutation(): void {
    assert(!this.mutating, 'nested beginMutation');
    this.mutating = true;
  }

  endMutation(): void {
    assert(this.mutating, 'endMutation without beginMutation');
    this.mutating = false;
  }

  trim(): void {
    assert(!this.mutating, 'trim during a mutation');
    this.cache.trim();
  }

  // ---- Savepoints (statement and SAVEPOINT rollback inside a write transaction) ---------------

  /** Opens a savepoint; returns its depth (1 for the outermost). */
  openSavepoint(): number {
    assert(this.state === 'write', 'savepoint outside a write transaction');
    return this.savepoints.open(this.currentPageCount);
  }

  /** Forgets savepoints at `depth` and deeper, keeping their changes. */
  releaseSavepoint(depth: number): void {
    this.savepoints.release(depth);
  }

  /** Undoes every change since savepoint `depth` opened; it stays open, deeper ones are gone. */
  rollbackToSavepoint(depth: number): void {
    assert(this.state === 'write', 'savepoint rollback outside a write transaction');
    this.currentPageCount = this.savepoints.rollbackTo(depth, {
      restore: (pgno, image) => this.restorePage(pgno, image),
      forget: (pgno) => {
        this.dirty.delete(pgno);
        this.cache.drop(pgno);
      },
    });
    this.cache.dropAbove(this.currentPageCount);
    for (const pgno of this.dirty.keys()) if (pgno > this.currentPageCount) this.dirty.delete(pgno);
  }

  private restorePage(pgno: number, image: Uint8Array): void {
    const page = this.cache.peek(pgno);
    if (page !== undefined) {
      page.data.set(image);
      page.dirty = true;
      this.dirty.set(pgno, page);
      return;
    }
    const restored = new CachedPage(pgno, image);
    restored.dirty = true;
    this.cache.put(restored);
    this.dirty.set(pgno, restored);
  }

  // ---- Commit and rollback ------------------------------------------------------------------

  /**
   * Commits the write transaction: appends the dirty pages to the WAL, the last frame a commit
   * frame, and syncs the WAL. Restartable: after IoPending, call again to resume. On any other
   * error the transaction stays open (retry `commit` or `rollback`) and the committed state is
   * unchanged. Then runs an automatic checkpoint when the WAL has grown past
   * `autoCheckpointFrames` (its failure does not fail the commit).
   */
  commit(): void {
    this.checkOpen();
    if (this.state === 'write') {
      if (this.commitProc === null) this.commitProc = this.prepareCommit();
      if (this.commitProc !== null) {
        let result: WalAppendResult;
        this.committing = true;
        try {
          result = this.commitProc.run();
        } catch (e) {
          if (!isIoPending(e)) {
            this.commitProc = null;
            this.committing = false;
          }
          throw e;
        }
        this.commitProc = null;
        this.committing = false;
        this.publishCommit(result);
      } else {
        this.endWrite();
      }
    } else if (this.state === 'read') {
      this.state = 'none';
    }
    if (this.checkpointDue) this.autoCheckpoint();
  }

  /** Builds the commit procedure; null when there is nothing to write. May throw IoPending. */
  private prepareCommit(): Procedure<WalAppendResult> | null {
    const count = this.currentPageCount;
    if (this.dirty.size === 0 && count === this.committedPageCount) return null;
    // Page 1 carries the size, change counter and WAL format bytes. As SQLite does in WAL mode,
    // it is rewritten only when it changed anyway or its size or format bytes must change. It is
    // faulted in before anything changes, so an IoPending here leaves the transaction as it was.
    if (this.dirty.has(1) || count !== this.committedPageCount || !this.walFormatInHeader) {
      const page1 = this.get(1);
      this.markDirty(page1);
      stampCommit(page1.data, count);
      setFileFormat(page1.data, FILE_FORMAT_WAL);
    }
    const pages: CachedPage[] = [];
    for (const page of this.dirty.values()) if (page.pgno <= count) pages.push(page);
    pages.sort((a, b) => a.pgno - b.pgno);
    const initialImage = this.committedPageCount === 0 ? newDatabasePage1(this.pageSizeBytes, this.textEncoding) : null;
    return new Procedure(this.commitSteps(pages, count, initialImage));
  }

  private *commitSteps(pages: CachedPage[], pageCount: number, initialImage: Uint8Array | null): Proc<WalAppendResult> {
    if (initialImage !== null) yield* this.writeInitialPage1(initialImage);
    if (this.wal === null) {
      const file = yield* io(this.storage.open(walNameFor(this.name), { create: true }));
      this.wal = new Wal(file, this.pageSizeBytes);
    }
    return yield* this.wal.append(pages, pageCount);
  }

  /**
   * A new database's file gets a valid empty page 1 before any frame: SQLite ignores (and
   * deletes) a WAL beside an empty file, so other readers need it to see our commits.
   *
   * That write goes straight into the database file, so it is guarded as SQLite guards a
   * rollback-mode transaction: a synced `-journal` saying "the database had 0 pages" exists
   * while page 1 is written. A crash that tears page 1 leaves a hot journal, and reopening (by
   * Minnow or by SQLite) rolls the file back to empty instead of finding half a page.
   */
  private *writeInitialPage1(image: Uint8Array): Proc<void> {
    const journalName = journalNameFor(this.name);
    const journal = yield* io(this.storage.open(journalName, { create: true }));
    try {
      yield* io(journal.write(0, encodeJournalHeader(0, this.pageSizeBytes)));
      yield* io(journal.sync());
    } finally {
      yield* io(journal.close());
    }
    yield* io(this.dbFile.write(0, image));
    yield* io(this.dbFile.sync());
    yield* io(this.storage.delete(journalName));
  }

  private publishCommit(result: WalAppendResult): void {
    const wal = this.wal;
    assert(wal !== null, 'commit without a WAL');
    wal.publishAppend(result);
    if (result.commitPageCount < this.committedPageCount) {
      for (const pgno of wal.index.keys()) if (pgno > result.commitPageCount) wal.index.delete(pgno);
    }
    for (const page of this.dirty.values()) page.dirty = false;
    this.dirty.clear();
    this.reader.clear();
    this.committedPageCount = result.commitPageCount;
    this.walFormatInHeader = true;
    this.endWrite();
    if (wal.frameCount >= this.autoCheckpointFrames) this.checkpointDue = true;
  }

  private endWrite(): void {
    this.savepoints.clear();
    this.state = 'none';
  }

  /** Abandons the write transaction: dirty pages are dropped (marked evicted). */
  rollback(): void {
    if (this.state === 'write') {
      this.commitProc = null;
      this.committing = false;
      this.mutating = false;
      for (const pgno of this.dirty.keys()) this.cache.drop(pgno);
      this.dirty.clear();
      this.cache.dropAbove(this.committedPageCount);
      this.currentPageCount = this.committedPageCount;
      this.savepoints.clear();
    }
    if (this.state !== 'closed') this.state = 'none';
  }

  // ---- Checkpoint and close -----------------------------------------------------------------

  /**
   * Copies the WAL back into the database file (restartable). Not allowed inside a write
   * transaction. Returns the number of pages written.
   */
  checkpoint(): number {
    this.checkOpen();
    if (this.state === 'write') throw new SqliteError('SQLITE_LOCKED', 'cannot checkpoint inside a write transaction');
    const wal = this.wal;
    this.checkpointDue = false;
    if (wal === null || wal.maxFrame === 0) return 0;
    if (this.checkpointProc === null) this.checkpointProc = new Procedure(checkpointSteps(wal, this.dbFile));
    let result: CheckpointResult;
    try {
      result = this.checkpointProc.run();
    } catch (e) {
      if (isIoPending(e)) this.checkpointDue = true;
      else this.checkpointProc = null;
      throw e;
    }
    this.checkpointProc = null;
    // A commit that slipped in after the checkpoint started keeps the WAL authoritative.
    if (wal.maxFrame === result.maxFrame) wal.publishCheckpoint();
    return result.pagesWritten;
  }

  private autoCheckpoint(): void {
    try {
      this.checkpoint();
    } catch (e) {
      if (isIoPending(e)) throw e;
      // The commit is durable; a failed automatic checkpoint is retried after the next commit.
    }
  }

  /**
   * Closes the database (restartable): rolls back an open write transaction, checkpoints and
   * deletes the WAL (as SQLite does when its last connection closes), closes the files.
   */
  close(): void {
    if (this.state === 'closed') return;
    if (this.state === 'write') this.rollback();
    if (this.closeProc === null) this.closeProc = new Procedure(this.closeSteps());
    try {
      this.closeProc.run();
    } catch (e) {
      if (isIoPending(e)) throw e;
      this.markClosed();
      throw e;
    }
    this.markClosed();
  }

  private markClosed(): void {
    this.state = 'closed';
    this.cache.clear();
    this.dirty.clear();
    this.reader.clear();
  }

  private *closeSteps(): Proc<void> {
    let failure: unknown = null;
    const wal = this.wal;
    if (wal !== null) {
      let walCopied = this.readonly;
      if (!this.readonly) {
        try {
          const result = yield* checkpointSteps(wal, this.dbFile);
          if (wal.maxFrame === result.maxFrame) wal.publishCheckpoint();
          walCopied = true;
        } catch (e) {
          failure = e;
        }
      }
      yield* io(wal.file.close());
      if (walCopied && !this.readonly) yield* io(this.storage.delete(walNameFor(this.name)));
      this.wal = null;
    }
    yield* io(this.dbFile.close());
    if (failure !== null) throw failure;
  }

  private checkOpen(): void {
    if (this.state === 'closed') throw new SqliteError('SQLITE_MISUSE', 'database is closed');
  }
}
