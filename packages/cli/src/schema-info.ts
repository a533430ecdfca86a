/**
 * What the shell's .tables/.schema/.indexes/.dump and the MCP tools know about a database,
 * read from sqlite_schema. Columns come from parsing the stored CREATE TABLE text, so nothing
 * here depends on PRAGMA table_info.
 */
import { parser, type Connection, type SqlValue } from '@minnow/core';

export interface SchemaObject {
  type: 'table' | 'index' | 'view' | 'trigger' | string;
  name: string;
  tableName: string;
  sql: string | null;
}

export interface ColumnDescription {
  name: string;
  type: string;
  notNull: boolean;
  defaultValue: string | null;
  primaryKey: boolean;
}

/** Runs one SQL statement to the end and returns its rows. */
export async function queryRows(conn: Connection, sql: string, params: SqlValue[] = []): Promise<SqlValue[][]> {
  const stmt = await conn.prepareAsync(sql);
  if (stmt === null) return [];
  try {
    stmt.bind(params);
    return await stmt.runAsync();
  } finally {
    stmt.finalize();
  }
}

/** Every schema entry in creation (rowid) order. */
export async function schemaObjects(conn: Connection): Promise<SchemaObject[]> {
  const rows = await queryRows(conn, 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid');
  return rows.map((r) => ({ type: String(r[0]), name: String(r[1]), tableName: String(r[2]), sql: r[3] === null ? null : String(r[3]) }));
}

/** User tables (not sqlite_*), sorted by name. */
export async function tableNames(conn: Connection): Promise<string[]> {
  return (await schemaObjects(conn))
    .filter((o) => o.type === 'table' && !o.name.startsWith('sqlite_'))
    .map((o) => o.name)
    .sort();
}

/** Columns of a table from its CREATE TABLE text; null when the table does not exist. */
export async function describeTable(conn: Connection, table: string): Promise<ColumnDescription[] | null> {
  const entry = (await schemaObjects(conn)).find((o) => o.type === 'table' && o.name.toLowerCase() === table.toLowerCase());
  if (entry === undefined || entry.sql === null) return null;
  return columnsOf(entry.sql);
}

export function columnsOf(createSql: string): ColumnDescription[] {
  const parsed = parser.parseOne(createSql);
  if (parsed === null || parsed.stmt.kind !== 'createTable') return [];
  const stmt = parsed.stmt;
  const pk = new Set<string>();
  for (const c of stmt.constraints) {
    if (c.kind !== 'primaryKey') continue;
    for (const term of c.columns) {
      let e = term.expr;
      if (e.kind === 'collate') e = e.operand;
      if (e.kind === 'column') pk.add(e.column.toLowerCase());
    }
  }
  return stmt.columns.map((col) => {
    let notNull = false;
    let primaryKey = pk.has(col.name.toLowerCase());
    let defaultValue: string | null = null;
    for (const c of col.constraints) {
      if (c.kind === 'notNull') notNull = true;
      else if (c.kind === 'primaryKey') primaryKey = true;
      else if (c.kind === 'default') defaultValue = c.text;
    }
    return { name: col.name, type: col.typeName ?? '', notNull, defaultValue, primaryKey };
  });
}

/** SQL LIKE-style match (% and _, case-insensitive), for .tables/.schema/.indexes patterns. */
export function likeMatch(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('%', '.*').replaceAll('_', '.');
  return new RegExp(`^${re}$`, 'is').test(text);
}

/**
 * A table's CREATE text as sqlite3's .schema and .dump print it: when the name is quoted they
 * write `CREATE TABLE IF NOT EXISTS`, and so does Minnow, for identical output.
 */
export function printedSql(o: SchemaObject): string | null {
  if (o.sql === null || o.type !== 'table') return o.sql;
  const m = /^CREATE TABLE\s+(?=["'`[])/i.exec(o.sql);
  return m === null ? o.sql : `CREATE TABLE IF NOT EXISTS ${o.sql.slice(m[0].length)}`;
}
