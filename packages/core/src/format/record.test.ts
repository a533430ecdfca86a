import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import { decodeRecord, encodeRecord, encodeRecordInto, encodeRecordRange, RecordReader, recordSize } from './record.js';
import { MAX_RECORD_HEADER_BYTES } from './record-walker.js';
import { SqlReal, type SqlValue } from './sql-value.js';
import { TEXT_UTF16BE, TEXT_UTF16LE, TEXT_UTF8, type TextEncoding } from './text-codec.js';
import { readVarint, varintLength, writeVarint } from './varint.js';
import { expectCorrupt } from '../../test/expect-corrupt.js';

/** Values covering every serial type, with the width boundaries. */
const MIXED: SqlValue[] = [
  null, 0, 1, 2, -1, 127, 128, -128, -129, 32767, 32768, -32769, 8388607, 8388608, -8388609,
  2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 47 - 1, 2 ** 47, Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n,
  1.5, -0.25, Infinity, -Infinity, new SqlReal(0), new SqlReal(-0), new SqlReal(3), new SqlReal(1e20),
  '', 'a', 'héllo wörld', '😀 astral \u{10FFFF}', '\uE000', 'long '.repeat(200),
  new Uint8Array(0), new Uint8Array([0, 255, 7]), new Uint8Array(1000).map((_, i) => i * 7),
];

function same(a: SqlValue | undefined, b: SqlValue | undefined): boolean {
  if (a instanceof SqlReal && b instanceof SqlReal) return Object.is(a.value, b.value);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

function expectSameValues(got: readonly (SqlValue | undefined)[], want: readonly SqlValue[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(same(got[i], want[i]), `column ${i}: ${String(got[i])}`).toBe(true);
}

describe('record encode/decode', () => {
  it('round-trips every serial type in all three encodings', () => {
    for (const enc of [TEXT_UTF8, TEXT_UTF16LE, TEXT_UTF16BE] as TextEncoding[]) {
      const bytes = encodeRecord(MIXED, enc);
      expect(recordSize(MIXED, enc)).toBe(bytes.length);
      expectSameValues(decodeRecord(bytes, 0, bytes.length, enc), MIXED);
    }
  });

  it('round-trips records of one column each', () => {
    for (const v of MIXED) expectSameValues(decodeRecord(encodeRecord([v])), [v]);
  });

  it('encodes known byte layouts (file format: header size, serial types, bodies)', () => {
    // (NULL, 1, 'hi', 300): header 05 00 09 11 02, bodies "hi" 01 2c
    expect([...encodeRecord([null, 1, 'hi', 300])]).toEqual([0x05, 0x00, 0x09, 0x11, 0x02, 0x68, 0x69, 0x01, 0x2c]);
    // An empty record is just its header size.
    expect([...encodeRecord([])]).toEqual([0x01]);
    // A 2.5 REAL and a 2-byte blob: types 7 and 16.
    expect([...encodeRecord([2.5, new Uint8Array([0xab, 0xcd])])]).toEqual(
      [0x03, 0x07, 0x10, 0x40, 0x04, 0, 0, 0, 0, 0, 0, 0xab, 0xcd],
    );
    // Schema format 1 writes 0 and 1 as one-byte integers.
    expect([...encodeRecord([0, 1], TEXT_UTF8, 1)]).toEqual([0x03, 0x01, 0x01, 0x00, 0x01]);
    // UTF-16be text.
    expect([...encodeRecord(['A'], TEXT_UTF16BE)]).toEqual([0x02, 0x11, 0x00, 0x41]);
  });

  it('grows the header-size varint when the header passes 127 bytes', () => {
    for (const n of [125, 126, 127, 128, 200, 20000]) {
      const values: SqlValue[] = Array.from({ length: n }, (_, i) => i % 3 === 0 ? null : i);
      const bytes = encodeRecord(values);
      const hdr = readVarint(bytes, 0) as number;
      expect(hdr).toBe(n + varintLength(bytes, 0));
      expectSameValues(decodeRecord(bytes), values);
    }
    // 126 one-byte types + 1 = 127 fits a one-byte size; 127 types need a two-byte size (129).
    expect(encodeRecord(new Array<SqlValue>(126).fill(null))[0]).toBe(127);
    expect(readVarint(encodeRecord(new Array<SqlValue>(127).fill(null)), 0)).toBe(129);
  });

  it('writes in place at an offset', () => {
    const size = recordSize(MIXED);
    const buf = new Uint8Array(size + 20).fill(0x5a);
    expect(encodeRecordInto(MIXED, buf, 7)).toBe(size);
    expect(buf.subarray(7, 7 + size)).toEqual(encodeRecord(MIXED));
    expect(buf[6]).toBe(0x5a);
    expect(buf[7 + size]).toBe(0x5a);
    expectSameValues(decodeRecord(buf, 7, size), MIXED);
  });
});

describe('RecordReader', () => {
  it('reads single columns, serial types and body positions', () => {
    const bytes = encodeRecord(MIXED);
    const page = new Uint8Array(bytes.length + 30);
    page.set(bytes, 13);
    const r = new RecordReader().reset(page, 13, bytes.length);
    expect(r.columnCount).toBe(MIXED.length);
    for (let i = MIXED.length - 1; i >= 0; i--) expect(same(r.column(i), MIXED[i]!), `column ${i}`).toBe(true);
    expect(r.serialType(0)).toBe(0);
    expect(r.serialType(1)).toBe(8);
    const blobIndex = MIXED.length - 2;
    expect(r.bodySize(blobIndex)).toBe(3);
    expect([...page.subarray(r.bodyOffset(blobIndex), r.bodyOffset(blobIndex) + 3)]).toEqual([0, 255, 7]);
  });

  it('returns undefined past the stored columns (ALTER TABLE ADD COLUMN)', () => {
    const r = new RecordReader().reset(encodeRecord([1, 'x']));
    expect(r.columnCount).toBe(2);
    expect(r.column(2)).toBeUndefined();
    expect(r.column(50)).toBeUndefined();
    expect(r.serialType(2)).toBeUndefined();
    expect(() => r.column(-1)).toThrow(/assertion/);
  });

  it('is reusable across records of different widths', () => {
    const r = new RecordReader();
    r.reset(encodeRecord([1, 2, 3, 4, 5]));
    expect(r.column(4)).toBe(5);
    r.reset(encodeRecord(['only']));
    expect(r.columnCount).toBe(1);
    expect(r.column(0)).toBe('only');
    expect(r.column(1)).toBeUndefined();
    r.reset(encodeRecord(['a', 'b'], TEXT_UTF16LE), 0, undefined, TEXT_UTF16LE);
    expect(r.column(1)).toBe('b');
  });

  it('leaves no columns behind after a failed reset', () => {
    const r = new RecordReader().reset(encodeRecord([1, 2, 3]));
    expectCorrupt(() => r.reset(new Uint8Array([0x03, 0x0a, 0x01, 0x00])));
    expect(r.columnCount).toBe(0);
    expect(r.column(0)).toBeUndefined();
  });
});

describe('corrupt records', () => {
  const cases: [string, number[]][] = [
    ['empty payload', []],
    ['header size 0', [0x00]],
    ['header size larger than payload', [0x05, 0x01, 0x01]],
    ['header size varint runs past payload', [0x81]],
    ['reserved serial type 10', [0x02, 0x0a]],
    ['reserved serial type 11', [0x02, 0x0b]],
    ['body past payload', [0x02, 0x04, 0x00, 0x00]],
    ['text body past payload', [0x02, 0x15, 0x61]],
    ['serial type varint crosses header end', [0x02, 0x81, 0x00]],
    ['payload longer than its columns', [0x02, 0x01, 0x05, 0x06]],
    ['serial type too large', [0x06, 0x8f, 0xff, 0xff, 0xff, 0x7f]],
  ];
  for (const [name, bytes] of cases) {
    it(`rejects ${name}`, () => {
      const buf = new Uint8Array(bytes);
      expectCorrupt(() => decodeRecord(buf));
      expectCorrupt(() => new RecordReader().reset(buf));
    });
  }

  it('rejects a header beyond SQLite\'s limit', () => {
    const size = MAX_RECORD_HEADER_BYTES + 1;
    const buf = new Uint8Array(size);
    const n = writeVarint(buf, 0, size);
    buf.fill(0, n); // all NULL columns: only the header's size is wrong
    expectCorrupt(() => decodeRecord(buf));
  });

  it('rejects a record range outside its buffer', () => {
    const bytes = encodeRecord([1, 2]);
    expectCorrupt(() => decodeRecord(bytes, 1, bytes.length));
    expectCorrupt(() => new RecordReader().reset(bytes, -1, 2));
  });

  it('never throws anything but SQLITE_CORRUPT on random or truncated bytes', () => {
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const good = encodeRecord(MIXED.slice(0, 30));
    for (let round = 0; round < 3000; round++) {
      let buf: Uint8Array;
      if (round % 3 === 0) {
        buf = good.slice(0, rand() % good.length);
      } else if (round % 3 === 1) {
        buf = good.slice();
        for (let k = 0; k < 3; k++) buf[rand() % buf.length] = rand() & 0xff;
      } else {
        buf = new Uint8Array(rand() % 24).map(() => rand() & 0xff);
      }
      for (const enc of [TEXT_UTF8, TEXT_UTF16LE] as TextEncoding[]) {
        try {
          decodeRecord(buf, 0, buf.length, enc);
        } catch (e) {
          expect(e).toBeInstanceOf(SqliteError);
          expect((e as SqliteError).code).toBe('SQLITE_CORRUPT');
        }
      }
    }
  });
});

describe('encodeRecordRange', () => {
  it('encodes a slice of the values exactly as encodeRecord encodes the slice', () => {
    const values: SqlValue[] = [7, 'skip', null, 1, 0, -129, 2 ** 40, 3.25, new SqlReal(2), 'héllo', new Uint8Array([1, 2, 3]), 2n ** 62n, 'x'.repeat(200)];
    for (const enc of [TEXT_UTF8, TEXT_UTF16LE, TEXT_UTF16BE]) {
      for (let start = 0; start < values.length; start++) {
        for (let n = 0; start + n <= values.length; n++) {
          expect(encodeRecordRange(values, start, n, enc)).toEqual(encodeRecord(values.slice(start, start + n), enc));
        }
      }
    }
  });
});
