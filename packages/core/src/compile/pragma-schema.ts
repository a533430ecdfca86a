/**
 * The schema-describing PRAGMAs: table_info, table_xinfo, index_list, index_info, index_xinfo
 * and table_list, as constant rows computed from the schema the statement was compiled
 * against (a schema change recompiles the statement). Column names and values as SQLite's.
 */
import type { SqlValue } from '../format/sql-value.js';
import type { ForeignKeyClause } from '../parser/ast.js';
import { SCHEMA_TABLE, type Schema, type TableInfo } from './schema.js';

export interface PragmaRows {
  readonly columns: readonly string[];
  readonly rows: readonly SqlValue[][];
}

function defaultText(table: TableInfo, column: number): string | null {
  const def = table.def?.columns[column];
  for (const c of def?.constraints ?? []) if (c.kind === 'default') return c.text;
  return null;
}

/** SQLite reports the standard type names (those STRICT tables allow) in upper case. */
function reportedType(declType: string | null): string {
  if (declType === null) return '';
  const upper = declType.toUpperCase();
  return ['ANY', 'BLOB', 'INT', 'INTEGER', 'REAL', 'TEXT'].includes(upper) ? upper : declType;
}

export function tableInfo(schema: Schema, name: string | null, extended: boolean): PragmaRows {
  const columns = ['cid', 'name', 'type', 'notnull', 'dflt_value', 'pk', ...(extended ? ['hidden'] : [])];
  const table = name === null ? undefined : /^sqlite_(schema|master)$/i.test(name) ? SCHEMA_TABLE : schema.table(name);
  if (table === undefined) return { columns, rows: [] };
  // table_info leaves out generated columns (numbering the rest); table_xinfo marks them hidden.
  const rows: SqlValue[][] = [];
  table.columns.forEach((c, i) => {
    if (!extended && c.generated != null) return;
    const pk = table.pkColumns.indexOf(i) + 1;
    const row: SqlValue[] = [rows.length, c.name, reportedType(c.declType), c.notNull ? 1 : 0, defaultText(table, i), pk];
    if (extended) row.push(c.generated != null ? 3 : 0);
    rows.push(row);
  });
  return { columns, rows };
}

export function indexList(schema: Schema, name: string | null): PragmaRows {
  const columns = ['seq', 'name', 'unique', 'origin', 'partial'];
  const table = name === null ? undefined : schema.table(name);
  if (table === undefined) return { columns, rows: [] };
  // SQLite lists a table's indexes newest first.
  const rows = [...table.indexes].reverse().map((ix, seq): SqlValue[] => [seq, ix.name, ix.unique ? 1 : 0, ix.origin === 'index' ? 'c' : ix.origin === 'pk' ? 'pk' : 'u', ix.where != null ? 1 : 0]);
  return { columns, rows };
}

export function indexInfo(schema: Schema, name: string | null, extended: boolean): PragmaRows {
  const columns = extended ? ['seqno', 'cid', 'name', 'desc', 'coll', 'key'] : ['seqno', 'cid', 'name'];
  const ix = name === null ? undefined : schema.index(name);
  if (ix === undefined) return { columns, rows: [] };
  const table = schema.table(ix.tableName)!;
  const rows = ix.columns.map((c, i): SqlValue[] => {
    const base: SqlValue[] = [i, c.column, c.column < 0 ? null : table.columns[c.column]!.name];
    return extended ? [...base, c.desc ? 1 : 0, c.collation.name, 1] : base;
  });
  if (extended) rows.push([ix.columns.length, -1, null, 0, 'BINARY', 0]);
  return { columns, rows };
}

export function tableList(schema: Schema, name: string | null): PragmaRows {
  const columns = ['schema', 'name', 'type', 'ncol', 'wr', 'strict'];
  const rows: SqlValue[][] = [];
  for (const t of schema.tables.values()) {
    if (name !== null && t.name.toLowerCase() !== name.toLowerCase()) continue;
    rows.push(['main', t.name, 'table', t.columns.length, t.withoutRowid ? 1 : 0, t.def?.strict === true ? 1 : 0]);
  }
  if (name === null || /^sqlite_(schema|master)$/i.test(name)) rows.push(['main', 'sqlite_schema', 'table', 5, 0, 0]);
  if (name === null) rows.push(['temp', 'sqlite_temp_schema', 'table', 5, 0, 0]);
  return { columns, rows };
}

export function foreignKeyList(schema: Schema, name: string | null): PragmaRows {
  const columns = ['id', 'seq', 'table', 'from', 'to', 'on_update', 'on_delete', 'match'];
  const table = name === null ? undefined : schema.table(name);
  const def = table?.def;
  if (def === undefined) return { columns, rows: [] };
  // Declaration order (column constraints, then table constraints); SQLite numbers them newest first.
  const fks: { from: string[]; fk: ForeignKeyClause }[] = [];
  for (const col of def.columns) for (const c of col.constraints) if (c.kind === 'references') fks.push({ from: [col.name], fk: c.foreignKey });
  for (const c of def.constraints) if (c.kind === 'foreignKey') fks.push({ from: c.columns, fk: c.foreignKey });
  const rows: SqlValue[][] = [];
  fks.reverse().forEach(({ from, fk }, id) => {
    from.forEach((f, seq) => rows.push([id, seq, fk.table, f, fk.columns?.[seq] ?? null, fk.onUpdate ?? 'NO ACTION', fk.onDelete ?? 'NO ACTION', 'NONE']));
  });
  return { columns, rows };
}
