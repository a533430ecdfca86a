/**
 * UPDATE ... FROM. Pass 1 joins the target with the FROM tables (the planner's loop nest, the
 * WHERE clause applied) and, for each match, buffers the target rowid with the SET values
 * computed in the join (they may read any joined table). Pass 2 sorts by rowid and updates each
 * target row once, from its first match (SQLite uses an arbitrary one), through the shared
 * row-update path.
 */
import { SqliteError } from '../errors.js';
import type { UpdateStmt } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import { type CompileContext, lookupTable } from './context.js';
import { ExprCompiler } from './expr.js';
import { Returning } from './returning.js';
import { emitRowUpdate } from './row-update.js';
import type { TableInfo } from './schema.js';
import { Scope, type Source } from './scope.js';
import { SelectCompiler } from './select.js';
import { resolveSetColumns } from './set-columns.js';
import { openTableForWrite, readRow } from './table-write.js';
import { fireTriggers, tableTriggers } from './triggers.js';
import { type LoopSource, LoopNest } from './where.js';

export function compileUpdateFrom(ctx: CompileContext, stmt: UpdateStmt, table: TableInfo): string[] {
  const b = ctx.b;
  b.needTransaction(true);
  const name = (stmt.alias ?? table.name).toLowerCase();
  const levels: LoopSource[] = [];
  const sources: Source[] = [];
  const open = (t: TableInfo, as: string, left: boolean, on: LoopSource['on']): void => {
    if (sources.some((s) => s.name === as)) throw new SqliteError('SQLITE_ERROR', `ambiguous column name: ${as}`);
    const cursor = b.cursor();
    b.emit(Op.OpenRead, cursor, t.rootPage, t.columns.length, null, 0, t.name);
    const source: Source = { table: t, name: as, cursor, index: sources.length };
    sources.push(source);
    levels.push({ source, left, on });
  };
  open(table, name, false, []);
  for (const item of stmt.from!.items) {
    if (item.source.kind !== 'table' || item.using !== null || item.join?.natural === true) throw new SqliteError('SQLITE_ERROR', 'UPDATE ... FROM with subqueries, NATURAL or USING is not supported yet');
    const t = lookupTable(ctx, item.source.name, item.source.schema);
    open(t, (item.alias ?? item.source.name).toLowerCase(), item.join?.type === 'left', item.on !== null ? [item.on] : []);
  }
  const scope = new Scope(sources, ctx.rootScope ?? null);
  const exprs = new ExprCompiler(new SelectCompiler(ctx).exprContext(scope));
  const sets = resolveSetColumns(table, stmt.set);
  const width = 1 + sets.length;
  const buffer = b.cursor();
  b.emit(Op.SorterOpen, buffer, 1, 0, { kind: 'keyInfo', keyInfo: { collations: [], desc: [] } });
  const row = b.reg(width);
  new LoopNest(b, exprs, scope, levels, stmt.where).emit(() => {
    b.emit(Op.Rowid, sources[0]!.cursor, row);
    sets.forEach((s, i) => exprs.code(s.expr, row + 1 + i));
    b.emit(Op.SorterInsert, buffer, row, width);
  });
  for (const s of sources) b.emit(Op.Close, s.cursor);

  // Pass 2.
  const cursors = openTableForWrite(b, table);
  const n = table.columns.length;
  const oldRowid = b.reg();
  const oldCols = b.reg(n);
  const newRowid = b.reg();
  const newCols = b.reg(n);
  const prev = b.reg();
  b.emit(Op.Null, 0, prev);
  const returning = stmt.returning === null ? null : new Returning(ctx, stmt.returning, { table, name, rowid: newRowid, cols: newCols });
  const setNames = stmt.set.flatMap((s) => s.columns);
  const before = tableTriggers(ctx, table, 'UPDATE', 'BEFORE', setNames);
  const after = tableTriggers(ctx, table, 'UPDATE', 'AFTER', setNames);
  const rows = { oldRow: { table, name: 'old', rowid: oldRowid, cols: oldCols }, newRow: { table, name: 'new', rowid: newRowid, cols: newCols } };
  const rowidMayChange = sets.some((s) => s.column < 0);
  const end = b.newLabel();
  b.emit(Op.SorterSort, buffer, end);
  const top = b.addr;
  const skip = b.newLabel();
  const r = b.reg();
  b.emit(Op.Column, buffer, 0, r);
  b.emit(Op.Eq, prev, skip, r, null, 0);
  b.emit(Op.SCopy, r, prev);
  b.emit(Op.NotExists, cursors.table, skip, r);
  readRow(b, table, cursors.table, oldRowid, oldCols);
  b.emit(Op.Copy, oldRowid, newRowid, 0);
  b.emit(Op.Copy, oldCols, newCols, n - 1);
  sets.forEach((s, i) => {
    b.emit(Op.Column, buffer, 1 + i, s.column < 0 ? newRowid : newCols + s.column);
    if (s.column < 0) b.emit(Op.MustBeInt, newRowid, 0);
  });
  if (before.length > 0) {
    b.emit(Op.Affinity, newCols, n, 0, { kind: 'affinity', affinities: table.columns.map((c) => c.affinity) });
    fireTriggers(ctx, before, rows, skip);
    b.emit(Op.NotExists, cursors.table, skip, oldRowid);
  }
  emitRowUpdate(ctx, { table, cursors, oldRowid, oldCols, newRowid, newCols }, stmt.onConflict, skip, rowidMayChange);
  fireTriggers(ctx, after, rows, skip);
  returning?.emitRow();
  b.resolve(skip);
  b.emit(Op.SorterNext, buffer, top);
  b.resolve(end);
  returning?.finish();
  return returning?.names ?? [];
}
