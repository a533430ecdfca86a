/**
 * The IndexedDB transactions the backend runs, each through idb-keyval's `UseStore` (which
 * opens the database once and hands over the `blocks` object store of a new transaction).
 * Every function returns a promise that settles when its transaction has committed or failed;
 * a record found corrupt aborts the transaction and rejects with SQLITE_CORRUPT.
 *
 * IndexedDB runs transactions over the same store in the order they were created, and
 * `UseStore` creates them in call order, so these calls take effect in the order they are made.
 */
import { promisifyRequest, type UseStore } from 'idb-keyval';
import { blockKey, blockRange, checkedBlock, checkedSize, fileRange, metaKey, metaRecord } from './idb-layout.js';

/**
 * Runs `body` in one transaction; resolves once it commits. An exception thrown by `body` or by
 * a request callback (through `guard`) aborts the transaction and becomes the rejection.
 */
function transact(store: UseStore, mode: IDBTransactionMode, body: (os: IDBObjectStore, guard: (f: () => void) => void) => void): Promise<void> {
  return store(mode, (os) => {
    let failure: { error: unknown } | null = null;
    const guard = (f: () => void): void => {
      if (failure !== null) return;
      try {
        f();
      } catch (e) {
        failure = { error: e };
        try {
          os.transaction.abort();
        } catch {
          // Already finishing: the commit promise below reports the failure anyway.
        }
      }
    };
    guard(() => body(os, guard));
    return promisifyRequest(os.transaction).then(
      () => {
        if (failure !== null) throw failure.error;
      },
      (e: unknown) => {
        throw failure !== null ? failure.error : (e ?? new Error('IndexedDB transaction aborted'));
      },
    );
  });
}

/** The stored size of a file; undefined if it has no meta record (unless `create` made one). */
export async function loadSize(store: UseStore, name: string, create: boolean): Promise<number | undefined> {
  let size: number | undefined;
  await transact(store, create ? 'readwrite' : 'readonly', (os, guard) => {
    const req = os.get(metaKey(name));
    req.onsuccess = () =>
      guard(() => {
        if (req.result !== undefined) {
          size = checkedSize(name, req.result);
        } else if (create) {
          os.put(metaRecord(0), metaKey(name));
          size = 0;
        }
      });
  });
  return size;
}

export async function hasFile(store: UseStore, name: string): Promise<boolean> {
  let found = false;
  await transact(store, 'readonly', (os, guard) => {
    const req = os.getKey(metaKey(name));
    req.onsuccess = () => guard(() => (found = req.result !== undefined));
  });
  return found;
}

/** Removes the file's meta record and every block, in one transaction. */
export function deleteFile(store: UseStore, name: string): Promise<void> {
  return transact(store, 'readwrite', (os) => {
    os.delete(fileRange(name));
  });
}

/** The stored blocks `from` .. `to` (inclusive); holes are absent from the map. */
export async function fetchBlocks(store: UseStore, name: string, from: number, to: number): Promise<Map<number, Uint8Array>> {
  const blocks = new Map<number, Uint8Array>();
  await transact(store, 'readonly', (os, guard) => {
    const range = blockRange(name, from, to);
    const keys = os.getAllKeys(range);
    const values = os.getAll(range);
    // Requests of one transaction complete in order: keys first, then values.
    values.onsuccess = () =>
      guard(() => {
        const ks = keys.result;
        if (ks.length !== values.result.length) throw new Error('IndexedDB returned keys and values that do not match');
        ks.forEach((k, i) => {
          const index = (k as [string, number])[1];
          const block = checkedBlock(name, index, values.result[i]);
          if (block !== undefined) blocks.set(index, block);
        });
      });
  });
  return blocks;
}

/** What one sync stores, taken when `sync` was called. */
export interface SyncPlan {
  sizeBytes: number;
  /** Delete every stored block from this index on first (Infinity: none). */
  deleteFromBlock: number;
  /** Whole blocks to store. */
  puts: { index: number; bytes: Uint8Array }[];
  /** Partial blocks: stored bytes are read inside the transaction and merged under these. */
  merges: { index: number; bytes: Uint8Array; fillGaps(stored: Uint8Array, into: Uint8Array): void }[];
}

/**
 * Stores a sync plan in ONE transaction: the deletion, the blocks and the size record commit
 * together or not at all. `onStored` sees the stored bytes read for each partial block.
 */
export function commitSync(store: UseStore, name: string, plan: SyncPlan, onStored: (index: number, stored: Uint8Array | undefined) => void): Promise<void> {
  return transact(store, 'readwrite', (os, guard) => {
    if (plan.deleteFromBlock !== Infinity) os.delete(blockRange(name, plan.deleteFromBlock));
    for (const p of plan.puts) os.put(p.bytes, blockKey(name, p.index));
    for (const m of plan.merges) {
      const req = os.get(blockKey(name, m.index));
      req.onsuccess = () =>
        guard(() => {
          const stored = checkedBlock(name, m.index, req.result);
          if (stored !== undefined) m.fillGaps(stored, m.bytes);
          os.put(m.bytes, blockKey(name, m.index));
          onStored(m.index, stored);
        });
    }
    os.put(metaRecord(plan.sizeBytes), metaKey(name));
  });
}
