import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../format/record.js';
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import { TEXT_UTF16BE, TEXT_UTF16LE, TEXT_UTF8, type TextEncoding } from '../format/text-codec.js';
import { BINARY, NOCASE, RTRIM } from './collation.js';
import {
  compareKeyToRecord, compareNumbers, compareRecords, compareValues, type KeyInfo, PreparedKey, prepareKey,
} from './key-compare.js';
import { compareKeyToRecordFast } from './key-compare-fast.js';
import { expectCorrupt } from '../../test/expect-corrupt.js';

const ENCODINGS: TextEncoding[] = [TEXT_UTF8, TEXT_UTF16LE, TEXT_UTF16BE];

describe('compareValues', () => {
  it('orders storage classes NULL < numbers < TEXT < BLOB', () => {
    const ordered: SqlValue[] = [null, -Infinity, -(2n ** 63n), -1, 0.5, new SqlReal(1), 2n ** 63n - 1n, Infinity, '', 'a', new Uint8Array(0), new Uint8Array([0])];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        expect(compareValues(ordered[i]!, ordered[j]!), `${i} vs ${j}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('compares integers and reals exactly, not by rounding the integer', () => {
    const two53 = new SqlReal(2 ** 53);
    expect(compareValues(2n ** 53n + 1n, two53)).toBe(1);
    expect(compareValues(two53, 2n ** 53n + 1n)).toBe(-1);
    expect(compareValues(2n ** 53n, two53)).toBe(0);
    expect(compareValues(Number.MAX_SAFE_INTEGER, two53)).toBe(-1);
    expect(compareValues(-(2n ** 53n) - 1n, new SqlReal(-(2 ** 53)))).toBe(-1);
    // 2^63 - 1 is below the double 2^63, though it rounds to it.
    expect(compareValues(2n ** 63n - 1n, new SqlReal(2 ** 63))).toBe(-1);
    expect(compareValues(-(2n ** 63n), new SqlReal(-(2 ** 63)))).toBe(0);
    expect(compareValues(2n ** 60n, 1.5)).toBe(1);
    expect(compareValues(-(2n ** 60n), -1.5)).toBe(-1);
    expect(compareValues(-(2n ** 60n), Infinity)).toBe(-1);
    expect(compareValues(2n ** 60n, -Infinity)).toBe(1);
    expect(compareValues(3, new SqlReal(3))).toBe(0);
    expect(compareValues(3, 3.5)).toBe(-1);
    expect(compareValues(0, new SqlReal(-0))).toBe(0);
    expect(compareNumbers(2n ** 62n, 2n ** 62n + 1n)).toBe(-1);
  });

  it('treats NaN as NULL', () => {
    expect(compareValues(NaN, null)).toBe(0);
    expect(compareValues(NaN, -Infinity)).toBe(-1);
    expect(compareValues(new SqlReal(NaN), 0)).toBe(-1);
  });

  it('orders TEXT by collation and BLOB by memcmp, shorter prefix first', () => {
    expect(compareValues('a', 'B')).toBe(1);
    expect(compareValues('a', 'B', NOCASE)).toBe(-1);
    expect(compareValues('x  ', 'x', RTRIM)).toBe(0);
    expect(compareValues('\uE000', '😀', BINARY, TEXT_UTF8)).toBe(-1);
    expect(compareValues('\uE000', '😀', BINARY, TEXT_UTF16BE)).toBe(1);
    expect(compareValues(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(-1);
    expect(compareValues(new Uint8Array([2]), new Uint8Array([1, 255]))).toBe(1);
    expect(compareValues(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(0);
  });
});

// Seeded values with many near-ties: equal numbers of both classes, case pairs, trailing
// spaces, shared prefixes.
function randomValue(next: () => number): SqlValue {
  const pools: SqlValue[][] = [
    [null],
    [0, 1, -1, 2, 127, -128, 2 ** 31, -(2 ** 47), Number.MAX_SAFE_INTEGER, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)],
    [0.5, -0.5, new SqlReal(0), new SqlReal(2), new SqlReal(2 ** 53), new SqlReal(2 ** 63), new SqlReal(-(2 ** 63)), Infinity, -Infinity],
    ['', 'a', 'A', 'a ', 'ab', 'B', '_', 'é', 'É', '\uE000', '😀', '\u0100', '\u00ff', 'a\u0100', 'ab  '],
    [new Uint8Array(0), new Uint8Array([0]), new Uint8Array([1]), new Uint8Array([1, 0]), new Uint8Array([255])],
  ];
  const pool = pools[next() % pools.length]!;
  return pool[next() % pool.length]!;
}

function rng(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
}

function compareTuples(a: readonly SqlValue[], b: readonly SqlValue[], info: KeyInfo, enc: TextEncoding): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareValues(a[i]!, b[i]!, info.collations[i] ?? BINARY, enc);
    if (d !== 0) return info.desc[i] === true ? -d : d;
  }
  return 0;
}

const KEY_INFOS: KeyInfo[] = [
  { collations: [], desc: [] },
  { collations: [NOCASE, RTRIM], desc: [false, true] },
  { collations: [RTRIM, BINARY, NOCASE], desc: [true, false, true] },
];

describe('packed key comparisons', () => {
  it('agree with compareValues column by column (raw and prepared keys, every encoding)', () => {
    const next = rng(99);
    const wrong: string[] = [];
    // One key reused across every round, as cursors reuse theirs.
    const reused = new PreparedKey();
    for (const enc of ENCODINGS) {
      for (const info of KEY_INFOS) {
        for (let round = 0; round < 400; round++) {
          const width = 1 + (next() % 3);
          const a = Array.from({ length: width }, () => randomValue(next));
          // Share a prefix often, so later columns and DESC get exercised.
          const b = a.map((v, i) => (i < next() % (width + 1) ? v : randomValue(next)));
          const recA = encodeRecord(a, enc);
          const recB = encodeRecord(b, enc);
          const want = compareTuples(a, b, info, enc);
          const got = [
            compareKeyToRecord(a, recB, 0, recB.length, info, enc),
            compareKeyToRecord(prepareKey(a), recB, 0, recB.length, info, enc),
            compareRecords(recA, 0, recA.length, recB, 0, recB.length, info, enc),
            -compareKeyToRecord(b, recA, 0, recA.length, info, enc),
            compareKeyToRecord(new PreparedKey().loadRecord(recA, 0, recA.length, enc), recB, 0, recB.length, info, enc),
            compareKeyToRecord(reused.loadRecord(recA, 0, recA.length, enc), recB, 0, recB.length, info, enc),
            compareKeyToRecord(reused.load([null, ...a], 1, a.length), recB, 0, recB.length, info, enc),
            compareKeyToRecordFast(reused, recB, 0, recB.length, info, enc),
            compareKeyToRecordFast(reused.loadRecord(recA, 0, recA.length, enc), recB, 0, recB.length, info, enc),
          ];
          if (got.some((g) => g !== want)) wrong.push(`enc ${enc} ${String(a)} vs ${String(b)}: ${got} want ${want}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('matches a partial key against every record it is a prefix of', () => {
    const info: KeyInfo = { collations: [NOCASE], desc: [false, true] };
    const rec = encodeRecord(['Abc', 7, 1234n ** 3n]);
    expect(compareKeyToRecord(['abc'], rec, 0, rec.length, info)).toBe(0);
    expect(compareKeyToRecord(['ABC', 7], rec, 0, rec.length, info)).toBe(0);
    expect(compareKeyToRecord(['ABC', 8], rec, 0, rec.length, info)).toBe(-1); // DESC column
    expect(compareKeyToRecord(['abd'], rec, 0, rec.length, info)).toBe(1);
    expect(compareKeyToRecord([], rec, 0, rec.length, info)).toBe(0);
    // A key longer than the record compares on the record's columns only.
    const short = encodeRecord(['abc']);
    expect(compareKeyToRecord(['abc', 1, 2], short, 0, short.length, info)).toBe(0);
  });

  it('reads records in place inside a larger buffer', () => {
    const rec = encodeRecord([5, 'mid', new Uint8Array([9])]);
    const page = new Uint8Array(rec.length + 40).fill(0xff);
    page.set(rec, 17);
    const info: KeyInfo = { collations: [], desc: [] };
    expect(compareKeyToRecord(prepareKey([5, 'mid', new Uint8Array([9])]), page, 17, rec.length, info)).toBe(0);
    expect(compareRecords(page, 17, rec.length, rec, 0, rec.length, info)).toBe(0);
    expect(compareKeyToRecord([5, 'mic'], page, 17, rec.length, info)).toBe(-1);
  });

  it('stops at the first difference, before a later malformed column', () => {
    // Column 0 = 3 (type 1); column 1 claims 40 bytes of text that are not there.
    const broken = new Uint8Array([0x03, 0x01, 13 + 2 * 40, 0x03, 0x61]);
    const info: KeyInfo = { collations: [], desc: [] };
    expect(compareKeyToRecord([5, 'x'], broken, 0, broken.length, info)).toBe(1);
    expect(compareKeyToRecord([3], broken, 0, broken.length, info)).toBe(0);
    expectCorrupt(() => compareKeyToRecord([3, 'x'], broken, 0, broken.length, info));
    const good = encodeRecord([3, 'a']);
    expectCorrupt(() => compareRecords(good, 0, good.length, broken, 0, broken.length, info));
  });

  it('reports malformed records as SQLITE_CORRUPT', () => {
    const info: KeyInfo = { collations: [], desc: [] };
    for (const bytes of [[], [0x00], [0x09, 0x01], [0x02, 0x0a], [0x02, 0x0b], [0x02, 0x06, 0, 0]]) {
      const buf = new Uint8Array(bytes);
      expectCorrupt(() => compareKeyToRecord([1], buf, 0, buf.length, info));
      expectCorrupt(() => compareRecords(buf, 0, buf.length, buf, 0, buf.length, info));
    }
    const rec = encodeRecord([1]);
    expectCorrupt(() => compareKeyToRecord([1], rec, 1, rec.length, info));
  });

  it('sorts a stored NaN as NULL', () => {
    const nanRecord = new Uint8Array([0x02, 0x07, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0]);
    const info: KeyInfo = { collations: [], desc: [] };
    expect(compareKeyToRecord([null], nanRecord, 0, nanRecord.length, info)).toBe(0);
    expect(compareKeyToRecord([-Infinity], nanRecord, 0, nanRecord.length, info)).toBe(1);
  });

  it('keeps working when a collation compares keys re-entrantly', () => {
    const inner = encodeRecord(['q']);
    const plain: KeyInfo = { collations: [], desc: [] };
    const nested = {
      name: 'NESTED',
      compare(a: string, b: string): number {
        // A pathological collation that runs another comparison mid-walk.
        expect(compareKeyToRecord(['q'], inner, 0, inner.length, plain)).toBe(0);
        return BINARY.compare(a, b, TEXT_UTF8);
      },
    };
    const info: KeyInfo = { collations: [nested], desc: [] };
    const rec = encodeRecord(['b', 2]);
    expect(compareKeyToRecord(['b', 1], rec, 0, rec.length, info)).toBe(-1);
    const other = encodeRecord(['a', 9]);
    expect(compareRecords(rec, 0, rec.length, other, 0, other.length, info)).toBe(1);
  });
});
