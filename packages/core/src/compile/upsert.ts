/**
 * UPSERT: `INSERT ... ON CONFLICT [(cols) [WHERE ...]] DO NOTHING | DO UPDATE SET ... [WHERE]`.
 * Each clause's target names a PRIMARY KEY or UNIQUE constraint by its columns (any order);
 * a target-less last clause covers every uniqueness constraint. On a conflict with a target
 * the row is not inserted: DO NOTHING skips it; DO UPDATE updates the conflicting row, its
 * expressions seeing that row under the table's name and the proposed one as `excluded`.
 */
import { SqliteError } from '../errors.js';
import type { InsertStmt, UpsertClause } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';
import type { Returning } from './returning.js';
import { rowExprCompiler } from './row-scope.js';
import { emitRowUpdate } from './row-update.js';
import type { IndexInfo, TableInfo } from './schema.js';
import { readRow, type TableCursors } from './table-write.js';
import { resolveSetColumns } from './set-columns.js';
import { fireTriggers, tableTriggers } from './triggers.js';

type Target = IndexInfo | null;

/** The constraint a clause's target names: an index, null for the rowid, undefined: any. */
function targetOf(table: TableInfo, clause: UpsertClause): Target | undefined {
  if (clause.target === null) return undefined;
  const names = clause.target.columns.map((t) => {
    let e = t.expr;
    if (e.kind === 'collate') e = e.operand;
    if (e.kind !== 'column') return '';
    return e.column.toLowerCase();
  });
  const cols = names.map((n) => table.columns.findIndex((c) => c.name.toLowerCase() === n));
  const same = (a: readonly number[]): boolean => a.length === cols.length && a.every((x) => cols.includes(x)) && cols.every((x) => a.includes(x));
  if (table.rowidAlias >= 0 && same([table.rowidAlias])) return null;
  const ix = table.indexes.find((i) => i.unique && same(i.columns.map((c) => c.column)));
  if (ix === undefined) throw new SqliteError('SQLITE_ERROR', 'ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint');
  return ix;
}

export interface UpsertRow {
  readonly table: TableInfo;
  readonly name: string;
  readonly cursors: TableCursors;
  readonly rowid: number;
  readonly cols: number;
  readonly skip: number;
  readonly returning: Returning | null;
}

export function compileUpsert(ctx: CompileContext, stmt: InsertStmt, row: UpsertRow): { targets: (ix: Target) => boolean; handle: (ix: Target, conflict: number) => void } {
  const clauses = stmt.upsert.map((c) => ({ clause: c, target: targetOf(row.table, c) }));
  const clauseFor = (ix: Target): UpsertClause | undefined => clauses.find((c) => c.target === undefined || c.target === ix)?.clause;
  const b = ctx.b;
  const n = row.table.columns.length;
  return {
    targets: (ix) => clauseFor(ix) !== undefined,
    handle: (ix, conflict) => {
      const clause = clauseFor(ix)!;
      if (clause.action.kind === 'nothing') {
        b.emit(Op.Goto, 0, row.skip);
        return;
      }
      const action = clause.action;
      const oldRowid = b.reg();
      const oldCols = b.reg(n);
      const newRowid = b.reg();
      const newCols = b.reg(n);
      b.emit(Op.NotExists, row.cursors.table, row.skip, conflict);
      readRow(b, row.table, row.cursors.table, oldRowid, oldCols);
      const exprs = rowExprCompiler(ctx, [{ table: row.table, name: row.name, rowid: oldRowid, cols: oldCols }], [{ table: row.table, name: 'excluded', rowid: row.rowid, cols: row.cols }]);
      if (action.where !== null) {
        const r = exprs.toReg(action.where);
        b.emit(Op.IfNot, r, row.skip, 1);
      }
      b.emit(Op.Copy, oldRowid, newRowid, 0);
      b.emit(Op.Copy, oldCols, newCols, n - 1);
      const sets = resolveSetColumns(row.table, action.set);
      for (const s of sets) {
        exprs.code(s.expr, s.column < 0 ? newRowid : newCols + s.column);
        if (s.column < 0) b.emit(Op.MustBeInt, newRowid, 0);
      }
      const done = b.newLabel();
      const setNames = action.set.flatMap((s) => s.columns);
      const rows = { oldRow: { table: row.table, name: 'old', rowid: oldRowid, cols: oldCols }, newRow: { table: row.table, name: 'new', rowid: newRowid, cols: newCols } };
      const before = tableTriggers(ctx, row.table, 'UPDATE', 'BEFORE', setNames);
      if (before.length > 0) {
        b.emit(Op.Affinity, newCols, n, 0, { kind: 'affinity', affinities: row.table.columns.map((c) => c.affinity) });
        fireTriggers(ctx, before, rows, done);
        b.emit(Op.NotExists, row.cursors.table, done, oldRowid);
      }
      emitRowUpdate(ctx, { table: row.table, cursors: row.cursors, oldRowid, oldCols, newRowid, newCols }, null, done, sets.some((s) => s.column < 0));
      fireTriggers(ctx, tableTriggers(ctx, row.table, 'UPDATE', 'AFTER', setNames), rows, done);
      if (row.returning !== null) {
        b.emit(Op.Copy, newRowid, row.rowid, 0);
        b.emit(Op.Copy, newCols, row.cols, n - 1);
        row.returning.emitRow();
      }
      b.resolve(done);
      b.emit(Op.Goto, 0, row.skip);
    },
  };
}
