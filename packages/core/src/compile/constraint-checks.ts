/**
 * Constraint checks for a new row version (INSERT, UPDATE, UPSERT), with conflict
 * resolution. The action for each constraint is the statement's `OR action` if given, else the
 * constraint's own `ON CONFLICT` clause, else ABORT:
 *
 *   ABORT / FAIL / ROLLBACK   error; the Halt carries the action in P2 so the connection undoes
 *                             the statement (ABORT), keeps its earlier changes (FAIL), or rolls
 *                             back the transaction (ROLLBACK)
 *   IGNORE                    the row is skipped (jump to `skip`)
 *   REPLACE                   NOT NULL: the column's default (ABORT without one); UNIQUE/PK: the
 *                             conflicting row is deleted with its index entries; CHECK: ABORT
 *
 * Order, as in SQLite: NOT NULL, CHECK, then the rowid and the UNIQUE indexes, those whose
 * action is not REPLACE first, so an ABORT/IGNORE never follows a REPLACE deletion. An UPSERT
 * target is checked first of all and handled by the caller's hook.
 */
import type { ErrorCodeName } from '../errors.js';
import type { ConflictAction } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';
import { codeDefault } from './default-values.js';
import { rowExprCompiler } from './row-scope.js';
import type { IndexInfo, TableInfo } from './schema.js';
import { Scope } from './scope.js';
import { SelectCompiler } from './select.js';
import { deleteIndexEntries, indexKey, readRow, skipUnlessIndexed, type TableCursors } from './table-write.js';

/** Halt P2: how the connection ends a statement that failed (SQLite's numbering). */
export const OE_ROLLBACK = 1;
export const OE_ABORT = 2;
export const OE_FAIL = 3;

export interface RowConstraints {
  readonly table: TableInfo;
  readonly cursors: TableCursors;
  readonly rowid: number;
  readonly cols: number;
  /** The statement's OR clause. */
  readonly override: ConflictAction | null;
  /** Label that leaves the row unwritten (IGNORE, UPSERT DO NOTHING). */
  readonly skip: number;
  /** Whether the rowid may collide with another row's (explicit on INSERT, changed on UPDATE). */
  readonly checkRowid: boolean;
  /** UPDATE: register with the rowid of the row being changed (its own entries do not conflict). */
  readonly oldRowid: number | null;
  /**
   * UPSERT: called for a uniqueness conflict with the conflicting rowid in `conflictRowid`;
   * emits the handling and returns true when `ix` (null: the rowid) is an upsert target.
   */
  readonly upsert?: { targets: (ix: IndexInfo | null) => boolean; handle: (ix: IndexInfo | null, conflictRowid: number) => void };
}

function haltAction(action: ConflictAction): number {
  return action === 'ROLLBACK' ? OE_ROLLBACK : action === 'FAIL' ? OE_FAIL : OE_ABORT;
}

/** Emits an error Halt (or HaltIfNull on `nullReg`) carrying the action. */
function emitFailure(b: ProgramBuilder, action: ConflictAction, code: ErrorCodeName, message: string, nullReg = 0): void {
  const addr = nullReg > 0 ? b.emitError(code, message, Op.HaltIfNull, nullReg) : b.emitError(code, message);
  b.code[addr]!.p2 = haltAction(action);
}

function uniqueMessage(table: TableInfo, ix: IndexInfo): string {
  if (ix.columns.some((c) => c.expr !== undefined)) return `UNIQUE constraint failed: index '${ix.name}'`;
  return `UNIQUE constraint failed: ${ix.columns.map((c) => `${table.name}.${c.column < 0 ? 'rowid' : table.columns[c.column]!.name}`).join(', ')}`;
}

/** Deletes the row whose rowid is in `rowidReg` with its index entries (REPLACE). */
export function deleteRowById(ctx: CompileContext, table: TableInfo, cursors: TableCursors, rowidReg: number): void {
  const b = ctx.b;
  const gone = b.newLabel();
  b.emit(Op.NotExists, cursors.table, gone, rowidReg);
  if (table.indexes.length > 0) {
    const rowid = b.reg();
    const cols = b.reg(table.columns.length);
    readRow(b, table, cursors.table, rowid, cols);
    deleteIndexEntries(ctx, table, cursors, rowid, cols);
  }
  b.emit(Op.Delete, cursors.table);
  b.resolve(gone);
}

export function emitConstraintChecks(ctx: CompileContext, rc: RowConstraints): void {
  const { table, override } = rc;
  const b = ctx.b;
  // NOT NULL.
  table.columns.forEach((c, i) => {
    if (!c.notNull || i === table.rowidAlias) return;
    const reg = rc.cols + i;
    let action = override ?? c.notNullConflict ?? 'ABORT';
    if (action === 'REPLACE' && c.defaultExpr === null) action = 'ABORT';
    const message = `NOT NULL constraint failed: ${table.name}.${c.name}`;
    if (action === 'IGNORE') b.emit(Op.IsNull, reg, rc.skip);
    else if (action === 'REPLACE') {
      const ok = b.newLabel();
      b.emit(Op.NotNull, reg, ok);
      codeDefault(new ExprCompiler(new SelectCompiler(ctx).exprContext(new Scope([], null))), c.defaultExpr!, reg);
      b.emit(Op.Affinity, reg, 1, 0, { kind: 'affinity', affinities: [c.affinity] });
      emitFailure(b, 'ABORT', 'SQLITE_CONSTRAINT_NOTNULL', message, reg);
      b.resolve(ok);
    } else emitFailure(b, action, 'SQLITE_CONSTRAINT_NOTNULL', message, reg);
  });
  // CHECK.
  const checks = table.checks ?? [];
  if (checks.length > 0) {
    const exprs = rowExprCompiler(ctx, [{ table, name: table.name, rowid: rc.rowid, cols: rc.cols }]);
    let action = override ?? 'ABORT';
    if (action === 'REPLACE') action = 'ABORT';
    for (const check of checks) {
      const r = exprs.toReg(check.expr);
      const ok = b.newLabel();
      b.emit(Op.If, r, ok, 1);
      if (action === 'IGNORE') b.emit(Op.Goto, 0, rc.skip);
      else emitFailure(b, action, 'SQLITE_CONSTRAINT_CHECK', `CHECK constraint failed: ${check.name}`);
      b.resolve(ok);
    }
  }
  // Uniqueness: upsert targets first, REPLACE last.
  type Key = { ix: IndexInfo | null; cursor: number; action: ConflictAction };
  const keys: Key[] = [];
  if (rc.checkRowid) keys.push({ ix: null, cursor: rc.cursors.table, action: override ?? table.rowidConflict ?? 'ABORT' });
  // SQLite checks the newest index first, so that is the one a row violating several names.
  for (let i = table.indexes.length - 1; i >= 0; i--) {
    const ix = table.indexes[i]!;
    if (ix.unique) keys.push({ ix, cursor: rc.cursors.indexes[i]!, action: override ?? ix.onConflict ?? 'ABORT' });
  }
  const rank = (k: Key): number => (rc.upsert?.targets(k.ix) === true ? 0 : k.action === 'REPLACE' ? 2 : 1);
  keys.sort((x, y) => rank(x) - rank(y));
  for (const k of keys) emitUniqueCheck(ctx, rc, k.ix, k.cursor, rank(k) === 0 ? null : k.action);
}

/** One uniqueness check; `action` null: the upsert hook handles the conflict. */
function emitUniqueCheck(ctx: CompileContext, rc: RowConstraints, ix: IndexInfo | null, cursor: number, action: ConflictAction | null): void {
  const b = ctx.b;
  const { table } = rc;
  const ok = b.newLabel();
  const conflict = b.reg();
  if (ix === null) {
    if (rc.oldRowid !== null) b.emit(Op.Eq, rc.oldRowid, ok, rc.rowid, null, 0);
    b.emit(Op.NotExists, cursor, ok, rc.rowid);
    b.emit(Op.SCopy, rc.rowid, conflict);
  } else {
    skipUnlessIndexed(ctx, table, ix, rc.rowid, rc.cols, ok);
    const key = indexKey(ctx, table, ix, rc.rowid, rc.cols);
    b.emit(Op.NoConflict, cursor, ok, key, null, ix.columns.length);
    b.emit(Op.IdxRowid, cursor, conflict);
    if (rc.oldRowid !== null) b.emit(Op.Eq, rc.oldRowid, ok, conflict, null, 0);
  }
  if (action === null) rc.upsert!.handle(ix, conflict);
  else if (action === 'IGNORE') b.emit(Op.Goto, 0, rc.skip);
  else if (action === 'REPLACE') deleteRowById(ctx, table, rc.cursors, conflict);
  else if (ix === null) {
    const name = table.rowidAlias >= 0 ? table.columns[table.rowidAlias]!.name : 'rowid';
    emitFailure(b, action, 'SQLITE_CONSTRAINT_PRIMARYKEY', `UNIQUE constraint failed: ${table.name}.${name}`);
  } else {
    emitFailure(b, action, ix.origin === 'pk' ? 'SQLITE_CONSTRAINT_PRIMARYKEY' : 'SQLITE_CONSTRAINT_UNIQUE', uniqueMessage(table, ix));
  }
  b.resolve(ok);
}
