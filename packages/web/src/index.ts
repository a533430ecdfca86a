/**
 * @minnow/web: SQL in the page, with the engine in a dedicated worker.
 *
 *   const db = await connect('app.db');            // OPFS, else IndexedDB, else memory
 *   await db.exec('CREATE TABLE t(a, b)');
 *   await db.run('INSERT INTO t VALUES (?, ?)', 1, 'one');
 *   const rows = await db.all('SELECT * FROM t');
 *
 * The storage backends are exported too, for use inside a worker of your own. Importing this
 * entry on the page pulls in only the API (the engine is in the worker's chunk); the storage
 * exports are tree-shaken away when unused.
 */
export { connect, type ConnectOptions } from './api/connect.js';
export { Database, type TransactionFunction } from './api/database.js';
export { Statement, type ColumnInfo } from './api/statement.js';
export type { RunInfo, StorageKind } from './worker/wire-types.js';
export { SqliteError } from '@minnow/core';
export { OpfsFile, OpfsStorage } from './storage/opfs-storage.js';
export type { OpfsDirectory, OpfsFileHandle, OpfsSyncAccessHandle } from './storage/opfs-types.js';
export { IdbStorage } from './storage/idb-storage.js';
export { IdbFile } from './storage/idb-file.js';
export { idbError } from './storage/idb-errors.js';
