/**
 * Test support (platform-neutral, used by the pager's *.test.ts): runs the same scenario over
 * the synchronous memory backend and over the yielding backend, where every call pends and
 * every pager operation goes down the IoPending restart path.
 */
import { runAsync, runSync } from '../io/driver.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { YieldingStorage } from '../io/yielding-storage.js';
import type { Storage } from '../io/file.js';
import { Pager } from './pager.js';
import type { PagerOptions } from './pager-open.js';

export interface StorageMode {
  readonly label: 'memory' | 'yielding';
  /** The files, for inspection and for simulating crashes. */
  readonly memory: MemoryStorage;
  readonly storage: Storage;
  open(name: string, options?: PagerOptions): Promise<Pager>;
  /** Runs one restartable pager operation to the end. */
  run<T>(op: () => T): Promise<T>;
}

export function storageModes(): StorageMode[] {
  return [memoryMode(new MemoryStorage()), yieldingMode(new MemoryStorage())];
}

export function memoryMode(memory: MemoryStorage): StorageMode {
  return {
    label: 'memory',
    memory,
    storage: memory,
    open: async (name, options) => Pager.openSync(memory, name, options),
    run: async <T>(op: () => T) => runSync(op),
  };
}

export function yieldingMode(memory: MemoryStorage): StorageMode {
  const storage = new YieldingStorage(memory);
  return {
    label: 'yielding',
    memory,
    storage,
    open: (name, options) => Pager.openAsync(storage, name, options),
    run: <T>(op: () => T) => runAsync(op),
  };
}

/** A page image whose every byte is derived from (seed, offset), for round-trip checks. */
export function patternPage(pageSizeBytes: number, seed: number): Uint8Array {
  const data = new Uint8Array(pageSizeBytes);
  for (let i = 0; i < pageSizeBytes; i++) data[i] = (seed * 31 + i * 7) & 0xff;
  return data;
}

/** Fills `page.data` past `fromOffset` with the pattern (leaves page 1's header alone). */
export function fillPattern(data: Uint8Array, seed: number, fromOffset = 0): void {
  const pattern = patternPage(data.length, seed);
  data.set(pattern.subarray(fromOffset), fromOffset);
}
