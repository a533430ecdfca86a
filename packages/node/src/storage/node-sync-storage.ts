/**
 * The synchronous Node backend: plain `fs.*Sync` calls on a file descriptor. Every call finishes
 * inline (returns its value, or throws a SqliteError), so the engine over it never stops for I/O.
 *
 * Opening read-write falls back to read-only when the file may not be changed (EACCES, EPERM,
 * EROFS), as SQLite does; writes to such a file fail with SQLITE_READONLY.
 */
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SqliteError, type DbFile, type OpenOptions, type Storage } from '@minnow/core';
import { CREATE_MODE, OPEN_CREATE, OPEN_READ_ONLY, OPEN_READ_WRITE, checkRange, checkSize, resolveIn } from './fs-common.js';
import { PERMISSION_CODES, errnoOf, fsError } from './fs-errors.js';

interface OpenedFd {
  fd: number;
  readonly: boolean;
  created: boolean;
}

function openFd(path: string, options: OpenOptions): OpenedFd {
  const readOnly = (): OpenedFd => ({ fd: openSync(path, OPEN_READ_ONLY), readonly: true, created: false });
  try {
    if (options.readonly === true) return readOnly();
    try {
      return { fd: openSync(path, OPEN_READ_WRITE), readonly: false, created: false };
    } catch (e) {
      const errno = errnoOf(e);
      if (errno === 'ENOENT' && options.create) return { fd: openSync(path, OPEN_CREATE, CREATE_MODE), readonly: false, created: true };
      if (errno !== undefined && PERMISSION_CODES.has(errno)) return readOnly();
      throw e;
    }
  } catch (e) {
    throw fsError(e, 'open');
  }
}

/** Makes a new directory entry durable. Best effort: some file systems refuse fsync on a directory. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, OPEN_READ_ONLY);
    fsyncSync(fd);
  } catch {
    // Nothing to do: the file's own data was synced; only the entry's durability is at stake.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export class NodeSyncFile implements DbFile {
  /** True when opened read-only (asked for, or fallen back to). */
  readonly readonly: boolean;
  private fd: number | null;
  private directoryUnsynced: boolean;

  constructor(
    readonly name: string,
    /** Absolute path of the file. */
    readonly path: string,
    opened: OpenedFd,
  ) {
    this.fd = opened.fd;
    this.directoryUnsynced = opened.created;
    this.readonly = opened.readonly;
  }

  read(offsetBytes: number, into: Uint8Array): number {
    const fd = this.openFd();
    checkRange(offsetBytes, into.length);
    let filled = 0;
    // Each pass reads at least one byte or stops at end of file.
    for (let pass = 0; filled < into.length && pass <= into.length; pass++) {
      let n: number;
      try {
        n = readSync(fd, into, filled, into.length - filled, offsetBytes + filled);
      } catch (e) {
        throw fsError(e, 'read');
      }
      if (n === 0) break;
      filled += n;
    }
    if (filled < into.length) into.fill(0, filled);
    return filled;
  }

  write(offsetBytes: number, data: Uint8Array): void {
    const fd = this.writableFd();
    checkRange(offsetBytes, data.length);
    let written = 0;
    // Each pass writes at least one byte or throws.
    while (written < data.length) {
      let n: number;
      try {
        n = writeSync(fd, data, written, data.length - written, offsetBytes + written);
      } catch (e) {
        throw fsError(e, 'write');
      }
      if (n <= 0) throw new SqliteError('SQLITE_IOERR_WRITE');
      written += n;
    }
  }

  sync(): void {
    const fd = this.openFd();
    try {
      fsyncSync(fd);
    } catch (e) {
      throw fsError(e, 'sync');
    }
    if (this.directoryUnsynced) {
      syncDirectory(dirname(this.path));
      this.directoryUnsynced = false;
    }
  }

  truncate(sizeBytes: number): void {
    const fd = this.writableFd();
    checkSize(sizeBytes);
    try {
      ftruncateSync(fd, sizeBytes);
    } catch (e) {
      throw fsError(e, 'truncate');
    }
  }

  size(): number {
    const fd = this.openFd();
    try {
      return fstatSync(fd).size;
    } catch (e) {
      throw fsError(e, 'size');
    }
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      closeSync(fd);
    } catch (e) {
      throw fsError(e, 'close');
    }
  }

  private openFd(): number {
    if (this.fd === null) throw new SqliteError('SQLITE_MISUSE', `file ${this.name} is closed`);
    return this.fd;
  }

  private writableFd(): number {
    const fd = this.openFd();
    if (this.readonly) throw new SqliteError('SQLITE_READONLY');
    return fd;
  }
}

export class NodeSyncStorage implements Storage {
  /** Absolute directory that relative names are resolved in. */
  readonly rootDir: string;

  constructor(rootDir: string = process.cwd()) {
    this.rootDir = resolve(rootDir);
  }

  open(name: string, options: OpenOptions): NodeSyncFile {
    const path = resolveIn(this.rootDir, name);
    const opened = openFd(path, options);
    let isDirectory: boolean;
    try {
      isDirectory = fstatSync(opened.fd).isDirectory();
    } catch (e) {
      closeSync(opened.fd);
      throw fsError(e, 'open');
    }
    if (isDirectory) {
      closeSync(opened.fd);
      throw new SqliteError('SQLITE_CANTOPEN');
    }
    return new NodeSyncFile(name, path, opened);
  }

  delete(name: string): void {
    try {
      unlinkSync(resolveIn(this.rootDir, name));
    } catch (e) {
      if (errnoOf(e) === 'ENOENT') return;
      throw fsError(e, 'delete');
    }
  }

  exists(name: string): boolean {
    try {
      return !statSync(resolveIn(this.rootDir, name)).isDirectory();
    } catch (e) {
      const errno = errnoOf(e);
      if (errno === 'ENOENT' || errno === 'ENOTDIR') return false;
      throw fsError(e, 'exists');
    }
  }
}
