/**
 * STORED generated columns: computed from the other columns of the row whenever it is written
 * (INSERT, UPDATE, UPSERT), after the row's affinities, in declaration order, then given their
 * own affinity; stored in the record like any column, so SQLite reads them. VIRTUAL ones (not
 * stored, SQLite's default) are refused at CREATE TABLE.
 */
import { Op } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';
import { rowExprCompiler } from './row-scope.js';
import type { TableInfo } from './schema.js';

export function hasGenerated(table: TableInfo): boolean {
  return table.columns.some((c) => c.generated != null);
}

export function computeGenerated(ctx: CompileContext, table: TableInfo, rowid: number, cols: number): void {
  if (!hasGenerated(table)) return;
  const exprs = rowExprCompiler(ctx, [{ table, name: table.name, rowid, cols }]);
  table.columns.forEach((c, i) => {
    if (c.generated == null) return;
    exprs.code(c.generated, cols + i);
    ctx.b.emit(Op.Affinity, cols + i, 1, 0, { kind: 'affinity', affinities: [c.affinity] });
  });
}
