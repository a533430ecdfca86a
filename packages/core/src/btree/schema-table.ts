/**
 * The schema table, `sqlite_schema` (also known as sqlite_master): a table B-tree rooted at
 * page 1 whose rows describe every table, index, view and trigger:
 *
 *   column    type     content
 *   type      TEXT     'table', 'index', 'view' or 'trigger'
 *   name      TEXT     the object's name
 *   tbl_name  TEXT     the table it belongs to (its own name for a table)
 *   rootpage  INTEGER  root page of its B-tree; 0 for views and triggers
 *   sql       TEXT     the CREATE statement; NULL for automatic indexes
 *
 * Each function here is one restartable operation (run it with a driver); multi-step schema
 * changes (create tree, insert row, bump cookie) are sequences of them, see btree-database.ts.
 */
import { corrupt } from '../errors.js';
import { decodeRecord, encodeRecord } from '../format/record.js';
import type { SqlValue } from '../format/sql-value.js';
import type { BtreeContext } from './btree-context.js';
import { TableCursor } from './table-cursor.js';

export const SCHEMA_ROOT_PGNO = 1;

export type SchemaObjectType = 'table' | 'index' | 'view' | 'trigger';

export interface SchemaEntry {
  rowid: number | bigint;
  type: string;
  name: string;
  tblName: string;
  rootPage: number;
  sql: string | null;
}

function asText(v: SqlValue | undefined): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  throw corrupt('malformed sqlite_schema row');
}

/** Every row of sqlite_schema, in rowid order. */
export function readSchemaEntries(ctx: BtreeContext): SchemaEntry[] {
  const cursor = new TableCursor(ctx, SCHEMA_ROOT_PGNO);
  try {
    const out: SchemaEntry[] = [];
    for (let ok = cursor.first(); ok; ok = cursor.next()) {
      const payload = cursor.payload();
      const values = decodeRecord(payload, 0, payload.length, ctx.pager.textEncoding);
      const root = values[3];
      const sql = values[4];
      out.push({
        rowid: cursor.rowid(),
        type: asText(values[0]),
        name: asText(values[1]),
        tblName: asText(values[2]),
        rootPage: typeof root === 'number' ? root : 0,
        sql: typeof sql === 'string' ? sql : null,
      });
    }
    return out;
  } finally {
    cursor.close();
  }
}

/** The rowid a new schema row gets: one past the largest. */
export function nextSchemaRowid(ctx: BtreeContext): number {
  const cursor = new TableCursor(ctx, SCHEMA_ROOT_PGNO);
  try {
    if (!cursor.last()) return 1;
    const last = cursor.rowid();
    if (typeof last !== 'number') throw corrupt('sqlite_schema rowid out of range');
    return last + 1;
  } finally {
    cursor.close();
  }
}

/** Inserts (or replaces) schema row `rowid`. */
export function writeSchemaEntry(
  ctx: BtreeContext,
  rowid: number,
  type: SchemaObjectType,
  name: string,
  tblName: string,
  rootPage: number,
  sql: string | null,
): void {
  const record = encodeRecord([type, name, tblName, rootPage, sql], ctx.pager.textEncoding);
  const cursor = new TableCursor(ctx, SCHEMA_ROOT_PGNO);
  try {
    cursor.insert(rowid, record);
  } finally {
    cursor.close();
  }
}

/** Deletes schema row `rowid` (no-op when it does not exist). */
export function deleteSchemaEntry(ctx: BtreeContext, rowid: number | bigint): void {
  const cursor = new TableCursor(ctx, SCHEMA_ROOT_PGNO);
  try {
    if (cursor.seek(rowid) === 0) cursor.delete();
  } finally {
    cursor.close();
  }
}
