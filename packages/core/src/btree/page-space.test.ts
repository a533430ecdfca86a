import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import {
  cellCount,
  contentStart,
  get16,
  PAGE_HEADER_FIRST_FREEBLOCK,
  PAGE_HEADER_FRAGMENTED_BYTES,
  PAGE_TYPE_LEAF_INDEX,
  PAGE_TYPE_LEAF_TABLE,
  put16,
} from '../format/btree-page.js';
import { CellInfo, cellSizeFor, parseCell, writeCell } from '../format/cell.js';
import { Prng } from './btree-test-kit.js';
import { CellList } from './node-image.js';
import { defragmentPage, dropCell, insertCellSpace, pageFreeBytes, writeEmptyPage, writePageImage } from './page-space.js';

/**
 * Independent check of a page's byte accounting: header + pointers + cells + freeblocks +
 * gap + fragments = usable, no overlaps, freeblocks ascending and not adjacent, none at the
 * content start. Returns the total free bytes.
 */
function checkPage(data: Uint8Array, hdr: number, usable: number, type: number): number {
  const fail = (msg: string): never => {
    throw new Error(msg);
  };
  const n = cellCount(data, hdr);
  const ptrEnd = hdr + 8 + 2 * n;
  const start = contentStart(data, hdr);
  if (start < ptrEnd) fail('content starts inside the pointer array');
  const owner = new Int32Array(usable).fill(-1);
  const info = new CellInfo();
  for (let i = 0; i < n; i++) {
    const off = get16(data, hdr + 8 + 2 * i);
    if (off < start) fail(`cell ${i} before the content start`);
    parseCell(data, off, type, usable, info);
    for (let b = off; b < off + info.cellSize; b++) {
      if (owner[b] !== -1) fail(`byte ${b} used twice`);
      owner[b] = i;
    }
  }
  let free = start - ptrEnd;
  let pc = get16(data, hdr + PAGE_HEADER_FIRST_FREEBLOCK);
  let prevEnd = -10;
  while (pc !== 0) {
    if (pc <= start) fail('freeblock at or before the content start');
    if (pc <= prevEnd + 3) fail('freeblocks adjacent or out of order');
    const size = get16(data, pc + 2);
    for (let b = pc; b < pc + size; b++) {
      if (owner[b] !== -1) fail(`freeblock byte ${b} overlaps`);
      owner[b] = -2;
    }
    free += size;
    prevEnd = pc + size;
    pc = get16(data, pc);
  }
  let holes = 0;
  for (let b = start; b < usable; b++) if (owner[b] === -1) holes++;
  if (holes !== data[hdr + PAGE_HEADER_FRAGMENTED_BYTES]) fail(`${holes} holes, header says ${data[hdr + 7]}`);
  if (holes > 60) fail('too many fragmented bytes');
  return free + holes;
}

describe('cell space inside a page', () => {
  for (const [usable, hdr] of [[512, 0], [4096, 100], [65536, 0]] as const) {
    it(`random inserts and drops keep exact byte accounting (usable ${usable}, header at ${hdr})`, () => {
      const data = new Uint8Array(usable);
      writeEmptyPage(data, hdr, usable, PAGE_TYPE_LEAF_TABLE);
      const rng = new Prng(usable + hdr);
      const model: { rowid: number; len: number }[] = [];
      const info = new CellInfo();
      for (let step = 0; step < 4000; step++) {
        const free = pageFreeBytes(data, hdr, usable);
        if (checkPage(data, hdr, usable, PAGE_TYPE_LEAF_TABLE) !== free) expect.fail(`free bytes differ at step ${step}`);
        if (model.length > 0 && (rng.next() < 0.45 || free < 200)) {
          const i = rng.int(model.length);
          const off = get16(data, hdr + 8 + 2 * i);
          parseCell(data, off, PAGE_TYPE_LEAF_TABLE, usable, info);
          dropCell(data, hdr, usable, i, info.cellSize);
          model.splice(i, 1);
        } else {
          // Sizes around the 4-byte minimum and the fragment boundary are the interesting ones.
          const len = rng.next() < 0.5 ? rng.int(4) : rng.int(Math.min(150, free - 20));
          const cellSize = cellSizeFor(PAGE_TYPE_LEAF_TABLE, len, step % 100, usable);
          if (cellSize + 2 > free) continue;
          const i = rng.int(model.length + 1);
          const off = insertCellSpace(data, hdr, usable, i, cellSize);
          writeCell(data, off, PAGE_TYPE_LEAF_TABLE, 0, step % 100, new Uint8Array(len).fill(step & 0xff), usable, 0);
          model.splice(i, 0, { rowid: step % 100, len });
        }
        if (step % 500 === 0) defragmentPage(data, hdr, usable);
        if (cellCount(data, hdr) !== model.length) expect.fail('cell count differs');
      }
      for (let i = 0; i < model.length; i++) {
        parseCell(data, get16(data, hdr + 8 + 2 * i), PAGE_TYPE_LEAF_TABLE, usable, info);
        expect(info.payloadSizeBytes).toBe(model[i]!.len);
        expect(info.rowid).toBe(model[i]!.rowid);
      }
    });
  }

  it('reports malformed freeblock chains as SQLITE_CORRUPT', () => {
    const usable = 1024;
    const data = new Uint8Array(usable);
    const cells = [0, 1, 2, 3].map((i) => {
      const c = new Uint8Array(20);
      writeCell(c, 0, PAGE_TYPE_LEAF_INDEX, 0, 0, new Uint8Array(19).fill(i), usable, 0);
      return c;
    });
    const list = new CellList();
    for (const c of cells) list.push(c, 0, c.length);
    writePageImage(data, 0, usable, PAGE_TYPE_LEAF_INDEX, list, 0, list.length, 0);
    const info = new CellInfo();
    parseCell(data, get16(data, 8 + 2), PAGE_TYPE_LEAF_INDEX, usable, info);
    dropCell(data, 0, usable, 1, info.cellSize);
    const first = get16(data, PAGE_HEADER_FIRST_FREEBLOCK);
    expect(first).toBeGreaterThan(0);
    // A freeblock pointing backwards (to itself).
    const bad = data.slice();
    put16(bad, first, first);
    expect(() => pageFreeBytes(bad, 0, usable)).toThrow(SqliteError);
    // A freeblock running past the end of the page.
    const long = data.slice();
    put16(long, first + 2, 2000);
    expect(() => pageFreeBytes(long, 0, usable)).toThrow(SqliteError);
    // A content area starting inside the pointer array.
    const overlap = data.slice();
    put16(overlap, 5, 4);
    expect(() => pageFreeBytes(overlap, 0, usable)).toThrow(SqliteError);
    // Freeing a cell whose bytes overlap a freeblock.
    expect(() => dropCell(data.slice(), 0, usable, 0, 2000)).toThrow(SqliteError);
  });
});
