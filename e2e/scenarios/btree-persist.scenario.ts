/**
 * The storage engine (pager + B-tree, through BtreeDatabase) in this worker, over the storage
 * the args name (`backend`: 'opfs' with `dir`, or 'idb' with `database`):
 * `writeDatabase` creates a table (with an index) of ROW_COUNT rows, some with blobs that spill
 * to overflow pages, in two transactions; `readDatabase`, run by a new worker after the page
 * reloads, checks integrity and every row; `exportDatabase` hands the file's bytes to the
 * harness, which has sqlite3 check them.
 */
import { BtreeDatabase, decodeRecord, encodeRecord, settle, type SqlValue, type Storage } from '@minnow/core';
import { pattern } from '../../packages/core/test/storage-contract-checks.js';
import { IdbStorage, OpfsStorage } from '@minnow/web';
import { stringArg } from './scenario-args.js';

export const ROW_COUNT = 300;
const TABLE_SQL = 'CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)';
const INDEX_SQL = 'CREATE INDEX t_name ON t(name)';
/** Rows whose blob is larger than a 4096-byte page: one overflow page, and a long chain. */
const BIG_BLOB_BYTES = new Map([
  [150, 3 * 4096 + 123],
  [299, 100_000],
]);

/** Row `id` as stored: the INTEGER PRIMARY KEY column is NULL in the record (it is the rowid). */
function expectedRow(id: number): SqlValue[] {
  const blobBytes = BIG_BLOB_BYTES.get(id) ?? id % 61;
  return [null, `row ${id} ${'x'.repeat(id % 17)}`, id + 0.25, pattern(blobBytes, id)];
}

function sameValue(a: SqlValue | undefined, b: SqlValue): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return Object.is(a, b);
}

/** The storage named by the args, and how to let go of it when the scenario ends. */
async function openStorage(args: unknown): Promise<{ storage: Storage; release: () => Promise<void> }> {
  const backend = stringArg(args, 'backend');
  if (backend === 'opfs') return { storage: await OpfsStorage.at([stringArg(args, 'dir')]), release: async () => undefined };
  if (backend === 'idb') {
    const storage = new IdbStorage(stringArg(args, 'database'));
    return { storage, release: () => storage.close() };
  }
  throw new Error(`unknown backend ${backend}`);
}

async function openDatabase(args: unknown, create: boolean): Promise<{ db: BtreeDatabase; name: string; release: () => Promise<void> }> {
  const { storage, release } = await openStorage(args);
  const name = stringArg(args, 'name');
  try {
    return { db: await BtreeDatabase.open(storage, name, { create }), name, release };
  } catch (e) {
    await release();
    throw e;
  }
}

export interface DatabaseSummary {
  rows: number;
  bigBlobRows: number[];
  blobBytes: number;
}

export async function writeDatabase(args: unknown): Promise<DatabaseSummary> {
  const { db, release } = await openDatabase(args, true);
  try {
    const [tableRoot, indexRoot] = await db.write(async () => [
      await db.createTable('t', TABLE_SQL),
      await db.createIndex('t_name', 't', INDEX_SQL),
    ]);
    // Two commits, so the second appends to the WAL on top of the first.
    for (const [from, to] of [[1, 200], [201, ROW_COUNT]] as const) {
      await db.write(async () => {
        const table = db.tableCursor(tableRoot);
        const index = db.indexCursor(indexRoot);
        for (let id = from; id <= to; id++) {
          const row = expectedRow(id);
          await db.run(() => table.insert(id, encodeRecord(row)));
          await db.run(() => index.insert(encodeRecord([row[1]!, id])));
        }
      });
    }
    const problems = await db.integrityCheck();
    if (problems.length > 0) throw new Error(`integrity check after writing: ${problems.join('; ')}`);
  } finally {
    await db.close();
    await release();
  }
  let blobBytes = 0;
  for (let id = 1; id <= ROW_COUNT; id++) blobBytes += (expectedRow(id)[3] as Uint8Array).length;
  return { rows: ROW_COUNT, bigBlobRows: [...BIG_BLOB_BYTES.keys()], blobBytes };
}

export async function readDatabase(args: unknown): Promise<DatabaseSummary> {
  const { db, name, release } = await openDatabase(args, false);
  let rows = 0;
  let blobBytes = 0;
  try {
    const problems = await db.integrityCheck();
    if (problems.length > 0) throw new Error(`${name}: integrity check: ${problems.join('; ')}`);
    await db.read(async () => {
      const schema = await db.schema();
      const table = schema.find((e) => e.type === 'table' && e.name === 't');
      if (table === undefined || table.sql !== TABLE_SQL) throw new Error(`${name}: table t missing from ${JSON.stringify(schema)}`);
      if (!schema.some((e) => e.type === 'index' && e.name === 't_name')) throw new Error(`${name}: index t_name missing`);
      const c = db.tableCursor(table.rootPage);
      for (let ok = await db.run(() => c.first()); ok; ok = await db.run(() => c.next())) {
        rows++;
        const rowid = await db.run(() => c.rowid());
        if (rowid !== rows) throw new Error(`${name}: row ${rows} has rowid ${String(rowid)}`);
        const got = decodeRecord(await db.run(() => c.payload().slice()));
        const want = expectedRow(rows);
        if (got.length !== want.length || !want.every((v, i) => sameValue(got[i], v))) {
          throw new Error(`${name}: row ${rows} differs from what was written`);
        }
        blobBytes += (got[3] as Uint8Array).length;
      }
      c.close();
    });
  } finally {
    await db.close();
    await release();
  }
  if (rows !== ROW_COUNT) throw new Error(`${name}: ${rows} rows, expected ${ROW_COUNT}`);
  return { rows, bigBlobRows: [...BIG_BLOB_BYTES.keys()], blobBytes };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunkBytes = 0x8000;
  for (let i = 0; i < bytes.length; i += chunkBytes) binary += String.fromCharCode(...bytes.subarray(i, i + chunkBytes));
  return btoa(binary);
}

/** The database file's bytes (base64), and whether a WAL file is left beside it. */
export async function exportDatabase(args: unknown): Promise<{ base64: string; walExists: boolean }> {
  const { storage, release } = await openStorage(args);
  const name = stringArg(args, 'name');
  try {
    const file = await settle(storage.open(name, { create: false, readonly: true }));
    try {
      const bytes = new Uint8Array(await settle(file.size()));
      await settle(file.read(0, bytes));
      return { base64: toBase64(bytes), walExists: await settle(storage.exists(`${name}-wal`)) };
    } finally {
      await settle(file.close());
    }
  } finally {
    await release();
  }
}
