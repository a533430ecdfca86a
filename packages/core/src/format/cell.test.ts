import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import {
  PAGE_TYPE_INTERIOR_INDEX,
  PAGE_TYPE_INTERIOR_TABLE,
  PAGE_TYPE_LEAF_INDEX,
  PAGE_TYPE_LEAF_TABLE,
} from './btree-page.js';
import {
  CellInfo,
  cellSizeAt,
  cellSizeFor,
  localPayloadBytes,
  maxLocalPayload,
  minLocalPayload,
  overflowPageCount,
  parseCell,
  writeCell,
} from './cell.js';

describe('cells', () => {
  it('local payload limits follow the file format', () => {
    // U = 4096: X = U - 35 on table leaves, ((U-12)*64/255)-23 elsewhere, M = ((U-12)*32/255)-23.
    expect(maxLocalPayload(4096, PAGE_TYPE_LEAF_TABLE)).toBe(4061);
    expect(maxLocalPayload(4096, PAGE_TYPE_LEAF_INDEX)).toBe(1002);
    expect(maxLocalPayload(4096, PAGE_TYPE_INTERIOR_INDEX)).toBe(1002);
    expect(minLocalPayload(4096)).toBe(489);
    expect(maxLocalPayload(512, PAGE_TYPE_LEAF_INDEX)).toBe(102);
    expect(minLocalPayload(512)).toBe(39);
    // P <= X stays local.
    expect(localPayloadBytes(4061, 4096, PAGE_TYPE_LEAF_TABLE)).toBe(4061);
    // K = M + (P - M) % (U - 4) when it is <= X ...
    expect(localPayloadBytes(5000, 4096, PAGE_TYPE_LEAF_TABLE)).toBe(908);
    expect(localPayloadBytes(5000, 4096, PAGE_TYPE_LEAF_INDEX)).toBe(908);
    // ... else M.
    expect(localPayloadBytes(4062, 4096, PAGE_TYPE_LEAF_TABLE)).toBe(489);
    expect(localPayloadBytes(489 + 4092 + 1500, 4096, PAGE_TYPE_LEAF_INDEX)).toBe(489);
    expect(localPayloadBytes(489 + 4092 + 1500, 4096, PAGE_TYPE_LEAF_TABLE)).toBe(1989);
    expect(overflowPageCount(10000, 489 + ((10000 - 489) % 4092), 4096)).toBe(2);
  });

  it('write and parse round-trip for all four cell types', () => {
    const usable = 1024;
    const page = new Uint8Array(usable);
    const info = new CellInfo();
    const cases: [number, number, number | bigint, number][] = [
      [PAGE_TYPE_LEAF_TABLE, 0, 5, 0],
      [PAGE_TYPE_LEAF_TABLE, 0, -1, 100],
      [PAGE_TYPE_LEAF_TABLE, 0, 1n << 62n, 3000],
      [PAGE_TYPE_INTERIOR_TABLE, 77, 123456789, 0],
      [PAGE_TYPE_LEAF_INDEX, 0, 0, 2],
      [PAGE_TYPE_LEAF_INDEX, 0, 0, 2000],
      [PAGE_TYPE_INTERIOR_INDEX, 9, 0, 50],
      [PAGE_TYPE_INTERIOR_INDEX, 9, 0, 2000],
    ];
    for (const [type, child, rowid, payloadSize] of cases) {
      const payload = new Uint8Array(payloadSize).map((_, i) => i & 0xff);
      const size = cellSizeFor(type, payloadSize, rowid, usable);
      expect(size).toBeGreaterThanOrEqual(4);
      const written = writeCell(page, 10, type, child, rowid, payload, usable, 4242);
      expect(written).toBe(size);
      expect(cellSizeAt(page, 10, type, usable)).toBe(size);
      parseCell(page, 10, type, usable, info);
      expect(info.cellSize).toBe(size);
      expect(info.childPgno).toBe(child);
      if (type === PAGE_TYPE_LEAF_TABLE || type === PAGE_TYPE_INTERIOR_TABLE) expect(info.rowid).toBe(rowid);
      if (type !== PAGE_TYPE_INTERIOR_TABLE) {
        expect(info.payloadSizeBytes).toBe(payloadSize);
        expect(info.localBytes).toBe(localPayloadBytes(payloadSize, usable, type));
        expect(info.overflowPgno).toBe(info.localBytes < payloadSize ? 4242 : 0);
        expect([...page.subarray(info.payloadOffset, info.payloadOffset + info.localBytes)]).toEqual([
          ...payload.subarray(0, info.localBytes),
        ]);
      }
    }
  });

  it('a cell running past the usable size is SQLITE_CORRUPT', () => {
    const page = new Uint8Array(512);
    // 31 bytes at 460: past a usable size of 480 (a page with 32 reserved bytes).
    writeCell(page, 460, PAGE_TYPE_LEAF_INDEX, 0, 0, new Uint8Array(30), 480, 0);
    expect(() => parseCell(page, 460, PAGE_TYPE_LEAF_INDEX, 480, new CellInfo())).toThrow(SqliteError);
    expect(() => cellSizeAt(page, 460, PAGE_TYPE_LEAF_INDEX, 480)).toThrow(SqliteError);
    parseCell(page, 460, PAGE_TYPE_LEAF_INDEX, 512, new CellInfo());
  });
});
