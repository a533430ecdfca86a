/**
 * The byte ranges of one block written since its stored contents were last known: a sorted
 * list of disjoint, non-touching half-open intervals [start, end). A block written partly
 * before its stored bytes have been read keeps one of these, so the stored bytes can later be
 * merged in under the written ones. Writes within a block are few (a page, a WAL frame's
 * header and body), so a flat array is enough.
 */
import { assert } from '@minnow/core';

export class ByteRanges {
  /** start0, end0, start1, end1, ... */
  private readonly bounds: number[] = [];

  add(start: number, end: number): void {
    assert(start >= 0 && start <= end, `bad range ${start}..${end}`);
    if (start === end) return;
    const b = this.bounds;
    // First interval that ends at or after `start` (touching intervals merge).
    let i = 0;
    while (i < b.length && b[i + 1]! < start) i += 2;
    let j = i;
    let lo = start;
    let hi = end;
    while (j < b.length && b[j]! <= end) {
      lo = Math.min(lo, b[j]!);
      hi = Math.max(hi, b[j + 1]!);
      j += 2;
    }
    b.splice(i, j - i, lo, hi);
  }

  /** Whether [start, end) is wholly covered. */
  covers(start: number, end: number): boolean {
    const b = this.bounds;
    for (let i = 0; i < b.length; i += 2) if (b[i]! <= start && end <= b[i + 1]!) return true;
    return start === end;
  }

  /**
   * Copies `base[start, end)` into `target` (at the same positions less `targetOffset`) wherever
   * no range covers it: the stored bytes showing through around the written ones.
   */
  fillGaps(base: Uint8Array, target: Uint8Array, start: number, end: number, targetOffset = 0): void {
    const b = this.bounds;
    let at = start;
    for (let i = 0; i < b.length && at < end; i += 2) {
      const s = b[i]!;
      const e = b[i + 1]!;
      if (e <= at) continue;
      if (s > at) target.set(base.subarray(at, Math.min(s, end)), at - targetOffset);
      at = Math.max(at, e);
    }
    if (at < end) target.set(base.subarray(at, end), at - targetOffset);
  }

  clone(): ByteRanges {
    const c = new ByteRanges();
    c.bounds.push(...this.bounds);
    return c;
  }

  /** The intervals as [start, end] pairs, for tests and messages. */
  toArray(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.bounds.length; i += 2) out.push([this.bounds[i]!, this.bounds[i + 1]!]);
    return out;
  }
}
