/**
 * The IndexedDB backend: the files of one "directory" as fixed-size blocks in one IndexedDB
 * database (layout: idb-layout.ts), through idb-keyval. For browsers without OPFS (private
 * browsing, older engines), in a worker or on the main thread.
 *
 * Durability follows the storage contract exactly: writes and truncates change memory only,
 * and `sync` stores every change of the file, with its size, in ONE IndexedDB transaction, so
 * a commit (WAL frames + sync) is atomic and durable exactly when sync completes. A tab closed
 * before that loses only what was not synced.
 *
 * Each name has one shared state while it is open (every open of it sees the same bytes):
 *
 *   name -> { ready: promise of the state, state once ready, refs: opens not yet closed }
 *
 * The last close stores whatever is unsynced (so a reopen, here or after a reload, sees it) and
 * then forgets the state; an open during that store takes the state back. A file must be
 * closed before it is deleted (SQLITE_IOERR_DELETE otherwise), as with OPFS.
 */
import { assert, Completion, SqliteError, type DbFile, type Io, type OpenOptions, type Storage } from '@minnow/core';
import { createStore, type UseStore } from 'idb-keyval';
import { idbError } from './idb-errors.js';
import { IdbFile } from './idb-file.js';
import { IdbFileState } from './idb-file-state.js';
import { STORE_NAME } from './idb-layout.js';
import { deleteFile, hasFile, loadSize } from './idb-requests.js';
import { startSharedOpen, type SharedOpen } from './shared-open.js';

type Entry = SharedOpen<IdbFileState>;

export class IdbStorage implements Storage {
  private readonly entries = new Map<string, Entry>();
  private readonly store: UseStore;

  /**
   * A storage over the IndexedDB database `databaseName` (made on first use). `store` is for
   * tests that need to get between the backend and IndexedDB.
   */
  constructor(
    readonly databaseName: string,
    store?: UseStore,
  ) {
    this.store = store ?? createStore(databaseName, STORE_NAME);
  }

  /**
   * Closes this storage's IndexedDB connection once its transactions finish; the storage is
   * unusable after. IndexedDB cannot delete a database while a connection to it is open.
   */
  close(): Promise<void> {
    return this.store('readonly', (os) => os.transaction.db.close());
  }

  /**
   * Removes a whole storage: every file of the IndexedDB database `databaseName`. Waits while
   * another connection (an IdbStorage not closed, another tab) holds the database open.
   */
  static deleteDatabase(databaseName: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = indexedDB.deleteDatabase(databaseName);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(idbError(req.error, 'delete'));
    });
  }

  /** Names with a state in memory: open, opening, or storing what their last close left. */
  get openNames(): string[] {
    return [...this.entries.keys()];
  }

  open(name: string, options: OpenOptions): Io<DbFile> {
    const readonly = options.readonly === true;
    const existing = this.entries.get(name);
    if (existing !== undefined) {
      existing.refs++;
      if (existing.value !== null) return this.fileFor(name, existing, existing.value, readonly);
      return Completion.fromPromise(
        existing.ready.then(
          (state) => this.fileFor(name, existing, state, readonly),
          (e: unknown) => {
            // The open we joined failed; ours may differ (create), so it tries on its own.
            if (options.create) return this.openAgain(name, options);
            throw idbError(e, 'open');
          },
        ),
      );
    }
    const ready = loadSize(this.store, name, options.create).then((size) => {
      if (size === undefined) throw new SqliteError('SQLITE_CANTOPEN', `unable to open database file: ${name} does not exist`);
      return new IdbFileState(name, this.store, size);
    });
    const entry = startSharedOpen(this.entries, name, ready);
    return Completion.fromPromise(
      ready.then(
        (state) => this.fileFor(name, entry, state, readonly),
        (e: unknown) => {
          throw idbError(e, 'open');
        },
      ),
    );
  }

  delete(name: string): Io<void> {
    const entry = this.entries.get(name);
    if (entry !== undefined) {
      if (entry.refs > 0) throw new SqliteError('SQLITE_IOERR_DELETE', `cannot delete ${name}: it is open`);
      // Closed but still storing: the deletion is ordered after that store, and wins.
      this.entries.delete(name);
    }
    return Completion.fromPromise(
      deleteFile(this.store, name).catch((e: unknown) => {
        throw idbError(e, 'delete');
      }),
    );
  }

  exists(name: string): Io<boolean> {
    if (this.entries.get(name)?.value != null) return true;
    return Completion.fromPromise(
      hasFile(this.store, name).catch((e: unknown) => {
        throw idbError(e, 'exists');
      }),
    );
  }

  private async openAgain(name: string, options: OpenOptions): Promise<DbFile> {
    const again = this.open(name, options);
    if (!(again instanceof Completion)) return again;
    await again.wait();
    return again.value();
  }

  private fileFor(name: string, entry: Entry, state: IdbFileState, readonly: boolean): IdbFile {
    return new IdbFile(state, readonly, () => this.release(name, entry, state));
  }

  private release(name: string, entry: Entry, state: IdbFileState): Io<void> {
    assert(entry.refs > 0, `release of ${name} with no opens`);
    entry.refs--;
    if (entry.refs > 0) return;
    const forget = (): void => {
      if (entry.refs === 0 && this.entries.get(name) === entry && !state.hasUnsynced) this.entries.delete(name);
    };
    if (!state.hasUnsynced) {
      forget();
      return;
    }
    // Kept in memory until stored: if storing fails, the bytes stay readable by a reopen.
    const stored = state.sync();
    if (stored === undefined) {
      forget();
      return;
    }
    return Completion.fromPromise(
      stored.then(forget, (e: unknown) => {
        throw idbError(e, 'close');
      }),
    );
  }
}
