/**
 * @minnow/node/compat: a synchronous, better-sqlite3-style API over Minnow.
 */
export { Database, SqliteError, type DatabaseOptions } from './database.js';
export { Statement, type RunResult, type ColumnDefinition } from './statement.js';
