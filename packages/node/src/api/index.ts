/**
 * The promise API of @minnow/node, mirroring @tursodatabase/database (itself modelled on
 * better-sqlite3): `const db = await connect('app.db')`.
 */
export { connect, Database, type ConnectOptions, type PragmaOptions } from './database.js';
export { Statement, type RunResult, type ColumnDefinition } from './statement.js';
export type { TransactionFunction, TransactionMode } from './transaction.js';
export { openConnection, type OpenedConnection, type OpenOptions } from './open-connection.js';
export { FileLock } from './file-lock.js';
