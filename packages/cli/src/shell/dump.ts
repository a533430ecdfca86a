/**
 * `.dump`: the database as SQL text that sqlite3 (or Minnow) loads back into the same schema
 * and rows. Tables first, each followed by its rows; then indexes, views and triggers, so
 * indexes are built once over loaded data. `PRAGMA foreign_keys=OFF` leads when any table has a
 * foreign key. Values are literals that read back exactly
 * (sql-text.ts): X'..' blobs, round-tripping reals, '' escaping in text.
 */
import type { Connection } from '@minnow/core';
import { likeMatch, printedSql, queryRows, schemaObjects } from '../schema-info.js';
import { quoteIdent, sqlLiteral } from '../sql-text.js';

export async function dumpDatabase(conn: Connection, write: (text: string) => void, tablePattern?: string): Promise<void> {
  const objects = await schemaObjects(conn);
  const wanted = (table: string) => tablePattern === undefined || likeMatch(tablePattern, table);
  // Rows are loaded parent-after-child as often as not: foreign key checks must be off.
  if (objects.some((o) => o.sql !== null && /\bREFERENCES\b/i.test(o.sql))) write('PRAGMA foreign_keys=OFF;\n');
  write('BEGIN TRANSACTION;\n');
  for (const o of objects) {
    if (o.type !== 'table' || !wanted(o.name) || o.sql === null) continue;
    const lower = o.name.toLowerCase();
    if (lower === 'sqlite_sequence') {
      write('DELETE FROM sqlite_sequence;\n');
    } else if (lower.startsWith('sqlite_')) {
      continue;
    } else {
      write(`${printedSql(o)};\n`);
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
