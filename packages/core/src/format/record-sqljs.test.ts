/**
 * Oracle test: records we encode must equal, byte for byte, the records real SQLite (sql.js)
 * writes for the same values. Rows are inserted into sql.js, the database is exported, and
 * each row's payload is cut out of the table's leaf page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord } from './record.js';
import { SqlReal, type SqlValue } from './sql-value.js';
import { TEXT_UTF16BE, TEXT_UTF16LE, TEXT_UTF8, type TextEncoding } from './text-codec.js';
import { bindingFor, leafPayloads, loadSqlJs, rootPageOf, type SqlJsStatic } from './record-oracle.test-support.js';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

function same(a: SqlValue, b: SqlValue): boolean {
  if (a instanceof SqlReal && b instanceof SqlReal) return Object.is(a.value, b.value);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

const ROWS: SqlValue[][] = [
  [null], [0], [1], [2], [-1], [127], [128], [-128], [-129], [32767], [32768], [-32768], [-32769],
  [8388607], [8388608], [-8388608], [-8388609], [2 ** 31 - 1], [2 ** 31], [-(2 ** 31)], [-(2 ** 31) - 1],
  [2 ** 47 - 1], [2 ** 47], [-(2 ** 47)], [-(2 ** 47) - 1], [Number.MAX_SAFE_INTEGER], [2n ** 53n + 1n],
  [2n ** 63n - 1n], [-(2n ** 63n)],
  [1.5], [-0.1], [new SqlReal(0)], [new SqlReal(1)], [new SqlReal(2 ** 60)], [1e-300], [Infinity], [-Infinity],
  [''], ['a'], ['héllo'], ['😀\u{10FFFF}\uE000'], ['x'.repeat(300)],
  [new Uint8Array(0)], [new Uint8Array([0, 1, 255])], [new Uint8Array(200).map((_, i) => i)],
  [null, 1, 'two', 3.5, new Uint8Array([4]), 2n ** 62n, new SqlReal(-7)],
  Array.from({ length: 130 }, (_, i): SqlValue => (i % 2 === 0 ? i : null)), // two-byte header size
];

const ENCODINGS: [string, TextEncoding][] = [['UTF-8', TEXT_UTF8], ['UTF-16le', TEXT_UTF16LE], ['UTF-16be', TEXT_UTF16BE]];

describe('records match real SQLite byte for byte', () => {
  for (const [pragma, enc] of ENCODINGS) {
    it(`in a ${pragma} database`, () => {
      const db = new SQL.Database();
      try {
        db.run(`PRAGMA encoding = '${pragma}'`);
        db.run('PRAGMA page_size = 65536'); // every row in one leaf page
        const width = Math.max(...ROWS.map((r) => r.length));
        const cols = Array.from({ length: width }, (_, i) => `c${i}`);
        // No declared types: no affinity, so values are stored exactly as bound.
        db.run(`CREATE TABLE t(${cols.join(', ')})`);
        ROWS.forEach((row, r) => {
          const bs = row.map(bindingFor);
          db.run(
            `INSERT INTO t(rowid, ${cols.slice(0, row.length).join(', ')}) VALUES (${r + 1}, ${bs.map((b) => b.expr).join(', ')})`,
            bs.map((b) => b.param),
          );
          const types = db.exec(`SELECT ${cols.slice(0, row.length).map((c) => `typeof(${c})`).join(', ')} FROM t WHERE rowid = ${r + 1}`);
          expect(types[0]!.values[0], `storage classes of row ${r}`).toEqual(bs.map((b) => b.type));
        });
        const payloads = leafPayloads(db.export(), rootPageOf(db, 't'));
        expect(payloads.length).toBe(ROWS.length);
        ROWS.forEach((row, r) => {
          // INSERT stores every column of the table: the ones not named are NULL.
          const full = [...row, ...new Array<SqlValue>(width - row.length).fill(null)];
          const ours = encodeRecord(full, enc);
          expect([...ours], `row ${r}`).toEqual([...payloads[r]!]);
          const back = decodeRecord(payloads[r]!, 0, payloads[r]!.length, enc);
          expect(back.length).toBe(width);
          back.forEach((v, i) => expect(same(v, full[i]!), `row ${r} column ${i}`).toBe(true));
        });
      } finally {
        db.close();
      }
    });
  }
});
