/**
 * REAL -> TEXT against sql.js (SQLite 3.54): short decimals at every magnitude, ratios of
 * small integers (1.0/3 and friends, whose 17th digit SQLite computes approximately),
 * subnormals, and the edges of fixed/exponent notation print as SQLite prints them (the
 * sweep allows the small residue real-digits.ts documents).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs, type SqlJsDatabase } from '../../test/slt/adapters/sqljs.js';
import { realToText } from './value-text.js';

let db: SqlJsDatabase;
beforeAll(async () => {
  const SQL = await loadSqlJs();
  db = new SQL.Database();
});

function sqliteText(values: number[]): string[] {
  const stmt = db.prepare('SELECT CAST(CAST(? AS REAL) AS TEXT)');
  const out: string[] = [];
  for (const v of values) {
    stmt.bind([v]);
    stmt.step();
    out.push(stmt.get(null, { useBigInt: false })[0] as string);
    (stmt as unknown as { reset(): void }).reset();
  }
  stmt.free();
  return out;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('REAL as text, as SQLite 3.54 prints it', () => {
  it('agrees on edge values', () => {
    const values = [
      0.1, 0.2, 0.30000000000000004, 1 / 3, 2 / 3, 1e15, 1e16, 1e17, 12345678901234567, 123456789012345678,
      1e-4, 1e-5, 1.5e-7, 5e-324, 2.5e-310, 1.7976931348623157e308, -2.5, 9.223372036854776e18, 1e20, 3.14159,
      100, 0.5, 1e-320, 4.35, 1.0000000000000002, 9007199254740993, -1e15, 7805958336477.48,
    ];
    expect(values.map(realToText)).toEqual(sqliteText(values));
  });

  it('agrees on short decimals and small ratios', () => {
    const rnd = lcg(7);
    const values: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const digits = Math.floor(rnd() * 1e6);
      values.push(digits / 10 ** Math.floor(rnd() * 12) * 10 ** Math.floor(rnd() * 6));
      values.push(Math.floor(rnd() * 1000 + 1) / Math.floor(rnd() * 999 + 1));
    }
    const got = values.map(realToText);
    const want = sqliteText(values);
    const diffs = values.flatMap((v, i) => (got[i] === want[i] ? [] : [`${v}: ${got[i]} vs ${want[i]}`]));
    // SQLite's 17th digit comes from an approximate product this reproduces closely but not
    // bit for bit (real-digits.ts): about 1 value in 6,000 of this mix still differs.
    expect(diffs.length, diffs.slice(0, 5).join('\n')).toBeLessThanOrEqual(values.length / 1000);
  });
});
