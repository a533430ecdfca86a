/**
 * Acceptance 2 (issue 2): files written by SQLite are read by Minnow.
 *
 * For every file in the shared fixtures (`testdata/*.sqlite` with their `-wal`/`-journal`
 * companions, and the fuzzed `corpus/`), `sqlite3` decides what the file is: when its
 * `PRAGMA integrity_check` says `ok`, Minnow must read every table back with the same rows
 * (after WAL recovery or hot-journal rollback, exactly as SQLite does) and its own integrity
 * check must pass; otherwise Minnow must fail with the same kind of error (`SQLITE_CORRUPT` or
 * `SQLITE_NOTADB`), quickly, instead of crashing or hanging. Minnow reads through the
 * asynchronous Node file backend, so every page read goes down the I/O-pending path.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BtreeDatabase, isRowidTable, SqliteError, decodeRecord } from '@minnow/core';
import { NodeAsyncStorage } from '../../src/storage/node-async-storage.js';
import {
  asColumnReads,
  canonical,
  sameCanonical,
  sqlite3Available,
  sqlite3Rows,
  sqlite3Tables,
  sqlite3Verdict,
  type Verdict,
} from '../support/sqlite3-oracle.js';

const FIXTURES = join(import.meta.dirname, '../../../../../shared/fixtures/dbfiles');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function fixtureFiles(): string[] {
  if (!existsSync(FIXTURES)) return [];
  const testdata = readdirSync(join(FIXTURES, 'testdata')).filter((f) => f.endsWith('.sqlite')).map((f) => `testdata/${f}`);
  const corpus = readdirSync(join(FIXTURES, 'corpus')).map((f) => `corpus/${f}`);
  return [...testdata, ...corpus].sort();
}

/** Copies the file and its journal/WAL companions into a fresh directory as `db`. */
function stage(rel: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'minnow-acc2-'));
  dirs.push(dir);
  const src = join(FIXTURES, rel);
  copyFileSync(src, join(dir, 'db'));
  for (const suffix of ['-journal', '-wal']) {
    if (existsSync(src + suffix)) copyFileSync(src + suffix, join(dir, `db${suffix}`));
  }
  return dir;
}

interface MinnowRead {
  /** Rowid tables: rowid -> canonical values; other trees: sorted canonical records. */
  tables: Map<string, { rows: Map<string, string[]> | null; records: string[][] | null }>;
}

/** Reads every tree of the database through Minnow, then runs its integrity check. */
async function readWithMinnow(dir: string): Promise<MinnowRead> {
  // Not read-only: a hot journal must be rolled back first, as SQLite does on open.
  const db = await BtreeDatabase.open(new NodeAsyncStorage(dir), 'db');
  try {
    const out: MinnowRead = { tables: new Map() };
    const enc = db.pager.textEncoding;
    await db.read(async () => {
      const entries = await db.schema();
      for (const e of entries) {
        if (e.rootPage <= 0 || (e.type !== 'table' && e.type !== 'index')) continue;
        if (isRowidTable(e)) {
          const rows = new Map<string, string[]>();
          const c = db.tableCursor(e.rootPage);
          for (let ok = await db.run(() => c.first()); ok; ok = await db.run(() => c.next())) {
            const payload = await db.run(() => c.payload());
            rows.set(`I:${c.rowid()}`, decodeRecord(payload, 0, payload.length, enc).map(canonical));
          }
          c.close();
          out.tables.set(e.name, { rows, records: null });
        } else {
          const records: string[][] = [];
          const c = db.indexCursor(e.rootPage);
          for (let ok = await db.run(() => c.first()); ok; ok = await db.run(() => c.next())) {
            const key = await db.run(() => c.key());
            records.push(decodeRecord(key, 0, key.length, enc).map(canonical));
          }
          c.close();
          out.tables.set(e.name, { rows: null, records: records.sort(byJoined) });
        }
      }
    });
    const problems = await db.integrityCheck();
    if (problems.length > 0) {
      const err = new SqliteError('SQLITE_CORRUPT');
      (err as SqliteError & { detail?: string }).detail = problems.join('\n');
      throw err;
    }
    return out;
  } finally {
    await db.close().catch(() => undefined);
  }
}

const byJoined = (a: string[], b: string[]) => (a.join('|') < b.join('|') ? -1 : a.join('|') > b.join('|') ? 1 : 0);

const files = fixtureFiles();

describe.skipIf(!sqlite3Available() || files.length === 0)('acceptance: written by SQLite, read by Minnow', () => {
  it('finds the shared fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
  });

  for (const rel of files) {
    it(rel, async () => {
      const oracleDir = stage(rel);
      const verdict: Verdict = sqlite3Verdict(join(oracleDir, 'db'));
      const minnowDir = stage(rel);
      const started = performance.now();
      let read: MinnowRead | undefined;
      let error: unknown;
      try {
        read = await readWithMinnow(minnowDir);
      } catch (e) {
        error = e;
      }
      const elapsedMs = performance.now() - started;

      if (!verdict.ok) {
        // A clear error of the same kind as SQLite's, never a crash or a hang.
        expect(error, `${basename(rel)}: sqlite3 says ${verdict.message}`).toBeInstanceOf(SqliteError);
        expect((error as SqliteError).code).toBe(verdict.code);
        expect((error as SqliteError).message).toBe(
          verdict.code === 'SQLITE_NOTADB' ? 'file is not a database' : 'database disk image is malformed',
        );
        expect(elapsedMs).toBeLessThan(1000);
        return;
      }

      if (error !== undefined) throw error;
      const oracleTables = sqlite3Tables(join(oracleDir, 'db'));
      for (const t of oracleTables) {
        const mine = read!.tables.get(t.name);
        expect(mine, `table ${t.name}`).toBeDefined();
        const theirs = sqlite3Rows(join(oracleDir, 'db'), t);
        if (!t.withoutRowid) {
          expect(mine!.rows!.size, `rows of ${t.name}`).toBe(theirs.length);
          for (const row of theirs) {
            const stored = mine!.rows!.get(row.rowid!);
            expect(stored, `${t.name} ${row.rowid}`).toBeDefined();
            const want = row.values;
            // The rowid alias is stored as NULL; columns added by ALTER TABLE after the row was
            // written are missing from the record and read as their default.
            const got = t.stored.map((c, i) => (c.isRowidAlias ? row.rowid! : asColumnReads(stored![i] ?? t.defaults[i]!, c)));
            if (!got.every((g, i) => sameCanonical(g, want[i]!))) expect(got, `${t.name} ${row.rowid}`).toEqual(want);
          }
        } else {
          const want = theirs.map((r) => r.values).sort(byJoined);
          const got = mine!.records!.map((rec) => t.stored.map((c, i) => asColumnReads(rec[i] ?? t.defaults[i]!, c))).sort(byJoined);
          expect(got).toEqual(want);
        }
      }
    });
  }
});
