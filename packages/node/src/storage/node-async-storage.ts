/**
 * The asynchronous Node backend: `fs/promises` FileHandles. Every call returns a pending
 * Completion (errors arrive through it too), so the engine over it takes the "I/O pending"
 * restart path on every call, as it will in browsers over asynchronous stores.
 *
 * Calls on one file run one at a time, in the order they were issued: libuv runs file
 * operations on a thread pool with no ordering, so without the queue a `sync` issued after a
 * `write` could run before it, and two overlapping writes could land in either order.
 *
 * Opening read-write falls back to read-only on EACCES, EPERM and EROFS, as in the sync backend.
 */
import { open as openHandle, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SqliteError, Completion, type DbFile, type OpenOptions, type Storage } from '@minnow/core';
import { CREATE_MODE, OPEN_CREATE, OPEN_READ_ONLY, OPEN_READ_WRITE, checkRange, checkSize, resolveIn } from './fs-common.js';
import { PERMISSION_CODES, errnoOf, fsError, type FsCall } from './fs-errors.js';

interface OpenedHandle {
  handle: FileHandle;
  readonly: boolean;
  created: boolean;
}

async function openFileHandle(path: string, options: OpenOptions): Promise<OpenedHandle> {
  const readOnly = async (): Promise<OpenedHandle> => ({ handle: await openHandle(path, OPEN_READ_ONLY), readonly: true, created: false });
  let opened: OpenedHandle;
  try {
    if (options.readonly === true) {
      opened = await readOnly();
    } else {
      try {
        opened = { handle: await openHandle(path, OPEN_READ_WRITE), readonly: false, created: false };
      } catch (e) {
        const errno = errnoOf(e);
        if (errno === 'ENOENT' && options.create) {
          opened = { handle: await openHandle(path, OPEN_CREATE, CREATE_MODE), readonly: false, created: true };
        } else if (errno !== undefined && PERMISSION_CODES.has(errno)) {
          opened = await readOnly();
        } else {
          throw e;
        }
      }
    }
  } catch (e) {
    throw fsError(e, 'open');
  }
  let isDirectory: boolean;
  try {
    isDirectory = (await opened.handle.stat()).isDirectory();
  } catch (e) {
    await opened.handle.close();
    throw fsError(e, 'open');
  }
  if (isDirectory) {
    await opened.handle.close();
    throw new SqliteError('SQLITE_CANTOPEN');
  }
  return opened;
}

/** Makes a new directory entry durable. Best effort, as in the sync backend. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await openHandle(dir, OPEN_READ_ONLY);
    await handle.sync();
  } catch {
    // Nothing to do: the file's own data was synced; only the entry's durability is at stake.
  } finally {
    await handle?.close();
  }
}

/** Runs `op`, turning its failure into a SqliteError for `call`. */
async function mapped<T>(call: FsCall, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw fsError(e, call);
  }
}

export class NodeAsyncFile implements DbFile {
  /** True when opened read-only (asked for, or fallen back to). */
  readonly readonly: boolean;
  private readonly handle: FileHandle;
  private closed = false;
  private directoryUnsynced: boolean;
  /** Settles when the last queued call has finished; never rejects. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    /** Absolute path of the file. */
    readonly path: string,
    opened: OpenedHandle,
  ) {
    this.handle = opened.handle;
    this.readonly = opened.readonly;
    this.directoryUnsynced = opened.created;
  }

  read(offsetBytes: number, into: Uint8Array): Completion<number> {
    checkRange(offsetBytes, into.length);
    return this.enqueue(false, async () => {
      let filled = 0;
      // Each pass reads at least one byte or stops at end of file.
      for (let pass = 0; filled < into.length && pass <= into.length; pass++) {
        const { bytesRead } = await mapped('read', () => this.handle.read(into, filled, into.length - filled, offsetBytes + filled));
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled < into.length) into.fill(0, filled);
      return filled;
    });
  }

  write(offsetBytes: number, data: Uint8Array): Completion<void> {
    checkRange(offsetBytes, data.length);
    return this.enqueue(true, async () => {
      let written = 0;
      // Each pass writes at least one byte or throws.
      while (written < data.length) {
        const { bytesWritten } = await mapped('write', () => this.handle.write(data, written, data.length - written, offsetBytes + written));
        if (bytesWritten <= 0) throw new SqliteError('SQLITE_IOERR_WRITE');
        written += bytesWritten;
      }
    });
  }

  sync(): Completion<void> {
    return this.enqueue(false, async () => {
      await mapped('sync', () => this.handle.sync());
      if (this.directoryUnsynced) {
        await syncDirectory(dirname(this.path));
        this.directoryUnsynced = false;
      }
    });
  }

  truncate(sizeBytes: number): Completion<void> {
    checkSize(sizeBytes);
    return this.enqueue(true, () => mapped('truncate', () => this.handle.truncate(sizeBytes)));
  }

  size(): Completion<number> {
    return this.enqueue(false, async () => (await mapped('size', () => this.handle.stat())).size);
  }

  close(): Completion<void> {
    if (this.closed) return Completion.fromPromise(this.tail.then(() => undefined));
    this.closed = true;
    return this.enqueue(false, () => mapped('close', () => this.handle.close()), true);
  }

  /**
   * Queues `op` behind every call issued before it. Misuse (a call after close) and writes to a
   * read-only file are judged at issue time, and reported through the Completion.
   */
  private enqueue<T>(mutates: boolean, op: () => Promise<T>, closing = false): Completion<T> {
    let run: Promise<T>;
    if (this.closed && !closing) {
      run = Promise.reject(new SqliteError('SQLITE_MISUSE', `file ${this.name} is closed`));
    } else if (mutates && this.readonly) {
      run = Promise.reject(new SqliteError('SQLITE_READONLY'));
    } else {
      run = this.tail.then(op);
      this.tail = run.catch(() => undefined);
    }
    return Completion.fromPromise(run);
  }
}

export class NodeAsyncStorage implements Storage {
  /** Absolute directory that relative names are resolved in. */
  readonly rootDir: string;

  constructor(rootDir: string = process.cwd()) {
    this.rootDir = resolve(rootDir);
  }

  open(name: string, options: OpenOptions): Completion<DbFile> {
    const path = resolveIn(this.rootDir, name);
    return Completion.fromPromise(openFileHandle(path, options).then((opened) => new NodeAsyncFile(name, path, opened)));
  }

  delete(name: string): Completion<void> {
    const path = resolveIn(this.rootDir, name);
    return Completion.fromPromise(
      unlink(path).catch((e: unknown) => {
        if (errnoOf(e) !== 'ENOENT') throw fsError(e, 'delete');
      }),
    );
  }

  exists(name: string): Completion<boolean> {
    const path = resolveIn(this.rootDir, name);
    return Completion.fromPromise(
      stat(path).then(
        (s) => !s.isDirectory(),
        (e: unknown) => {
          const errno = errnoOf(e);
          if (errno === 'ENOENT' || errno === 'ENOTDIR') return false;
          throw fsError(e, 'exists');
        },
      ),
    );
  }
}
