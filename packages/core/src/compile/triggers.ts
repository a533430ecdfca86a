/**
 * Firing triggers: the compiled trigger programs are inlined at the point of the row change.
 * NEW and OLD are register rows read through pseudo cursors (vdbe/pseudo-cursor.ts) in a scope
 * that is the outermost one of the program's statements, so `new.x` resolves anywhere inside
 * them. The WHEN clause guards the program; RAISE(IGNORE) leaves the firing row (raise.ts).
 *
 * As in SQLite with recursive_triggers off, a trigger does not fire from its own program
 * (directly or through others). Changes made by trigger programs are not counted in the
 * statement's changes and do not set last_insert_rowid. Triggers on a table fire newest first,
 * SQLite's order.
 */
import type { SchemaEntry } from '../btree/schema-table.js';
import { SqliteError } from '../errors.js';
import type { CreateTriggerStmt, TriggerStep } from '../parser/ast.js';
import { parseOne } from '../parser/parser.js';
import { Op, OPFLAG_LASTROWID, OPFLAG_NCHANGE } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';
import { compileInsert } from './insert.js';
import { withRaiseTarget } from './raise.js';
import type { RegisterRow } from './row-scope.js';
import type { Schema, TableInfo } from './schema.js';
import { Scope, type Source } from './scope.js';
import { SelectCompiler } from './select.js';
import { compileDelete, compileUpdate } from './update-delete.js';

const parsed = new WeakMap<SchemaEntry, CreateTriggerStmt>();

export function triggerStmt(entry: SchemaEntry): CreateTriggerStmt {
  let stmt = parsed.get(entry);
  if (stmt === undefined) {
    const p = entry.sql === null ? null : parseOne(entry.sql, 0);
    if (p === null || p.stmt.kind !== 'createTrigger') throw new SqliteError('SQLITE_CORRUPT', `malformed database schema (${entry.name})`);
    stmt = p.stmt;
    parsed.set(entry, stmt);
  }
  return stmt;
}

export type TriggerEvent = 'INSERT' | 'UPDATE' | 'DELETE';

/** The triggers on `table` for `event` at `time`; for UPDATE, only those whose OF list meets `setColumns`. */
export function tableTriggers(ctx: CompileContext, table: TableInfo, event: TriggerEvent, time: 'BEFORE' | 'AFTER', setColumns: readonly string[] = []): CreateTriggerStmt[] {
  const out: CreateTriggerStmt[] = [];
  const lower = table.name.toLowerCase();
  for (const e of ctx.schema.otherObjects.values()) {
    if (e.type !== 'trigger' || e.tblName.toLowerCase() !== lower) continue;
    const t = triggerStmt(e);
    if (t.event.kind !== event || (t.time ?? 'BEFORE') !== time) continue;
    if (ctx.activeTriggers?.has(t.name.toLowerCase()) === true) continue;
    if (t.event.kind === 'UPDATE' && t.event.columns !== null) {
      const set = new Set(setColumns.map((c) => c.toLowerCase()));
      if (!t.event.columns.some((c) => set.has(c.toLowerCase()))) continue;
    }
    out.push(t);
  }
  return out.reverse();
}

export function hasTriggers(schema: Schema): boolean {
  for (const e of schema.otherObjects.values()) if (e.type === 'trigger') return true;
  return false;
}

/** Inlines the programs of `triggers` for the row(s) in registers; `rowEnd`: the firing row's end. */
export function fireTriggers(ctx: CompileContext, triggers: readonly CreateTriggerStmt[], rows: { newRow?: RegisterRow; oldRow?: RegisterRow }, rowEnd: number): void {
  if (triggers.length === 0) return;
  const b = ctx.b;
  const sources: Source[] = [];
  for (const [name, row] of [['new', rows.newRow], ['old', rows.oldRow]] as const) {
    if (row === undefined) continue;
    const cursor = b.cursor();
    b.emit(Op.OpenPseudo, cursor, row.rowid, row.cols, null, row.table.columns.length);
    sources.push({ table: row.table, name, cursor, index: sources.length });
  }
  const scope = new Scope(sources, null);
  for (const t of triggers) {
    const active = new Set(ctx.activeTriggers ?? []);
    active.add(t.name.toLowerCase());
    const sub: CompileContext = { ...ctx, rootScope: scope, activeTriggers: active };
    const end = b.newLabel();
    const first = b.addr;
    withRaiseTarget(b, rowEnd, () => {
      if (t.when !== null) new ExprCompiler(new SelectCompiler(sub).exprContext(scope)).codeCondition(t.when, end);
      for (const step of t.body) compileStep(sub, step, scope);
    });
    // Trigger programs' changes are not the statement's.
    for (let a = first; a < b.addr; a++) {
      const ins = b.code[a]!;
      if (ins.opcode === Op.Insert || ins.opcode === Op.Delete) ins.p5 &= ~(OPFLAG_NCHANGE | OPFLAG_LASTROWID);
    }
    b.resolve(end);
  }
}

function compileStep(ctx: CompileContext, step: TriggerStep, scope: Scope): void {
  switch (step.kind) {
    case 'insert':
      compileInsert(ctx, step);
      return;
    case 'update':
      compileUpdate(ctx, step);
      return;
    case 'delete':
      compileDelete(ctx, step);
      return;
    default:
      new SelectCompiler(ctx).compile(step, scope, () => undefined);
  }
}
