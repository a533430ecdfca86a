/**
 * Differential tests against real SQLite (sql.js): our value order must equal SQLite's
 * ORDER BY, for each built-in collation, ascending and descending, in all three text
 * encodings; and the index B-trees SQLite builds must be in order under our record
 * comparisons.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeRecord } from '../format/record.js';
import {
  bindingFor, leafPayloads, loadSqlJs, rootPageOf, type SqlJsDatabase, type SqlJsStatic,
} from '../format/record-oracle.test-support.js';
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import { TEXT_UTF16BE, TEXT_UTF16LE, TEXT_UTF8, type TextEncoding } from '../format/text-codec.js';
import { BINARY, builtinCollation } from './collation.js';
import { compareKeyToRecord, compareRecords, compareValues, type KeyInfo, prepareKey } from './key-compare.js';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

const ENCODINGS: [string, TextEncoding][] = [['UTF-8', TEXT_UTF8], ['UTF-16le', TEXT_UTF16LE], ['UTF-16be', TEXT_UTF16BE]];

/** Values where SQLite's order has traps: exact int/real ties, case, spaces, code points. */
const FIXED: SqlValue[] = [
  null, null, 0, new SqlReal(0), new SqlReal(-0), 1, -1, 0.5, -0.5, 2, new SqlReal(2),
  2n ** 53n + 1n, new SqlReal(2 ** 53), 2n ** 53n, Number.MAX_SAFE_INTEGER, new SqlReal(2 ** 53 + 2),
  2n ** 63n - 1n, new SqlReal(2 ** 63), -(2n ** 63n), new SqlReal(-(2 ** 63)), new SqlReal(1e19), new SqlReal(-1e19),
  Infinity, -Infinity, 127, 128, -129, 2 ** 47, -(2 ** 47) - 1,
  '', ' ', 'a', 'A', 'a ', 'a  ', 'A ', 'ab', 'aB', 'AB', 'b', 'B', '_', '[', 'z', 'Z', '0',
  'é', 'É', 'e\u0301', '\u0100', '\u00ff', '\uE000', '\uFFFF', '😀', '\u{10000}', 'a\uE000', 'a😀', 'ä', 'a\t',
  new Uint8Array(0), new Uint8Array([0]), new Uint8Array([0, 0]), new Uint8Array([1]), new Uint8Array([1, 0]),
  new Uint8Array([255]), new Uint8Array([0x61]), new Uint8Array([0x41, 0x20]),
];

function rng(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
}

const ALPHABET = ['a', 'A', 'b', 'B', ' ', '_', 'é', '\u0100', '\u00ff', '\uE000', '😀', 'z'];

function randomValues(count: number, next: () => number): SqlValue[] {
  const out: SqlValue[] = [];
  for (let i = 0; i < count; i++) {
    switch (next() % 5) {
      case 0: out.push(FIXED[next() % FIXED.length]!); break;
      case 1: out.push((next() % 2001) - 1000); break;
      case 2: out.push(((next() % 4001) - 2000) / 4 + 0.125); break;
      case 3: {
        let s = '';
        for (let k = next() % 4; k > 0; k--) s += ALPHABET[next() % ALPHABET.length];
        out.push(s);
        break;
      }
      default: out.push(new Uint8Array(next() % 3).map(() => [0, 1, 0x61, 255][next() % 4]!));
    }
  }
  return out;
}

const VALUES = [...FIXED, ...randomValues(250, rng(2024))];

function insertAll(db: SqlJsDatabase, table: string, columns: string[], rows: SqlValue[][]): void {
  rows.forEach((row, r) => {
    const bs = row.map(bindingFor);
    db.run(`INSERT INTO ${table}(id, ${columns.join(', ')}) VALUES (${r}, ${bs.map((b) => b.expr).join(', ')})`, bs.map((b) => b.param));
  });
  // Guard the oracle: sql.js must hold exactly the storage classes we meant.
  const types = db.exec(`SELECT ${columns.map((c) => `typeof(${c})`).join(', ')} FROM ${table} ORDER BY id`)[0]!.values;
  expect(types).toEqual(rows.map((row) => row.map((v) => bindingFor(v).type)));
}

describe('value order matches SQLite ORDER BY', () => {
  for (const [pragma, enc] of ENCODINGS) {
    it(`in a ${pragma} database`, () => {
      const db = new SQL.Database();
      try {
        db.run(`PRAGMA encoding = '${pragma}'`);
        db.run('CREATE TABLE t(id INTEGER PRIMARY KEY, v)');
        insertAll(db, 't', ['v'], VALUES.map((v) => [v]));
        for (const collName of ['BINARY', 'NOCASE', 'RTRIM']) {
          const coll = builtinCollation(collName)!;
          for (const desc of [false, true]) {
            const sql = `SELECT id FROM t ORDER BY v COLLATE ${collName} ${desc ? 'DESC' : 'ASC'}, id`;
            const theirs = db.exec(sql)[0]!.values.map((r) => r[0] as number);
            const ours = VALUES.map((_, i) => i).sort((x, y) => {
              const d = compareValues(VALUES[x]!, VALUES[y]!, coll, enc);
              return (desc ? -d : d) || x - y;
            });
            expect(ours, sql).toEqual(theirs);
          }
        }
      } finally {
        db.close();
      }
    });
  }
});

describe('index B-trees built by SQLite are in order under our comparisons', () => {
  // Index entries are (indexed columns..., rowid). Small value pools make ties in the
  // leading columns common, so every column, collation and direction decides somewhere.
  const INDEXES: { sql: string; info: KeyInfo }[] = [
    {
      sql: 'CREATE INDEX i1 ON t(a DESC, b, c COLLATE RTRIM)',
      info: { collations: [BINARY, builtinCollation('NOCASE')!, builtinCollation('RTRIM')!], desc: [true] },
    },
    {
      sql: 'CREATE INDEX i2 ON t(c, a COLLATE NOCASE DESC, b COLLATE BINARY DESC)',
      info: { collations: [BINARY, builtinCollation('NOCASE')!, BINARY], desc: [false, true, true] },
    },
  ];

  for (const [pragma, enc] of ENCODINGS) {
    it(`in a ${pragma} database`, () => {
      const next = rng(77);
      const pool = [...FIXED.slice(0, 12), ...FIXED.slice(29, 60), new Uint8Array([1]), new Uint8Array([])];
      const pick = (): SqlValue => pool[next() % pool.length]!;
      const rows = Array.from({ length: 300 }, () => [pick(), pick(), pick()]);
      const db = new SQL.Database();
      try {
        db.run(`PRAGMA encoding = '${pragma}'`);
        db.run('PRAGMA page_size = 65536'); // each index in one leaf page
        db.run('CREATE TABLE t(id INTEGER PRIMARY KEY, a, b COLLATE NOCASE, c)');
        insertAll(db, 't', ['a', 'b', 'c'], rows);
        for (const { sql } of INDEXES) db.run(sql);
        for (const [n, { sql, info }] of INDEXES.entries()) {
          const entries = leafPayloads(db.export(), rootPageOf(db, `i${n + 1}`));
          expect(entries.length, sql).toBe(rows.length);
          const keys = entries.map((e) => decodeRecord(e, 0, e.length, enc));
          const wrong: string[] = [];
          for (let k = 0; k + 1 < entries.length; k++) {
            const d = compareRecords(entries[k]!, 0, entries[k]!.length, entries[k + 1]!, 0, entries[k + 1]!.length, info, enc);
            if (d !== -1) wrong.push(`entries ${k}, ${k + 1}: ${d}`);
          }
          // Full keys find their own position; two-column prefixes find a contiguous run.
          for (let k = 0; k < entries.length; k += 7) {
            const full = prepareKey(keys[k]!);
            const prefix = keys[k]!.slice(0, 2);
            let state = 1; // +1 before the run of prefix matches, 0 inside, -1 after
            for (let m = 0; m < entries.length; m++) {
              const e = entries[m]!;
              const dFull = compareKeyToRecord(full, e, 0, e.length, info, enc);
              if (dFull !== Math.sign(k - m)) wrong.push(`key ${k} vs entry ${m}: ${dFull}`);
              const dPrefix = compareKeyToRecord(prefix, e, 0, e.length, info, enc);
              if (dPrefix > state) wrong.push(`prefix of ${k} vs entry ${m}: ${dPrefix} after ${state}`);
              state = dPrefix;
              if (m === k && dPrefix !== 0) wrong.push(`prefix of ${k} misses its own entry`);
            }
          }
          expect(wrong, sql).toEqual([]);
        }
      } finally {
        db.close();
      }
    });
  }
});
