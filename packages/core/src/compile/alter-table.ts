/**
 * ALTER TABLE: RENAME TO, RENAME COLUMN, ADD COLUMN, DROP COLUMN. Like SQLite, the stored
 * CREATE statements are edited in place (sql-rewrite.ts) and written back to sqlite_schema;
 * the new rows are computed here from the schema the statement is compiled against.
 *
 *   RENAME TO       the table's row (name quoted, as SQLite writes it), its automatic indexes
 *                   (sqlite_autoindex_<new>_N), its indexes' and triggers' `ON` table, and
 *                   REFERENCES clauses of other tables
 *   RENAME COLUMN   every reference in the table's and its indexes' statements
 *   ADD COLUMN      SQLite's restrictions; the definition is spliced before the closing ")";
 *                   old rows are not rewritten (shorter records read the default)
 *   DROP COLUMN     SQLite's restrictions; the definition is cut out and every row rewritten
 *                   without the column
 *
 * Views and trigger bodies are not rewritten (views are compiled elsewhere; see the report).
 */
import { SqliteError } from '../errors.js';
import type { SqlValue } from '../format/sql-value.js';
import type { AlterTableStmt, ColumnDef } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import { type CompileContext, lookupTable } from './context.js';
import { renameSequenceRow } from './autoincrement.js';
import { constantValue } from './expr.js';
import type { TableInfo } from './schema.js';
import { closingParen, columnNameText, isName, quoted, replaceTokens, tokenAfterOn, tokens } from './sql-rewrite.js';

type SchemaRow = [type: string, name: string, tblName: string, rootPage: number, sql: string | null];

/** Overwrites sqlite_schema row `rowid` with `row`. */
function writeSchemaRow(b: ProgramBuilder, cursor: number, rowid: number | bigint, row: SchemaRow): void {
  const regs = b.reg(5);
  row.forEach((v, i) => {
    if (v === null) b.emit(Op.Null, 0, regs + i);
    else if (typeof v === 'number') b.emit(Op.Integer, v, regs + i);
    else b.emitValue(Op.String8, v, regs + i);
  });
  const rec = b.reg();
  const r = b.reg();
  b.emit(Op.MakeRecord, regs, 5, rec);
  b.emit(Op.Integer, 0, r, 0, { kind: 'value', value: rowid });
  b.emit(Op.Insert, cursor, rec, r, { kind: 'table', name: 'sqlite_master' });
}

function openSchemaForWrite(b: ProgramBuilder): number {
  const c = b.cursor();
  b.emit(Op.OpenWrite, c, 1, 5, null, 0, 'sqlite_master');
  return c;
}

function finish(b: ProgramBuilder): void {
  b.emit(Op.SetCookie);
  b.emit(Op.ParseSchema);
}

export function compileAlterTable(ctx: CompileContext, stmt: AlterTableStmt): void {
  const b = ctx.b;
  const lower = stmt.table.name.toLowerCase();
  if (lower === 'sqlite_master' || lower === 'sqlite_schema' || lower.startsWith('sqlite_')) {
    if (ctx.schema.table(stmt.table.name) === undefined) throw new SqliteError('SQLITE_ERROR', `table ${lower === 'sqlite_schema' ? 'sqlite_master' : stmt.table.name} may not be altered`);
  }
  const table = lookupTable(ctx, stmt.table.name, stmt.table.schema);
  if (table.rootPage === 1 || table.name.toLowerCase().startsWith('sqlite_')) throw new SqliteError('SQLITE_ERROR', `table ${table.name} may not be altered`);
  b.needTransaction(true);
  const action = stmt.action;
  switch (action.kind) {
    case 'renameTable':
      renameTable(ctx, table, action.newName);
      break;
    case 'renameColumn':
      renameColumn(ctx, table, action.column, action.newName);
      break;
    case 'addColumn':
      addColumn(ctx, table, action.column, action.columnText);
      break;
    case 'dropColumn':
      dropColumn(ctx, table, action.column);
      break;
    default:
      throw new SqliteError('SQLITE_ERROR', 'ALTER COLUMN is not supported yet');
  }
}

function renameTable(ctx: CompileContext, table: TableInfo, newName: string): void {
  const b = ctx.b;
  const s = ctx.schema;
  if (s.table(newName) !== undefined || s.index(newName) !== undefined || s.otherObjects.has(newName.toLowerCase())) {
    throw new SqliteError('SQLITE_ERROR', `there is already another table or index with this name: ${newName}`);
  }
  if (/^sqlite_/i.test(newName)) throw new SqliteError('SQLITE_ERROR', `object name reserved for internal use: ${newName}`);
  const cursor = openSchemaForWrite(b);
  const sql = table.sql ?? '';
  const toks = tokens(sql);
  writeSchemaRow(b, cursor, table.schemaRowid, ['table', newName, newName, table.rootPage, replaceTokens(sql, toks, [2], quoted(newName))]);
  for (const ix of table.indexes) {
    if (ix.sql === null || ix.sql === undefined) {
      const n = /_(\d+)$/.exec(ix.name)?.[1] ?? '1';
      writeSchemaRow(b, cursor, ix.schemaRowid, ['index', `sqlite_autoindex_${newName}_${n}`, newName, ix.rootPage, null]);
    } else {
      const itoks = tokens(ix.sql);
      const on = tokenAfterOn(itoks);
      writeSchemaRow(b, cursor, ix.schemaRowid, ['index', ix.name, newName, ix.rootPage, on < 0 ? ix.sql : replaceTokens(ix.sql, itoks, [on], quoted(newName))]);
    }
  }
  // Triggers: the table they are on, and table references in their programs.
  for (const e of s.otherObjects.values()) {
    if (e.type !== 'trigger' || e.sql === null) continue;
    const ttoks = tokens(e.sql);
    const own = e.tblName.toLowerCase() === table.name.toLowerCase();
    const on = tokenAfterOn(ttoks);
    const at = own && on >= 0 ? [on] : [];
    const begin = ttoks.findIndex((t) => t.type === 'BEGIN');
    for (let i = Math.max(begin, 0) + 1; begin >= 0 && i < ttoks.length; i++) {
      if (!isName(e.sql, ttoks[i]!, table.name)) continue;
      const prev = ttoks[i - 1]!.type;
      if (prev === 'INTO' || prev === 'UPDATE' || prev === 'FROM' || prev === 'JOIN' || ttoks[i + 1]?.type === 'DOT') at.push(i);
    }
    if (at.length === 0) continue;
    writeSchemaRow(b, cursor, e.rowid, ['trigger', e.name, own ? newName : e.tblName, 0, replaceTokens(e.sql, ttoks, at, quoted(newName))]);
  }
  renameSequenceRow(ctx, table, newName);
  // Foreign keys of other tables naming the renamed one.
  for (const other of s.tables.values()) {
    if (other === table || other.sql === undefined) continue;
    const otoks = tokens(other.sql);
    const at = otoks.flatMap((t, i) => (t.type === 'REFERENCES' && i + 1 < otoks.length && isName(other.sql!, otoks[i + 1]!, table.name) ? [i + 1] : []));
    if (at.length > 0) writeSchemaRow(b, cursor, other.schemaRowid, ['table', other.name, other.name, other.rootPage, replaceTokens(other.sql, otoks, at, quoted(newName))]);
  }
  finish(b);
}

function findColumn(table: TableInfo, name: string): number {
  const i = table.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
  if (i < 0) throw new SqliteError('SQLITE_ERROR', `no such column: "${name}"`);
  return i;
}

/** Positions of the tokens naming column `name` in a stored CREATE TABLE/INDEX. */
function columnTokens(sql: string, toks: ReturnType<typeof tokens>, name: string, isIndex: boolean): number[] {
  // Skip the head: CREATE TABLE <name> / CREATE [UNIQUE] INDEX <name> ON <table>.
  const from = isIndex ? tokenAfterOn(toks) + 1 : 3;
  const out: number[] = [];
  for (let i = from; i < toks.length; i++) if (isName(sql, toks[i]!, name)) out.push(i);
  return out;
}

function renameColumn(ctx: CompileContext, table: TableInfo, column: string, newName: string): void {
  const b = ctx.b;
  const i = findColumn(table, column);
  const oldName = table.columns[i]!.name;
  if (table.columns.some((c, j) => j !== i && c.name.toLowerCase() === newName.toLowerCase())) {
    throw new SqliteError('SQLITE_ERROR', `error in table ${table.name} after rename: duplicate column name: ${newName}`);
  }
  const cursor = openSchemaForWrite(b);
  const text = columnNameText(newName);
  const sql = table.sql ?? '';
  const toks = tokens(sql);
  writeSchemaRow(b, cursor, table.schemaRowid, ['table', table.name, table.name, table.rootPage, replaceTokens(sql, toks, columnTokens(sql, toks, oldName, false), text)]);
  for (const ix of table.indexes) {
    if (ix.sql === null || ix.sql === undefined) continue;
    const itoks = tokens(ix.sql);
    const at = columnTokens(ix.sql, itoks, oldName, true);
    if (at.length > 0) writeSchemaRow(b, cursor, ix.schemaRowid, ['index', ix.name, table.name, ix.rootPage, replaceTokens(ix.sql, itoks, at, text)]);
  }
  // Triggers: NEW.col / OLD.col and UPDATE OF lists of triggers on the table, <table>.col
  // anywhere. (Unqualified references inside their statements are not rewritten.)
  for (const e of ctx.schema.otherObjects.values()) {
    if (e.type !== 'trigger' || e.sql === null) continue;
    const tsql = e.sql;
    const ttoks = tokens(tsql);
    const own = e.tblName.toLowerCase() === table.name.toLowerCase();
    const begin = ttoks.findIndex((t) => t.type === 'BEGIN');
    const at: number[] = [];
    ttoks.forEach((t, k) => {
      if (!isName(tsql, t, oldName) || k < 2) return;
      const qualifier = ttoks[k - 2]!;
      if (ttoks[k - 1]!.type === 'DOT') {
        const q = tsql.slice(qualifier.start, qualifier.end).toLowerCase();
        if ((own && (q === 'new' || q === 'old')) || isName(tsql, qualifier, table.name)) at.push(k);
      } else if (own && (begin < 0 || k < begin)) {
        // The UPDATE OF column list, before BEGIN.
        at.push(k);
      }
    });
    if (at.length > 0) writeSchemaRow(b, cursor, e.rowid, ['trigger', e.name, e.tblName, 0, replaceTokens(tsql, ttoks, at, text)]);
  }
  // Foreign keys of other tables: REFERENCES <table>(..., column, ...).
  for (const other of ctx.schema.tables.values()) {
    if (other === table || other.sql === undefined) continue;
    const osql = other.sql;
    const otoks = tokens(osql);
    const at: number[] = [];
    otoks.forEach((t, k) => {
      if (t.type !== 'REFERENCES' || k + 2 >= otoks.length || !isName(osql, otoks[k + 1]!, table.name) || otoks[k + 2]!.type !== 'LP') return;
      for (let j = k + 3; j < otoks.length && otoks[j]!.type !== 'RP'; j++) if (isName(osql, otoks[j]!, oldName)) at.push(j);
    });
    if (at.length > 0) writeSchemaRow(b, cursor, other.schemaRowid, ['table', other.name, other.name, other.rootPage, replaceTokens(osql, otoks, at, text)]);
  }
  finish(b);
}

function addColumn(ctx: CompileContext, table: TableInfo, def: ColumnDef, columnText: string): void {
  const b = ctx.b;
  if (table.columns.some((c) => c.name.toLowerCase() === def.name.toLowerCase())) throw new SqliteError('SQLITE_ERROR', `duplicate column name: ${def.name}`);
  let notNull = false;
  let dflt: ColumnDef['constraints'][number] | null = null;
  for (const c of def.constraints) {
    if (c.kind === 'primaryKey') throw new SqliteError('SQLITE_ERROR', 'Cannot add a PRIMARY KEY column');
    if (c.kind === 'unique') throw new SqliteError('SQLITE_ERROR', 'Cannot add a UNIQUE column');
    if (c.kind === 'generated') {
      if (c.storage === 'STORED') throw new SqliteError('SQLITE_ERROR', 'cannot add a STORED column');
      throw new SqliteError('SQLITE_ERROR', 'generated columns are not supported yet');
    }
    if (c.kind === 'notNull') notNull = true;
    if (c.kind === 'default') dflt = c;
  }
  const dfltExpr = dflt !== null && dflt.kind === 'default' ? dflt.expr : null;
  const isNullDefault = dfltExpr === null || dfltExpr.kind === 'null';
  // Old rows read the new column's default from the schema, so (as in SQLite) it must be a
  // literal, not an expression, once the table has rows.
  const nonConstant = dfltExpr !== null && (dfltExpr.kind === 'currentTime' || (constantValue(dfltExpr) === null && dfltExpr.kind !== 'null'));
  // These two only matter when the table has rows (SQLite checks at run time).
  if ((notNull && isNullDefault) || nonConstant) {
    const tc = b.cursor();
    const empty = b.newLabel();
    b.emit(Op.OpenRead, tc, table.rootPage, table.columns.length, null, 0, table.name);
    b.emit(Op.Rewind, tc, empty);
    b.emitError('SQLITE_ERROR', notNull && isNullDefault ? 'Cannot add a NOT NULL column with default value NULL' : 'Cannot add a column with non-constant default');
    b.resolve(empty);
    b.emit(Op.Close, tc);
  }
  const sql = table.sql ?? '';
  const close = closingParen(tokens(sql));
  if (close < 0) throw new SqliteError('SQLITE_CORRUPT', `malformed database schema (${table.name})`);
  const text = columnText.replace(/[\s;]+$/, '');
  const cursor = openSchemaForWrite(b);
  writeSchemaRow(b, cursor, table.schemaRowid, ['table', table.name, table.name, table.rootPage, `${sql.slice(0, close)}, ${text}${sql.slice(close)}`]);
  finish(b);
}

function dropColumn(ctx: CompileContext, table: TableInfo, column: string): void {
  const b = ctx.b;
  const i = findColumn(table, column);
  const name = table.columns[i]!.name;
  const def = table.def!;
  if (table.pkColumns.includes(i)) throw new SqliteError('SQLITE_ERROR', `cannot drop PRIMARY KEY column: "${name}"`);
  if (table.indexes.some((ix) => ix.origin === 'unique' && ix.columns.some((c) => c.column === i))) throw new SqliteError('SQLITE_ERROR', `cannot drop UNIQUE column: "${name}"`);
  if (table.columns.length === 1) throw new SqliteError('SQLITE_ERROR', `cannot drop column "${name}": no other columns exist`);
  for (const ix of table.indexes) {
    if (ix.columns.some((c) => c.column === i)) throw new SqliteError('SQLITE_ERROR', `error in index ${ix.name} after drop column: no such column: ${name}`);
  }
  const sql = table.sql ?? '';
  // Table constraints (CHECK, foreign keys) naming the column make the edited table invalid.
  const constraintsText = def.constraints.length > 0 ? sql.slice(def.columns[def.columns.length - 1]!.end, closingParen(tokens(sql))) : '';
  if (tokens(constraintsText).some((t) => isName(constraintsText, t, name))) {
    throw new SqliteError('SQLITE_ERROR', `error in table ${table.name} after drop column: no such column: ${name}`);
  }
  const cols = def.columns;
  const edited = i > 0 ? sql.slice(0, cols[i - 1]!.end) + sql.slice(cols[i]!.end) : sql.slice(0, cols[0]!.start) + sql.slice(cols[1]!.start);
  const cursor = openSchemaForWrite(b);
  writeSchemaRow(b, cursor, table.schemaRowid, ['table', table.name, table.name, table.rootPage, edited]);
  rewriteRows(ctx, table, i);
  finish(b);
}

/** Rewrites every row of `table` without column `drop` (rowids first collected, then each row rewritten). */
function rewriteRows(ctx: CompileContext, table: TableInfo, drop: number): void {
  const b = ctx.b;
  const n = table.columns.length;
  const width = n - 1;
  const tc = b.cursor();
  b.emit(Op.OpenWrite, tc, table.rootPage, n, null, 0, table.name);
  const rowids = b.cursor();
  b.emit(Op.SorterOpen, rowids, 0, 0, { kind: 'keyInfo', keyInfo: { collations: [], desc: [] } });
  const r = b.reg();
  const none = b.newLabel();
  b.emit(Op.Rewind, tc, none);
  const collect = b.addr;
  b.emit(Op.Rowid, tc, r);
  b.emit(Op.SorterInsert, rowids, r, 1);
  b.emit(Op.Next, tc, collect);
  b.resolve(none);
  const cols = b.reg(width);
  const end = b.newLabel();
  const next = b.newLabel();
  b.emit(Op.SorterSort, rowids, end);
  const top = b.addr;
  b.emit(Op.Column, rowids, 0, r);
  b.emit(Op.NotExists, tc, next, r);
  let k = 0;
  table.columns.forEach((c, j) => {
    if (j === drop) return;
    const dflt: SqlValue = c.defaultExpr !== null ? constantValue(c.defaultExpr) : null;
    b.emit(Op.Column, tc, j, cols + k, dflt === null ? null : { kind: 'value', value: dflt });
    k++;
  });
  const rec = b.reg();
  b.emit(Op.MakeRecord, cols, width, rec);
  b.emit(Op.Insert, tc, rec, r, { kind: 'table', name: table.name });
  b.resolve(next);
  b.emit(Op.SorterNext, rowids, top);
  b.resolve(end);
  b.emit(Op.Close, tc);
}
