/**
 * AUTOINCREMENT: the largest rowid a table has ever used lives in sqlite_sequence (name, seq),
 * a table created with the first AUTOINCREMENT table (ddl.ts). An INSERT reads the table's seq
 * once, gives automatic rowids above both it and the current largest rowid, raises it for every
 * row written, and writes it back at the end of the statement (adding the table's row the first
 * time). DROP TABLE removes the table's row.
 */
import { SqliteError } from '../errors.js';
import type { CreateTableStmt } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';
import type { TableInfo } from './schema.js';

export function usesAutoincrement(stmt: CreateTableStmt): boolean {
  return stmt.columns.some((c) => c.constraints.some((k) => k.kind === 'primaryKey' && k.autoincrement)) || stmt.constraints.some((k) => k.kind === 'primaryKey' && k.autoincrement);
}

/** Emits a scan of sqlite_sequence for `table`'s row: its rowid into `rowidReg` (NULL if none), seq into `seqReg`. */
function findSequenceRow(ctx: CompileContext, cursor: number, table: TableInfo, rowidReg: number, seqReg: number): void {
  const b = ctx.b;
  const name = b.reg();
  const want = b.reg();
  b.emitValue(Op.String8, table.name, want);
  b.emit(Op.Null, 0, rowidReg);
  b.emit(Op.Integer, 0, seqReg);
  const end = b.newLabel();
  const next = b.newLabel();
  b.emit(Op.Rewind, cursor, end);
  const top = b.addr;
  b.emit(Op.Column, cursor, 0, name);
  b.emit(Op.Ne, want, next, name, null, 0);
  b.emit(Op.Column, cursor, 1, seqReg);
  b.emit(Op.Rowid, cursor, rowidReg);
  b.emit(Op.Goto, 0, end);
  b.resolve(next);
  b.emit(Op.Next, cursor, top);
  b.resolve(end);
}

function sequenceTable(ctx: CompileContext): TableInfo {
  const t = ctx.schema.table('sqlite_sequence');
  if (t === undefined) throw new SqliteError('SQLITE_CORRUPT', 'malformed database schema (sqlite_sequence missing)');
  return t;
}

export class Autoincrement {
  private readonly cursor: number;
  private readonly seqRowid: number;
  private readonly seq: number;
  private readonly original: number;
  private readonly one: number;

  constructor(
    private readonly ctx: CompileContext,
    private readonly table: TableInfo,
  ) {
    const b = ctx.b;
    const seqTable = sequenceTable(ctx);
    this.cursor = b.cursor();
    b.emit(Op.OpenWrite, this.cursor, seqTable.rootPage, 2, null, 0, 'sqlite_sequence');
    this.seqRowid = b.reg();
    this.seq = b.reg();
    this.original = b.reg();
    this.one = b.reg();
    findSequenceRow(ctx, this.cursor, table, this.seqRowid, this.seq);
    b.emit(Op.SCopy, this.seq, this.original);
    b.emit(Op.Integer, 1, this.one);
  }

  /** An automatic rowid (one past the largest) must also be above every rowid ever used. */
  adjustNewRowid(rowid: number): void {
    const b = this.ctx.b;
    const ok = b.newLabel();
    b.emit(Op.Gt, this.seq, ok, rowid, null, 0);
    b.emit(Op.Add, this.one, this.seq, rowid);
    b.resolve(ok);
  }

  /** A row was written with `rowid`. */
  noteRowid(rowid: number): void {
    const b = this.ctx.b;
    const ok = b.newLabel();
    b.emit(Op.Le, this.seq, ok, rowid, null, 0);
    b.emit(Op.SCopy, rowid, this.seq);
    b.resolve(ok);
  }

  /** End of statement: stores the new seq if it grew. */
  finish(): void {
    const b = this.ctx.b;
    const same = b.newLabel();
    const have = b.newLabel();
    b.emit(Op.Eq, this.original, same, this.seq, null, 0);
    b.emit(Op.NotNull, this.seqRowid, have);
    b.emit(Op.NewRowid, this.cursor, this.seqRowid);
    b.resolve(have);
    const row = b.reg(2);
    b.emitValue(Op.String8, this.table.name, row);
    b.emit(Op.SCopy, this.seq, row + 1);
    const rec = b.reg();
    b.emit(Op.MakeRecord, row, 2, rec);
    b.emit(Op.Insert, this.cursor, rec, this.seqRowid, { kind: 'table', name: 'sqlite_sequence' });
    b.resolve(same);
  }
}

/** DROP TABLE: removes the table's sqlite_sequence row, if it has one. */
export function deleteSequenceRow(ctx: CompileContext, table: TableInfo): void {
  if (table.def === undefined || !usesAutoincrement(table.def) || ctx.schema.table('sqlite_sequence') === undefined) return;
  const b = ctx.b;
  const cursor = b.cursor();
  b.emit(Op.OpenWrite, cursor, sequenceTable(ctx).rootPage, 2, null, 0, 'sqlite_sequence');
  const rowid = b.reg();
  const seq = b.reg();
  findSequenceRow(ctx, cursor, table, rowid, seq);
  const none = b.newLabel();
  b.emit(Op.IsNull, rowid, none);
  b.emit(Op.NotExists, cursor, none, rowid);
  b.emit(Op.Delete, cursor);
  b.resolve(none);
}

/** RENAME TO: the table's sqlite_sequence row follows the new name. */
export function renameSequenceRow(ctx: CompileContext, table: TableInfo, newName: string): void {
  if (table.def === undefined || !usesAutoincrement(table.def) || ctx.schema.table('sqlite_sequence') === undefined) return;
  const b = ctx.b;
  const cursor = b.cursor();
  b.emit(Op.OpenWrite, cursor, sequenceTable(ctx).rootPage, 2, null, 0, 'sqlite_sequence');
  const rowid = b.reg();
  const row = b.reg(2);
  findSequenceRow(ctx, cursor, table, rowid, row + 1);
  const none = b.newLabel();
  b.emit(Op.IsNull, rowid, none);
  b.emitValue(Op.String8, newName, row);
  const rec = b.reg();
  b.emit(Op.MakeRecord, row, 2, rec);
  b.emit(Op.Insert, cursor, rec, rowid, { kind: 'table', name: 'sqlite_sequence' });
  b.resolve(none);
}
