/**
 * The yielding backend: a memory backend that defers EVERY completion to a later macrotask.
 * Running a test suite over it sends every page read, write and sync down the "I/O pending"
 * restart path, so the asynchronous case is tested everywhere, not only in the browser.
 *
 * Results are computed when the call is made (so ordering is the same as the memory backend's),
 * and delivered later; the buffer contract holds: a read's `into` is filled only at delivery.
 */
import { Completion } from './completion.js';
import type { DbFile, OpenOptions, Storage } from './file.js';
import { MemoryStorage, type MemoryFile } from './memory-storage.js';

function defer<T>(compute: () => T): Completion<T> {
  const c = new Completion<T>();
  setTimeout(() => {
    try {
      c.complete(compute());
    } catch (e) {
      c.fail(e);
    }
  }, 0);
  return c;
}

class YieldingFile implements DbFile {
  constructor(private readonly inner: MemoryFile) {}
  get name(): string {
    return this.inner.name;
  }
  read(offsetBytes: number, into: Uint8Array): Completion<number> {
    // Read now into a private copy so later writes don't leak in; hand it over at delivery.
    const copy = new Uint8Array(into.length);
    const n = this.inner.read(offsetBytes, copy);
    return defer(() => {
      into.set(copy);
      return n;
    });
  }
  write(offsetBytes: number, data: Uint8Array): Completion<void> {
    return defer(() => this.inner.write(offsetBytes, data));
  }
  sync(): Completion<void> {
    return defer(() => this.inner.sync());
  }
  truncate(sizeBytes: number): Completion<void> {
    return defer(() => this.inner.truncate(sizeBytes));
  }
  size(): Completion<number> {
    const n = this.inner.size();
    return defer(() => n);
  }
  close(): Completion<void> {
    return defer(() => this.inner.close());
  }
}

export class YieldingStorage implements Storage {
  constructor(readonly inner: MemoryStorage = new MemoryStorage()) {}
  open(name: string, options: OpenOptions): Completion<DbFile> {
    return defer(() => new YieldingFile(this.inner.open(name, options)));
  }
  delete(name: string): Completion<void> {
    return defer(() => this.inner.delete(name));
  }
  exists(name: string): Completion<boolean> {
    return defer(() => this.inner.exists(name));
  }
}
