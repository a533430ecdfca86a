/**
 * SELECT: FROM (tables, joins as nested loops), WHERE, GROUP BY/HAVING with aggregates
 * (aggregate.ts), DISTINCT, ORDER BY (through a sorter), LIMIT/OFFSET, VALUES, and compound
 * SELECT with UNION ALL and UNION.
 *
 * A SELECT produces rows through `onRow(firstReg, count, done)`: the top-level statement
 * emits ResultRow there, a subquery copies its value out, INSERT ... SELECT inserts. `done`
 * is the label that leaves the SELECT (LIMIT reached, or the consumer has what it needs).
 */
import { BINARY } from '../btree/collation.js';
import { SqliteError } from '../errors.js';
import type { Expr, OrderingTerm, ResultColumn, SelectCore, SelectStmt, ValuesCore } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import { AggregateQuery, hasAggregate } from './aggregate.js';
import { type CompileContext, lookupTable } from './context.js';
import { ExprCompiler, type ExprContext } from './expr.js';
import { exprCollation } from './expr-affinity.js';
import { Scope, type Source } from './scope.js';
import { LoopNest, type LoopSource } from './where.js';

export type RowHandler = (first: number, count: number, done: number) => void;

interface OutputColumn {
  readonly expr: Expr;
  readonly name: string;
}

const ORDINALS = ['th', 'st', 'nd', 'rd'];
function ordinal(n: number): string {
  const v = n % 100;
  return `${n}${ORDINALS[(v - 20) % 10] ?? ORDINALS[v] ?? 'th'}`;
}

export class SelectCompiler {
  constructor(private readonly ctx: CompileContext) {}

  /** Compiles `stmt`; returns its result column names. */
  compile(stmt: SelectStmt, outer: Scope | null, onRow: RowHandler): string[] {
    const b = this.ctx.b;
    if (stmt.with !== null) throw new SqliteError('SQLITE_ERROR', 'WITH is not supported yet');
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
    let names: string[];
    if (stmt.compound.length === 0) {
      names = this.compileCore(stmt.body, outer, stmt.orderBy, final);
    } else {
      names = this.compileCompound(stmt, outer, final);
    }
    b.resolve(done);
    return names;
  }

  private limitRegisters(stmt: SelectStmt, outer: Scope | null, done: number): { limit: number; offset: number } {
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

  private compileCompound(stmt: SelectStmt, outer: Scope | null, final: RowHandler): string[] {
    const b = this.ctx.b;
    const ops = new Set(stmt.compound.map((c) => c.op));
    if (ops.has('INTERSECT') || ops.has('EXCEPT') || ops.size > 1) throw new SqliteError('SQLITE_ERROR', `compound SELECT with ${[...ops].join('/')} is not supported yet`);
    const distinct = ops.has('UNION');
    const cores = [stmt.body, ...stmt.compound.map((c) => c.core)];
    let width = -1;
    let names: string[] = [];
    const eph = b.cursor();
    const sorter = stmt.orderBy !== null ? b.cursor() : -1;
    // Opened before the first core runs; their shape is known once it is compiled.
    const openEph = distinct ? b.emit(Op.OpenEphemeral, eph, 0, 0, { kind: 'keyInfo', keyInfo: { collations: [], desc: [] } }) : -1;
    const openSorter = sorter >= 0 ? b.emit(Op.SorterOpen, sorter, 0, 0, null) : -1;
    let keys: number[] = [];
    cores.forEach((core, i) => {
      const n = this.compileCore(core, outer, null, (first, count, done) => {
        if (i > 0 && count !== width) {
          throw new SqliteError('SQLITE_ERROR', `SELECTs to the left and right of ${stmt.compound[i - 1]!.op} do not have the same number of result columns`);
        }
        if (distinct) b.emit(Op.IdxInsert, eph, first, count);
        else if (sorter >= 0) this.emitSorterInsert(sorter, keys, first, count);
        else final(first, count, done);
      });
      if (i === 0) {
        names = n;
        width = n.length;
        if (openEph >= 0) b.code[openEph]!.p2 = width;
        if (stmt.orderBy !== null) {
          const order = this.compoundOrder(stmt.orderBy, n, stmt.body);
          keys = order.keys;
          b.code[openSorter]!.p2 = keys.length;
          b.code[openSorter]!.p4 = { kind: 'keyInfo', keyInfo: order.keyInfo };
        }
      }
    });
    const end = b.newLabel();
    if (distinct) {
      const out = b.reg(width);
      b.emit(Op.Rewind, eph, end);
      const top = b.addr;
      for (let i = 0; i < width; i++) b.emit(Op.Column, eph, i, out + i);
      if (sorter >= 0) this.emitSorterInsert(sorter, keys, out, width);
      else final(out, width, end);
      b.emit(Op.Next, eph, top);
    }
    b.resolve(end);
    if (sorter >= 0) this.emitSorted(sorter, keys, width, final);
    return names;
  }

  /** Appends [row[keys[0]], row[keys[1]], ..., row...] to the sorter. */
  private emitSorterInsert(sorter: number, keys: readonly number[], first: number, count: number): void {
    const b = this.ctx.b;
    const row = b.reg(keys.length + count);
    keys.forEach((k, i) => b.emit(Op.SCopy, first + k, row + i));
    b.emit(Op.Copy, first, row + keys.length, count - 1);
    b.emit(Op.SorterInsert, sorter, row, keys.length + count);
  }

  /** ORDER BY of a compound: each term names a result column (number, alias or same expression). */
  private compoundOrder(terms: readonly OrderingTerm[], names: string[], first: SelectCore | ValuesCore): { keys: number[]; keyInfo: { collations: typeof BINARY[]; desc: boolean[] } } {
    const keys: number[] = [];
    const collations: (typeof BINARY)[] = [];
    const desc: boolean[] = [];
    terms.forEach((t, i) => {
      let e = t.expr;
      let coll = BINARY;
      if (e.kind === 'collate') {
        coll = exprCollation(e, new Scope([], null))!.coll;
        e = e.operand;
      }
      let k = -1;
      if (e.kind === 'integer') {
        k = Number(e.text) - 1;
        if (k < 0 || k >= names.length) throw new SqliteError('SQLITE_ERROR', `${ordinal(i + 1)} ORDER BY term out of range - should be between 1 and ${names.length}`);
      } else if (e.kind === 'column' && e.table === null) {
        k = names.findIndex((n) => n.toLowerCase() === e.column.toLowerCase());
      }
      if (k < 0 && first.kind === 'selectCore') {
        const text = JSON.stringify(stripSpan(t.expr));
        k = first.columns.findIndex((c) => c.kind === 'expr' && JSON.stringify(stripSpan(c.expr)) === text);
      }
      if (k < 0) throw new SqliteError('SQLITE_ERROR', `${ordinal(i + 1)} ORDER BY term does not match any column in the result set`);
      keys.push(k);
      collations.push(coll);
      desc.push(t.direction === 'DESC');
    });
    return { keys, keyInfo: { collations, desc } };
  }

  /** Reads a sorter whose rows are [keys..., columns...] and passes the columns on. */
  private emitSorted(sorter: number, keys: readonly number[], width: number, final: RowHandler): void {
    const b = this.ctx.b;
    const end = b.newLabel();
    const out = b.reg(width);
    b.emit(Op.SorterSort, sorter, end);
    const top = b.addr;
    for (let i = 0; i < width; i++) b.emit(Op.Column, sorter, keys.length + i, out + i);
    final(out, width, end);
    b.emit(Op.SorterNext, sorter, top);
    b.resolve(end);
  }

  private compileCore(core: SelectCore | ValuesCore, outer: Scope | null, orderBy: readonly OrderingTerm[] | null, emitRow: RowHandler): string[] {
    if (core.kind === 'values') return this.compileValues(core, outer, emitRow);
    const b = this.ctx.b;
    if (core.windows !== null) throw new SqliteError('SQLITE_ERROR', 'window functions are not supported yet');
    const { sources, levels } = this.openSources(core);
    const scope = new Scope(sources, outer);
    const exprs = this.exprCompiler(scope);
    const columns = this.expandColumns(core.columns, sources);
    const resultExprs = columns.map((c) => c.expr);
    const orderExprs = (orderBy ?? []).map((t) => this.orderExpr(t, columns, i18n(orderBy!, t)));
    const groupExprs = (core.groupBy ?? []).map((e, i) => this.groupExpr(e, columns, i + 1));
    const isAgg = core.groupBy !== null || hasAggregate([...resultExprs, ...(core.having !== null ? [core.having] : []), ...orderExprs], this.ctx);
    if (core.having !== null && !isAgg) throw new SqliteError('SQLITE_ERROR', 'a GROUP BY clause is required before HAVING');
    if (core.where !== null && hasAggregate([core.where], this.ctx)) throw new SqliteError('SQLITE_ERROR', `misuse of aggregate function ${firstAggName(core.where)}()`);
    const width = columns.length;
    const distinctEph = core.distinct === 'DISTINCT' ? b.cursor() : -1;
    if (distinctEph >= 0) b.emit(Op.OpenEphemeral, distinctEph, width, 0, { kind: 'keyInfo', keyInfo: { collations: resultExprs.map((e) => exprCollation(e, scope)?.coll ?? BINARY), desc: [] } });
    const sorter = orderExprs.length > 0 ? b.cursor() : -1;
    if (sorter >= 0) {
      const keyInfo = { collations: orderExprs.map((e) => exprCollation(e, scope)?.coll ?? BINARY), desc: orderBy!.map((t) => t.direction === 'DESC') };
      b.emit(Op.SorterOpen, sorter, orderExprs.length, 0, { kind: 'keyInfo', keyInfo });
    }
    // A sorter row is [keys..., results...], so the two register ranges are adjacent.
    const keys = b.reg(orderExprs.length + width);
    const results = keys + orderExprs.length;
    const output = (ectx: ExprContext): void => {
      const x = new ExprCompiler(ectx);
      const skip = b.newLabel();
      if (isAgg && core.having !== null) x.codeCondition(core.having, skip);
      resultExprs.forEach((e, i) => x.code(e, results + i));
      if (distinctEph >= 0) {
        b.emit(Op.Found, distinctEph, skip, results, null, width);
        b.emit(Op.IdxInsert, distinctEph, results, width);
      }
      if (sorter >= 0) {
        orderExprs.forEach((e, i) => x.code(e, keys + i));
        b.emit(Op.SorterInsert, sorter, keys, orderExprs.length + width);
      } else {
        emitRow(results, width, skip);
      }
      b.resolve(skip);
    };
    const loops = new LoopNest(b, exprs, scope, levels, core.where);
    if (isAgg) {
      const agg = new AggregateQuery(this.ctx, exprs.ctx, groupExprs, [...resultExprs, ...(core.having !== null ? [core.having] : []), ...orderExprs]);
      agg.emit(loops, exprs, () => output(agg.outputContext()));
    } else {
      loops.emit(() => output(exprs.ctx));
    }
    if (sorter >= 0) this.emitSorted(sorter, orderExprs.map((_, i) => i), width, emitRow);
    return columns.map((c) => c.name);
  }

  /** A GROUP BY term: an integer constant K means the K-th result column, as in SQLite. */
  private groupExpr(e: Expr, columns: readonly OutputColumn[], position: number): Expr {
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

  private compileValues(core: ValuesCore, outer: Scope | null, emitRow: RowHandler): string[] {
    const b = this.ctx.b;
    const width = core.rows[0]!.length;
    const exprs = this.exprCompiler(new Scope([], outer));
    const regs = b.reg(width);
    for (const row of core.rows) {
      if (row.length !== width) throw new SqliteError('SQLITE_ERROR', 'all VALUES must have the same number of terms');
      const next = b.newLabel();
      row.forEach((e, i) => exprs.code(e, regs + i));
      emitRow(regs, width, next);
      b.resolve(next);
    }
    return row0Names(width);
  }

  private openSources(core: SelectCore): { sources: Source[]; levels: LoopSource[] } {
    const sources: Source[] = [];
    const levels: LoopSource[] = [];
    const from = core.from?.items ?? [];
    from.forEach((item, index) => {
      if (item.source.kind !== 'table') throw new SqliteError('SQLITE_ERROR', 'subqueries in FROM are not supported yet');
      const join = item.join;
      if (join !== null && (join.type === 'right' || join.type === 'full')) throw new SqliteError('SQLITE_ERROR', 'RIGHT and FULL OUTER JOINs are not supported yet');
      if (join?.natural === true || item.using !== null) throw new SqliteError('SQLITE_ERROR', 'NATURAL joins and USING are not supported yet');
      const table = lookupTable(this.ctx, item.source.name, item.source.schema);
      const name = (item.alias ?? item.source.name).toLowerCase();
      if (sources.some((s) => s.name === name)) throw new SqliteError('SQLITE_ERROR', `ambiguous column name: ${name}`);
      const cursor = this.ctx.b.cursor();
      this.ctx.b.emit(Op.OpenRead, cursor, table.rootPage, table.columns.length, null, 0, table.name);
      const source: Source = { table, name, cursor, index };
      sources.push(source);
      levels.push({ source, left: join?.type === 'left', on: item.on !== null ? [item.on] : [] });
    });
    return { sources, levels };
  }

  private expandColumns(cols: readonly ResultColumn[], sources: readonly Source[]): OutputColumn[] {
    const out: OutputColumn[] = [];
    const starOf = (s: Source): void => {
      s.table.columns.forEach((c) => {
        out.push({ expr: columnRef(s.name, c.name), name: c.name });
      });
    };
    for (const c of cols) {
      if (c.kind === 'star') {
        if (sources.length === 0) throw new SqliteError('SQLITE_ERROR', 'no tables specified');
        sources.forEach(starOf);
      } else if (c.kind === 'tableStar') {
        const s = sources.find((x) => x.name === c.table.toLowerCase());
        if (s === undefined) throw new SqliteError('SQLITE_ERROR', `no such table: ${c.table}`);
        starOf(s);
      } else {
        out.push({ expr: c.expr, name: c.alias ?? (c.expr.kind === 'column' && !c.expr.doubleQuoted ? c.expr.column : c.span) });
      }
    }
    return out;
  }
}

function columnRef(table: string, column: string): Expr {
  return { kind: 'column', schema: null, table, column, doubleQuoted: false, start: 0, end: 0, height: 1 };
}

function row0Names(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `column${i + 1}`);
}

function i18n(terms: readonly OrderingTerm[], t: OrderingTerm): number {
  return terms.indexOf(t) + 1;
}

function firstAggName(e: Expr): string {
  if (e.kind === 'function') return e.name;
  return 'count';
}

function stripSpan(e: Expr): unknown {
  return JSON.parse(JSON.stringify(e, (k, v: unknown) => (k === 'start' || k === 'end' ? undefined : v)));
}
