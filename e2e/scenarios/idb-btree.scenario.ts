/**
 * The storage engine (pager + B-tree, through BtreeDatabase) over IdbStorage in this worker:
 * `writeDatabase` creates a table with an index and ROW_COUNT rows (some blobs spill to
 * overflow pages) in two transactions; `readDatabase`, run by a new worker after the page
 * reloads, checks integrity and every row; `exportDatabase` hands the database file's bytes to
 * the harness, which has sqlite3 check them.
 */
import { BtreeDatabase, decodeRecord, encodeRecord, isPending, type Io, type SqlValue } from '@minnow/core';
import { pattern } from '../../packages/core/test/storage-contract-checks.js';
import { IdbStorage } from '@minnow/web';
import { stringArg } from './scenario-args.js';

const ROW_COUNT = 250;
const TABLE_SQL = 'CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, data BLOB)';
const INDEX_SQL = 'CREATE INDEX t_name ON t(name)';
/** Blobs larger than a 4096-byte page: a short overflow chain and a long one. */
const BIG_BLOB_BYTES = new Map([
  [100, 2 * 4096 + 77],
  [250, 60_000],
]);

export interface DatabaseSummary {
  rows: number;
  blobBytes: number;
  bigBlobRows: number[];
}

/** Row `id` as stored: the INTEGER PRIMARY KEY column is NULL in the record (it is the rowid). */
function expectedRow(id: number): SqlValue[] {
  return [null, `name ${id} ${'y'.repeat(id % 13)}`, pattern(BIG_BLOB_BYTES.get(id) ?? id % 53, id)];
}

function summary(): DatabaseSummary {
  let blobBytes = 0;
  for (let id = 1; id <= ROW_COUNT; id++) blobBytes += (expectedRow(id)[2] as Uint8Array).length;
  return { rows: ROW_COUNT, blobBytes, bigBlobRows: [...BIG_BLOB_BYTES.keys()] };
}

function sameValue(a: SqlValue | undefined, b: SqlValue): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  return Object.is(a, b);
}

async function settle<T>(io: Io<T>): Promise<T> {
  if (!isPending(io)) return io;
  await io.wait();
  return io.value();
}

export async function writeDatabase(args: unknown): Promise<DatabaseSummary> {
  const storage = new IdbStorage(stringArg(args, 'database'));
  const db = await BtreeDatabase.open(storage, stringArg(args, 'name'), { create: true });
  try {
    const [tableRoot, indexRoot] = await db.write(async () => [await db.createTable('t', TABLE_SQL), await db.createIndex('t_name', 't', INDEX_SQL)]);
    // Two commits, so the second appends to the WAL on top of the first.
    for (const [from, to] of [[1, 150], [151, ROW_COUNT]] as const) {
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
    await storage.close();
  }
  return summary();
}

export async function readDatabase(args: unknown): Promise<DatabaseSummary> {
  const storage = new IdbStorage(stringArg(args, 'database'));
  const name = stringArg(args, 'name');
  const db = await BtreeDatabase.open(storage, name, { create: false });
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
        if (got.length !== want.length || !want.every((v, i) => sameValue(got[i], v))) throw new Error(`${name}: row ${rows} differs from what was written`);
        blobBytes += (got[2] as Uint8Array).length;
      }
      c.close();
    });
  } finally {
    await db.close();
    await storage.close();
  }
  if (rows !== ROW_COUNT) throw new Error(`${name}: ${rows} rows, expected ${ROW_COUNT}`);
  return { rows, blobBytes, bigBlobRows: [...BIG_BLOB_BYTES.keys()] };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunkBytes = 0x8000;
  for (let i = 0; i < bytes.length; i += chunkBytes) binary += String.fromCharCode(...bytes.subarray(i, i + chunkBytes));
  return btoa(binary);
}

/** The database file's bytes (base64), and whether a WAL file is left beside it. */
export async function exportDatabase(args: unknown): Promise<{ base64: string; walExists: boolean }> {
  const storage = new IdbStorage(stringArg(args, 'database'));
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
    await storage.close();
  }
}
