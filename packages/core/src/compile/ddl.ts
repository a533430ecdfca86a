/**
 * CREATE TABLE, CREATE INDEX, DROP TABLE, DROP INDEX. Schema changes are ordinary bytecode:
 * CreateBtree allocates root pages, the sqlite_schema row is written with NewRowid/MakeRecord/
 * Insert on a cursor over page 1, SetCookie bumps the schema cookie and ParseSchema tells the
 * connection to reload its schema. The stored SQL is the parser's `storedSql`, exactly what
 * SQLite stores, so files stay interchangeable with sqlite3.
 */
import { SqliteError } from '../errors.js';
import type { CreateIndexStmt, CreateTableStmt, DropStmt } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import { type CompileContext, lookupTable } from './context.js';
import { analyzeCreateTable, indexColumnsOf, keyInfoOf } from './schema.js';
import type { IndexInfo, TableInfo } from './schema.js';
import { indexKey, readRow, skipUnlessIndexed } from './table-write.js';
import { compileDropTrigger } from './trigger-ddl.js';
import { compileCreateTableAs } from './create-table-as.js';
import { deleteSequenceRow, usesAutoincrement } from './autoincrement.js';

function nameTaken(ctx: CompileContext, name: string): 'table' | 'index' | 'view' | 'trigger' | null {
  if (ctx.schema.table(name) !== undefined) return 'table';
  if (ctx.schema.index(name) !== undefined) return 'index';
  const other = ctx.schema.otherObjects.get(name.toLowerCase());
  return other === undefined ? null : (other.type as 'view' | 'trigger');
}

/** Writes a sqlite_schema row: [type, name, tbl_name, r[rootReg], sql]. */
function emitSchemaRow(b: ProgramBuilder, schemaCursor: number, type: string, name: string, tblName: string, rootReg: number, sql: string | null): void {
  const row = b.reg(5);
  b.emitValue(Op.String8, type, row);
  b.emitValue(Op.String8, name, row + 1);
  b.emitValue(Op.String8, tblName, row + 2);
  b.emit(Op.SCopy, rootReg, row + 3);
  if (sql === null) b.emit(Op.Null, 0, row + 4);
  else b.emitValue(Op.String8, sql, row + 4);
  const rec = b.reg();
  const rowid = b.reg();
  b.emit(Op.MakeRecord, row, 5, rec);
  b.emit(Op.NewRowid, schemaCursor, rowid);
  b.emit(Op.Insert, schemaCursor, rec, rowid, { kind: 'table', name: 'sqlite_master' });
}

function openSchema(b: ProgramBuilder): number {
  const c = b.cursor();
  b.emit(Op.OpenWrite, c, 1, 5, null, 0, 'sqlite_master');
  return c;
}

function finishSchemaChange(b: ProgramBuilder): void {
  b.emit(Op.SetCookie);
  b.emit(Op.ParseSchema);
}

export function compileCreateTable(ctx: CompileContext, stmt: CreateTableStmt): void {
  const b = ctx.b;
  if (stmt.schema !== null && stmt.schema.toLowerCase() !== 'main') throw new SqliteError('SQLITE_ERROR', `unknown database ${stmt.schema}`);
  if (stmt.temp) throw new SqliteError('SQLITE_ERROR', 'TEMP tables are not supported yet');
  if (stmt.withoutRowid) throw new SqliteError('SQLITE_ERROR', 'WITHOUT ROWID tables are not supported yet');
  const taken = nameTaken(ctx, stmt.name);
  if (taken !== null) {
    if (stmt.ifNotExists) return;
    throw new SqliteError('SQLITE_ERROR', `${taken === 'index' ? 'there is already an index named' : `${taken}`} ${stmt.name}${taken === 'index' ? '' : ' already exists'}`);
  }
  if (/^sqlite_/i.test(stmt.name)) throw new SqliteError('SQLITE_ERROR', `object name reserved for internal use: ${stmt.name}`);
  if (stmt.asSelect !== null || stmt.storedSql === null) {
    compileCreateTableAs(ctx, stmt);
    return;
  }
  for (const c of stmt.columns) {
    const gen = c.constraints.find((k) => k.kind === 'generated');
    if (gen === undefined) continue;
    if (gen.kind === 'generated' && gen.storage !== 'STORED') throw new SqliteError('SQLITE_ERROR', 'VIRTUAL generated columns are not supported yet');
    if (c.constraints.some((k) => k.kind === 'primaryKey')) throw new SqliteError('SQLITE_ERROR', 'generated columns cannot be part of the PRIMARY KEY');
    if (c.constraints.some((k) => k.kind === 'default')) throw new SqliteError('SQLITE_ERROR', 'cannot use DEFAULT on a generated column');
  }
  const seen = new Set<string>();
  for (const c of stmt.columns) {
    const lower = c.name.toLowerCase();
    if (seen.has(lower)) throw new SqliteError('SQLITE_ERROR', `duplicate column name: ${c.name}`);
    seen.add(lower);
  }
  const { keys, rowidAlias } = analyzeCreateTable(stmt);
  const autoinc = usesAutoincrement(stmt);
  if (autoinc && rowidAlias < 0) throw new SqliteError('SQLITE_ERROR', 'AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY');
  b.needTransaction(true);
  const schema = openSchema(b);
  const root = b.reg();
  b.emit(Op.CreateBtree, 0, root, 1);
  emitSchemaRow(b, schema, 'table', stmt.name, stmt.name, root, stmt.storedSql);
  if (autoinc && ctx.schema.table('sqlite_sequence') === undefined) {
    const seqRoot = b.reg();
    b.emit(Op.CreateBtree, 0, seqRoot, 1);
    emitSchemaRow(b, schema, 'table', 'sqlite_sequence', 'sqlite_sequence', seqRoot, 'CREATE TABLE sqlite_sequence(name,seq)');
  }
  keys.forEach((_, i) => {
    const iroot = b.reg();
    b.emit(Op.CreateBtree, 0, iroot, 2);
    emitSchemaRow(b, schema, 'index', `sqlite_autoindex_${stmt.name}_${i + 1}`, stmt.name, iroot, null);
  });
  finishSchemaChange(b);
}

export function compileCreateIndex(ctx: CompileContext, stmt: CreateIndexStmt): void {
  const b = ctx.b;
  const taken = nameTaken(ctx, stmt.name);
  if (taken !== null) {
    if (stmt.ifNotExists) return;
    throw new SqliteError('SQLITE_ERROR', taken === 'index' ? `index ${stmt.name} already exists` : `there is already a ${taken} named ${stmt.name}`);
  }
  if (/^sqlite_/i.test(stmt.name)) throw new SqliteError('SQLITE_ERROR', `object name reserved for internal use: ${stmt.name}`);
  const table = ctx.schema.table(stmt.table);
  if (table === undefined) {
    if (/^sqlite_(schema|master)$/i.test(stmt.table)) throw new SqliteError('SQLITE_ERROR', `table ${stmt.table} may not be indexed`);
    throw new SqliteError('SQLITE_ERROR', `no such table: main.${stmt.table}`);
  }
  const columns = indexColumnsOf(stmt, table);
  const index: IndexInfo = { name: stmt.name, tableName: table.name, rootPage: 0, schemaRowid: 0, unique: stmt.unique, origin: 'index', columns, keyInfo: keyInfoOf(columns), where: stmt.where };
  b.needTransaction(true);
  const schema = openSchema(b);
  const root = b.reg();
  b.emit(Op.CreateBtree, 0, root, 2);
  emitSchemaRow(b, schema, 'index', stmt.name, table.name, root, stmt.storedSql);
  fillIndex(ctx, table, index, root);
  finishSchemaChange(b);
}

/** Adds an entry to the new index (root in register `root`) for every row of the table. */
export function fillIndex(ctx: CompileContext, table: TableInfo, index: IndexInfo, root: number): void {
  const b = ctx.b;
  const tc = b.cursor();
  const ic = b.cursor();
  b.emit(Op.OpenRead, tc, table.rootPage, table.columns.length, null, 0, table.name);
  b.emit(Op.OpenWrite, ic, root, 0, { kind: 'keyInfo', keyInfo: index.keyInfo }, 0x01, index.name);
  const rowid = b.reg();
  const cols = b.reg(table.columns.length);
  const end = b.newLabel();
  b.emit(Op.Rewind, tc, end);
  const top = b.addr;
  readRow(b, table, tc, rowid, cols);
  const skip = b.newLabel();
  skipUnlessIndexed(ctx, table, index, rowid, cols, skip);
  const key = indexKey(ctx, table, index, rowid, cols);
  if (index.unique) {
    const ok = b.newLabel();
    b.emit(Op.NoConflict, ic, ok, key, null, index.columns.length);
    b.emitError('SQLITE_CONSTRAINT_UNIQUE', `UNIQUE constraint failed: ${index.columns.map((c) => `${table.name}.${c.column < 0 ? 'rowid' : table.columns[c.column]!.name}`).join(', ')}`);
    b.resolve(ok);
  }
  const rec = b.reg();
  b.emit(Op.MakeRecord, key, index.columns.length + 1, rec);
  b.emit(Op.IdxInsert, ic, rec);
  b.resolve(skip);
  b.emit(Op.Next, tc, top);
  b.resolve(end);
  b.emit(Op.Close, tc);
  b.emit(Op.Close, ic);
}

/** Deletes sqlite_schema row `rowid` through cursor `schema`. */
function deleteSchemaRow(b: ProgramBuilder, schema: number, rowid: number | bigint): void {
  const r = b.reg();
  const missing = b.newLabel();
  b.emit(Op.Integer, 0, r, 0, { kind: 'value', value: rowid });
  b.emit(Op.NotExists, schema, missing, r);
  b.emit(Op.Delete, schema);
  b.resolve(missing);
}

export function compileDrop(ctx: CompileContext, stmt: DropStmt): void {
  const b = ctx.b;
  const name = stmt.name.name;
  if (stmt.object === 'TABLE') {
    const table = ctx.schema.table(name);
    if (table === undefined) {
      if (stmt.ifExists) return;
      if (/^sqlite_(schema|master)$/i.test(name)) throw new SqliteError('SQLITE_ERROR', `table ${name} may not be dropped`);
      throw new SqliteError('SQLITE_ERROR', `no such table: ${name}`);
    }
    lookupTable(ctx, name, stmt.name.schema);
    b.needTransaction(true);
    const schema = openSchema(b);
    for (const ix of table.indexes) {
      b.emit(Op.Destroy, ix.rootPage, 0);
      deleteSchemaRow(b, schema, ix.schemaRowid);
    }
    for (const e of ctx.schema.otherObjects.values()) {
      if (e.type === 'trigger' && e.tblName.toLowerCase() === table.name.toLowerCase()) deleteSchemaRow(b, schema, e.rowid);
    }
    deleteSequenceRow(ctx, table);
    b.emit(Op.Destroy, table.rootPage, 1);
    deleteSchemaRow(b, schema, table.schemaRowid);
    finishSchemaChange(b);
    return;
  }
  if (stmt.object === 'INDEX') {
    const index = ctx.schema.index(name);
    if (index === undefined) {
      if (stmt.ifExists) return;
      throw new SqliteError('SQLITE_ERROR', `no such index: ${name}`);
    }
    if (index.origin !== 'index') throw new SqliteError('SQLITE_ERROR', 'index associated with UNIQUE or PRIMARY KEY constraint cannot be dropped');
    b.needTransaction(true);
    const schema = openSchema(b);
    b.emit(Op.Destroy, index.rootPage, 0);
    deleteSchemaRow(b, schema, index.schemaRowid);
    finishSchemaChange(b);
    return;
  }
  if (stmt.object === 'TRIGGER') {
    compileDropTrigger(ctx, stmt);
    return;
  }
  if (stmt.ifExists) return;
  throw new SqliteError('SQLITE_ERROR', `no such ${stmt.object.toLowerCase()}: ${name}`);
}
