/**
 * INSERT (and REPLACE): VALUES rows, INSERT ... SELECT (buffered first, so a SELECT from the
 * target table sees none of the new rows), DEFAULT VALUES; column lists; DEFAULT clauses;
 * type affinity; constraint checks with conflict resolution (constraint-checks.ts), UPSERT,
 * RETURNING. Each row: compute the
 * values, pick the rowid (the INTEGER PRIMARY KEY's value or the next free one), check, then
 * write the table row and every index entry.
 */
import { SqliteError } from '../errors.js';
import type { Expr, InsertStmt } from '../parser/ast.js';
import { Op, OPFLAG_LASTROWID, OPFLAG_NCHANGE } from '../vdbe/opcodes.js';
import { type CompileContext, lookupTable } from './context.js';
import { ExprCompiler } from './expr.js';
import { Scope } from './scope.js';
import { SelectCompiler } from './select.js';
import type { TableInfo } from './schema.js';
import { emitConstraintChecks } from './constraint-checks.js';
import { Returning } from './returning.js';
import { insertRow, openTableForWrite, type TableCursors } from './table-write.js';
import { fireTriggers, tableTriggers } from './triggers.js';
import { compileUpsert } from './upsert.js';
import { codeDefault } from './default-values.js';
import { computeGenerated } from './generated-columns.js';
import { Autoincrement, usesAutoincrement } from './autoincrement.js';
import { insertFailsOnlyBeforeWriting } from './statement-journal.js';

/** For each table column: the position of its value in the supplied rows, or -1 (default). */
function columnMap(stmt: InsertStmt, table: TableInfo, width: number): number[] {
  if (stmt.columns === null) {
    // Generated columns take no value.
    const writable = table.columns.filter((c) => c.generated == null).length;
    if (width !== writable) {
      throw new SqliteError('SQLITE_ERROR', `table ${table.name} has ${writable} columns but ${width} values were supplied`);
    }
    let pos = 0;
    return table.columns.map((c) => (c.generated == null ? pos++ : -1));
  }
  if (width !== stmt.columns.length) throw new SqliteError('SQLITE_ERROR', `${width} values for ${stmt.columns.length} columns`);
  const map = table.columns.map(() => -1);
  let rowidPos = -1;
  stmt.columns.forEach((name, pos) => {
    const lower = name.toLowerCase();
    const i = table.columns.findIndex((c) => c.name.toLowerCase() === lower);
    if (i >= 0 && table.columns[i]!.generated != null) throw new SqliteError('SQLITE_ERROR', `cannot INSERT into generated column "${table.columns[i]!.name}"`);
    if (i < 0) {
      if (lower === 'rowid' || lower === 'oid' || lower === '_rowid_') {
        // With an INTEGER PRIMARY KEY, "rowid" names that column.
        if (table.rowidAlias >= 0) map[table.rowidAlias] = pos;
        else rowidPos = pos;
        return;
      }
      throw new SqliteError('SQLITE_ERROR', `table ${table.name} has no column named ${name}`);
    }
    map[i] = pos;
  });
  if (rowidPos >= 0) map.push(rowidPos);
  return map;
}

/** `topLevel`: the statement itself, not a trigger step compiled into another program. */
export function compileInsert(ctx: CompileContext, stmt: InsertStmt, topLevel = false): string[] {
  const b = ctx.b;
  if (stmt.with !== null) throw new SqliteError('SQLITE_ERROR', 'WITH on INSERT is not supported yet');
  const table = lookupTable(ctx, stmt.table.name, stmt.table.schema);
  if (table.rootPage === 1) throw new SqliteError('SQLITE_ERROR', `table ${table.name} may not be modified`);
  const action = stmt.onConflict;
  b.needTransaction(true);
  const cursors = openTableForWrite(b, table);
  const selects = new SelectCompiler(ctx);
  const exprs = new ExprCompiler(selects.exprContext(new Scope([], ctx.rootScope ?? null)));
  const autoinc = table.def !== undefined && usesAutoincrement(table.def) ? new Autoincrement(ctx, table) : null;
  const before = tableTriggers(ctx, table, 'INSERT', 'BEFORE');
  const after = tableTriggers(ctx, table, 'INSERT', 'AFTER');
  if (topLevel) {
    b.failsOnlyBeforeWriting = insertFailsOnlyBeforeWriting({
      stmt,
      table,
      hasTriggers: before.length > 0 || after.length > 0,
      hasAutoincrement: autoinc !== null,
    });
  }
  const n = table.columns.length;
  const rowid = b.reg();
  const cols = b.reg(n);
  const name = stmt.alias ?? table.name;
  const returning = stmt.returning === null ? null : new Returning(ctx, stmt.returning, { table, name, rowid, cols });

  const writeRow = (value: (pos: number, target: number) => void, map: number[]): void => {
    const skip = b.newLabel();
    table.columns.forEach((c, i) => {
      if (map[i]! >= 0) value(map[i]!, cols + i);
      // An INTEGER PRIMARY KEY ignores its DEFAULT: left out, it is a new rowid (as in SQLite).
      else if (c.defaultExpr !== null && i !== table.rowidAlias) codeDefault(exprs, c.defaultExpr, cols + i);
      else b.emit(Op.Null, 0, cols + i);
    });
    const explicitRowid = table.rowidAlias >= 0 ? cols + table.rowidAlias : map.length > n ? -1 : 0;
    if (map.length > n) value(map[n]!, rowid);
    if (before.length > 0) {
      // BEFORE INSERT sees the row with affinity applied and NEW.rowid -1 unless given.
      const newRowid = b.reg();
      const given = b.newLabel();
      if (explicitRowid !== 0) b.emit(Op.SCopy, explicitRowid > 0 ? explicitRowid : rowid, newRowid);
      else b.emit(Op.Null, 0, newRowid);
      b.emit(Op.NotNull, newRowid, given);
      b.emit(Op.Integer, -1, newRowid);
      b.resolve(given);
      b.emit(Op.Affinity, cols, n, 0, { kind: 'affinity', affinities: table.columns.map((c) => c.affinity) });
      fireTriggers(ctx, before, { newRow: { table, name: 'new', rowid: newRowid, cols } }, skip);
    }
    if (explicitRowid > 0) b.emit(Op.SCopy, explicitRowid, rowid);
    if (explicitRowid !== 0) {
      const auto = b.newLabel();
      const have = b.newLabel();
      b.emit(Op.IsNull, rowid, auto);
      b.emit(Op.MustBeInt, rowid, 0);
      b.emit(Op.Goto, 0, have);
      b.resolve(auto);
      b.emit(Op.NewRowid, cursors.table, rowid);
      autoinc?.adjustNewRowid(rowid);
      b.resolve(have);
      if (explicitRowid > 0) b.emit(Op.Null, 0, explicitRowid);
    } else {
      b.emit(Op.NewRowid, cursors.table, rowid);
      autoinc?.adjustNewRowid(rowid);
    }
    b.emit(Op.Affinity, cols, n, 0, { kind: 'affinity', affinities: table.columns.map((c) => c.affinity) });
    computeGenerated(ctx, table, rowid, cols);
    const upsert = stmt.upsert.length === 0 ? undefined : compileUpsert(ctx, stmt, { table, name, cursors, rowid, cols, skip, returning });
    emitConstraintChecks(ctx, { table, cursors, rowid, cols, override: action, skip, checkRowid: explicitRowid !== 0, oldRowid: null, upsert });
    insertRow(ctx, table, cursors, rowid, cols, OPFLAG_NCHANGE | OPFLAG_LASTROWID);
    autoinc?.noteRowid(rowid);
    fireTriggers(ctx, after, { newRow: { table, name: 'new', rowid, cols } }, skip);
    returning?.emitRow();
    b.resolve(skip);
  };

  if (stmt.source.kind === 'defaultValues') {
    writeRow(() => undefined, columnMap({ ...stmt, columns: [] }, table, 0));
  } else {
    const select = stmt.source.select;
    if (select.compound.length === 0 && select.body.kind === 'values' && select.orderBy === null && select.limit === null) {
      const rows = select.body.rows;
      const map = columnMap(stmt, table, rows[0]!.length);
      for (const row of rows) {
        if (row.length !== rows[0]!.length) throw new SqliteError('SQLITE_ERROR', 'all VALUES must have the same number of terms');
        writeRow((pos, target) => exprs.code(row[pos] as Expr, target), map);
      }
    } else {
      bufferedSelectInsert(ctx, selects, stmt, table, cursors, writeRow);
    }
  }
  autoinc?.finish();
  returning?.finish();
  return returning?.names ?? [];
}

/** INSERT ... SELECT: rows go to a sorter first, then into the table. */
function bufferedSelectInsert(
  ctx: CompileContext,
  selects: SelectCompiler,
  stmt: InsertStmt,
  table: TableInfo,
  _cursors: TableCursors,
  writeRow: (value: (pos: number, target: number) => void, map: number[]) => void,
): void {
  const b = ctx.b;
  const buffer = b.cursor();
  const open = b.emit(Op.SorterOpen, buffer, 0, 0, { kind: 'keyInfo', keyInfo: { collations: [], desc: [] } });
  let width = 0;
  const names = selects.compile(stmt.source.kind === 'select' ? stmt.source.select : (null as never), ctx.rootScope ?? null, (first, count) => {
    width = count;
    b.emit(Op.SorterInsert, buffer, first, count);
  });
  width = names.length;
  b.code[open]!.p2 = 0;
  const map = columnMap(stmt, table, width);
  const end = b.newLabel();
  b.emit(Op.SorterSort, buffer, end);
  const top = b.addr;
  writeRow((pos, target) => b.emit(Op.Column, buffer, pos, target), map);
  b.emit(Op.SorterNext, buffer, top);
  b.resolve(end);
}
