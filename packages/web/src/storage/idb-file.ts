/**
 * One open of a file in an IdbStorage. The state (size, blocks) is shared by every open of the
 * name; this object adds the open's own mode and closed flag. `write`, `truncate` and `size`
 * always finish inline; `read` pends only for blocks not in memory; `sync` pends until its
 * IndexedDB transaction commits.
 */
import { assert, Completion, SqliteError, type DbFile, type Io } from '@minnow/core';
import type { IdbFileState } from './idb-file-state.js';

export class IdbFile implements DbFile {
  private closed = false;

  constructor(
    private readonly state: IdbFileState,
    readonly readonly: boolean,
    /** Called once, on the first close; may pend (the last close stores what is unsynced). */
    private readonly release: () => Io<void>,
  ) {}

  get name(): string {
    return this.state.name;
  }

  read(offsetBytes: number, into: Uint8Array): Io<number> {
    this.checkOpen();
    checkRange(offsetBytes, into.length);
    return pend(this.state.read(offsetBytes, into));
  }

  write(offsetBytes: number, data: Uint8Array): void {
    this.checkWritable();
    checkRange(offsetBytes, data.length);
    this.state.write(offsetBytes, data);
  }

  sync(): Io<void> {
    this.checkOpen();
    return pend(this.state.sync());
  }

  truncate(sizeBytes: number): void {
    this.checkWritable();
    assert(Number.isSafeInteger(sizeBytes) && sizeBytes >= 0, `bad file size ${sizeBytes}`);
    this.state.truncate(sizeBytes);
  }

  size(): number {
    this.checkOpen();
    return this.state.sizeBytes;
  }

  close(): Io<void> {
    if (this.closed) return;
    this.closed = true;
    return this.release();
  }

  private checkOpen(): void {
    if (this.closed) throw new SqliteError('SQLITE_MISUSE', `file ${this.name} is closed`);
  }

  private checkWritable(): void {
    this.checkOpen();
    if (this.readonly) throw new SqliteError('SQLITE_READONLY');
  }
}

function pend<T>(result: T | Promise<T>): Io<T> {
  return result instanceof Promise ? Completion.fromPromise(result) : result;
}

function checkRange(offsetBytes: number, lengthBytes: number): void {
  assert(Number.isSafeInteger(offsetBytes) && offsetBytes >= 0, `bad file offset ${offsetBytes}`);
  assert(Number.isSafeInteger(offsetBytes + lengthBytes), `file range past 2^53: ${offsetBytes}+${lengthBytes}`);
}
