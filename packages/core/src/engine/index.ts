/**
 * The SQL engine's public surface: connections and prepared statements.
 */
export { Connection } from './connection.js';
export { Statement } from './statement.js';
