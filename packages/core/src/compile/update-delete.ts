/**
 * UPDATE and DELETE, in two passes: first the rowids of the rows the WHERE clause selects are
 * collected (through the planner, so an index can find them), then each row is re-read by
 * rowid and changed. Changing rows while the first pass's cursors walk the same trees is so
 * avoided, and an UPDATE that moves a row (new rowid or index key) never meets it twice.
 *
 * UPDATE per row: read the old row; evaluate the SET expressions against it; apply affinity;
 * NOT NULL checks; remove the old index entries (and the old row if the rowid changes); check
 * the new rowid and UNIQUE keys; write the new row and index entries.
 */
import { SqliteError } from '../errors.js';
import type { DeleteStmt, UpdateStmt } from '../parser/ast.js';
import { Op, OPFLAG_NCHANGE } from '../vdbe/opcodes.js';
import { type CompileContext, lookupTable } from './context.js';
import { ExprCompiler } from './expr.js';
import type { TableInfo } from './schema.js';
import { Scope, type Source } from './scope.js';
import { SelectCompiler } from './select.js';
import { Returning } from './returning.js';
import { compileUpdateFrom } from './update-from.js';
import { fireTriggers, tableTriggers } from './triggers.js';
import { emitRowUpdate } from './row-update.js';
import { resolveSetColumns } from './set-columns.js';
import { deleteIndexEntries, openTableForWrite, readRow } from './table-write.js';
import { LoopNest } from './where.js';
import { BINARY } from '../btree/collation.js';
import { collationByName } from './schema.js';

interface Target {
  table: TableInfo;
  /** The write cursors (table first), and a Source naming the table cursor for expressions. */
  source: Source;
  scope: Scope;
  exprs: ExprCompiler;
  cursors: ReturnType<typeof openTableForWrite>;
}

function unsupported(stmt: UpdateStmt | DeleteStmt): void {
  if (stmt.with !== null) throw new SqliteError('SQLITE_ERROR', 'WITH on UPDATE/DELETE is not supported yet');
}

/** Pass 1's buffer: the ORDER BY keys (if any) then the rowid; pass 2 reads it in that order. */
interface Collected {
  readonly rowids: number;
  /** Column of the buffer holding the rowid. */
  readonly rowidColumn: number;
  /** LIMIT / OFFSET counters (0: none). */
  readonly limit: number;
  readonly offset: number;
}

/** Pass 1: the rowids of the rows to change, into a sorter; then opens the write cursors. */
function collectRows(ctx: CompileContext, stmt: UpdateStmt | DeleteStmt): { target: Target; rowids: Collected } {
  const b = ctx.b;
  const table = lookupTable(ctx, stmt.table.name, stmt.table.schema);
  if (table.rootPage === 1) throw new SqliteError('SQLITE_ERROR', `table ${table.name} may not be modified`);
  b.needTransaction(true);
  const selects = new SelectCompiler(ctx);
  const readCursor = b.cursor();
  b.emit(Op.OpenRead, readCursor, table.rootPage, table.columns.length, null, 0, table.name);
  const name = (stmt.alias ?? table.name).toLowerCase();
  const readSource: Source = { table, name, cursor: readCursor, index: 0 };
  const readScope = new Scope([readSource], ctx.rootScope ?? null);
  const readExprs = new ExprCompiler(selects.exprContext(readScope));
  // ORDER BY ... LIMIT (SQLITE_ENABLE_UPDATE_DELETE_LIMIT): rows sorted by the keys, then the
  // rowid; without ORDER BY, by rowid.
  const order = stmt.orderBy ?? [];
  const keyInfo = {
    collations: order.map((t) => (t.expr.kind === 'collate' ? collationByName(t.expr.collation) : BINARY)),
    desc: order.map((t) => t.direction === 'DESC'),
  };
  const rowids = b.cursor();
  b.emit(Op.SorterOpen, rowids, order.length > 0 ? order.length : 1, 0, { kind: 'keyInfo', keyInfo });
  const r = b.reg(order.length + 1);
  new LoopNest(b, readExprs, readScope, [{ source: readSource, left: false, on: [] }], stmt.where).emit(() => {
    order.forEach((t, i) => readExprs.code(t.expr, r + i));
    b.emit(Op.Rowid, readCursor, r + order.length);
    b.emit(Op.SorterInsert, rowids, r, order.length + 1);
  });
  let limit = 0;
  let offset = 0;
  if (stmt.limit !== null) {
    const plain = new ExprCompiler(selects.exprContext(new Scope([], ctx.rootScope ?? null)));
    limit = plain.toReg(stmt.limit.limit);
    b.emit(Op.MustBeInt, limit, 0);
    if (stmt.limit.offset !== null) {
      offset = plain.toReg(stmt.limit.offset);
      b.emit(Op.MustBeInt, offset, 0);
    }
  }
  b.emit(Op.Close, readCursor);
  const cursors = openTableForWrite(b, table);
  const source: Source = { table, name, cursor: cursors.table, index: 0 };
  const scope = new Scope([source], ctx.rootScope ?? null);
  return { target: { table, source, scope, exprs: new ExprCompiler(selects.exprContext(scope)), cursors }, rowids: { rowids, rowidColumn: order.length, limit, offset } };
}

/** Pass 2: for each collected rowid positioned on its row, runs `body`. */
function forEachRow(ctx: CompileContext, target: Target, c: Collected, body: () => void): void {
  const b = ctx.b;
  const end = b.newLabel();
  const next = b.newLabel();
  const r = b.reg();
  if (c.limit !== 0) b.emit(Op.IfNot, c.limit, end);
  b.emit(Op.SorterSort, c.rowids, end);
  const top = b.addr;
  if (c.offset !== 0) b.emit(Op.IfPos, c.offset, next, 1);
  b.emit(Op.Column, c.rowids, c.rowidColumn, r);
  b.emit(Op.NotExists, target.cursors.table, next, r);
  body();
  // A negative LIMIT never reaches zero: no limit, as in SQLite.
  if (c.limit !== 0) b.emit(Op.DecrJumpZero, c.limit, end);
  b.resolve(next);
  b.emit(Op.SorterNext, c.rowids, top);
  b.resolve(end);
}

export function compileDelete(ctx: CompileContext, stmt: DeleteStmt): string[] {
  unsupported(stmt);
  const b = ctx.b;
  const { target, rowids } = collectRows(ctx, stmt);
  const table = target.table;
  const n = table.columns.length;
  const rowid = b.reg();
  const cols = b.reg(n);
  const returning = stmt.returning === null ? null : new Returning(ctx, stmt.returning, { table, name: target.source.name, rowid, cols });
  const before = tableTriggers(ctx, table, 'DELETE', 'BEFORE');
  const after = tableTriggers(ctx, table, 'DELETE', 'AFTER');
  forEachRow(ctx, target, rowids, () => {
    const skip = b.newLabel();
    if (before.length > 0) {
      readRow(b, table, target.cursors.table, rowid, cols);
      fireTriggers(ctx, before, { oldRow: { table, name: 'old', rowid, cols } }, skip);
      // The trigger program may have moved the cursor, or deleted the row.
      b.emit(Op.NotExists, target.cursors.table, skip, rowid);
    }
    if (table.indexes.length > 0 || returning !== null || after.length > 0) {
      readRow(b, table, target.cursors.table, rowid, cols);
      deleteIndexEntries(ctx, table, target.cursors, rowid, cols);
      returning?.emitRow();
    }
    b.emit(Op.Delete, target.cursors.table, 0, 0, { kind: 'table', name: table.name }, OPFLAG_NCHANGE);
    fireTriggers(ctx, after, { oldRow: { table, name: 'old', rowid, cols } }, skip);
    b.resolve(skip);
  });
  returning?.finish();
  return returning?.names ?? [];
}

export function compileUpdate(ctx: CompileContext, stmt: UpdateStmt): string[] {
  unsupported(stmt);
  if (stmt.from !== null) {
    const table = lookupTable(ctx, stmt.table.name, stmt.table.schema);
    if (table.rootPage === 1) throw new SqliteError('SQLITE_ERROR', `table ${table.name} may not be modified`);
    return compileUpdateFrom(ctx, stmt, table);
  }
  const b = ctx.b;
  const { target, rowids } = collectRows(ctx, stmt);
  const table = target.table;
  const n = table.columns.length;
  const sets = resolveSetColumns(table, stmt.set);
  const oldRowid = b.reg();
  const oldCols = b.reg(n);
  const newRowid = b.reg();
  const newCols = b.reg(n);
  const returning = stmt.returning === null ? null : new Returning(ctx, stmt.returning, { table, name: target.source.name, rowid: newRowid, cols: newCols });
  const rowidMayChange = sets.some((s) => s.column < 0);
  const setNames = stmt.set.flatMap((s) => s.columns);
  const before = tableTriggers(ctx, table, 'UPDATE', 'BEFORE', setNames);
  const after = tableTriggers(ctx, table, 'UPDATE', 'AFTER', setNames);
  const rows = { oldRow: { table, name: 'old', rowid: oldRowid, cols: oldCols }, newRow: { table, name: 'new', rowid: newRowid, cols: newCols } };
  forEachRow(ctx, target, rowids, () => {
    const skip = b.newLabel();
    readRow(b, table, target.cursors.table, oldRowid, oldCols);
    b.emit(Op.Copy, oldRowid, newRowid, 0);
    b.emit(Op.Copy, oldCols, newCols, n - 1);
    for (const s of sets) {
      if (s.column < 0) {
        target.exprs.code(s.expr, newRowid);
        b.emit(Op.MustBeInt, newRowid, 0);
      } else {
        target.exprs.code(s.expr, newCols + s.column);
      }
    }
    if (before.length > 0) {
      b.emit(Op.Affinity, newCols, n, 0, { kind: 'affinity', affinities: table.columns.map((c) => c.affinity) });
      fireTriggers(ctx, before, rows, skip);
      b.emit(Op.NotExists, target.cursors.table, skip, oldRowid);
    }
    emitRowUpdate(ctx, { table, cursors: target.cursors, oldRowid, oldCols, newRowid, newCols }, stmt.onConflict, skip, rowidMayChange);
    fireTriggers(ctx, after, rows, skip);
    returning?.emitRow();
    b.resolve(skip);
  });
  returning?.finish();
  return returning?.names ?? [];
}
