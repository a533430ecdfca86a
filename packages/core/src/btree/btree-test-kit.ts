/**
 * Test support for the B-tree's *.test.ts (platform-neutral): a seeded PRNG, and the same
 * scenario over the synchronous memory backend and over the yielding backend, where every
 * page read pends and every B-tree operation goes down the IoPending restart path.
 */
import { runAsync } from '../io/driver.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { YieldingStorage } from '../io/yielding-storage.js';
import type { Storage } from '../io/file.js';
import type { PagerOptions } from '../pager/pager-open.js';
import { BtreeDatabase } from './btree-database.js';

/** Small, fast, seeded PRNG (mulberry32). */
export class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

export interface BtreeMode {
  readonly label: 'memory' | 'yielding';
  readonly memory: MemoryStorage;
  readonly storage: Storage;
  open(name: string, options?: PagerOptions): Promise<BtreeDatabase>;
  /** Runs one restartable operation to the end (and trims the cache, as drivers do). */
  run<T>(db: BtreeDatabase, op: () => T): Promise<T>;
}

export function btreeModes(): BtreeMode[] {
  const memory = new MemoryStorage();
  const yieldingMemory = new MemoryStorage();
  const yielding = new YieldingStorage(yieldingMemory);
  return [
    {
      label: 'memory',
      memory,
      storage: memory,
      open: async (name, options) => BtreeDatabase.openSync(memory, name, options),
      run: async (db, op) => db.runSync(op),
    },
    {
      label: 'yielding',
      memory: yieldingMemory,
      storage: yielding,
      open: (name, options) => BtreeDatabase.open(yielding, name, options),
      run: (db, op) => db.run(op),
    },
  ];
}

/** Counts restarts of `op` under a driver: how often it met IoPending. */
export async function runCountingRestarts<T>(op: () => T): Promise<{ value: T; restarts: number }> {
  let calls = 0;
  const value = await runAsync(() => {
    calls++;
    return op();
  });
  return { value, restarts: calls - 1 };
}

