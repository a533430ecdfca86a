/**
 * `.dump`: the database as SQL text that sqlite3 (or Minnow) loads back into the same schema
 * and rows. Tables first, each followed by its rows; then indexes, views and triggers, so
 * indexes are built once over loaded data. Values are literals that read back exactly
 * (sql-text.ts): X'..' blobs, round-tripping reals, '' escaping in text.
 */
import type { Connection } from '@minnow/core';
import { queryRows, schemaObjects, likeMatch } from '../schema-info.js';
import { quoteIdent, sqlLiteral } from '../sql-text.js';

export async function dumpDatabase(conn: Connection, write: (text: string) => void, tablePattern?: string): Promise<void> {
  const objects = await schemaObjects(conn);
  const wanted = (table: string) => tablePattern === undefined || likeMatch(tablePattern, table);
  write('PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n');
  for (const o of objects) {
    if (o.type !== 'table' || !wanted(o.name) || o.sql === null) continue;
    const lower = o.name.toLowerCase();
    if (lower === 'sqlite_sequence') {
      write('DELETE FROM sqlite_sequence;\n');
    } else if (lower.startsWith('sqlite_')) {
      continue;
    } else {
      write(`${o.sql};\n`);
    }
    const rows = await queryRows(conn, `SELECT * FROM ${quoteIdent(o.name)}`);
    const prefix = `INSERT INTO ${quoteIdent(o.name)} VALUES(`;
    for (const r of rows) write(`${prefix}${r.map(sqlLiteral).join(',')});\n`);
  }
  for (const o of objects) {
    if (o.type === 'table' || o.sql === null || !wanted(o.tableName)) continue;
    write(`${o.sql};\n`);
  }
  write('COMMIT;\n');
}
