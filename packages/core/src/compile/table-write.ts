/**
 * Writing rows of one table with its indexes, shared by INSERT, UPDATE and CREATE INDEX:
 * opening write cursors, index keys, and index entry insertion/deletion (the constraint checks
 * are in constraint-checks.ts).
 *
 * Register layout of a row: `rowid` then the n column values at `cols .. cols+n-1` (the rowid
 * alias column holds NULL there, as SQLite stores it).
 */
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import type { ExprCompiler } from './expr.js';
import { rowExprCompiler } from './row-scope.js';
import type { IndexInfo, TableInfo } from './schema.js';

export interface TableCursors {
  readonly table: number;
  /** One cursor per index of the table, in `table.indexes` order. */
  readonly indexes: readonly number[];
}

export function openTableForWrite(b: ProgramBuilder, table: TableInfo): TableCursors {
  const tc = b.cursor();
  b.emit(Op.OpenWrite, tc, table.rootPage, table.columns.length, null, 0, table.name);
  const indexes = table.indexes.map((ix) => {
    const c = b.cursor();
    b.emit(Op.OpenWrite, c, ix.rootPage, 0, { kind: 'keyInfo', keyInfo: ix.keyInfo }, 0, ix.name);
    return c;
  });
  return { table: tc, indexes };
}

function rowExprs(ctx: CompileContext, table: TableInfo, rowid: number, cols: number): ExprCompiler {
  return rowExprCompiler(ctx, [{ table, name: table.name, rowid, cols }]);
}

/**
 * Registers holding index `ix`'s key for the row (copies or computed expressions, then the
 * rowid): the first register.
 */
export function indexKey(ctx: CompileContext, table: TableInfo, ix: IndexInfo, rowid: number, cols: number): number {
  const b = ctx.b;
  const key = b.reg(ix.columns.length + 1);
  let exprs: ExprCompiler | null = null;
  ix.columns.forEach((c, i) => {
    if (c.expr !== undefined) {
      exprs ??= rowExprs(ctx, table, rowid, cols);
      exprs.code(c.expr, key + i);
      return;
    }
    // The rowid alias column holds NULL in the row registers: its value is the rowid.
    b.emit(Op.SCopy, c.column < 0 || c.column === table.rowidAlias ? rowid : cols + c.column, key + i);
  });
  b.emit(Op.SCopy, rowid, key + ix.columns.length);
  return key;
}

/** For a partial index: jumps to `skip` unless the row satisfies the index's WHERE clause. */
export function skipUnlessIndexed(ctx: CompileContext, table: TableInfo, ix: IndexInfo, rowid: number, cols: number, skip: number): void {
  if (ix.where === undefined || ix.where === null) return;
  const r = rowExprs(ctx, table, rowid, cols).toReg(ix.where);
  ctx.b.emit(Op.IfNot, r, skip, 1);
}

/** Writes the row and its index entries; `flags`: OPFLAG_NCHANGE / OPFLAG_LASTROWID for the table row. */
export function insertRow(ctx: CompileContext, table: TableInfo, cursors: TableCursors, rowid: number, cols: number, flags: number): void {
  const b = ctx.b;
  const rec = b.reg();
  b.emit(Op.MakeRecord, cols, table.columns.length, rec);
  b.emit(Op.Insert, cursors.table, rec, rowid, { kind: 'table', name: table.name }, flags);
  table.indexes.forEach((ix, i) => {
    const skip = b.newLabel();
    skipUnlessIndexed(ctx, table, ix, rowid, cols, skip);
    const key = indexKey(ctx, table, ix, rowid, cols);
    const irec = b.reg();
    b.emit(Op.MakeRecord, key, ix.columns.length + 1, irec);
    b.emit(Op.IdxInsert, cursors.indexes[i]!, irec);
    b.resolve(skip);
  });
}

/**
 * Deletes the index entries of the row in registers (rowid, cols). A partial index may not
 * hold the row: IdxDelete of an absent entry does nothing (the key includes the rowid).
 */
export function deleteIndexEntries(ctx: CompileContext, table: TableInfo, cursors: TableCursors, rowid: number, cols: number): void {
  table.indexes.forEach((ix, i) => {
    const key = indexKey(ctx, table, ix, rowid, cols);
    ctx.b.emit(Op.IdxDelete, cursors.indexes[i]!, key, ix.columns.length + 1);
  });
}

/** Reads the current row of table cursor `cursor` into (rowid, cols). */
export function readRow(b: ProgramBuilder, table: TableInfo, cursor: number, rowid: number, cols: number): void {
  b.emit(Op.Rowid, cursor, rowid);
  table.columns.forEach((_, i) => {
    if (i === table.rowidAlias) b.emit(Op.Null, 0, cols + i);
    else b.emit(Op.Column, cursor, i, cols + i);
  });
}
