/**
 * CREATE TABLE ... AS SELECT. The SELECT runs first into a buffer (its result names are then
 * known); the table is created with SQLite's synthesised definition, one column per result
 * column, typed from the expression's affinity (INT, TEXT, REAL, NUM, or none), stored as
 *
 *   CREATE TABLE t(a INT,"a+1")   or, when the names are long, one column per line
 *
 * and the buffered rows are inserted with those affinities.
 */
import { SqliteError } from '../errors.js';
import type { CreateTableStmt, SelectStmt } from '../parser/ast.js';
import { AFF_BLOB, AFF_INTEGER, AFF_NUMERIC, AFF_REAL, AFF_TEXT } from '../vdbe/affinity.js';
import { Op, OPEN_P2_IS_REG } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';
import { exprAffinity } from './expr-affinity.js';
import { Scope, type Source } from './scope.js';
import { SelectCompiler } from './select.js';
import { columnNameText } from './sql-rewrite.js';

function typeOfAffinity(aff: number): string {
  switch (aff) {
    case AFF_TEXT:
      return 'TEXT';
    case AFF_NUMERIC:
      return 'NUM';
    case AFF_INTEGER:
      return 'INT';
    case AFF_REAL:
      return 'REAL';
    default:
      return '';
  }
}

/** Result column affinities of a simple SELECT (tables in FROM); AFF_BLOB where unknown. */
function resultAffinities(ctx: CompileContext, select: SelectStmt, width: number): number[] {
  const fallback = Array.from({ length: width }, () => AFF_BLOB);
  const core = select.body;
  if (core.kind !== 'selectCore') return fallback;
  const sources: Source[] = [];
  for (const item of core.from?.items ?? []) {
    if (item.source.kind !== 'table') return fallback;
    const table = ctx.schema.table(item.source.name);
    if (table === undefined) return fallback;
    sources.push({ table, name: (item.alias ?? item.source.name).toLowerCase(), cursor: -1, index: sources.length });
  }
  const scope = new Scope(sources, null);
  const out: number[] = [];
  try {
    for (const c of core.columns) {
      if (c.kind === 'star') for (const s of sources) out.push(...s.table.columns.map((col) => col.affinity));
      else if (c.kind === 'tableStar') out.push(...(sources.find((s) => s.name === c.table.toLowerCase())?.table.columns.map((col) => col.affinity) ?? []));
      else out.push(exprAffinity(c.expr, scope));
    }
  } catch {
    return fallback;
  }
  return out.length === width ? out : fallback;
}

export function compileCreateTableAs(ctx: CompileContext, stmt: CreateTableStmt): void {
  const b = ctx.b;
  const select = stmt.asSelect!;
  b.needTransaction(true);
  const buffer = b.cursor();
  const open = b.emit(Op.SorterOpen, buffer, 0, 0, { kind: 'keyInfo', keyInfo: { collations: [], desc: [] } });
  const names = new SelectCompiler(ctx).compile(select, null, (first, count) => {
    b.emit(Op.SorterInsert, buffer, first, count);
  });
  b.code[open]!.p2 = 0;
  const width = names.length;
  if (width === 0) throw new SqliteError('SQLITE_ERROR', 'CREATE TABLE ... AS SELECT without result columns');
  const affinities = resultAffinities(ctx, select, width);
  const defs = names.map((n, i) => {
    const type = typeOfAffinity(affinities[i]!);
    return `${columnNameText(n)}${type === '' ? '' : ` ${type}`}`;
  });
  // SQLite's layout: on one line when the names are short, else one column per line.
  const identLength = (z: string): number => z.length + (z.match(/"/g)?.length ?? 0) + 2;
  const size = names.reduce((n, c) => n + identLength(c) + 5, 0) + identLength(stmt.name);
  const body = size < 50 ? `${defs.join(',')})` : `\n  ${defs.join(',\n  ')}\n)`;
  const sql = `CREATE TABLE ${columnNameText(stmt.name)}(${body}`;
  const schemaCursor = b.cursor();
  b.emit(Op.OpenWrite, schemaCursor, 1, 5, null, 0, 'sqlite_master');
  const root = b.reg();
  b.emit(Op.CreateBtree, 0, root, 1);
  const row = b.reg(5);
  b.emitValue(Op.String8, 'table', row);
  b.emitValue(Op.String8, stmt.name, row + 1);
  b.emitValue(Op.String8, stmt.name, row + 2);
  b.emit(Op.SCopy, root, row + 3);
  b.emitValue(Op.String8, sql, row + 4);
  const rec = b.reg();
  const rowid = b.reg();
  b.emit(Op.MakeRecord, row, 5, rec);
  b.emit(Op.NewRowid, schemaCursor, rowid);
  b.emit(Op.Insert, schemaCursor, rec, rowid, { kind: 'table', name: 'sqlite_master' });
  // Fill the new table from the buffer.
  const tc = b.cursor();
  b.emit(Op.OpenWrite, tc, root, width, null, OPEN_P2_IS_REG, stmt.name);
  const cols = b.reg(width);
  const end = b.newLabel();
  b.emit(Op.SorterSort, buffer, end);
  const top = b.addr;
  for (let i = 0; i < width; i++) b.emit(Op.Column, buffer, i, cols + i);
  b.emit(Op.Affinity, cols, width, 0, { kind: 'affinity', affinities: affinities.map((a) => (a === AFF_BLOB ? AFF_BLOB : a)) });
  b.emit(Op.MakeRecord, cols, width, rec);
  b.emit(Op.NewRowid, tc, rowid);
  b.emit(Op.Insert, tc, rec, rowid, { kind: 'table', name: stmt.name });
  b.emit(Op.SorterNext, buffer, top);
  b.resolve(end);
  b.emit(Op.Close, tc);
  b.emit(Op.SetCookie);
  b.emit(Op.ParseSchema);
}
