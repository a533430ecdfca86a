/**
 * The storage interface every backend implements (memory, yielding memory, Node sync fs, Node
 * FileHandle, OPFS sync access handles, IndexedDB blocks).
 *
 * Each call finishes inline (returns its value) or returns a pending Completion (see
 * completion.ts). Rules for callers and backends:
 * - A buffer handed to `read` or `write` belongs to the backend until the call has finished;
 *   the caller neither reads nor writes it meanwhile.
 * - `read` fills `into` from `offsetBytes`; bytes past end-of-file are set to zero and the
 *   return value is the number of bytes that really came from the file (a short read).
 * - `write` may extend the file; a gap it leaves reads as zeros.
 * - `sync` makes every completed write durable. Only then is a write safe from a crash.
 * - Errors are SqliteErrors: SQLITE_IOERR_* for I/O failures, SQLITE_FULL when out of space or
 *   quota, SQLITE_CANTOPEN when a file cannot be opened.
 */
import type { Io } from './completion.js';

export interface DbFile {
  /** Name as given to `Storage.open`, for messages. */
  readonly name: string;
  read(offsetBytes: number, into: Uint8Array): Io<number>;
  write(offsetBytes: number, data: Uint8Array): Io<void>;
  sync(): Io<void>;
  truncate(sizeBytes: number): Io<void>;
  size(): Io<number>;
  close(): Io<void>;
}

export interface OpenOptions {
  /** Create the file when missing (otherwise SQLITE_CANTOPEN). */
  create: boolean;
  /** Refuse writes (backends may open read-only handles). */
  readonly?: boolean;
}

/** A namespace of files: a directory, an OPFS directory, an IndexedDB database, a Map. */
export interface Storage {
  open(name: string, options: OpenOptions): Io<DbFile>;
  delete(name: string): Io<void>;
  exists(name: string): Io<boolean>;
}
