/**
 * The yielding backend: a memory backend that defers EVERY completion to a later macrotask.
 * Running a test suite over it sends every page read, write and sync down the "I/O pending"
 * restart path, so the asynchronous case is tested everywhere, not only in the browser.
 *
 * Every call takes effect when it is made, in issue order (so a read issued behind a pending
 * write sees that write, as on a real file), and its completion is delivered later. The buffer
 * contract holds: a read's `into` is filled only at delivery, and a write's data is copied at
 * the call.
 */
import { Completion } from './completion.js';
import type { DbFile, OpenOptions, Storage } from './file.js';
import { MemoryStorage, type MemoryFile } from './memory-storage.js';

/** Runs `compute` now; delivers its value (then `onDeliver`) or its error on a later macrotask. */
function defer<T>(compute: () => T, onDeliver?: () => void): Completion<T> {
  const c = new Completion<T>();
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: compute() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  setTimeout(() => {
    if (outcome.ok) {
      onDeliver?.();
      c.complete(outcome.value);
    } else {
      c.fail(outcome.error);
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
    // Read now (issue order) into a private copy; hand it over at delivery.
    const copy = new Uint8Array(into.length);
    return defer(
      () => this.inner.read(offsetBytes, copy),
      () => into.set(copy),
    );
  }
  write(offsetBytes: number, data: Uint8Array): Completion<void> {
    const copy = data.slice();
    return defer(() => this.inner.write(offsetBytes, copy));
  }
  sync(): Completion<void> {
    return defer(() => this.inner.sync());
  }
  truncate(sizeBytes: number): Completion<void> {
    return defer(() => this.inner.truncate(sizeBytes));
  }
  size(): Completion<number> {
    return defer(() => this.inner.size());
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
