/**
 * A file's blocks held in memory: dirty ones (written since they were last stored; the
 * write-back buffer, never evicted) and clean ones (copies of stored blocks; a bounded LRU, as
 * the pager above keeps its own cache and this one only saves IndexedDB round trips).
 *
 * A block is in at most one of the two maps. A block written before its stored bytes were
 * read is "partial": `written` lists the bytes that are valid, and the stored bytes fill the
 * rest once read. A partial block is always dirty (its valid bytes exist nowhere else).
 */
import { assert } from '@minnow/core';
import { ByteRanges } from './idb-byte-ranges.js';
import { BLOCK_BYTES } from './idb-layout.js';

export class Block {
  /** Bytes past the file's end are kept zero, so the file can grow without writes. */
  readonly bytes: Uint8Array;
  /** Null when every byte is valid; else the bytes written over still-unknown stored ones. */
  written: ByteRanges | null;
  /** Bumped on every change, so a sync can tell whether the block changed after it was taken. */
  version = 0;

  constructor(bytes: Uint8Array = new Uint8Array(BLOCK_BYTES), partial = false) {
    assert(bytes.length === BLOCK_BYTES, 'block of the wrong size');
    this.bytes = bytes;
    this.written = partial ? new ByteRanges() : null;
  }

  /** Merges the stored bytes (undefined: a hole, zeros) under the written ones. */
  resolve(stored: Uint8Array | undefined): void {
    if (this.written === null) return;
    if (stored === undefined) {
      // The unwritten bytes of a partial block are zero already.
      this.written = null;
      return;
    }
    this.written.fillGaps(stored, this.bytes, 0, BLOCK_BYTES);
    this.written = null;
  }
}

export class BlockCache {
  readonly dirty = new Map<number, Block>();
  /** In least-recently-used-first order. */
  private readonly clean = new Map<number, Block>();

  constructor(private readonly cleanLimitBlocks: number) {
    assert(cleanLimitBlocks >= 0, 'negative cache size');
  }

  /** The block, counting as a use. */
  get(index: number): Block | undefined {
    const d = this.dirty.get(index);
    if (d !== undefined) return d;
    const c = this.clean.get(index);
    if (c !== undefined) {
      this.clean.delete(index);
      this.clean.set(index, c);
    }
    return c;
  }

  markDirty(index: number, block: Block): void {
    this.clean.delete(index);
    this.dirty.set(index, block);
  }

  markClean(index: number, block: Block): void {
    assert(block.written === null, 'a partial block cannot be clean');
    this.dirty.delete(index);
    this.clean.set(index, block);
    this.evict();
  }

  /** Drops every block at or past `first` (the file was cut there). */
  dropFrom(first: number): void {
    for (const map of [this.dirty, this.clean]) {
      for (const index of [...map.keys()]) if (index >= first) map.delete(index);
    }
  }

  get cleanCount(): number {
    return this.clean.size;
  }

  private evict(): void {
    // Each pass removes one block, so this ends.
    while (this.clean.size > this.cleanLimitBlocks) {
      const oldest = this.clean.keys().next().value as number;
      this.clean.delete(oldest);
    }
  }
}
