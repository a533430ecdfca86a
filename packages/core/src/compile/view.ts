/**
 * CREATE VIEW and DROP VIEW. A view is a sqlite_schema row (type 'view', tbl_name the view's
 * name, rootpage 0, the CREATE VIEW text as written) and nothing else: SELECT expands it where
 * it is named (from.ts). Like SQLite, creating a view does not check that its query compiles;
 * using it does.
 */
import { SqliteError } from '../errors.js';
import type { CreateIndexStmt, CreateViewStmt, DropStmt } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';

function openSchemaTable(ctx: CompileContext): number {
  const c = ctx.b.cursor();
  ctx.b.emit(Op.OpenWrite, c, 1, 5, null, 0, 'sqlite_master');
  return c;
}

function schemaChanged(ctx: CompileContext): void {
  ctx.b.emit(Op.SetCookie);
  ctx.b.emit(Op.ParseSchema);
}

export function compileCreateView(ctx: CompileContext, stmt: CreateViewStmt): void {
  const b = ctx.b;
  if (stmt.schema !== null && !/^(main|temp)$/i.test(stmt.schema)) throw new SqliteError('SQLITE_ERROR', `unknown database ${stmt.schema}`);
  if (stmt.materialized) throw new SqliteError('SQLITE_ERROR', 'materialized views are not supported yet');
  const lower = stmt.name.toLowerCase();
  if (stmt.temp || stmt.schema?.toLowerCase() === 'temp') {
    // TEMP views live with the connection, not in the file (vdbe/temp-views.ts).
    if (ctx.schema.tempViews.has(lower)) {
      if (stmt.ifNotExists) return;
      throw new SqliteError('SQLITE_ERROR', `view ${stmt.name} already exists`);
    }
    const sql = b.reg();
    b.emitValue(Op.String8, stmt.storedSql, sql);
    b.emit(Op.TempView, 1, sql, 0, { kind: 'value', value: lower });
    b.emit(Op.ParseSchema);
    return;
  }
  const taken = ctx.schema.table(lower) !== undefined ? 'table' : ctx.schema.index(lower) !== undefined ? 'index' : ctx.schema.otherObjects.get(lower)?.type ?? null;
  if (taken !== null) {
    if (stmt.ifNotExists) return;
    throw new SqliteError('SQLITE_ERROR', taken === 'index' ? `there is already an index named ${stmt.name}` : `${taken} ${stmt.name} already exists`);
  }
  if (/^sqlite_/i.test(stmt.name)) throw new SqliteError('SQLITE_ERROR', `object name reserved for internal use: ${stmt.name}`);
  b.needTransaction(true);
  const schema = openSchemaTable(ctx);
  const row = b.reg(5);
  b.emitValue(Op.String8, 'view', row);
  b.emitValue(Op.String8, stmt.name, row + 1);
  b.emitValue(Op.String8, stmt.name, row + 2);
  b.emit(Op.Integer, 0, row + 3);
  b.emitValue(Op.String8, stmt.storedSql, row + 4);
  const rec = b.reg();
  const rowid = b.reg();
  b.emit(Op.MakeRecord, row, 5, rec);
  b.emit(Op.NewRowid, schema, rowid);
  b.emit(Op.Insert, schema, rec, rowid, { kind: 'table', name: 'sqlite_master' });
  schemaChanged(ctx);
}

/** DROP VIEW, and the DROP TABLE / DROP VIEW mix-ups SQLite names; false when `stmt` is not for this file. */
export function compileDropView(ctx: CompileContext, stmt: DropStmt): boolean {
  const name = stmt.name.name;
  const view = ctx.schema.view(name, stmt.name.schema);
  if (stmt.object === 'TABLE') {
    if (view === undefined) return false;
    throw new SqliteError('SQLITE_ERROR', `use DROP VIEW to delete view ${name}`);
  }
  if (stmt.object !== 'VIEW') return false;
  if (view === undefined) {
    if (ctx.schema.table(name) !== undefined) throw new SqliteError('SQLITE_ERROR', `use DROP TABLE to delete table ${name}`);
    if (stmt.ifExists) return true;
    throw new SqliteError('SQLITE_ERROR', `no such view: ${name}`);
  }
  const b = ctx.b;
  if (view.temp === true) {
    b.emit(Op.TempView, 0, 0, 0, { kind: 'value', value: name.toLowerCase() });
    b.emit(Op.ParseSchema);
    return true;
  }
  b.needTransaction(true);
  const schema = openSchemaTable(ctx);
  const r = b.reg();
  const missing = b.newLabel();
  b.emit(Op.Integer, 0, r, 0, { kind: 'value', value: view.schemaRowid });
  b.emit(Op.NotExists, schema, missing, r);
  b.emit(Op.Delete, schema);
  b.resolve(missing);
  schemaChanged(ctx);
  return true;
}

/** CREATE INDEX on a view is an error of its own. */
export function checkIndexTarget(ctx: CompileContext, stmt: CreateIndexStmt): void {
  if (ctx.schema.view(stmt.table) !== undefined) throw new SqliteError('SQLITE_ERROR', 'views may not be indexed');
}
