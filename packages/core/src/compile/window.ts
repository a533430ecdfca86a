/**
 * Window functions (`f(...) OVER (PARTITION BY .. ORDER BY .. frame)`), sorter-style:
 *
 *   scan     for each row passing WHERE, append to an ephemeral table: each window's
 *            partition and ORDER BY values, each call's arguments (and FILTER), the columns the
 *            result refers to outside window calls, and an empty slot per call
 *   compute  the Window opcode fills the slots (vdbe/window-exec.ts)
 *   output   read the rows back; result columns see each call as its slot and each captured
 *            column as its value, then DISTINCT / ORDER BY / LIMIT apply as usual
 *
 * Named windows (WINDOW w AS (...)) and `OVER (w ORDER BY ..)` extension follow SQLite's rules.
 * In an aggregate query the rows are the groups (after HAVING): expressions are evaluated in
 * the aggregate's output context and its aggregate values are captured like columns.
 */
import { BINARY } from '../btree/collation.js';
import { SqliteError } from '../errors.js';
import type { Expr, FunctionCall, NamedWindow, OrderingTerm, WindowRef, WindowSpec } from '../parser/ast.js';
import { COUNT_STAR } from '../vdbe/functions/aggregates.js';
import { Op } from '../vdbe/opcodes.js';
import type { WindowBound, WindowFuncKind, WindowFuncPlan, WindowPlan, WindowSpecPlan } from '../vdbe/window-plan.js';
import type { CompileContext } from './context.js';
import { columnKey, ExprCompiler, type ExprContext, isAggregateCall } from './expr.js';
import { comparisonCollation, exprCollation } from './expr-affinity.js';
import type { RowLoop } from './from.js';
import { forEachChild } from './walk.js';
import type { FrameBound } from '../parser/ast-expr.js';

/** Built-in window-only functions: allowed argument counts. */
const BUILTIN: Record<string, [number, number]> = {
  row_number: [0, 0], rank: [0, 0], dense_rank: [0, 0], percent_rank: [0, 0], cume_dist: [0, 0],
  ntile: [1, 1], lag: [1, 3], lead: [1, 3], first_value: [1, 1], last_value: [1, 1], nth_value: [2, 2],
};

/** Whether any of `exprs` has an OVER clause (outside subqueries). */
export function hasWindowCall(exprs: readonly Expr[]): boolean {
  let found = false;
  const visit = (e: Expr): void => {
    if (found) return;
    if (e.kind === 'function' && e.over !== null) {
      found = true;
      return;
    }
    forEachChild(e, visit);
  };
  exprs.forEach(visit);
  return found;
}

/** The PARTITION BY and ORDER BY expressions of every window call in `exprs`. */
export function windowSpecExprs(exprs: readonly Expr[], windows: readonly NamedWindow[]): Expr[] {
  const out: Expr[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'function' && e.over !== null) {
      const spec = resolveSpec(e.over, windows);
      out.push(...(spec.partitionBy ?? []), ...(spec.orderBy ?? []).map((t) => t.expr));
    }
    forEachChild(e, visit);
  };
  exprs.forEach(visit);
  return out;
}

interface Call {
  readonly call: FunctionCall;
  readonly spec: WindowSpec;
  readonly specIndex: number;
}

function resolveSpec(over: WindowRef | WindowSpec, windows: readonly NamedWindow[]): WindowSpec {
  const find = (name: string): WindowSpec => {
    const w = windows.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (w === undefined) throw new SqliteError('SQLITE_ERROR', `no such window: ${name}`);
    return resolveSpec(w.window, windows);
  };
  if (over.kind === 'windowRef') return find(over.name);
  if (over.base === null) return over;
  const base = find(over.base);
  if (over.partitionBy !== null) throw new SqliteError('SQLITE_ERROR', `cannot override PARTITION clause of window ${over.base}`);
  if (base.orderBy !== null && over.orderBy !== null) throw new SqliteError('SQLITE_ERROR', `cannot override ORDER BY clause of window ${over.base}`);
  if (base.frame !== null) throw new SqliteError('SQLITE_ERROR', `cannot override frame specification of window ${over.base}`);
  return { kind: 'windowSpec', base: null, partitionBy: base.partitionBy, orderBy: over.orderBy ?? base.orderBy, frame: over.frame };
}

function specKey(s: WindowSpec): string {
  return JSON.stringify(s, (k, v: unknown) => (k === 'start' && typeof v === 'number') || (k === 'end' && typeof v === 'number') ? undefined : v);
}

export class WindowQuery {
  private readonly calls: Call[] = [];
  private readonly specs: WindowSpec[] = [];
  private readonly bare = new Map<string, { ref: Extract<Expr, { kind: 'column' }>; reg: number }>();
  private readonly aggValues = new Map<FunctionCall, number>();

  constructor(
    private readonly ctx: CompileContext,
    private readonly base: ExprContext,
    windows: readonly NamedWindow[],
    outputExprs: readonly Expr[],
  ) {
    const keys: string[] = [];
    const collect = (e: Expr): void => {
      if (e.kind === 'function' && e.over !== null) {
        const spec = resolveSpec(e.over, windows);
        const key = specKey(spec);
        let specIndex = keys.indexOf(key);
        if (specIndex < 0) {
          specIndex = keys.length;
          keys.push(key);
          this.specs.push(spec);
        }
        if (e.distinct) throw new SqliteError('SQLITE_ERROR', 'DISTINCT is not supported for window functions');
        if (e.args.some((a) => hasWindowCall([a]))) throw new SqliteError('SQLITE_ERROR', `misuse of window function ${e.name}()`);
        this.calls.push({ call: e, spec, specIndex });
        return;
      }
      if (e.kind === 'function' && this.base.aggResults !== undefined && isAggregateCall(e, this.ctx.functions)) {
        // Over an aggregate query, each group's aggregate values are captured like columns.
        if (!this.aggValues.has(e)) this.aggValues.set(e, this.ctx.b.reg());
        return;
      }
      if (e.kind === 'column') {
        const r = this.base.scope.resolveOrNull(e);
        if (r !== null && r.depth === 0 && !this.bare.has(columnKey(r))) this.bare.set(columnKey(r), { ref: e, reg: this.ctx.b.reg() });
        return;
      }
      forEachChild(e, collect);
    };
    outputExprs.forEach(collect);
  }

  private funcPlan(c: Call, argStart: number, filterCol: number, resultCol: number): WindowFuncPlan {
    const e = c.call;
    const name = e.name.toLowerCase();
    const argc = e.star ? 0 : e.args.length;
    const builtin = BUILTIN[name];
    let kind: WindowFuncKind = 'agg';
    let agg = null;
    if (builtin !== undefined && this.ctx.functions.aggregate(name, argc) === undefined) {
      if (argc < builtin[0] || argc > builtin[1] || e.star) throw new SqliteError('SQLITE_ERROR', `wrong number of arguments to function ${e.name}()`);
      kind = name as WindowFuncKind;
    } else {
      agg = e.star && name === 'count' ? COUNT_STAR : this.ctx.functions.aggregate(name, argc) ?? null;
      if (agg === null) {
        if (this.ctx.functions.exists(name)) {
          throw new SqliteError('SQLITE_ERROR', this.ctx.functions.scalar(name, argc) !== undefined ? `${e.name}() may not be used as a window function` : `wrong number of arguments to function ${e.name}()`);
        }
        throw new SqliteError('SQLITE_ERROR', `no such function: ${e.name}`);
      }
    }
    const a0 = e.args[0];
    const coll = a0 !== undefined ? comparisonCollation(a0, a0, this.base.scope) ?? BINARY : BINARY;
    return { kind, name, agg, coll, distinct: e.distinct, argStart, argc, filterCol, resultCol };
  }

  private bound(b: FrameBound, exprs: ExprCompiler): WindowBound {
    if (b.kind !== 'preceding' && b.kind !== 'following') return { kind: b.kind };
    return { kind: b.kind, offsetReg: exprs.toReg(b.offset) };
  }

  /** Emits the whole query; `output` emits one result row in the context it is given. */
  emit(loops: RowLoop, exprs: ExprCompiler, output: (ectx: ExprContext) => void): void {
    const b = this.ctx.b;
    // Row layout: per window [partition..., order...], per call [args..., filter?], captured, slots.
    let col = 0;
    // A term whose NULLS FIRST/LAST is not SQLite's default gets a leading is-NULL flag column.
    const flagged = (t: OrderingTerm): boolean => (t.nulls === 'LAST' && t.direction !== 'DESC') || (t.nulls === 'FIRST' && t.direction === 'DESC');
    const specCols = this.specs.map((s) => {
      const part = (s.partitionBy ?? []).map(() => col++);
      const order: number[] = [];
      const values: number[] = [];
      const flags: number[] = [];
      for (const t of s.orderBy ?? []) {
        flags.push(flagged(t) ? col : -1);
        if (flagged(t)) order.push(col++);
        values.push(col);
        order.push(col++);
      }
      return { part, order, values, flags };
    });
    const callCols = this.calls.map((c) => {
      const argStart = col;
      col += c.call.star ? 0 : c.call.args.length;
      const filterCol = c.call.filter !== null ? col++ : -1;
      return { argStart, filterCol };
    });
    const bareStart = col;
    col += this.bare.size + this.aggValues.size;
    const resultStart = col;
    col += this.calls.length;
    const width = col;

    const buf = b.cursor();
    b.emit(Op.OpenEphTable, buf, 0, 0, null);
    const row = b.reg(width);
    loops.emit(() => {
      this.specs.forEach((s, i) => {
        (s.partitionBy ?? []).forEach((e, k) => exprs.code(e, row + specCols[i]!.part[k]!));
        (s.orderBy ?? []).forEach((t, k) => {
          const value = row + specCols[i]!.values[k]!;
          exprs.code(t.expr, value);
          const flag = specCols[i]!.flags[k]!;
          if (flag >= 0) {
            const isNull = b.newLabel();
            b.emit(Op.Integer, 1, row + flag);
            b.emit(Op.IsNull, value, isNull);
            b.emit(Op.Integer, 0, row + flag);
            b.resolve(isNull);
          }
        });
      });
      this.calls.forEach((c, i) => {
        if (!c.call.star) c.call.args.forEach((a, k) => exprs.code(a, row + callCols[i]!.argStart + k));
        if (c.call.filter !== null) exprs.code(c.call.filter, row + callCols[i]!.filterCol);
      });
      let r = row + bareStart;
      for (const v of this.bare.values()) exprs.code(v.ref, r++);
      for (const call of this.aggValues.keys()) exprs.code(call, r++);
      if (this.calls.length > 0) b.emit(Op.Null, 0, row + resultStart, row + width - 1);
      b.emit(Op.EphAppend, buf, row, width);
    });

    const specs: WindowSpecPlan[] = this.specs.map((s, i) => {
      const f = s.frame;
      const hasOrder = (s.orderBy ?? []).length > 0;
      if (f !== null && f.units === 'RANGE' && (f.start.kind === 'preceding' || f.start.kind === 'following' || f.end.kind === 'preceding' || f.end.kind === 'following') && (s.orderBy ?? []).length !== 1) {
        throw new SqliteError('SQLITE_ERROR', 'RANGE with offset PRECEDING/FOLLOWING requires one ORDER BY expression');
      }
      const frame = f === null
        ? { units: 'RANGE' as const, start: { kind: 'unboundedPreceding' as const }, end: hasOrder ? { kind: 'currentRow' as const } : { kind: 'unboundedFollowing' as const }, exclude: 'NO OTHERS' as const }
        : { units: f.units, start: this.bound(f.start, exprs), end: this.bound(f.end, exprs), exclude: f.exclude ?? 'NO OTHERS' };
      return {
        partCols: specCols[i]!.part,
        partKeyInfo: { collations: (s.partitionBy ?? []).map((e) => exprCollation(e, this.base.scope)?.coll ?? BINARY), desc: [] },
        orderCols: specCols[i]!.order,
        orderKeyInfo: {
          collations: (s.orderBy ?? []).flatMap((t) => {
            const c = exprCollation(t.expr, this.base.scope)?.coll ?? BINARY;
            return flagged(t) ? [BINARY, c] : [c];
          }),
          desc: (s.orderBy ?? []).flatMap((t) => (flagged(t) ? [t.direction === 'DESC', t.direction === 'DESC'] : [t.direction === 'DESC'])),
        },
        rangeKey: (s.orderBy ?? []).length > 0 && flagged(s.orderBy![0]!) ? 1 : 0,
        rangeNullsFirst: (s.orderBy ?? []).length > 0 && (s.orderBy![0]!.nulls ?? (s.orderBy![0]!.direction === 'DESC' ? 'LAST' : 'FIRST')) === 'FIRST',
        frame,
        funcs: this.calls.map((c, k) => ({ c, k })).filter(({ c }) => c.specIndex === i).map(({ c, k }) => this.funcPlan(c, callCols[k]!.argStart, callCols[k]!.filterCol, resultStart + k)),
      };
    });
    const plan: WindowPlan = { specs };
    b.emit(Op.Window, buf, 0, 0, { kind: 'window', plan });

    const results = new Map<FunctionCall, number>();
    const slots = b.reg(Math.max(this.calls.length, 1));
    this.calls.forEach((c, i) => results.set(c.call, slots + i));
    const captured = new Map<string, number>();
    for (const [k, v] of this.bare) captured.set(k, v.reg);
    const end = b.newLabel();
    b.emit(Op.Rewind, buf, end);
    const top = b.addr;
    let r = bareStart;
    for (const v of this.bare.values()) b.emit(Op.Column, buf, r++, v.reg);
    for (const [call, reg] of this.aggValues) {
      b.emit(Op.Column, buf, r++, reg);
      results.set(call, reg);
    }
    this.calls.forEach((_, i) => b.emit(Op.Column, buf, resultStart + i, slots + i));
    output({ ...this.base, aggResults: results, capturedColumns: captured });
    b.emit(Op.Next, buf, top);
    b.resolve(end);
  }
}
