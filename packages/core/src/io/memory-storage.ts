/**
 * The memory backend: files are growable byte arrays in a Map. Every call completes inline.
 * Also the basis of the yielding and fault-injecting test backends.
 */
import { SqliteError } from '../errors.js';
import type { DbFile, OpenOptions, Storage } from './file.js';

/** One in-memory file's bytes; `length` is the file size, `bytes` may be larger (capacity). */
export class MemoryBlob {
  bytes = new Uint8Array(0);
  length = 0;

  read(offsetBytes: number, into: Uint8Array): number {
    const available = Math.max(0, Math.min(into.length, this.length - offsetBytes));
    if (available > 0) into.set(this.bytes.subarray(offsetBytes, offsetBytes + available));
    if (available < into.length) into.fill(0, available);
    return available;
  }

  write(offsetBytes: number, data: Uint8Array): void {
    const end = offsetBytes + data.length;
    if (end > this.bytes.length) {
      const grown = new Uint8Array(Math.max(end, this.bytes.length * 2, 4096));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    if (offsetBytes > this.length) this.bytes.fill(0, this.length, offsetBytes);
    this.bytes.set(data, offsetBytes);
    if (end > this.length) this.length = end;
  }

  truncate(sizeBytes: number): void {
    if (sizeBytes > this.bytes.length) {
      const grown = new Uint8Array(sizeBytes);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    } else if (sizeBytes > this.length) {
      this.bytes.fill(0, this.length, sizeBytes);
    }
    this.length = sizeBytes;
  }

  /** A copy of the file's bytes. */
  snapshot(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export class MemoryFile implements DbFile {
  private closed = false;
  constructor(
    readonly name: string,
    private readonly blob: MemoryBlob,
    private readonly readonly: boolean,
  ) {}

  read(offsetBytes: number, into: Uint8Array): number {
    this.checkOpen();
    return this.blob.read(offsetBytes, into);
  }
  write(offsetBytes: number, data: Uint8Array): void {
    this.checkOpen();
    if (this.readonly) throw new SqliteError('SQLITE_READONLY');
    this.blob.write(offsetBytes, data);
  }
  sync(): void {
    this.checkOpen();
  }
  truncate(sizeBytes: number): void {
    this.checkOpen();
    if (this.readonly) throw new SqliteError('SQLITE_READONLY');
    this.blob.truncate(sizeBytes);
  }
  size(): number {
    this.checkOpen();
    return this.blob.length;
  }
  close(): void {
    this.closed = true;
  }
  private checkOpen(): void {
    if (this.closed) throw new SqliteError('SQLITE_MISUSE', `file ${this.name} is closed`);
  }
}

export class MemoryStorage implements Storage {
  readonly files = new Map<string, MemoryBlob>();

  open(name: string, options: OpenOptions): MemoryFile {
    let blob = this.files.get(name);
    if (blob === undefined) {
      if (!options.create) throw new SqliteError('SQLITE_CANTOPEN', `unable to open database file: ${name}`);
      blob = new MemoryBlob();
      this.files.set(name, blob);
    }
    return new MemoryFile(name, blob, options.readonly === true);
  }
  delete(name: string): void {
    this.files.delete(name);
  }
  exists(name: string): boolean {
    return this.files.has(name);
  }

  /** Test/import helper: put a whole file's bytes in place. */
  put(name: string, bytes: Uint8Array): void {
    const blob = new MemoryBlob();
    blob.write(0, bytes);
    this.files.set(name, blob);
  }
  /** Test/export helper: a copy of a file's bytes, or undefined. */
  get(name: string): Uint8Array | undefined {
    return this.files.get(name)?.snapshot();
  }
}
