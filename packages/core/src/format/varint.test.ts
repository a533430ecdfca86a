import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import { readVarint, readVarint32, varintLength, varintSize, writeVarint } from './varint.js';

const samples: (number | bigint)[] = [
  0, 1, 127, 128, 240, 2287, 16383, 16384, 2097151, 2097152, 2 ** 28, 2 ** 35 - 1, 2 ** 42,
  2 ** 49 - 1, 2 ** 49, Number.MAX_SAFE_INTEGER, -1, -2, Number.MIN_SAFE_INTEGER,
  2n ** 56n - 1n, 2n ** 56n, 2n ** 63n - 1n, -(2n ** 63n), -(2n ** 53n) - 5n,
];

describe('varint', () => {
  it('round-trips values across every length', () => {
    const buf = new Uint8Array(16);
    for (const v of samples) {
      const n = writeVarint(buf, 3, v);
      expect(n).toBe(varintSize(v));
      expect(varintLength(buf, 3)).toBe(n);
      const back = readVarint(buf, 3);
      expect(BigInt(back)).toBe(BigInt(v));
      // Canonical form: numbers for safe integers, bigints beyond.
      expect(typeof back).toBe(Number.isSafeInteger(Number(v)) && BigInt(Number(v)) === BigInt(v) ? 'number' : 'bigint');
    }
  });

  it('uses the documented sizes', () => {
    expect(varintSize(127)).toBe(1);
    expect(varintSize(128)).toBe(2);
    expect(varintSize(16383)).toBe(2);
    expect(varintSize(16384)).toBe(3);
    expect(varintSize(-1)).toBe(9);
    expect(varintSize(2n ** 56n - 1n)).toBe(8);
    expect(varintSize(2n ** 56n)).toBe(9);
  });

  it('encodes known bytes', () => {
    const buf = new Uint8Array(9);
    expect(writeVarint(buf, 0, 300)).toBe(2);
    expect([...buf.subarray(0, 2)]).toEqual([0x82, 0x2c]);
    expect(writeVarint(buf, 0, -1)).toBe(9);
    expect([...buf]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  });

  it('reports a varint that runs past its bound as corruption', () => {
    const buf = new Uint8Array([0x81, 0x82, 0x83]);
    expect(() => readVarint(buf, 0)).toThrow(SqliteError);
    expect(() => readVarint(buf, 0, 2)).toThrow(/malformed/);
    // Complete two- and three-byte varints that end past the bound are still out of bounds.
    expect(() => readVarint(new Uint8Array([0x81, 0x02]), 0, 1)).toThrow(/malformed/);
    expect(() => readVarint(new Uint8Array([0x81, 0x82, 0x03]), 0, 2)).toThrow(/malformed/);
    expect(readVarint(new Uint8Array([0x81, 0x82, 0x03]), 0, 3)).toBe((1 << 14) | (2 << 7) | 3);
    expect(() => readVarint32(new Uint8Array([0x8f, 0xff, 0xff, 0xff, 0xff, 0x7f]), 0)).toThrow(SqliteError);
  });
});
