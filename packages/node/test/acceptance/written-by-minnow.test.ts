/**
 * Acceptance 1 (issue 2): a database written by Minnow through the storage API is read by SQLite.
 *
 * At page sizes 1024, 4096 and 65536 over the synchronous Node file backend, and at 4096 over the
 * asynchronous one, it creates three
 * tables with four indexes (registered in sqlite_schema with their CREATE text), writes 100,300
 * rows of every storage class (text and blobs several pages long, index keys long enough to spill
 * into overflow pages, 64-bit integers, integral and fractional reals, mixed types in an untyped
 * indexed column), then deletes a third of the rows and inserts as many new ones (the freelist is
 * reused). `sqlite3`'s `PRAGMA integrity_check` must print `ok` (it also checks every index entry
 * against its row), every row `sqlite3` reads back must equal what was written, and Minnow's own
 * integrity check must agree.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BtreeDatabase, BINARY, NOCASE, type KeyInfo, encodeRecord, decodeRecord, realValue, SqlReal, type SqlValue } from '@minnow/core';
import { NodeAsyncStorage } from '../../src/storage/node-async-storage.js';
import { NodeSyncStorage } from '../../src/storage/node-sync-storage.js';
import { prng, randInt, pick } from '../support/prng.js';
import { canonical, sameCanonical, sqlite3Available, sqlite3Query, sqlite3Rows, sqlite3Tables } from '../support/sqlite3-oracle.js';

const hasSqlite3 = sqlite3Available();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface IndexDef {
  name: string;
  sql: string;
  /** Positions, in the table's stored record, of the indexed columns. */
  columns: number[];
  keyInfo: KeyInfo;
}
interface TableDef {
  name: string;
  sql: string;
  /** Stored column holding the rowid alias (stored as NULL), or -1. */
  aliasColumn: number;
  indexes: IndexDef[];
  make: (rand: () => number, rowid: number) => SqlValue[];
}

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-éß漢字🐟'];
/** Random characters up to ~64, then random slices of a random pool (long texts stay cheap). */
const POOL = Array.from({ length: 8192 }, (_, i) => ALPHABET[(i * 7919 + (i >> 3)) % ALPHABET.length]).join('');
function text(rand: () => number, length: number): string {
  let s = '';
  while (s.length < Math.min(length, 64)) s += pick(rand, ALPHABET);
  while (s.length < length) {
    const from = randInt(rand, 0, POOL.length - 1024);
    s += POOL.slice(from, from + Math.min(1024, length - s.length));
  }
  return s;
}
function blob(rand: () => number, length: number): Uint8Array {
  const b = new Uint8Array(length);
  for (let i = 0; i < length; i++) b[i] = (rand() * 256) | 0;
  return b;
}
function anyValue(rand: () => number): SqlValue {
  switch (randInt(rand, 0, 9)) {
    case 0: return null;
    case 1: return randInt(rand, -1000, 1000);
    case 2: return pick(rand, [2n ** 62n + 7n, -(2n ** 63n), 2n ** 63n - 1n, -(2n ** 53n) - 3n]);
    case 3: return realValue(rand() * 1e6 - 5e5);
    case 4: return new SqlReal(randInt(rand, -50, 50));
    case 5: return text(rand, randInt(rand, 0, 12));
    case 6: return blob(rand, randInt(rand, 0, 16));
    case 7: return Number.MAX_SAFE_INTEGER - randInt(rand, 0, 5);
    case 8: return realValue(1e300 * (rand() - 0.5));
    default: return text(rand, 3).toUpperCase();
  }
}

function schemaFor(pageSizeBytes: number): TableDef[] {
  const bin = (n: number): KeyInfo => ({ collations: Array(n).fill(BINARY), desc: Array(n).fill(false) });
  return [
    {
      name: 'people',
      sql: 'CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER, score REAL, avatar BLOB, extra)',
      aliasColumn: 0,
      indexes: [
        { name: 'people_name', sql: 'CREATE INDEX people_name ON people(name COLLATE NOCASE, age DESC)', columns: [1, 2],
          keyInfo: { collations: [NOCASE, BINARY, BINARY], desc: [false, true, false] } },
        { name: 'people_extra', sql: 'CREATE INDEX people_extra ON people(extra)', columns: [5], keyInfo: bin(2) },
      ],
      make: (rand) => [
        null,
        text(rand, randInt(rand, 1, 24)),
        rand() < 0.1 ? null : randInt(rand, 0, 120),
        rand() < 0.2 ? new SqlReal(randInt(rand, 0, 100)) : realValue(Math.round(rand() * 1e6) / 1e3 + 0.001),
        rand() < 0.5 ? null : blob(rand, randInt(rand, 0, 64)),
        anyValue(rand),
      ],
    },
    {
      name: 'docs',
      sql: 'CREATE TABLE docs(title TEXT, body TEXT, attachment BLOB)',
      aliasColumn: -1,
      indexes: [{ name: 'docs_title', sql: 'CREATE INDEX docs_title ON docs(title)', columns: [0], keyInfo: bin(2) }],
      make: (rand) => [
        // Some titles are long enough that index cells spill to overflow pages.
        text(rand, rand() < 0.2 ? randInt(rand, pageSizeBytes / 2, pageSizeBytes * 2) : randInt(rand, 5, 40)),
        text(rand, randInt(rand, pageSizeBytes, pageSizeBytes * 4)),
        rand() < 0.5 ? blob(rand, randInt(rand, pageSizeBytes, pageSizeBytes * 3)) : null,
      ],
    },
    {
      name: 'events',
      sql: 'CREATE TABLE events(ts INTEGER, kind TEXT, payload)',
      aliasColumn: -1,
      indexes: [{ name: 'events_kind_ts', sql: 'CREATE INDEX events_kind_ts ON events(kind, ts)', columns: [1, 0], keyInfo: bin(3) }],
      make: (rand) => [
        pick(rand, [randInt(rand, -1e9, 1e9), 2n ** 60n + BigInt(randInt(rand, 0, 1e6)), -(2n ** 63n), 2n ** 63n - 1n, 0, 1]),
        pick(rand, ['click', 'view', 'buy', 'Buy', '', 'ü']),
        anyValue(rand),
      ],
    },
  ];
}

const SCALE = Number(process.env.MINNOW_ACC_SCALE ?? 1);
function rowsFor(scale: number): Record<string, number> {
  return { people: Math.round(60_000 * scale), docs: Math.round(300 * scale), events: Math.round(40_000 * scale) };
}

type Backend = 'sync' | 'async';
interface Case {
  pageSizeBytes: number;
  backend: Backend;
  scale: number;
}
/**
 * The three page sizes over the synchronous file backend, and once more over the asynchronous
 * FileHandle backend, where every read, write and sync pends (the restart path of the I/O
 * contract).
 */
const CASES: Case[] = [
  { pageSizeBytes: 1024, backend: 'sync', scale: SCALE },
  { pageSizeBytes: 4096, backend: 'sync', scale: SCALE },
  { pageSizeBytes: 65536, backend: 'sync', scale: SCALE },
  { pageSizeBytes: 4096, backend: 'async', scale: SCALE },
];

async function openDb(dir: string, backend: Backend, pageSizeBytes?: number): Promise<BtreeDatabase> {
  const options = pageSizeBytes === undefined ? {} : { pageSizeBytes };
  return backend === 'sync'
    ? BtreeDatabase.openSync(new NodeSyncStorage(dir), 'test.db', options)
    : BtreeDatabase.open(new NodeAsyncStorage(dir), 'test.db', options);
}

/** One restartable operation: inline over the sync backend, awaited over the async one. */
function runner(db: BtreeDatabase, backend: Backend): <T>(op: () => T) => T | Promise<T> {
  return backend === 'sync' ? (op) => db.runSync(op) : (op) => db.run(op);
}

function indexRecord(idx: IndexDef, values: SqlValue[], rowid: number): Uint8Array {
  return encodeRecord([...idx.columns.map((c) => values[c]!), rowid]);
}

async function buildDatabase(dir: string, c: Case) {
  const rand = prng(c.pageSizeBytes + (c.backend === 'async' ? 1 : 0));
  const db = await openDb(dir, c.backend, c.pageSizeBytes);
  const tables = schemaFor(c.pageSizeBytes);
  const model = new Map<string, Map<number, SqlValue[]>>();
  const roots = new Map<string, number>();
  const run = runner(db, c.backend);
  const write = async (fn: () => Promise<void>) => {
    db.pager.beginWrite();
    try {
      await fn();
      db.ctx.invalidateCursors();
      await run(() => db.pager.commit());
    } catch (e) {
      db.ctx.invalidateCursors();
      if (db.pager.inWriteTransaction) db.pager.rollback();
      throw e;
    }
  };

  const insertRow = async (t: TableDef, rowid: number, values: SqlValue[]) => {
    const table = db.tableCursor(roots.get(t.name)!);
    await run(() => table.insert(rowid, encodeRecord(values)));
    table.close();
    for (const idx of t.indexes) {
      const cursor = db.indexCursor(roots.get(idx.name)!, idx.keyInfo);
      await run(() => cursor.insert(indexRecord(idx, values, rowid)));
      cursor.close();
    }
    model.get(t.name)!.set(rowid, values);
  };
  const deleteRow = async (t: TableDef, rowid: number) => {
    const values = model.get(t.name)!.get(rowid)!;
    const table = db.tableCursor(roots.get(t.name)!);
    expect(await run(() => table.seek(rowid))).toBe(0);
    await run(() => table.delete());
    table.close();
    for (const idx of t.indexes) {
      const cursor = db.indexCursor(roots.get(idx.name)!, idx.keyInfo);
      expect(await run(() => cursor.seekRecord(indexRecord(idx, values, rowid), 'eq'))).toBe(true);
      await run(() => cursor.delete());
      cursor.close();
    }
    model.get(t.name)!.delete(rowid);
  };

  return { db, tables, model, roots, rand, run, write, insertRow, deleteRow };
}

describe.skipIf(!hasSqlite3)('acceptance: written by Minnow, read by SQLite', () => {
  for (const c of CASES) {
    const ROWS = rowsFor(c.scale);
    const total = Object.values(ROWS).reduce((a, b) => a + b, 0);
    const { pageSizeBytes } = c;
    it(`page size ${pageSizeBytes}, ${c.backend} file backend: ${total.toLocaleString('en')} rows, indexes, overflow, freelist reuse`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `minnow-acc1-${pageSizeBytes}-${c.backend}-`));
      dirs.push(dir);
      const h = await buildDatabase(dir, c);
      const { db, tables, model, roots, rand } = h;

      await db.write(async () => {
        for (const t of tables) {
          roots.set(t.name, await db.createTable(t.name, t.sql));
          model.set(t.name, new Map());
          for (const idx of t.indexes) roots.set(idx.name, await db.createIndex(idx.name, t.name, idx.sql));
        }
      });

      for (const t of tables) {
        const n = ROWS[t.name]!;
        const batch = 20_000;
        for (let start = 1; start <= n; start += batch) {
          await h.write(async () => {
            for (let rowid = start; rowid < Math.min(n + 1, start + batch); rowid++) await h.insertRow(t, rowid, t.make(rand, rowid));
          });
        }
      }
      expect(total).toBeGreaterThanOrEqual(100_000 * c.scale);

      // Delete a third of each table, then insert as many again: reused rowids and new ones.
      const freeAfterDelete: number[] = [];
      await h.write(async () => {
        for (const t of tables) {
          const rowids = [...model.get(t.name)!.keys()];
          for (const rowid of rowids) if (rand() < 1 / 3) await h.deleteRow(t, rowid);
        }
      });
      freeAfterDelete.push(await freelistCount(db, h.run));
      expect(freeAfterDelete[0]).toBeGreaterThan(0);
      await h.write(async () => {
        for (const t of tables) {
          const m = model.get(t.name)!;
          const missing = ROWS[t.name]! - m.size;
          let next = ROWS[t.name]! + 1;
          for (let i = 0; i < missing; i++) {
            // Half the new rows take a deleted rowid, half a new one past the end.
            let rowid = randInt(rand, 1, ROWS[t.name]!);
            if (i % 2 === 1 || m.has(rowid)) rowid = next++;
            await h.insertRow(t, rowid, t.make(rand, rowid));
          }
        }
      });
      // The freed pages were reused before the file grew.
      expect(await freelistCount(db, h.run)).toBeLessThan(freeAfterDelete[0]!);

      // Minnow's own check, with every index's ordering.
      const keyInfos = new Map(tables.flatMap((t) => t.indexes.map((i) => [i.name, i.keyInfo] as const)));
      expect(await db.integrityCheck({ keyInfoFor: (e) => keyInfos.get(e.name) })).toEqual([]);
      await db.close();

      const file = join(dir, 'test.db');
      expect(statSync(file).size % pageSizeBytes).toBe(0);
      expect(sqlite3Query(file, 'PRAGMA integrity_check')).toEqual([['ok']]);
      expect(sqlite3Query(file, 'PRAGMA page_size')).toEqual([[String(pageSizeBytes)]]);
      const schema = sqlite3Query(file, 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name');
      expect(schema).toEqual(
        tables
          .flatMap((t) => [['table', t.name, t.name, t.sql], ...t.indexes.map((i) => ['index', i.name, t.name, i.sql])])
          .sort((a, b) => (a[1]! < b[1]! ? -1 : 1)),
      );

      // Every row sqlite3 reads back equals what was written.
      for (const t of sqlite3Tables(file)) {
        const expected = model.get(t.name)!;
        const rows = sqlite3Rows(file, t);
        expect(rows.length).toBe(expected.size);
        const def = tables.find((d) => d.name === t.name)!;
        for (const row of rows) {
          const rowid = Number(row.rowid!.slice(2));
          const values = expected.get(rowid);
          expect(values, `${t.name} rowid ${rowid}`).toBeDefined();
          const want = values!.map((v, i) => (i === def.aliasColumn ? `I:${rowid}` : canonical(v)));
          const same = want.length === row.values.length && want.every((w, i) => sameCanonical(w, row.values[i]!));
          if (!same) expect(row.values, `${t.name} rowid ${rowid}`).toEqual(want);
        }
      }
      // The indexes answer lookups the way the rows say (sqlite3 uses them for these queries).
      const [people] = sqlite3Query(file, "SELECT count(*) FROM people INDEXED BY people_name WHERE name >= 'a' COLLATE NOCASE");
      const wantPeople = [...model.get('people')!.values()].filter((v) => asciiLower(String(v[1])) >= 'a').length;
      expect(Number(people![0])).toBe(wantPeople);

      // And Minnow reads its own file back after reopening.
      const reopened = await openDb(dir, c.backend);
      const run = runner(reopened, c.backend);
      await reopened.read(async () => {
        for (const t of tables) {
          const cursor = reopened.tableCursor(roots.get(t.name)!);
          let count = 0;
          for (let ok = await run(() => cursor.first()); ok; ok = await run(() => cursor.next())) {
            const rowid = Number(cursor.rowid());
            const got = decodeRecord(await run(() => cursor.payload()));
            const want = model.get(t.name)!.get(rowid)!;
            if (got.map(canonical).join() !== want.map(canonical).join()) expect(got).toEqual(want);
            count++;
          }
          expect(count).toBe(model.get(t.name)!.size);
        }
      });
      await reopened.close();
    });
  }
});

/** NOCASE folds ASCII letters only. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

async function freelistCount(db: BtreeDatabase, run: ReturnType<typeof runner>): Promise<number> {
  const page1 = await run(() => db.pager.get(1));
  return new DataView(page1.data.buffer, page1.data.byteOffset).getUint32(36);
}
