/**
 * Expressions over rows held in registers rather than under a cursor: the new row of an
 * INSERT/UPDATE (CHECK constraints, RETURNING), `excluded.*` and the conflicting row of an
 * UPSERT. Each row gets a Source whose columns resolve through the ExprContext's
 * captured-column map to the registers, so the expression compiler emits register copies
 * instead of Column reads; its cursor is a pseudo cursor over the registers, for references
 * from subqueries (compiled with their own contexts).
 */
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';
import type { TableInfo } from './schema.js';
import { Scope, type Source } from './scope.js';
import { SelectCompiler } from './select.js';

/** A table row in registers: `rowid`, then the columns at `cols ..` (rowid alias column: NULL). */
export interface RegisterRow {
  readonly table: TableInfo;
  /** The name it is referred to by (lower case). */
  readonly name: string;
  readonly rowid: number;
  readonly cols: number;
}

function captured(b: ProgramBuilder, rows: readonly RegisterRow[]): { sources: Source[]; map: Map<string, number> } {
  const map = new Map<string, number>();
  const sources = rows.map((row, index) => {
    const cursor = b.cursor();
    // Direct references read the registers (the map); references from inside subqueries go
    // through this pseudo cursor over the same registers.
    b.emit(Op.OpenPseudo, cursor, row.rowid, row.cols, null, row.table.columns.length);
    map.set(`${cursor}:-1`, row.rowid);
    row.table.columns.forEach((_, i) => map.set(`${cursor}:${i}`, i === row.table.rowidAlias ? row.rowid : row.cols + i));
    return { table: row.table, name: row.name.toLowerCase(), cursor, index };
  });
  return { sources, map };
}

/**
 * An expression compiler whose scope is `rows`; `outerRows` form an enclosing scope (found by
 * qualified names, or when the inner rows lack the column: UPSERT's `excluded`).
 */
export function rowExprCompiler(ctx: CompileContext, rows: readonly RegisterRow[], outerRows: readonly RegisterRow[] = []): ExprCompiler {
  const inner = captured(ctx.b, rows);
  const outer = captured(ctx.b, outerRows);
  for (const [k, v] of outer.map) inner.map.set(k, v);
  const scope = new Scope(inner.sources, outerRows.length > 0 ? new Scope(outer.sources, null) : null);
  const base = new SelectCompiler(ctx).exprContext(scope);
  return new ExprCompiler({ ...base, capturedColumns: inner.map });
}
