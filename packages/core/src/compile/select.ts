/**
 * SELECT: FROM (from.ts: tables, views, CTEs, subqueries, joins as nested loops), WHERE,
 * GROUP BY/HAVING with aggregates (aggregate.ts), DISTINCT, ORDER BY (sorter.ts),
 * LIMIT/OFFSET, VALUES, compound SELECT (compound.ts) and WITH (cte.ts).
 *
 * A SELECT produces rows through `onRow(firstReg, count, done)`: the top-level statement
 * emits ResultRow there, a subquery copies its value out, INSERT ... SELECT inserts. `done`
 * is the label that leaves the SELECT (LIMIT reached, or the consumer has what it needs).
 */
import { BINARY, type Collation } from '../btree/collation.js';
import { SqliteError } from '../errors.js';
import type { Expr, OrderingTerm, ResultColumn, SelectCore, SelectStmt, ValuesCore } from '../parser/ast.js';
import { AFF_NONE } from '../vdbe/affinity.js';
import { Op } from '../vdbe/opcodes.js';
import { AggregateQuery, hasAggregate } from './aggregate.js';
import { compileCompound } from './compound.js';
import type { CompileContext } from './context.js';
import { type CteEnv, withCtes } from './cte.js';
import { ExprCompiler, type ExprContext } from './expr.js';
import { exprAffinity, exprCollation } from './expr-affinity.js';
import { type FromResult, openFrom, type RowLoop } from './from.js';
import { Scope, type Source } from './scope.js';
import { columnRef, ordinal } from './select-util.js';
import { type SortKey, SorterLayout } from './sorter.js';
import { hasWindowCall, WindowQuery, windowSpecExprs } from './window.js';

export type RowHandler = (first: number, count: number, done: number) => void;

interface OutputColumn {
  readonly expr: Expr;
  readonly name: string;
}

/** What a compiled SELECT (or core) produces: column names and their static properties. */
export interface CoreResult {
  readonly names: string[];
  /** Collation a result column carries (null: none, BINARY by default). */
  readonly collations: (Collation | null)[];
  readonly affinities: number[];
}

export type { SortKey };

export class SelectCompiler {
  /** The common table expressions visible where compilation currently is. */
  env: CteEnv | null = null;
  /** Views ("name") and CTEs ("cte:name") being expanded: a second entry is a cycle. */
  readonly expanding = new Set<string>();

  constructor(readonly ctx: CompileContext) {}

  /** Compiles `stmt`; returns its result column names. */
  compile(stmt: SelectStmt, outer: Scope | null, onRow: RowHandler): string[] {
    return this.compileSelect(stmt, outer, onRow).names;
  }

  /** Compiles `stmt`; returns its result columns' names, collations and affinities. */
  compileSelect(stmt: SelectStmt, outer: Scope | null, onRow: RowHandler): CoreResult {
    const saved = this.env;
    try {
      if (stmt.with !== null) this.env = withCtes(stmt.with, this.env);
      return this.compileBody(stmt, outer, onRow);
    } finally {
      this.env = saved;
    }
  }

  private compileBody(stmt: SelectStmt, outer: Scope | null, onRow: RowHandler): CoreResult {
    const b = this.ctx.b;
    b.needTransaction(false);
    const done = b.newLabel();
    const limit = this.limitRegisters(stmt, outer, done);
    const final: RowHandler = (first, count) => {
      const skip = b.newLabel();
      if (limit.offset !== 0) b.emit(Op.IfPos, limit.offset, skip, 1);
      onRow(first, count, done);
      if (limit.limit !== 0) b.emit(Op.DecrJumpZero, limit.limit, done);
      b.resolve(skip);
    };
    let result: CoreResult;
    if (stmt.compound.length === 0) {
      result = this.compileCore(stmt.body, outer, stmt.orderBy, final);
    } else {
      const names = compileCompound(this, this.ctx, stmt, outer, final);
      result = { names, collations: this.lastCompound?.collations ?? names.map(() => null), affinities: this.lastCompound?.affinities ?? names.map(() => AFF_NONE) };
    }
    b.resolve(done);
    return result;
  }

  /** Set by compound.ts: the column properties of the compound just compiled (its leftmost core's). */
  lastCompound: CoreResult | null = null;

  limitRegisters(stmt: SelectStmt, outer: Scope | null, done: number): { limit: number; offset: number } {
    if (stmt.limit === null) return { limit: 0, offset: 0 };
    const b = this.ctx.b;
    const exprs = this.exprCompiler(new Scope([], outer));
    const limit = exprs.toReg(stmt.limit.limit);
    b.emit(Op.MustBeInt, limit, 0);
    b.emit(Op.IfNot, limit, done);
    let offset = 0;
    if (stmt.limit.offset !== null) {
      offset = exprs.toReg(stmt.limit.offset);
      b.emit(Op.MustBeInt, offset, 0);
    }
    return { limit, offset };
  }

  exprContext(scope: Scope): ExprContext {
    return {
      b: this.ctx.b,
      scope,
      functions: this.ctx.functions,
      schema: this.ctx.schema,
      subquery: (select, s, onRow) => {
        this.compile(select, s, onRow);
      },
    };
  }

  private exprCompiler(scope: Scope): ExprCompiler {
    return new ExprCompiler(this.exprContext(scope));
  }

  compileCore(core: SelectCore | ValuesCore, outer: Scope | null, orderBy: readonly OrderingTerm[] | null, emitRow: RowHandler): CoreResult {
    if (core.kind === 'values') return this.compileValues(core, outer, orderBy, emitRow);
    const b = this.ctx.b;
    const from = openFrom(this, core, outer);
    const sources = from.sources;
    const scope = new Scope(sources, outer);
    const exprs = this.exprCompiler(scope);
    const columns = this.expandColumns(core.columns, sources, from.coalesced);
    const resultExprs = columns.map((c) => c.expr);
    const orderExprs = (orderBy ?? []).map((t, i) => this.orderExpr(t, columns, i + 1));
    const groupExprs = (core.groupBy ?? []).map((e, i) => this.groupExpr(e, columns, i + 1, scope));
    const isAgg = core.groupBy !== null || hasAggregate([...resultExprs, ...(core.having !== null ? [core.having] : []), ...orderExprs], this.ctx);
    if (core.having !== null && !isAgg) throw new SqliteError('SQLITE_ERROR', 'a GROUP BY clause is required before HAVING');
    if (core.where !== null && hasAggregate([core.where], this.ctx)) throw new SqliteError('SQLITE_ERROR', `misuse of aggregate function ${firstAggName(core.where)}()`);
    const width = columns.length;
    const distinctEph = core.distinct === 'DISTINCT' ? b.cursor() : -1;
    const collations = resultExprs.map((e) => exprCollation(e, scope)?.coll ?? null);
    if (distinctEph >= 0) b.emit(Op.OpenEphemeral, distinctEph, width, 0, { kind: 'keyInfo', keyInfo: { collations: collations.map((c) => c ?? BINARY), desc: [] } });
    const windowed = hasWindowCall([...resultExprs, ...orderExprs]);
    // The loops may deliver the ORDER BY themselves (an index or rowid order): no sorter then.
    // Not for aggregates or window functions, which reorder rows.
    const order = isAgg || windowed || orderBy === null ? null : orderBy.map((t, i) => ({ expr: orderExprs[i]!, desc: t.direction === 'DESC', nulls: t.nulls }));
    const loops = from.loops(exprs, scope, core.where, order);
    const layout = orderExprs.length > 0 && !loops.ordered ? new SorterLayout(orderExprs.map((e, i) => ({ coll: exprCollation(e, scope)?.coll ?? BINARY, desc: orderBy![i]!.direction === 'DESC', nulls: orderBy![i]!.nulls }))) : null;
    const sorter = layout !== null ? layout.open(b) : -1;
    const keys = b.reg(orderExprs.length);
    const results = b.reg(Math.max(width, 1));
    const output = (ectx: ExprContext, havingDone = false): void => {
      const x = new ExprCompiler(ectx);
      const skip = b.newLabel();
      if (isAgg && core.having !== null && !havingDone) x.codeCondition(core.having, skip);
      resultExprs.forEach((e, i) => x.code(e, results + i));
      if (distinctEph >= 0) {
        b.emit(Op.Found, distinctEph, skip, results, null, width);
        b.emit(Op.IdxInsert, distinctEph, results, width);
      }
      if (layout !== null) {
        orderExprs.forEach((e, i) => x.code(e, keys + i));
        layout.insert(b, sorter, orderExprs.map((_, i) => keys + i), results, width);
      } else {
        emitRow(results, width, skip);
      }
      b.resolve(skip);
    };
    if (windowed && isAgg) {
      const windows = core.windows ?? [];
      const having = core.having !== null ? [core.having] : [];
      const agg = new AggregateQuery(this.ctx, exprs.ctx, groupExprs, [...resultExprs, ...having, ...orderExprs, ...windowSpecExprs([...resultExprs, ...orderExprs], windows)]);
      const aggCtx = agg.outputContext();
      // The window functions see the groups that pass HAVING.
      const groups: RowLoop = {
        emit: (body) => agg.emit(loops, exprs, () => {
          const skip = b.newLabel();
          if (core.having !== null) new ExprCompiler(aggCtx).codeCondition(core.having, skip);
          body();
          b.resolve(skip);
        }),
      };
      new WindowQuery(this.ctx, aggCtx, windows, [...resultExprs, ...orderExprs]).emit(groups, new ExprCompiler(aggCtx), (ectx) => output(ectx, true));
    } else if (windowed) {
      new WindowQuery(this.ctx, exprs.ctx, core.windows ?? [], [...resultExprs, ...orderExprs]).emit(loops, exprs, output);
    } else if (isAgg) {
      const agg = new AggregateQuery(this.ctx, exprs.ctx, groupExprs, [...resultExprs, ...(core.having !== null ? [core.having] : []), ...orderExprs]);
      agg.emit(loops, exprs, () => output(agg.outputContext()));
    } else {
      loops.emit(() => output(exprs.ctx));
    }
    if (layout !== null) layout.emitSorted(b, sorter, width, emitRow);
    return { names: columns.map((c) => c.name), collations, affinities: resultExprs.map((e) => exprAffinity(e, scope)) };
  }

  /** A GROUP BY term: an integer constant K means the K-th result column, as in SQLite; a name no source has may be a result alias. */
  private groupExpr(e: Expr, columns: readonly OutputColumn[], position: number, scope: Scope): Expr {
    if (e.kind === 'column' && e.table === null) {
      const name = e.column.toLowerCase();
      const alias = columns.find((c) => c.name.toLowerCase() === name && !(c.expr.kind === 'column' && c.expr.column.toLowerCase() === name));
      if (alias !== undefined && scope.resolveOrNull(e) === null) return alias.expr;
    }
    if (e.kind !== 'integer') return e;
    const k = Number(e.text);
    if (k < 1 || k > columns.length) throw new SqliteError('SQLITE_ERROR', `${ordinal(position)} GROUP BY term out of range - should be between 1 and ${columns.length}`);
    return columns[k - 1]!.expr;
  }

  private orderExpr(t: OrderingTerm, columns: readonly OutputColumn[], position: number): Expr {
    let e = t.expr;
    const wrap = (inner: Expr): Expr => (t.expr.kind === 'collate' ? { ...t.expr, operand: inner } : inner);
    if (e.kind === 'collate') e = e.operand;
    if (e.kind === 'integer') {
      const k = Number(e.text);
      if (k < 1 || k > columns.length) throw new SqliteError('SQLITE_ERROR', `${ordinal(position)} ORDER BY term out of range - should be between 1 and ${columns.length}`);
      return wrap(columns[k - 1]!.expr);
    }
    if (e.kind === 'column' && e.table === null) {
      const name = e.column.toLowerCase();
      const alias = columns.find((c) => c.name.toLowerCase() === name && c.expr.kind !== 'column');
      if (alias !== undefined) return wrap(alias.expr);
    }
    return t.expr;
  }

  private compileValues(core: ValuesCore, outer: Scope | null, orderBy: readonly OrderingTerm[] | null, emitRow: RowHandler): CoreResult {
    const b = this.ctx.b;
    const width = core.rows[0]!.length;
    const exprs = this.exprCompiler(new Scope([], outer));
    const regs = b.reg(width);
    const names = row0Names(width);
    let layout: SorterLayout | null = null;
    let sorter = -1;
    let keyRegs: number[] = [];
    if (orderBy !== null) {
      // VALUES ... ORDER BY: terms name result columns by number (or columnN).
      const cols = orderBy.map((t, i) => {
        const e = t.expr.kind === 'collate' ? t.expr.operand : t.expr;
        let k = e.kind === 'integer' ? Number(e.text) - 1 : e.kind === 'column' && e.table === null ? names.indexOf(e.column.toLowerCase()) : -1;
        if (e.kind === 'integer' && (k < 0 || k >= width)) throw new SqliteError('SQLITE_ERROR', `${ordinal(i + 1)} ORDER BY term out of range - should be between 1 and ${width}`);
        if (k < 0) throw new SqliteError('SQLITE_ERROR', `${ordinal(i + 1)} ORDER BY term does not match any column in the result set`);
        return k;
      });
      layout = new SorterLayout(orderBy.map((t) => ({ coll: t.expr.kind === 'collate' ? exprCollation(t.expr, new Scope([], null))!.coll : BINARY, desc: t.direction === 'DESC', nulls: t.nulls })));
      sorter = layout.open(b);
      keyRegs = cols.map((k) => regs + k);
    }
    for (const row of core.rows) {
      if (row.length !== width) throw new SqliteError('SQLITE_ERROR', 'all VALUES must have the same number of terms');
      const next = b.newLabel();
      row.forEach((e, i) => exprs.code(e, regs + i));
      if (layout !== null) layout.insert(b, sorter, keyRegs, regs, width);
      else emitRow(regs, width, next);
      b.resolve(next);
    }
    if (layout !== null) layout.emitSorted(b, sorter, width, emitRow);
    return { names, collations: names.map(() => null), affinities: names.map(() => AFF_NONE) };
  }

  private expandColumns(cols: readonly ResultColumn[], sources: readonly Source[], coalesced: FromResult['coalesced']): OutputColumn[] {
    const out: OutputColumn[] = [];
    const starOf = (s: Source, all: boolean): void => {
      s.table.columns.forEach((c, i) => {
        if (all && s.hidden?.has(i) === true) return;
        const ref = columnRef(s.name, c.name);
        const other = all ? coalesced.get(`${s.name}:${i}`) : undefined;
        const expr: Expr = other === undefined ? ref : { kind: 'function', name: 'coalesce', distinct: false, star: false, args: [ref, other], filter: null, over: null, start: 0, end: 0, height: 2 };
        out.push({ expr, name: c.name });
      });
    };
    for (const c of cols) {
      if (c.kind === 'star') {
        if (sources.length === 0) throw new SqliteError('SQLITE_ERROR', 'no tables specified');
        sources.forEach((s) => starOf(s, true));
      } else if (c.kind === 'tableStar') {
        const s = sources.find((x) => x.name === c.table.toLowerCase());
        if (s === undefined) throw new SqliteError('SQLITE_ERROR', `no such table: ${c.table}`);
        starOf(s, false);
      } else {
        out.push({ expr: c.expr, name: c.alias ?? (c.expr.kind === 'column' && !c.expr.doubleQuoted ? c.expr.column : c.span) });
      }
    }
    return out;
  }
}

function row0Names(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `column${i + 1}`);
}

function firstAggName(e: Expr): string {
  if (e.kind === 'function') return e.name;
  return 'count';
}
