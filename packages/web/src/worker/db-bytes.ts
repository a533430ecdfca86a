/**
 * A database as one `.db` file's bytes: export reads every committed page through the pager
 * (WAL frames included), so the result is exactly the file sqlite3 would see after a
 * checkpoint; import replaces a stored database (and drops its WAL and journal) before opening.
 */
import { runAsync, settle, SqliteError, type Connection, type Storage } from '@minnow/core';

const MAGIC = 'SQLite format 3\u0000';

export async function exportDatabase(conn: Connection): Promise<Uint8Array> {
  const pager = conn.pager;
  if (conn.inTransaction || pager.inWriteTransaction) {
    throw new SqliteError('SQLITE_BUSY', 'cannot export inside a transaction');
  }
  const pageSize = pager.pageSizeBytes;
  pager.beginRead();
  try {
    const count = pager.pageCount;
    const out = new Uint8Array(count * pageSize);
    for (let pgno = 1; pgno <= count; pgno++) {
      const page = await runAsync(() => pager.get(pgno));
      out.set(page.data, (pgno - 1) * pageSize);
    }
    return out;
  } finally {
    pager.endRead();
    pager.trim();
  }
}

/** Checks `bytes` look like a database file (SQLITE_NOTADB otherwise). */
export function checkDatabaseBytes(bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  let head = '';
  for (let i = 0; i < MAGIC.length && i < bytes.length; i++) head += String.fromCharCode(bytes[i]!);
  if (bytes.length < 100 || head !== MAGIC) throw new SqliteError('SQLITE_NOTADB');
}

export async function importDatabase(storage: Storage, name: string, bytes: Uint8Array): Promise<void> {
  checkDatabaseBytes(bytes);
  for (const side of [`${name}-wal`, `${name}-journal`]) {
    if (await settle(storage.exists(side))) await settle(storage.delete(side));
  }
  const file = await settle(storage.open(name, { create: true }));
  try {
    await settle(file.truncate(0));
    await settle(file.write(0, bytes));
    await settle(file.sync());
  } finally {
    await settle(file.close());
  }
}
