/** The columns of UPDATE's (and UPSERT's) SET list: table column index, or -1 for the rowid. */
import { SqliteError } from '../errors.js';
import type { Expr, SetClause } from '../parser/ast.js';
import type { TableInfo } from './schema.js';

export interface SetColumn {
  readonly column: number;
  readonly expr: Expr;
}

export function resolveSetColumns(table: TableInfo, set: readonly SetClause[]): SetColumn[] {
  const out: SetColumn[] = [];
  for (const s of set) {
    if (s.columns.length !== 1) throw new SqliteError('SQLITE_ERROR', 'row values in SET are not supported yet');
    const lower = s.columns[0]!.toLowerCase();
    let column = table.columns.findIndex((c) => c.name.toLowerCase() === lower);
    if (column < 0) {
      if (lower !== 'rowid' && lower !== 'oid' && lower !== '_rowid_') throw new SqliteError('SQLITE_ERROR', `no such column: ${s.columns[0]}`);
      column = -1;
    }
    if (column >= 0 && table.columns[column]!.generated != null) throw new SqliteError('SQLITE_ERROR', `cannot UPDATE generated column "${table.columns[column]!.name}"`);
    if (column === table.rowidAlias && column >= 0) column = -1;
    out.push({ column, expr: s.expr });
  }
  return out;
}
