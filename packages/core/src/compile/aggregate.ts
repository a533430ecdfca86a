/**
 * Aggregate queries (GROUP BY, HAVING, aggregate functions), SQLite's way:
 *
 *   scan phase    for each row passing WHERE: evaluate the group keys, the aggregate arguments
 *                 and the "bare" columns (referenced outside any aggregate) - into a sorter
 *                 when there is a GROUP BY, straight into the accumulators when there is not
 *   group phase   (GROUP BY) read the sorted rows; when the key changes, output the finished
 *                 group (a subroutine) and start the next one
 *   output        AggFinal each accumulator into a register; evaluate HAVING and the result
 *                 columns with aggregate calls mapped to those registers and bare columns to
 *                 their captured values (from the group's last row, as SQLite does)
 */
import { SqliteError } from '../errors.js';
import type { Expr, FunctionCall } from '../parser/ast.js';
import { COUNT_STAR } from '../vdbe/functions/aggregates.js';
import type { AggregateDef } from '../vdbe/functions/function-def.js';
import { Op } from '../vdbe/opcodes.js';
import { BINARY, type Collation } from '../btree/collation.js';
import { AFF_BLOB } from '../vdbe/affinity.js';
import type { CompileContext } from './context.js';
import { columnKey, ExprCompiler, isAggregateCall, jsonArgMask, type ExprContext } from './expr.js';
import { comparisonCollation, exprCollation } from './expr-affinity.js';
import type { ResolvedColumn } from './scope.js';
import { forEachChild } from './walk.js';
import type { RowLoop } from './from.js';

interface AggCall {
  readonly call: FunctionCall;
  readonly def: AggregateDef;
  readonly slot: number;
  readonly argc: number;
  /** Columns the call carries per row: its arguments, then its FILTER's truth when it has one. */
  readonly cols: number;
  /** First register of the arguments (and the FILTER value after them). */
  readonly args: number;
  readonly result: number;
}

/** Whether any of `exprs` calls an aggregate function (outside subqueries). */
export function hasAggregate(exprs: readonly Expr[], ctx: CompileContext): boolean {
  let found = false;
  const visit = (e: Expr): void => {
    if (found) return;
    if (e.kind === 'function' && e.over === null && isAggregateCall(e, ctx.functions)) {
      found = true;
      return;
    }
    forEachChild(e, visit);
  };
  exprs.forEach(visit);
  return found;
}

export class AggregateQuery {
  private readonly calls: AggCall[] = [];
  private readonly bare = new Map<string, { ref: Extract<Expr, { kind: 'column' }>; reg: number }>();

  constructor(
    private readonly ctx: CompileContext,
    private readonly base: ExprContext,
    private readonly groupBy: readonly Expr[],
    outputExprs: readonly Expr[],
  ) {
    for (const e of outputExprs) this.collect(e, false);
    const minMax = this.calls.filter((c) => c.argc === 1 && !c.call.star && /^(min|max)$/i.test(c.call.name));
    if (minMax.length === 1 && this.bare.size > 0) {
      this.minMax = { call: minMax[0]!, max: minMax[0]!.call.name.toLowerCase() === 'max', best: ctx.b.reg() };
    }
  }

  private readonly minMax: { call: AggCall; max: boolean; best: number } | null = null;

  private collect(e: Expr, insideAgg: boolean): void {
    if (e.kind === 'function' && e.over !== null) {
      // A window call over an aggregate query: its arguments are evaluated per group.
      for (const a of e.args) this.collect(a, insideAgg);
      if (e.filter !== null) this.collect(e.filter, insideAgg);
      return;
    }
    if (e.kind === 'function' && isAggregateCall(e, this.ctx.functions)) {
      if (insideAgg) throw new SqliteError('SQLITE_ERROR', `misuse of aggregate function ${e.name}()`);
      const argc = e.star ? 0 : e.args.length;
      const def = e.star ? COUNT_STAR : this.ctx.functions.aggregate(e.name, argc);
      if (def === undefined) throw new SqliteError('SQLITE_ERROR', `wrong number of arguments to function ${e.name}()`);
      if (e.distinct && argc !== 1) throw new SqliteError('SQLITE_ERROR', `DISTINCT aggregates must have exactly one argument`);
      const b = this.ctx.b;
      const cols = argc + (e.filter !== null ? 1 : 0);
      this.calls.push({ call: e, def, slot: b.aggSlot(), argc, cols, args: b.reg(Math.max(cols, 1)), result: b.reg() });
      for (const a of e.args) this.collect(a, true);
      if (e.filter !== null) this.collect(e.filter, true);
      return;
    }
    if (e.kind === 'column' && !insideAgg) {
      const r: ResolvedColumn | null = this.base.scope.resolveOrNull(e);
      if (r !== null && r.depth === 0 && !this.bare.has(columnKey(r))) this.bare.set(columnKey(r), { ref: e, reg: this.ctx.b.reg() });
      return;
    }
    forEachChild(e, (c) => this.collect(c, insideAgg));
  }

  /** The context the output phase evaluates HAVING and result columns in. */
  outputContext(): ExprContext {
    const aggResults = new Map<FunctionCall, number>();
    for (const c of this.calls) aggResults.set(c.call, c.result);
    const capturedColumns = new Map<string, number>();
    for (const [k, v] of this.bare) capturedColumns.set(k, v.reg);
    return { ...this.base, aggResults, capturedColumns };
  }

  private accumulate(exprs: ExprCompiler, fromSorter: { cursor: number; firstColumn: number } | null): void {
    const b = this.ctx.b;
    let col = fromSorter?.firstColumn ?? 0;
    for (const c of this.calls) {
      for (let i = 0; i < c.cols; i++) {
        if (fromSorter !== null) b.emit(Op.Column, fromSorter.cursor, col++, c.args + i);
        else exprs.code(callColumn(c, i), c.args + i);
      }
      // FILTER (WHERE f): the row reaches this aggregate only when f is true.
      const filtered = b.newLabel();
      if (c.cols > c.argc) b.emit(Op.IfNot, c.args + c.argc, filtered, 1);
      let coll = BINARY;
      const a0 = c.call.args[0];
      if (a0 !== undefined) coll = comparisonCollation(a0, a0, this.base.scope) ?? BINARY;
      if (c === this.minMax?.call) this.emitMinMaxHit(exprs, fromSorter, c, coll);
      const jsonArgs = jsonArgMask(c.call.args, this.ctx.functions);
      b.emit(Op.AggStep, 0, c.args, c.slot, { kind: 'agg', func: c.def, coll, distinct: c.call.distinct, ...(jsonArgs === 0 ? {} : { jsonArgs }) }, c.argc);
      b.resolve(filtered);
    }
  }

  /**
   * SQLite's min()/max() rule: in a query with exactly one min(x) or max(x), bare columns
   * take their values from the row that gave the minimum or maximum (the first such row).
   * `best` holds the extreme so far (NULL: none yet); a row that beats it re-captures them.
   */
  private emitMinMaxHit(exprs: ExprCompiler, fromSorter: { cursor: number; firstColumn: number } | null, c: AggCall, coll: Collation): void {
    const b = this.ctx.b;
    const best = this.minMax!.best;
    const hit = b.newLabel();
    const miss = b.newLabel();
    b.emit(Op.IsNull, c.args, miss);
    b.emit(Op.IsNull, best, hit);
    b.emit(this.minMax!.max ? Op.Gt : Op.Lt, best, hit, c.args, { kind: 'coll', coll }, AFF_BLOB);
    b.emit(Op.Goto, 0, miss);
    b.resolve(hit);
    b.emit(Op.SCopy, c.args, best);
    const argCount = this.calls.reduce((n, x) => n + x.cols, 0);
    this.captureBare(exprs, fromSorter === null ? null : { cursor: fromSorter.cursor, firstColumn: this.groupBy.length + argCount });
    b.resolve(miss);
  }

  /**
   * Bare columns take their values from the first row of the group, as in SQLite (except
   * under the min()/max() rule, emitMinMaxHit).
   */
  private captureBare(exprs: ExprCompiler, fromSorter: { cursor: number; firstColumn: number } | null): void {
    const b = this.ctx.b;
    let col = fromSorter?.firstColumn ?? 0;
    for (const v of this.bare.values()) {
      if (fromSorter !== null) b.emit(Op.Column, fromSorter.cursor, col++, v.reg);
      else exprs.code(v.ref, v.reg);
    }
  }

  private finalize(): void {
    for (const c of this.calls) {
      this.ctx.b.emit(Op.AggFinal, c.slot, c.result, 0, { kind: 'agg', func: c.def, coll: BINARY, distinct: c.call.distinct }, c.argc);
    }
  }

  /** Emits the whole query; `output` emits one result row (HAVING included) in the output context. */
  emit(loops: RowLoop, exprs: ExprCompiler, output: () => void): void {
    const b = this.ctx.b;
    for (const v of this.bare.values()) b.emit(Op.Null, 0, v.reg);
    if (this.groupBy.length === 0) {
      const first = b.reg();
      b.emit(Op.Integer, 1, first);
      loops.emit(() => {
        const captured = b.newLabel();
        b.emit(Op.IfNot, first, captured);
        b.emit(Op.Integer, 0, first);
        this.captureBare(exprs, null);
        if (this.minMax !== null) b.emit(Op.Null, 0, this.minMax.best);
        b.resolve(captured);
        this.accumulate(exprs, null);
      });
      this.finalize();
      output();
      return;
    }
    const g = this.groupBy.length;
    const argCount = this.calls.reduce((n, c) => n + c.cols, 0);
    const width = g + argCount + this.bare.size;
    const sorter = b.cursor();
    const keyInfo = { collations: this.groupBy.map((e) => exprCollation(e, this.base.scope)?.coll ?? BINARY), desc: [] };
    b.emit(Op.SorterOpen, sorter, g, 0, { kind: 'keyInfo', keyInfo });
    const row = b.reg(width);
    loops.emit(() => {
      this.groupBy.forEach((e, i) => exprs.code(e, row + i));
      let r = row + g;
      for (const c of this.calls) for (let i = 0; i < c.cols; i++) exprs.code(callColumn(c, i), r++);
      for (const v of this.bare.values()) exprs.code(v.ref, r++);
      b.emit(Op.SorterInsert, sorter, row, width);
    });
    const prev = b.reg(g);
    const cur = b.reg(g);
    const first = b.reg();
    const ret = b.reg();
    const end = b.newLabel();
    const newGroup = b.newLabel();
    const sameGroup = b.newLabel();
    const changed = b.newLabel();
    const outputGroup = b.newLabel();
    const after = b.newLabel();
    b.emit(Op.Integer, 1, first);
    b.emit(Op.SorterSort, sorter, end);
    const top = b.addr;
    for (let i = 0; i < g; i++) b.emit(Op.Column, sorter, i, cur + i);
    b.emit(Op.If, first, newGroup);
    b.emit(Op.Compare, cur, prev, g, { kind: 'keyInfo', keyInfo });
    b.emit(Op.Jump, changed, sameGroup, changed);
    b.resolve(changed);
    b.emit(Op.Gosub, ret, outputGroup);
    b.resolve(newGroup);
    b.emit(Op.Integer, 0, first);
    b.emit(Op.Copy, cur, prev, g - 1);
    this.captureBare(exprs, { cursor: sorter, firstColumn: g + argCount });
    if (this.minMax !== null) b.emit(Op.Null, 0, this.minMax.best);
    b.resolve(sameGroup);
    this.accumulate(exprs, { cursor: sorter, firstColumn: g });
    b.emit(Op.SorterNext, sorter, top);
    b.resolve(end);
    b.emit(Op.If, first, after);
    b.emit(Op.Gosub, ret, outputGroup);
    b.emit(Op.Goto, 0, after);
    b.resolve(outputGroup);
    this.finalize();
    output();
    b.emit(Op.Return, ret);
    b.resolve(after);
  }
}

/** The expression for column `i` of an aggregate call's per-row values (arguments, then FILTER). */
function callColumn(c: AggCall, i: number): Expr {
  return i < c.argc ? c.call.args[i]! : c.call.filter!;
}
