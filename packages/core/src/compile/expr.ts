/**
 * Expression code generation: `code(e, target)` emits instructions leaving the value of `e`
 * in register `target`; `codeCondition(e, falseLabel)` jumps to `falseLabel` when `e` is false
 * or NULL (WHERE, ON, HAVING, CASE).
 *
 * The context decides what column references and aggregate calls mean: normally a Column read
 * from the source's cursor; in the output phase of an aggregate query, registers holding the
 * aggregate results and the captured values of bare columns (aggregate.ts).
 *
 * Subqueries are compiled inline through `subquery`, so a correlated reference simply reads
 * the outer cursor's current row.
 */
import { BINARY } from '../btree/collation.js';
import { SqliteError } from '../errors.js';
import { intValue, realValue, type SqlValue } from '../format/sql-value.js';
import type { BinaryExpr, Expr, FunctionCall, SelectStmt } from '../parser/ast.js';
import { AFF_BLOB, AFF_NONE, AFF_REAL, affinityOfType } from '../vdbe/affinity.js';
import type { FunctionRegistry } from '../vdbe/functions/registry.js';
import { CMP_NULLEQ, CMP_STOREP2, Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import { booleanKeyword, combineAffinity, comparisonAffinity, comparisonCollation, exprAffinity, exprCollation, type SubqueryTraits } from './expr-affinity.js';
import { inListComparison } from './in-list-affinity.js';
import type { Schema } from './schema.js';
import { probeScope } from './subquery-once.js';
import { selectColumnTraits } from './subquery-column.js';
import { emitRaise } from './raise.js';
import type { ResolvedColumn, Scope } from './scope.js';

const MAX_INT64 = 0x7fffffffffffffffn;

/** Runs a SELECT inline, calling `onRow(firstReg, count, done)` for each row (`done`: label to leave). */
export type SubqueryRunner = (select: SelectStmt, scope: Scope, onRow: (first: number, count: number, done: number) => void) => void;

export interface ExprContext {
  readonly b: ProgramBuilder;
  readonly scope: Scope;
  readonly functions: FunctionRegistry;
  readonly subquery: SubqueryRunner;
  /** Output phase of an aggregate query: aggregate call -> register with its result. */
  readonly aggResults?: Map<FunctionCall, number>;
  /** Output phase of an aggregate query: "cursor:column" -> register with the captured value. */
  readonly capturedColumns?: Map<string, number>;
  /** The schema, for the affinity of subquery result columns (IN, scalar comparisons). */
  readonly schema?: Schema;
}

export function columnKey(r: ResolvedColumn): string {
  return `${r.source.cursor}:${r.column}`;
}

/** The value of an integer literal: INTEGER, or REAL when beyond 64 bits ("9223372036854775808"). */
export function integerLiteral(text: string, negate: boolean): SqlValue {
  if (/^0x/i.test(text)) {
    const v = BigInt.asIntN(64, BigInt(text));
    return intValue(negate ? BigInt.asIntN(64, -v) : v);
  }
  let big = BigInt(text);
  if (negate) big = -big;
  if (big > MAX_INT64 || big < -MAX_INT64 - 1n) return realValue(Number(negate ? `-${text}` : text));
  return intValue(big);
}

const ARITH: Partial<Record<BinaryExpr['op'], number>> = {
  '+': Op.Add, '-': Op.Subtract, '*': Op.Multiply, '/': Op.Divide, '%': Op.Remainder,
  '||': Op.Concat, '&': Op.BitAnd, '|': Op.BitOr, '<<': Op.ShiftLeft, '>>': Op.ShiftRight,
};

const COMPARE: Partial<Record<BinaryExpr['op'], number>> = {
  '=': Op.Eq, '!=': Op.Ne, '<': Op.Lt, '<=': Op.Le, '>': Op.Gt, '>=': Op.Ge, IS: Op.Eq, 'IS NOT': Op.Ne,
};

export function isAggregateCall(e: FunctionCall, functions: FunctionRegistry): boolean {
  const argc = e.star ? 0 : e.args.length;
  if (functions.scalar(e.name, argc) !== undefined) return false;
  return functions.aggregate(e.name, argc) !== undefined || (e.star && e.name.toLowerCase() === 'count');
}

export class ExprCompiler {
  /** Resolves a subquery's result-column affinity and collation when the schema is known. */
  private readonly subqueryTraits: SubqueryTraits | undefined;

  constructor(readonly ctx: ExprContext) {
    const schema = ctx.schema;
    if (schema === undefined) return;
    const traits: SubqueryTraits = (select, scope) =>
      selectColumnTraits(select, schema, (e) => {
        try {
          return { affinity: exprAffinity(e, scope, traits), collation: exprCollation(e, scope, traits) };
        } catch {
          return { affinity: AFF_NONE, collation: null }; // an unknown name: compiling reports it
        }
      });
    this.subqueryTraits = traits;
  }

  /** Evaluates `e` into a fresh register. */
  toReg(e: Expr): number {
    const r = this.ctx.b.reg();
    this.code(e, r);
    return r;
  }

  code(e: Expr, target: number): void {
    const b = this.ctx.b;
    switch (e.kind) {
      case 'integer': {
        const v = integerLiteral(e.text, false);
        if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 2 ** 31) b.emit(Op.Integer, v, target);
        else if (typeof v === 'number' && !Number.isInteger(v)) b.emitValue(Op.Real, v, target);
        else if (typeof v === 'object') b.emitValue(Op.Real, v, target);
        else b.emit(Op.Integer, 0, target, 0, { kind: 'value', value: v });
        return;
      }
      case 'real':
        b.emitValue(Op.Real, realValue(Number(e.text)), target);
        return;
      case 'string':
        b.emitValue(Op.String8, e.value, target);
        return;
      case 'blob':
        b.emitValue(Op.Blob, e.bytes, target);
        return;
      case 'null':
        b.emit(Op.Null, 0, target);
        return;
      case 'param':
        b.emit(Op.Variable, e.index, target);
        return;
      case 'column':
        this.codeColumn(e, target);
        return;
      case 'unary':
        this.codeUnary(e, target);
        return;
      case 'binary':
        this.codeBinary(e, target);
        return;
      case 'collate':
        this.code(e.operand, target);
        return;
      case 'cast':
        this.code(e.operand, target);
        b.emit(Op.Cast, target, affinityOfType(e.typeName));
        return;
      case 'nullTest': {
        const yes = b.newLabel();
        const r = this.toReg(e.operand);
        b.emit(Op.Integer, 1, target);
        b.emit(e.not ? Op.NotNull : Op.IsNull, r, yes);
        b.emit(Op.Integer, 0, target);
        b.resolve(yes);
        return;
      }
      case 'between': {
        const ge: BinaryExpr = { kind: 'binary', op: '>=', left: e.operand, right: e.low, start: e.start, end: e.end, height: e.height };
        const le: BinaryExpr = { kind: 'binary', op: '<=', left: e.operand, right: e.high, start: e.start, end: e.end, height: e.height };
        this.codeBinary({ kind: 'binary', op: 'AND', left: ge, right: le, start: e.start, end: e.end, height: e.height }, target);
        if (e.not) b.emit(Op.Not, target, target);
        return;
      }
      case 'like':
        this.codeLike(e, target);
        return;
      case 'inList':
        this.codeInList(e.operand, e.list, target);
        if (e.not) b.emit(Op.Not, target, target);
        return;
      case 'inSelect':
        this.codeInSelect(e.operand, e.select, target);
        if (e.not) b.emit(Op.Not, target, target);
        return;
      case 'exists':
        this.codeSubqueryOnce(target, (probe, value) => {
          b.emit(Op.Integer, 0, value);
          this.ctx.subquery(e.select, probe, (_first, _n, done) => {
            b.emit(Op.Integer, 1, value);
            b.emit(Op.Goto, 0, done);
          });
        });
        return;
      case 'subquery':
        this.codeSubqueryOnce(target, (probe, value) => {
          b.emit(Op.Null, 0, value);
          this.ctx.subquery(e.select, probe, (first, n, done) => {
            if (n !== 1) throw new SqliteError('SQLITE_ERROR', `sub-select returns ${n} columns - expected 1`);
            b.emit(Op.SCopy, first, value);
            b.emit(Op.Goto, 0, done);
          });
        });
        return;
      case 'case':
        this.codeCase(e.operand, e.whens, e.else, target);
        return;
      case 'function':
        this.codeFunction(e, target);
        return;
      case 'currentTime':
        // Evaluated when the statement runs (SQLite's per-step 'now'), not when compiled.
        this.codeFunction({ kind: 'function', name: e.which.toLowerCase(), distinct: false, star: false, args: [], filter: null, over: null, start: e.start, end: e.end, height: e.height }, target);
        return;
      case 'raise':
        emitRaise(b, e, target);
        return;
      case 'vector':
        throw new SqliteError('SQLITE_ERROR', 'row value misused');
      case 'inTable': {
        // `x IN t` means `x IN (SELECT * FROM t)` (t a table, view or CTE).
        if (e.args !== null) throw new SqliteError('SQLITE_ERROR', `no such table-valued function: ${e.table}`);
        const at = { start: e.start, end: e.end };
        const select: SelectStmt = {
          kind: 'select', with: null, compound: [], orderBy: null, limit: null, ...at,
          body: { kind: 'selectCore', distinct: null, columns: [{ kind: 'star', ...at }], from: { items: [{ join: null, source: { kind: 'table', schema: e.schema, name: e.table }, alias: null, indexed: null, on: null, using: null, ...at }] }, where: null, groupBy: null, having: null, windows: null, ...at },
        };
        this.codeInSelect(e.operand, select, target);
        if (e.not) b.emit(Op.Not, target, target);
        return;
      }
    }
  }

  /**
   * A scalar or EXISTS subquery whose code `body` leaves its value in a register: computed
   * once per run into a register of its own unless it turns out correlated (then the Once
   * guard becomes a Noop and it is computed at every evaluation, as before).
   */
  private codeSubqueryOnce(target: number, body: (scope: Scope, value: number) => void): void {
    const b = this.ctx.b;
    const probe = probeScope(this.ctx.scope);
    const value = b.reg();
    const built = b.newLabel();
    const once = b.emit(Op.Once, 0, built);
    body(probe.scope, value);
    b.resolve(built);
    if (probe.correlated()) {
      const ins = b.code[once]!;
      ins.opcode = Op.Noop;
      ins.p2 = 0;
    }
    b.emit(Op.SCopy, value, target);
  }

  /** Jumps to `falseLabel` unless `e` is true. */
  codeCondition(e: Expr, falseLabel: number): void {
    if (e.kind === 'binary' && e.op === 'AND') {
      this.codeCondition(e.left, falseLabel);
      this.codeCondition(e.right, falseLabel);
      return;
    }
    const r = this.toReg(e);
    this.ctx.b.emit(Op.IfNot, r, falseLabel, 1);
  }

  private codeColumn(e: Extract<Expr, { kind: 'column' }>, target: number): void {
    const b = this.ctx.b;
    const keyword = booleanKeyword(e, this.ctx.scope);
    if (keyword !== null) {
      b.emit(Op.Integer, keyword, target);
      return;
    }
    const r = this.ctx.scope.resolve(e);
    if (r === null) {
      // An unmatched "double-quoted" identifier is a string literal, as in SQLite.
      b.emitValue(Op.String8, e.column, target);
      return;
    }
    const captured = this.ctx.capturedColumns?.get(columnKey(r));
    if (captured !== undefined) {
      b.emit(Op.SCopy, captured, target);
      return;
    }
    const partner = e.table === null ? r.source.coalesce?.get(r.column) : undefined;
    if (partner !== undefined) {
      // The USING column of a RIGHT/FULL join: coalesce(left, right) (compile/from.ts).
      const done = b.newLabel();
      b.emit(Op.Column, r.source.cursor, r.column, target);
      b.emit(Op.NotNull, target, done);
      b.emit(Op.Column, partner.cursor, partner.column, target);
      b.resolve(done);
      return;
    }
    if (r.column < 0) {
      b.emit(Op.Rowid, r.source.cursor, target);
      return;
    }
    const col = r.source.table.columns[r.column]!;
    const dflt = col.defaultExpr !== null ? constantValue(col.defaultExpr) : null;
    b.emit(Op.Column, r.source.cursor, r.column, target, dflt === null ? null : { kind: 'value', value: dflt }, 0, `${r.source.table.name}.${col.name}`);
    // SQLite may store a REAL column's integral values as integers: they read back as REAL.
    if (col.affinity === AFF_REAL && r.source.table.rootPage > 0) b.emit(Op.RealAffinity, target);
  }

  private codeUnary(e: Extract<Expr, { kind: 'unary' }>, target: number): void {
    const b = this.ctx.b;
    if (e.op === '-' && e.operand.kind === 'integer') {
      const v = integerLiteral(e.operand.text, true);
      if (typeof v === 'number' && Number.isInteger(v)) b.emit(Op.Integer, v, target);
      else if (typeof v === 'bigint') b.emit(Op.Integer, 0, target, 0, { kind: 'value', value: v });
      else b.emitValue(Op.Real, v, target);
      return;
    }
    if (e.op === '-' && e.operand.kind === 'real') {
      b.emitValue(Op.Real, realValue(-Number(e.operand.text)), target);
      return;
    }
    switch (e.op) {
      case '+':
        this.code(e.operand, target);
        return;
      case '-': {
        const r = this.toReg(e.operand);
        const zero = b.reg();
        b.emit(Op.Integer, 0, zero);
        b.emit(Op.Subtract, r, zero, target);
        return;
      }
      case '~':
        b.emit(Op.BitNot, this.toReg(e.operand), target);
        return;
      case 'NOT':
        b.emit(Op.Not, this.toReg(e.operand), target);
        return;
    }
  }

  private codeBinary(e: BinaryExpr, target: number): void {
    const b = this.ctx.b;
    if (e.op === 'AND' || e.op === 'OR') {
      const l = this.toReg(e.left);
      const r = this.toReg(e.right);
      b.emit(e.op === 'AND' ? Op.And : Op.Or, l, r, target);
      return;
    }
    if ((e.op === 'IS' || e.op === 'IS NOT') && e.right.kind === 'column' && !e.right.doubleQuoted && e.right.table === null) {
      // x IS TRUE / IS FALSE (TRUE and FALSE parse as column names unless a column has the name).
      const name = e.right.column.toLowerCase();
      if ((name === 'true' || name === 'false') && this.ctx.scope.resolveOrNull(e.right) === null) {
        const mode = (name === 'true' ? 0 : 1) + (e.op === 'IS NOT' ? 2 : 0);
        b.emit(Op.IsTrue, this.toReg(e.left), target, mode);
        return;
      }
    }
    if (e.op === '->' || e.op === '->>') {
      // The JSON operators are the functions '->' and '->>' (names SQL cannot spell).
      this.codeFunction({ kind: 'function', name: e.op, distinct: false, star: false, args: [e.left, e.right], filter: null, over: null, start: e.start, end: e.end, height: e.height }, target);
      return;
    }
    const arith = ARITH[e.op];
    if (arith !== undefined) {
      const l = this.toReg(e.left);
      const r = this.toReg(e.right);
      if (arith === Op.BitAnd || arith === Op.BitOr) b.emit(arith, l, r, target);
      else b.emit(arith, r, l, target);
      return;
    }
    const cmp = COMPARE[e.op];
    if (cmp !== undefined) {
      this.codeCompare(cmp, e.left, e.right, target, e.op === 'IS' || e.op === 'IS NOT');
      return;
    }
    throw new SqliteError('SQLITE_ERROR', `operator ${e.op} is not supported yet`);
  }

  /** r[target] = left <cmp> right as 1/0/NULL. */
  codeCompare(opcode: number, left: Expr, right: Expr, target: number, nullEq = false): void {
    const b = this.ctx.b;
    const l = this.toReg(left);
    const r = this.toReg(right);
    const aff = comparisonAffinity(left, right, this.ctx.scope, this.subqueryTraits);
    const coll = comparisonCollation(left, right, this.ctx.scope, this.subqueryTraits);
    b.emit(opcode, r, target, l, coll === null ? null : { kind: 'coll', coll }, aff | CMP_STOREP2 | (nullEq ? CMP_NULLEQ : 0));
  }

  private codeLike(e: Extract<Expr, { kind: 'like' }>, target: number): void {
    const name = e.op.toLowerCase();
    const args = e.escape !== null ? [e.right, e.left, e.escape] : [e.right, e.left];
    const call: FunctionCall = { kind: 'function', name, distinct: false, star: false, args, filter: null, over: null, start: e.start, end: e.end, height: e.height };
    this.codeFunction(call, target);
    if (e.not) this.ctx.b.emit(Op.Not, target, target);
  }

  private codeInList(operand: Expr, list: readonly Expr[], target: number): void {
    const b = this.ctx.b;
    b.emit(Op.Integer, 0, target);
    if (list.length === 0) return;
    // Unlike `=`, IN compares under the left operand's affinity and collation only.
    const t = b.reg();
    const lhs = this.toReg(operand);
    const { affinity, collation } = inListComparison(operand, this.ctx.scope);
    for (const item of list) {
      b.emit(Op.Eq, this.toReg(item), t, lhs, { kind: 'coll', coll: collation }, affinity | CMP_STOREP2);
      b.emit(Op.Or, target, t, target);
    }
  }

  /**
   * `x IN (SELECT ...)`: the subquery's values go into a set once per run (every evaluation
   * when the subquery is correlated), converted by the comparison's affinity; then x is
   * looked up. Three-valued as a chain of x = v OR ...: false for an empty set, NULL for a
   * NULL x or when x is not found and the set had a NULL, else whether x was found.
   */
  private codeInSelect(operand: Expr, select: SelectStmt, target: number): void {
    const b = this.ctx.b;
    // The left operand against the subquery's result column, as for `=` (affinity and
    // collation of both sides; an explicit COLLATE on either wins).
    const scope = this.ctx.scope;
    const rhs = this.subqueryTraits?.(select, scope) ?? { affinity: AFF_NONE, collation: null };
    const aff = combineAffinity(exprAffinity(operand, scope, this.subqueryTraits), rhs.affinity);
    const lcoll = exprCollation(operand, scope, this.subqueryTraits);
    const coll = (lcoll?.explicit ? lcoll.coll : rhs.collation?.explicit ? rhs.collation.coll : (lcoll?.coll ?? rhs.collation?.coll)) ?? BINARY;
    const set = b.cursor();
    const seen = b.reg(); // any row (NULL included)
    const hasNull = b.reg();
    const probe = probeScope(this.ctx.scope);
    const built = b.newLabel();
    const once = b.emit(Op.Once, 0, built);
    b.emit(Op.OpenEphemeral, set, 1, 0, { kind: 'keyInfo', keyInfo: { collations: [coll], desc: [] } });
    b.emit(Op.Integer, 0, seen);
    b.emit(Op.Integer, 0, hasNull);
    const v = b.reg();
    this.ctx.subquery(select, probe.scope, (first, count) => {
      if (count !== 1) throw new SqliteError('SQLITE_ERROR', `sub-select returns ${count} columns - expected 1`);
      const next = b.newLabel();
      const notNull = b.newLabel();
      b.emit(Op.Integer, 1, seen);
      b.emit(Op.SCopy, first, v);
      if (aff > AFF_BLOB) b.emit(Op.Affinity, v, 1, 0, { kind: 'affinity', affinities: [aff] });
      b.emit(Op.NotNull, v, notNull);
      b.emit(Op.Integer, 1, hasNull);
      b.emit(Op.Goto, 0, next);
      b.resolve(notNull);
      b.emit(Op.IdxInsert, set, v, 1);
      b.resolve(next);
    });
    b.resolve(built);
    if (probe.correlated()) {
      const ins = b.code[once]!;
      ins.opcode = Op.Noop;
      ins.p2 = 0;
    }
    const done = b.newLabel();
    const notFound = b.newLabel();
    const lhs = b.reg();
    b.emit(Op.Integer, 0, target);
    b.emit(Op.IfNot, seen, done);
    this.code(operand, lhs);
    if (aff > AFF_BLOB) b.emit(Op.Affinity, lhs, 1, 0, { kind: 'affinity', affinities: [aff] });
    b.emit(Op.Null, 0, target);
    b.emit(Op.IsNull, lhs, done);
    b.emit(Op.NotFound, set, notFound, lhs, null, 1);
    b.emit(Op.Integer, 1, target);
    b.emit(Op.Goto, 0, done);
    b.resolve(notFound);
    b.emit(Op.If, hasNull, done);
    b.emit(Op.Integer, 0, target);
    b.resolve(done);
  }

  private codeCase(operand: Expr | null, whens: readonly { when: Expr; then: Expr }[], elseExpr: Expr | null, target: number): void {
    const b = this.ctx.b;
    const end = b.newLabel();
    const base = operand === null ? 0 : this.toReg(operand);
    for (const w of whens) {
      const next = b.newLabel();
      if (operand === null) {
        this.codeCondition(w.when, next);
      } else {
        const r = this.toReg(w.when);
        const t = b.reg();
        const aff = comparisonAffinity(operand, w.when, this.ctx.scope, this.subqueryTraits);
        const coll = comparisonCollation(operand, w.when, this.ctx.scope);
        b.emit(Op.Eq, r, t, base, coll === null ? null : { kind: 'coll', coll }, aff | CMP_STOREP2);
        b.emit(Op.IfNot, t, next, 1);
      }
      this.code(w.then, target);
      b.emit(Op.Goto, 0, end);
      b.resolve(next);
    }
    if (elseExpr !== null) this.code(elseExpr, target);
    else b.emit(Op.Null, 0, target);
    b.resolve(end);
  }

  private codeFunction(e: FunctionCall, target: number): void {
    const b = this.ctx.b;
    const fns = this.ctx.functions;
    const argc = e.star ? 0 : e.args.length;
    const name = e.name.toLowerCase();
    if (e.over !== null) {
      // Window calls are computed by compile/window.ts; here they are a register.
      const reg = this.ctx.aggResults?.get(e);
      if (reg === undefined) throw new SqliteError('SQLITE_ERROR', `misuse of window function ${e.name}()`);
      b.emit(Op.SCopy, reg, target);
      return;
    }
    if (isAggregateCall(e, fns)) {
      const reg = this.ctx.aggResults?.get(e);
      if (reg === undefined) throw new SqliteError('SQLITE_ERROR', `misuse of aggregate function ${e.name}()`);
      b.emit(Op.SCopy, reg, target);
      return;
    }
    if (e.distinct || e.star) throw new SqliteError('SQLITE_ERROR', fns.exists(name) ? `wrong number of arguments to function ${e.name}()` : `no such function: ${e.name}`);
    if ((name === 'iif' || name === 'if') && argc >= 2) {
      // if(c1, v1, c2, v2, ..., [else]) is CASE WHEN c1 THEN v1 ... so untaken arms never run.
      const whens: { when: Expr; then: Expr }[] = [];
      for (let i = 0; i + 1 < argc; i += 2) whens.push({ when: e.args[i]!, then: e.args[i + 1]! });
      this.codeCase(null, whens, argc % 2 === 1 ? e.args[argc - 1]! : null, target);
      return;
    }
    const def = fns.scalar(name, argc);
    if (def === undefined) {
      throw new SqliteError('SQLITE_ERROR', fns.exists(name) ? `wrong number of arguments to function ${e.name}()` : `no such function: ${e.name}`);
    }
    const first = b.reg(Math.max(argc, 1));
    for (let i = 0; i < argc; i++) this.code(e.args[i]!, first + i);
    let coll = BINARY;
    for (const a of e.args) {
      const c = comparisonCollation(a, a, this.ctx.scope);
      if (c !== null) {
        coll = c;
        break;
      }
    }
    const jsonArgs = jsonArgMask(e.args, fns);
    b.emit(Op.Function, 0, first, target, jsonArgs === 0 ? { kind: 'func', func: def, coll } : { kind: 'func', func: def, coll, jsonArgs }, argc);
  }
}

/** Bit i set when argument i is a JSON function's result (SQLite's JSON subtype). */
export function jsonArgMask(args: readonly Expr[], fns: FunctionRegistry): number {
  let mask = 0;
  for (let i = 0; i < args.length && i < 31; i++) {
    const a = args[i]!;
    const isJson = a.kind === 'function' ? fns.returnsJson(a.name, a.star ? 0 : a.args.length) : a.kind === 'binary' && a.op === '->';
    if (isJson) mask |= 1 << i;
  }
  return mask;
}

/** The value of a constant expression (DEFAULT clauses); null if it is not a simple constant. */
export function constantValue(e: Expr): SqlValue {
  switch (e.kind) {
    case 'integer':
      return integerLiteral(e.text, false);
    case 'real':
      return realValue(Number(e.text));
    case 'string':
      return e.value;
    case 'blob':
      return e.bytes;
    case 'unary':
      if (e.op === '-' && e.operand.kind === 'integer') return integerLiteral(e.operand.text, true);
      if (e.op === '-' && e.operand.kind === 'real') return realValue(-Number(e.operand.text));
      if (e.op === '+') return constantValue(e.operand);
      return null;
    case 'currentTime':
      return currentTime(e.which);
    default:
      return null;
  }
}

function currentTime(which: 'CURRENT_TIME' | 'CURRENT_DATE' | 'CURRENT_TIMESTAMP'): string {
  const iso = new Date().toISOString();
  const date = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  return which === 'CURRENT_DATE' ? date : which === 'CURRENT_TIME' ? time : `${date} ${time}`;
}
