/**
 * An in-memory stand-in for an OPFS directory, faithful to what OpfsStorage relies on:
 * asynchronous handle lookups, exclusive sync access handles (a second one on a file fails with
 * NoModificationAllowedError until the first closes), reads that do NOT zero-fill past end of
 * file, removeEntry refused while a handle is open, and an optional quota.
 */
import type { OpfsDirectory, OpfsFileHandle, OpfsSyncAccessHandle } from './opfs-types.js';

function domError(name: string, message = name): DOMException {
  return new DOMException(message, name);
}

class FakeFile {
  bytes = new Uint8Array(0);
  locked = false;
}

class FakeSyncAccessHandle implements OpfsSyncAccessHandle {
  private closed = false;
  constructor(
    private readonly file: FakeFile,
    private readonly dir: FakeOpfsDirectory,
  ) {}

  read(buffer: Uint8Array, options: { at: number }): number {
    this.checkOpen();
    const n = Math.max(0, Math.min(buffer.length, this.file.bytes.length - options.at));
    if (n > 0) buffer.set(this.file.bytes.subarray(options.at, options.at + n));
    return n;
  }
  write(buffer: Uint8Array, options: { at: number }): number {
    this.checkOpen();
    const end = options.at + buffer.length;
    if (end > this.file.bytes.length) this.resize(end);
    this.file.bytes.set(buffer, options.at);
    return buffer.length;
  }
  truncate(newSizeBytes: number): void {
    this.checkOpen();
    this.resize(newSizeBytes);
  }
  getSize(): number {
    this.checkOpen();
    return this.file.bytes.length;
  }
  flush(): void {
    this.checkOpen();
    this.dir.flushes++;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.locked = false;
  }
  private resize(sizeBytes: number): void {
    const growth = sizeBytes - this.file.bytes.length;
    if (growth > 0 && this.dir.usedBytes() + growth > this.dir.quotaBytes) throw domError('QuotaExceededError');
    const next = new Uint8Array(sizeBytes);
    next.set(this.file.bytes.subarray(0, Math.min(sizeBytes, this.file.bytes.length)));
    this.file.bytes = next;
  }
  private checkOpen(): void {
    if (this.closed) throw domError('InvalidStateError', 'the handle is closed');
  }
}

export class FakeOpfsDirectory implements OpfsDirectory {
  readonly files = new Map<string, FakeFile>();
  readonly dirs = new Map<string, FakeOpfsDirectory>();
  quotaBytes = Number.POSITIVE_INFINITY;
  flushes = 0;
  /** How many sync access handles have been created. */
  handlesCreated = 0;

  usedBytes(): number {
    let total = 0;
    for (const f of this.files.values()) total += f.bytes.length;
    return total;
  }

  async getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle> {
    await Promise.resolve();
    if (name === '' || name === '.' || name === '..' || name.includes('/')) throw new TypeError(`invalid name ${name}`);
    if (this.dirs.has(name)) throw domError('TypeMismatchError');
    let file = this.files.get(name);
    if (file === undefined) {
      if (options?.create !== true) throw domError('NotFoundError');
      file = new FakeFile();
      this.files.set(name, file);
    }
    const found = file;
    return {
      createSyncAccessHandle: async () => {
        await Promise.resolve();
        if (found.locked) throw domError('NoModificationAllowedError', 'a handle is already open');
        found.locked = true;
        this.handlesCreated++;
        return new FakeSyncAccessHandle(found, this);
      },
    };
  }

  async getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsDirectory> {
    await Promise.resolve();
    let dir = this.dirs.get(name);
    if (dir === undefined) {
      if (options?.create !== true) throw domError('NotFoundError');
      dir = new FakeOpfsDirectory();
      this.dirs.set(name, dir);
    }
    return dir;
  }

  async removeEntry(name: string): Promise<void> {
    await Promise.resolve();
    const file = this.files.get(name);
    if (file === undefined) throw domError('NotFoundError');
    if (file.locked) throw domError('NoModificationAllowedError', 'the file has an open handle');
    this.files.delete(name);
  }
}
