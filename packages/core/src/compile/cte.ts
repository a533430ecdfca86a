/**
 * Common table expressions. `WITH` binds names for the statement it prefixes (and the
 * subqueries inside it); a CTE is expanded where a FROM clause names it, like a subquery, with
 * the CTEs visible where it was defined. `AS [NOT] MATERIALIZED` hints are accepted and change
 * nothing.
 *
 * A CTE whose last compound core names the CTE itself is recursive, run with a queue:
 *
 *   queue <- rows of the initial select (the cores before the last)
 *   loop:  pop one row into `current` (or stop when the queue is empty)
 *          output it (OFFSET/LIMIT of the CTE apply to the output)
 *          run the recursive core with the CTE's name bound to `current`; its rows join the queue
 *
 * With UNION, a row already seen is not queued again. With an ORDER BY the queue is kept in
 * that order (its terms name result columns), so the smallest queued row is taken next.
 */
import { BINARY, type Collation } from '../btree/collation.js';
import { SqliteError } from '../errors.js';
import type { CommonTableExpr, SelectStmt, TableSource, WithClause } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import { hasAggregate } from './aggregate.js';
import type { Scope } from './scope.js';
import type { CoreResult, RowHandler, SelectCompiler } from './select.js';
import { ordinal } from './select-util.js';
import { collationByName } from './schema.js';
import { SorterLayout } from './sorter.js';

export type CteBinding =
  | { kind: 'cte'; cte: CommonTableExpr; env: CteEnv | null }
  /** The recursive reference inside a recursive CTE: the one-row table `cursor`. */
  | { kind: 'current'; cursor: number; result: CoreResult };

export interface CteEnv {
  readonly name: string;
  readonly binding: CteBinding;
  readonly parent: CteEnv | null;
}

export function withCtes(w: WithClause, env: CteEnv | null): CteEnv | null {
  const seen = new Set<string>();
  for (const cte of w.ctes) {
    const name = cte.name.toLowerCase();
    if (seen.has(name)) throw new SqliteError('SQLITE_ERROR', `duplicate WITH table name: ${cte.name}`);
    seen.add(name);
    env = { name, binding: { kind: 'cte', cte, env }, parent: env };
  }
  return env;
}

export function findCte(env: CteEnv | null, name: string): CteBinding | undefined {
  const lower = name.toLowerCase();
  for (let e = env; e !== null; e = e.parent) if (e.name === lower) return e.binding;
  return undefined;
}

function namesSource(src: TableSource, name: string): boolean {
  if (src.kind === 'table') return src.schema === null && src.name.toLowerCase() === name;
  if (src.kind === 'nested') return src.from.items.some((i) => namesSource(i.source, name));
  return false;
}

/** Whether `cte` refers to itself from the FROM clause of its last compound core. */
export function isRecursive(cte: CommonTableExpr): boolean {
  const s = cte.select;
  if (s.compound.length === 0) return false;
  const last = s.compound[s.compound.length - 1]!.core;
  const name = cte.name.toLowerCase();
  return last.kind === 'selectCore' && (last.from?.items ?? []).some((i) => namesSource(i.source, name));
}

/** Applies a CTE's (or view's) column list to the names its select produced. */
export function renameColumns(result: CoreResult, columns: readonly string[] | null, what: string): CoreResult {
  if (columns === null) return result;
  if (columns.length !== result.names.length) {
    throw new SqliteError('SQLITE_ERROR', what.startsWith('view ') ? `expected ${columns.length} columns for '${what.slice(5)}' but got ${result.names.length}` : `${what} has ${result.names.length} values for ${columns.length} columns`);
  }
  return { ...result, names: [...columns] };
}

/** Compiles recursive CTE `cte`, passing each of its rows to `onRow`. */
export function compileRecursiveCte(sc: SelectCompiler, cte: CommonTableExpr, env: CteEnv | null, outer: Scope | null, onRow: RowHandler): CoreResult {
  const b = sc.ctx.b;
  const s = cte.select;
  const lastTerm = s.compound[s.compound.length - 1]!;
  if (lastTerm.op !== 'UNION' && lastTerm.op !== 'UNION ALL') throw new SqliteError('SQLITE_ERROR', `recursive aggregate queries not supported`);
  const initial: SelectStmt = { ...s, with: null, compound: s.compound.slice(0, -1), orderBy: null, limit: null };
  const distinct = lastTerm.op === 'UNION';
  const end = b.newLabel();
  const saved = sc.env;
  sc.env = env;
  try {
    const limit = sc.limitRegisters(s, outer, end);
    const queue = b.cursor();
    const openQueue = b.emit(Op.OpenEphTable, queue, 0, 0, null);
    const current = b.cursor();
    b.emit(Op.OpenEphTable, current, 0, 0, null);
    const seen = distinct ? b.cursor() : -1;
    const seenKeyInfo = { collations: [] as Collation[], desc: [] as boolean[] };
    if (distinct) b.emit(Op.OpenEphemeral, seen, 0, 0, { kind: 'keyInfo', keyInfo: seenKeyInfo });
    let width = -1;
    let layout: SorterLayout | null = null;
    let keyCols: number[] = [];
    const enqueue = (first: number, count: number): void => {
      if (count !== width) throw new SqliteError('SQLITE_ERROR', `SELECTs to the left and right of ${lastTerm.op} do not have the same number of result columns`);
      const skip = b.newLabel();
      if (distinct) {
        b.emit(Op.Found, seen, skip, first, null, count);
        b.emit(Op.IdxInsert, seen, first, count);
      }
      if (layout === null) {
        b.emit(Op.EphAppend, queue, first, count);
      } else {
        const row = b.reg(layout.keyColumns + count);
        keyCols.forEach((k, i) => b.emit(Op.SCopy, first + k, row + i));
        b.emit(Op.Copy, first, row + layout.keyColumns, count - 1);
        b.emit(Op.EphAppend, queue, row, layout.keyColumns + count);
      }
      b.resolve(skip);
    };
    if (s.orderBy !== null) {
      // The queue's order must be fixed before the first row is queued: terms name columns by
      // number, by the CTE's column list, or by the initial select's result names.
      const first = s.body;
      const names = cte.columns ?? (first.kind === 'selectCore' ? first.columns.map((c) => (c.kind === 'expr' ? c.alias ?? (c.expr.kind === 'column' ? c.expr.column : c.span) : '*')) : []);
      keyCols = s.orderBy.map((t, i) => {
        const e = t.expr.kind === 'collate' ? t.expr.operand : t.expr;
        const k = e.kind === 'integer' ? Number(e.text) - 1 : e.kind === 'column' && e.table === null ? names.findIndex((n) => n.toLowerCase() === e.column.toLowerCase()) : -1;
        if (k < 0) throw new SqliteError('SQLITE_ERROR', `${ordinal(i + 1)} ORDER BY term does not match any column in the result set`);
        return k;
      });
      layout = new SorterLayout(s.orderBy.map((t) => ({ coll: t.expr.kind === 'collate' ? collationByName(t.expr.collation) : BINARY, desc: t.direction === 'DESC', nulls: null })));
      b.code[openQueue]!.p2 = layout.keyColumns;
      b.code[openQueue]!.p4 = { kind: 'keyInfo', keyInfo: layout.keyInfo };
    }
    const initialResult = sc.compileSelect(initial, outer, (first, count) => {
      if (width < 0) width = count;
      enqueue(first, count);
    });
    width = initialResult.names.length;
    if (keyCols.some((k) => k >= width)) throw new SqliteError('SQLITE_ERROR', '1st ORDER BY term out of range - should be between 1 and ' + width);
    const result = renameColumns(initialResult, cte.columns, `table ${cte.name}`);
    seenKeyInfo.collations.push(...result.collations.map((c) => c ?? BINARY));

    const top = b.addr;
    b.emit(Op.QueuePop, queue, end, current, null, layout?.keyColumns ?? 0);
    const out = b.reg(width);
    for (let i = 0; i < width; i++) b.emit(Op.Column, current, i, out + i);
    const skipOut = b.newLabel();
    if (limit.offset !== 0) b.emit(Op.IfPos, limit.offset, skipOut, 1);
    onRow(out, width, end);
    if (limit.limit !== 0) b.emit(Op.DecrJumpZero, limit.limit, end);
    b.resolve(skipOut);
    const name = cte.name.toLowerCase();
    sc.env = { name, binding: { kind: 'current', cursor: current, result }, parent: env };
    const refs = (lastTerm.core.kind === 'selectCore' ? lastTerm.core.from?.items ?? [] : []).filter((i) => namesSource(i.source, name)).length;
    if (refs > 1) throw new SqliteError('SQLITE_ERROR', `multiple references to recursive table: ${cte.name}`);
    if (lastTerm.core.kind === 'selectCore' && (lastTerm.core.groupBy !== null || hasAggregate(lastTerm.core.columns.flatMap((c) => (c.kind === 'expr' ? [c.expr] : [])), sc.ctx))) {
      throw new SqliteError('SQLITE_ERROR', 'recursive aggregate queries not supported');
    }
    const recursive: SelectStmt = { kind: 'select', with: null, body: lastTerm.core, compound: [], orderBy: null, limit: null, start: s.start, end: s.end };
    sc.compileSelect(recursive, outer, (first, count) => enqueue(first, count));
    b.emit(Op.Goto, 0, top);
    b.resolve(end);
    return result;
  } finally {
    sc.env = saved;
  }
}
