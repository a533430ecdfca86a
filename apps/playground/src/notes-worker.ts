/**
 * The playground's worker: Minnow's storage engine (pager + B-trees) over OPFS when the browser
 * has it, else in memory. The notes live in `notes.db`, table
 * `notes(id INTEGER PRIMARY KEY, body TEXT, created REAL)`.
 */
import { BtreeDatabase, decodeRecord, encodeRecord, SqliteError, MemoryStorage, type Storage, settle } from '@minnow/core';
import { OpfsStorage } from '@minnow/web';
import type { NoteRow, Request, Response } from './protocol.js';

const NAME = 'notes.db';
const TABLE_SQL = 'CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT, created REAL)';

let storageLabel = 'memory';
let storage: Storage | null = null;

async function getStorage(): Promise<Storage> {
  if (storage !== null) return storage;
  try {
    storage = await OpfsStorage.at(['minnow-playground']);
    storageLabel = 'OPFS';
  } catch {
    storage = new MemoryStorage();
    storageLabel = 'memory (this browser has no OPFS sync access handles)';
  }
  return storage;
}

/** Opens the database, runs `fn`, closes (checkpointing the WAL into notes.db). */
async function withDatabase<T>(fn: (db: BtreeDatabase, root: number) => Promise<T>): Promise<T> {
  const db = await BtreeDatabase.open(await getStorage(), NAME);
  try {
    const entry = (await db.read(() => db.schema())).find((e) => e.name === 'notes');
    const root = entry?.rootPage ?? (await db.write(() => db.createTable('notes', TABLE_SQL)));
    return await fn(db, root);
  } finally {
    await db.close();
  }
}

async function list(db: BtreeDatabase, root: number): Promise<NoteRow[]> {
  return db.read(async () => {
    const rows: NoteRow[] = [];
    const c = db.tableCursor(root);
    for (let ok = await db.run(() => c.first()); ok; ok = await db.run(() => c.next())) {
      const [, body, created] = decodeRecord(await db.run(() => c.payload()));
      rows.push({ rowid: Number(c.rowid()), body: String(body), created: Number(created) });
    }
    c.close();
    return rows;
  });
}

interface Outcome {
  rows?: NoteRow[];
  bytes?: Uint8Array;
}

async function handle(req: Request): Promise<Outcome> {
  return withDatabase(async (db, root): Promise<Outcome> => {
    switch (req.kind) {
      case 'list':
        return { rows: await list(db, root) };
      case 'add':
        await db.write(async () => {
          const c = db.tableCursor(root);
          const rowid = (await db.run(() => c.last())) ? Number(c.rowid()) + 1 : 1;
          await db.run(() => c.insert(rowid, encodeRecord([null, req.body, Date.now() + 0.5])));
          c.close();
        });
        return { rows: await list(db, root) };
      case 'clear':
        await db.write(() => db.clear(root, true));
        return { rows: [] };
      case 'export':
        return {}; // the file is read below, once closing has checkpointed the WAL into it
    }
  });
}

/** notes.db's bytes: a complete database file (the WAL was checkpointed and removed on close). */
async function exportFile(): Promise<Uint8Array> {
  const file = await settle((await getStorage()).open(NAME, { create: false }));
  try {
    const bytes = new Uint8Array(await settle(file.size()));
    await settle(file.read(0, bytes));
    return bytes;
  } finally {
    await settle(file.close());
  }
}

self.onmessage = async (event: MessageEvent<Request>) => {
  const req = event.data;
  let res: Response;
  try {
    const out = await handle(req);
    if (req.kind === 'export') out.bytes = await exportFile();
    const integrity = (await withDatabase((db) => db.integrityCheck())).join('; ') || 'ok';
    res = { id: req.id, ok: true, storage: storageLabel, integrity, ...out };
  } catch (e) {
    res = { id: req.id, ok: false, error: e instanceof Error ? e.message : String(e), code: e instanceof SqliteError ? e.code : undefined };
  }
  (self as unknown as Worker).postMessage(res);
};
