/** CREATE TRIGGER and DROP TRIGGER: rows of sqlite_schema (type 'trigger', rootpage 0, the stored text). */
import { SqliteError } from '../errors.js';
import type { CreateTriggerStmt, DropStmt } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';

function openSchema(ctx: CompileContext): number {
  const c = ctx.b.cursor();
  ctx.b.emit(Op.OpenWrite, c, 1, 5, null, 0, 'sqlite_master');
  return c;
}

export function compileCreateTrigger(ctx: CompileContext, stmt: CreateTriggerStmt): void {
  const b = ctx.b;
  if (stmt.schema !== null && stmt.schema.toLowerCase() !== 'main') throw new SqliteError('SQLITE_ERROR', `unknown database ${stmt.schema}`);
  if (stmt.temp) throw new SqliteError('SQLITE_ERROR', 'TEMP triggers are not supported yet');
  const existing = ctx.schema.otherObjects.get(stmt.name.toLowerCase());
  if (existing !== undefined && existing.type === 'trigger') {
    if (stmt.ifNotExists) return;
    throw new SqliteError('SQLITE_ERROR', `trigger ${stmt.name} already exists`);
  }
  const tableName = stmt.table.name;
  if (/^sqlite_/i.test(tableName)) throw new SqliteError('SQLITE_ERROR', 'cannot create trigger on system table');
  const table = ctx.schema.table(tableName);
  const view = ctx.schema.otherObjects.get(tableName.toLowerCase());
  if (table === undefined) {
    if (view === undefined || view.type !== 'view') throw new SqliteError('SQLITE_ERROR', `no such table: main.${tableName}`);
    if (stmt.time !== 'INSTEAD OF') throw new SqliteError('SQLITE_ERROR', `cannot create ${stmt.time ?? 'BEFORE'} trigger on view: main.${tableName}`);
  } else if (stmt.time === 'INSTEAD OF') {
    throw new SqliteError('SQLITE_ERROR', `cannot create INSTEAD OF trigger on table: ${tableName}`);
  }
  b.needTransaction(true);
  const cursor = openSchema(ctx);
  const row = b.reg(5);
  b.emitValue(Op.String8, 'trigger', row);
  b.emitValue(Op.String8, stmt.name, row + 1);
  b.emitValue(Op.String8, tableName, row + 2);
  b.emit(Op.Integer, 0, row + 3);
  b.emitValue(Op.String8, stmt.storedSql, row + 4);
  const rec = b.reg();
  const rowid = b.reg();
  b.emit(Op.MakeRecord, row, 5, rec);
  b.emit(Op.NewRowid, cursor, rowid);
  b.emit(Op.Insert, cursor, rec, rowid, { kind: 'table', name: 'sqlite_master' });
  b.emit(Op.SetCookie);
  b.emit(Op.ParseSchema);
}

/** Deletes sqlite_schema row `rowid` (a trigger's) through `cursor`. */
export function deleteSchemaRowAt(ctx: CompileContext, cursor: number, rowid: number | bigint): void {
  const b = ctx.b;
  const r = b.reg();
  const missing = b.newLabel();
  b.emit(Op.Integer, 0, r, 0, { kind: 'value', value: rowid });
  b.emit(Op.NotExists, cursor, missing, r);
  b.emit(Op.Delete, cursor);
  b.resolve(missing);
}

export function compileDropTrigger(ctx: CompileContext, stmt: DropStmt): void {
  const entry = ctx.schema.otherObjects.get(stmt.name.name.toLowerCase());
  if (entry === undefined || entry.type !== 'trigger') {
    if (stmt.ifExists) return;
    throw new SqliteError('SQLITE_ERROR', `no such trigger: ${stmt.name.name}`);
  }
  ctx.b.needTransaction(true);
  deleteSchemaRowAt(ctx, openSchema(ctx), entry.rowid);
  ctx.b.emit(Op.SetCookie);
  ctx.b.emit(Op.ParseSchema);
}
