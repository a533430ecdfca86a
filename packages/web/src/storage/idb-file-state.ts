/**
 * One file's state in memory, shared by every open of its name through one IdbStorage: its
 * size, its block cache (the write-back buffer) and what is known about the stored blocks.
 *
 * Reads are served from memory and go to IndexedDB only for blocks not held; writes and
 * truncates change memory only; `sync` stores everything dirty and the size in one
 * transaction. Because IndexedDB runs transactions in creation order, a block fetched by a
 * read issued after a sync reflects that sync (or, if it failed, the state before it: the
 * blocks it carried stay dirty in memory until it commits, so memory still wins).
 *
 * Stored blocks that memory must not trust:
 * - at or past `storedLimitBlocks()`: past the end of every size stored or being stored, so
 *   absent or zero (layout invariant);
 * - at or past `watermark()`: the file was cut below them since the last committed sync, so
 *   they hold old bytes; the next sync deletes them.
 * Such blocks read as zeros without a fetch.
 */
import { assert } from '@minnow/core';
import type { UseStore } from 'idb-keyval';
import { Block, BlockCache } from './idb-block-cache.js';
import { idbError } from './idb-errors.js';
import { BLOCK_BYTES } from './idb-layout.js';
import { commitSync, fetchBlocks, type SyncPlan } from './idb-requests.js';

/** Blocks fetched past the last one a read needs, in the same request: reads tend to be sequential. */
const READ_AHEAD_BLOCKS = 15;
/** Clean blocks kept per file (8 MiB). */
const CLEAN_LIMIT_BLOCKS = 2048;

interface InFlightSync {
  readonly watermark: number;
  readonly limitBlocks: number;
}

/** A block a read needs from IndexedDB, and where its bytes go. */
interface Missing {
  index: number;
  /** The block's own written bytes at issue time (they win over stored ones); null if none. */
  block: Block | null;
  from: number;
  to: number;
  intoOffset: number;
}

function blocksFor(sizeBytes: number): number {
  return Math.ceil(sizeBytes / BLOCK_BYTES);
}

export class IdbFileState {
  private readonly cache = new BlockCache(CLEAN_LIMIT_BLOCKS);
  /** Blocks past the stored size as of the last committed sync (or the open). */
  private committedLimitBlocks: number;
  /** Lowest block cut off since the last sync was issued. */
  private openWatermark = Infinity;
  private readonly inFlight: InFlightSync[] = [];
  private sizeChanged = false;
  private lastSync: Promise<void> | null = null;

  constructor(
    readonly name: string,
    private readonly store: UseStore,
    public sizeBytes: number,
  ) {
    this.committedLimitBlocks = blocksFor(sizeBytes);
  }

  /** Whether anything is in memory only, or still on its way to IndexedDB. */
  get hasUnsynced(): boolean {
    return this.cache.dirty.size > 0 || this.sizeChanged || this.openWatermark !== Infinity || this.inFlight.length > 0;
  }

  get dirtyBlockCount(): number {
    return this.cache.dirty.size;
  }

  private storedLimitBlocks(): number {
    let limit = this.committedLimitBlocks;
    for (const s of this.inFlight) limit = Math.max(limit, s.limitBlocks);
    return limit;
  }

  private watermark(): number {
    let w = this.openWatermark;
    for (const s of this.inFlight) w = Math.min(w, s.watermark);
    return w;
  }

  private storedIsZero(index: number): boolean {
    return index >= this.storedLimitBlocks() || index >= this.watermark();
  }

  /** The block, with a partial one resolved when its stored bytes are known to be zero. */
  private block(index: number): Block | undefined {
    const b = this.cache.get(index);
    if (b?.written != null && this.storedIsZero(index)) b.resolve(undefined);
    return b;
  }

  read(offsetBytes: number, into: Uint8Array): number | Promise<number> {
    const n = Math.max(0, Math.min(into.length, this.sizeBytes - offsetBytes));
    into.fill(0, n);
    const missing: Missing[] = [];
    const end = offsetBytes + n;
    for (let index = Math.floor(offsetBytes / BLOCK_BYTES); index * BLOCK_BYTES < end; index++) {
      const start = index * BLOCK_BYTES;
      const from = Math.max(offsetBytes, start) - start;
      const to = Math.min(end, start + BLOCK_BYTES) - start;
      const intoOffset = start + from - offsetBytes;
      const b = this.block(index);
      if (b !== undefined) {
        into.set(b.bytes.subarray(from, to), intoOffset);
        if (b.written === null || b.written.covers(from, to)) continue;
        // A snapshot: writes after this read must not show through.
        const snapshot = new Block(b.bytes.slice(), true);
        snapshot.written = b.written.clone();
        missing.push({ index, block: snapshot, from, to, intoOffset });
      } else if (this.storedIsZero(index)) {
        into.fill(0, intoOffset, intoOffset + to - from);
      } else {
        missing.push({ index, block: null, from, to, intoOffset });
      }
    }
    if (missing.length === 0) return n;
    const first = missing[0]!.index;
    const last = missing[missing.length - 1]!.index;
    const ahead = Math.max(last, Math.min(last + READ_AHEAD_BLOCKS, this.storedLimitBlocks() - 1, this.watermark() - 1, blocksFor(this.sizeBytes) - 1));
    return fetchBlocks(this.store, this.name, first, ahead).then(
      (stored) => {
        for (const m of missing) {
          const base = stored.get(m.index);
          if (m.block === null) {
            if (base !== undefined) into.set(base.subarray(m.from, m.to), m.intoOffset);
          } else {
            m.block.resolve(base);
            into.set(m.block.bytes.subarray(m.from, m.to), m.intoOffset);
          }
        }
        for (let index = first; index <= ahead; index++) this.learnStored(index, stored.get(index));
        return n;
      },
      (e: unknown) => {
        throw idbError(e, 'read');
      },
    );
  }

  /** Takes in a block's stored bytes, read by a transaction created after every sync issued so far. */
  private learnStored(index: number, stored: Uint8Array | undefined): void {
    if (index >= blocksFor(this.sizeBytes) || this.storedIsZero(index)) return;
    const b = this.cache.get(index);
    if (b !== undefined) {
      b.resolve(stored);
      return;
    }
    this.cache.markClean(index, new Block(stored ?? new Uint8Array(BLOCK_BYTES)));
  }

  write(offsetBytes: number, data: Uint8Array): void {
    if (data.length === 0) return;
    const end = offsetBytes + data.length;
    for (let index = Math.floor(offsetBytes / BLOCK_BYTES); index * BLOCK_BYTES < end; index++) {
      const start = index * BLOCK_BYTES;
      const from = Math.max(offsetBytes, start) - start;
      const to = Math.min(end, start + BLOCK_BYTES) - start;
      this.patch(index, from, to, data.subarray(start + from - offsetBytes, start + to - offsetBytes));
    }
    if (end > this.sizeBytes) {
      this.sizeBytes = end;
      this.sizeChanged = true;
    }
  }

  /** Sets bytes [from, to) of a block to `data` (zeros when null) and marks it dirty. */
  private patch(index: number, from: number, to: number, data: Uint8Array | null): void {
    let b = this.block(index);
    if (b === undefined) {
      const whole = from === 0 && to === BLOCK_BYTES;
      b = new Block(new Uint8Array(BLOCK_BYTES), !whole && !this.storedIsZero(index));
    }
    if (data === null) b.bytes.fill(0, from, to);
    else b.bytes.set(data, from);
    if (b.written !== null) {
      b.written.add(from, to);
      if (b.written.covers(0, BLOCK_BYTES)) b.written = null;
    }
    b.version++;
    this.cache.markDirty(index, b);
  }

  truncate(sizeBytes: number): void {
    if (sizeBytes < this.sizeBytes) {
      const keep = blocksFor(sizeBytes);
      this.cache.dropFrom(keep);
      this.openWatermark = Math.min(this.openWatermark, keep);
      // Zero the cut-off tail of the last block kept, so a later growth reads zeros there.
      const tail = sizeBytes % BLOCK_BYTES;
      if (tail !== 0) this.patch(keep - 1, tail, BLOCK_BYTES, null);
    }
    if (sizeBytes !== this.sizeBytes) this.sizeChanged = true;
    this.sizeBytes = sizeBytes;
  }

  /**
   * Stores every dirty block, the cut-off blocks' deletion and the size in one transaction.
   * Inline when there is nothing to store or wait for.
   */
  sync(): void | Promise<void> {
    const watermark = this.watermark();
    if (this.cache.dirty.size === 0 && !this.sizeChanged && watermark === Infinity) {
      return this.lastSync === null ? undefined : this.lastSync;
    }
    const plan: SyncPlan = { sizeBytes: this.sizeBytes, deleteFromBlock: watermark, puts: [], merges: [] };
    const taken: { index: number; block: Block; version: number }[] = [];
    for (const index of this.cache.dirty.keys()) {
      const b = this.block(index)!;
      taken.push({ index, block: b, version: b.version });
      if (b.written === null) {
        plan.puts.push({ index, bytes: b.bytes.slice() });
      } else {
        const written = b.written.clone();
        plan.merges.push({ index, bytes: b.bytes.slice(), fillGaps: (stored, into) => written.fillGaps(stored, into, 0, BLOCK_BYTES) });
      }
    }
    const flight: InFlightSync = { watermark: this.openWatermark, limitBlocks: blocksFor(this.sizeBytes) };
    this.inFlight.push(flight);
    this.openWatermark = Infinity;
    this.sizeChanged = false;
    const done = commitSync(this.store, this.name, plan, (index, stored) => this.learnStored(index, stored)).then(
      () => {
        // Transactions commit in order, so this is the oldest one still in flight.
        assert(this.inFlight[0] === flight, 'syncs committed out of order');
        this.inFlight.shift();
        this.committedLimitBlocks = flight.limitBlocks;
        for (const t of taken) {
          if (t.block.version === t.version && t.block.written === null && this.cache.dirty.get(t.index) === t.block) {
            this.cache.markClean(t.index, t.block);
          }
        }
      },
      (e: unknown) => {
        const at = this.inFlight.indexOf(flight);
        if (at >= 0) this.inFlight.splice(at, 1);
        // Nothing of it was stored: its blocks are still dirty; its cut and size still pending.
        this.openWatermark = Math.min(this.openWatermark, flight.watermark);
        this.sizeChanged = true;
        throw idbError(e, 'sync');
      },
    );
    this.lastSync = done;
    const clear = (): void => {
      if (this.lastSync === done) this.lastSync = null;
    };
    done.then(clear, clear);
    return done;
  }
}
