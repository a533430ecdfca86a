/**
 * The OPFS backend, for a dedicated worker: files in an Origin Private File System directory,
 * accessed through sync access handles, so `read`, `write`, `sync`, `truncate` and `size` all
 * finish inline and the engine never stops for I/O. Only `open`, `delete` and `exists` pend:
 * getting a handle is asynchronous in the API.
 *
 * A file has at most one sync access handle (the API makes them exclusive), shared by every
 * open of its name through this storage and closed when the last of them closes:
 *
 *   name -> { ready: promise of the handle, handle once ready, refs: opens not yet closed }
 *
 * Invariants: an entry is in the map from the first open until its refs reach zero (or its
 * handle could not be had); `refs` counts opens still pending too, so a handle is never closed
 * under an open that is about to receive it.
 *
 * A file must be closed before it is deleted: OPFS refuses to remove a file with an open
 * handle, so deleting a name this storage holds open fails with SQLITE_IOERR_DELETE.
 */
import { assert, SqliteError, Completion, type Io, type DbFile, type OpenOptions, type Storage } from '@minnow/core';
import { domErrorName, opfsError } from './opfs-errors.js';
import { startSharedOpen, type SharedOpen } from './shared-open.js';
import type { OpfsDirectory, OpfsSyncAccessHandle } from './opfs-types.js';

type HandleEntry = SharedOpen<OpfsSyncAccessHandle>;

export class OpfsFile implements DbFile {
  private closed = false;

  constructor(
    readonly name: string,
    private readonly handle: OpfsSyncAccessHandle,
    /** Refuse writes; the shared handle itself is always read-write. */
    readonly readonly: boolean,
    private readonly release: () => void,
  ) {}

  read(offsetBytes: number, into: Uint8Array): number {
    this.checkOpen();
    checkRange(offsetBytes, into.length);
    let filled = 0;
    // Each pass reads at least one byte or stops at end of file.
    for (let pass = 0; filled < into.length && pass <= into.length; pass++) {
      let n: number;
      try {
        n = this.handle.read(into.subarray(filled), { at: offsetBytes + filled });
      } catch (e) {
        throw opfsError(e, 'read');
      }
      if (n <= 0) break;
      filled += n;
    }
    if (filled < into.length) into.fill(0, filled);
    return filled;
  }

  write(offsetBytes: number, data: Uint8Array): void {
    this.checkWritable();
    checkRange(offsetBytes, data.length);
    let written = 0;
    // Each pass writes at least one byte or throws.
    while (written < data.length) {
      let n: number;
      try {
        n = this.handle.write(data.subarray(written), { at: offsetBytes + written });
      } catch (e) {
        throw opfsError(e, 'write');
      }
      if (n <= 0) throw new SqliteError('SQLITE_IOERR_WRITE');
      written += n;
    }
  }

  sync(): void {
    this.checkOpen();
    try {
      this.handle.flush();
    } catch (e) {
      throw opfsError(e, 'sync');
    }
  }

  truncate(sizeBytes: number): void {
    this.checkWritable();
    assert(Number.isSafeInteger(sizeBytes) && sizeBytes >= 0, `bad file size ${sizeBytes}`);
    try {
      this.handle.truncate(sizeBytes);
    } catch (e) {
      throw opfsError(e, 'truncate');
    }
  }

  size(): number {
    this.checkOpen();
    try {
      return this.handle.getSize();
    } catch (e) {
      throw opfsError(e, 'size');
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
  }

  private checkOpen(): void {
    if (this.closed) throw new SqliteError('SQLITE_MISUSE', `file ${this.name} is closed`);
  }

  private checkWritable(): void {
    this.checkOpen();
    if (this.readonly) throw new SqliteError('SQLITE_READONLY');
  }
}

function checkRange(offsetBytes: number, lengthBytes: number): void {
  assert(Number.isSafeInteger(offsetBytes) && offsetBytes >= 0, `bad file offset ${offsetBytes}`);
  assert(Number.isSafeInteger(offsetBytes + lengthBytes), `file range past 2^53: ${offsetBytes}+${lengthBytes}`);
}

export class OpfsStorage implements Storage {
  private readonly entries = new Map<string, HandleEntry>();

  constructor(readonly directory: OpfsDirectory) {}

  /**
   * A storage over a directory of the origin's private file system, made if missing:
   * `await OpfsStorage.at(['minnow', 'dbs'])`. With no path, the root directory.
   */
  static async at(path: readonly string[] = []): Promise<OpfsStorage> {
    // The DOM typings lack createSyncAccessHandle (worker-only); the object has it.
    let dir = (await navigator.storage.getDirectory()) as unknown as OpfsDirectory;
    for (const part of path) dir = await dir.getDirectoryHandle(part, { create: true });
    return new OpfsStorage(dir);
  }

  /** Names with a handle open (or opening) through this storage. */
  get openNames(): string[] {
    return [...this.entries.keys()];
  }

  open(name: string, options: OpenOptions): Io<DbFile> {
    const readonly = options.readonly === true;
    const existing = this.entries.get(name);
    if (existing !== undefined) {
      existing.refs++;
      const entry = existing;
      if (entry.value !== null) return this.fileFor(name, entry, entry.value, readonly);
      return Completion.fromPromise(
        entry.ready.then(
          (handle) => this.fileFor(name, entry, handle, readonly),
          (e: unknown) => {
            throw opfsError(e, 'open');
          },
        ),
      );
    }
    const ready = this.directory
      .getFileHandle(name, { create: options.create })
      .then((fileHandle) => fileHandle.createSyncAccessHandle());
    const entry = startSharedOpen(this.entries, name, ready);
    return Completion.fromPromise(
      ready.then(
        (handle) => this.fileFor(name, entry, handle, readonly),
        (e: unknown) => {
          throw opfsError(e, 'open');
        },
      ),
    );
  }

  delete(name: string): Io<void> {
    if (this.entries.has(name)) throw new SqliteError('SQLITE_IOERR_DELETE', `cannot delete ${name}: it is open`);
    return Completion.fromPromise(
      this.directory.removeEntry(name).catch((e: unknown) => {
        if (domErrorName(e) !== 'NotFoundError') throw opfsError(e, 'delete');
      }),
    );
  }

  exists(name: string): Io<boolean> {
    if (this.entries.get(name)?.value != null) return true;
    return Completion.fromPromise(
      this.directory.getFileHandle(name).then(
        () => true,
        (e: unknown) => {
          const err = domErrorName(e);
          // TypeMismatchError: a directory of that name. TypeError: not a valid file name.
          if (err === 'NotFoundError' || err === 'TypeMismatchError' || err === 'TypeError') return false;
          throw opfsError(e, 'exists');
        },
      ),
    );
  }

  private fileFor(name: string, entry: HandleEntry, handle: OpfsSyncAccessHandle, readonly: boolean): OpfsFile {
    return new OpfsFile(name, handle, readonly, () => this.release(name, entry));
  }

  private release(name: string, entry: HandleEntry): void {
    assert(entry.refs > 0, `release of ${name} with no opens`);
    entry.refs--;
    if (entry.refs > 0) return;
    assert(this.entries.get(name) === entry, `handle entry of ${name} replaced while open`);
    this.entries.delete(name);
    try {
      entry.value?.close();
    } catch (e) {
      throw opfsError(e, 'close');
    }
  }
}
