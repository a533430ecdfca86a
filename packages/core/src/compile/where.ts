/**
 * The loop nest of a query: terms analysed (where-terms.ts), an order and an access path per
 * table chosen (where-plan.ts), then one loop per table, outermost first. Each WHERE term is
 * tested at the first loop where every table it references is available; LEFT JOIN levels
 * emit a NULL row when no row matched their ON terms.
 *
 * Every term is still tested after a seek: an access path only narrows the rows visited.
 * That keeps correctness independent of the path chosen (NULLs, affinity and collation are
 * decided by the comparison itself, the seek only has to never skip a row that could match).
 */
import type { Expr } from '../parser/ast.js';
import { AFF_BLOB } from '../vdbe/affinity.js';
import { Op } from '../vdbe/opcodes.js';
import { ROWID_GE, ROWID_GT, ROWID_LE, ROWID_LT } from '../vdbe/vm-seek.js';
import type { ProgramBuilder } from './builder.js';
import type { ExprCompiler } from './expr.js';
import type { Scope, Source } from './scope.js';
import { describeAccess } from './where-explain.js';
import { type OrderTerm, orderedAccess } from './where-order.js';
import { type AccessPath, enforcedTerms, type LevelPlan, Planner } from './where-plan.js';
import { analyseTerms, bit, type Constraint, isLiteral, literalInList, type WhereTerm } from './where-terms.js';

export interface LoopSource {
  readonly source: Source;
  readonly left: boolean;
  /** ON terms of the join (a LEFT JOIN's narrow only its level; an inner join's are WHERE terms). */
  readonly on: readonly Expr[];
}

/** RowidSeek mode that starts at a bound; RowidCmpJump mode that detects passing it. */
const ROWID_SEEK: Record<string, number> = { gt: ROWID_GT, ge: ROWID_GE, lt: ROWID_LT, le: ROWID_LE };
const ROWID_PAST: Record<string, number> = { lt: ROWID_GE, le: ROWID_GT, gt: ROWID_LE, ge: ROWID_LT };

export class LoopNest {
  readonly plan: readonly LevelPlan[];
  /** Whether the loops deliver the ORDER BY asked for (no sorter needed). */
  readonly ordered: boolean = false;
  private readonly reverse: boolean = false;
  private readonly terms: readonly WhereTerm[];
  /** Terms to test at each loop position (WHERE-like, after the LEFT JOIN match flag). */
  private readonly atPosition: Expr[][] = [];
  /** ON terms of each LEFT JOIN level, by position. */
  private readonly onAtPosition: Expr[][] = [];
  /** Index cursor per position (-1: none). */
  private readonly indexCursor: number[] = [];
  private readonly scope: Scope;

  constructor(
    private readonly b: ProgramBuilder,
    private readonly exprs: ExprCompiler,
    scope: Scope,
    private readonly levels: readonly LoopSource[],
    where: Expr | null,
    order: readonly OrderTerm[] | null = null,
  ) {
    const n = levels.length;
    this.scope = scope;
    this.terms = analyseTerms(scope, n, where, levels);
    const planner = new Planner(
      levels.map((l) => l.source.table),
      levels.map((l) => l.left),
      this.terms,
      b.transaction !== 1,
      scope.parent !== null,
    );
    const plan = planner.plan();
    if (order !== null && plan.length > 0) {
      const o = orderedAccess(levels[plan[0]!.level]!.source, plan[0]!.access, order, scope);
      if (o !== null) {
        plan[0] = { level: plan[0]!.level, access: o.access };
        this.ordered = true;
        this.reverse = o.reverse;
      }
    }
    this.plan = plan;
    const position = new Map<number, number>();
    this.plan.forEach((p, i) => position.set(p.level, i));
    for (let i = 0; i < Math.max(n, 1); i++) {
      this.atPosition.push([]);
      this.onAtPosition.push([]);
    }
    const enforced = new Set<number>();
    for (const p of this.plan) for (const t of enforcedTerms(p.access)) enforced.add(t);
    this.terms.forEach((t, ti) => {
      if (enforced.has(ti)) return;
      // The loop position after which every referenced level is available.
      let at = 0;
      for (let l = 0; l < n; l++) if ((t.mask & bit(l)) !== 0n) at = Math.max(at, position.get(l)!);
      if (t.onLevel >= 0) this.onAtPosition[Math.max(at, position.get(t.onLevel)!)]!.push(t.expr);
      else this.atPosition[at]!.push(t.expr);
    });
    for (const p of this.plan) {
      this.indexCursor.push(this.openIndex(p.access));
      b.queryPlan.push(describeAccess(levels[p.level]!.source, p.access, levels[p.level]!.left));
    }
  }

  private openIndex(access: AccessPath): number {
    if (access.kind !== 'index' && access.kind !== 'auto') return -1;
    const c = this.b.cursor();
    if (access.kind === 'index') {
      const ix = access.index;
      this.b.emit(Op.OpenRead, c, ix.rootPage, 0, { kind: 'keyInfo', keyInfo: ix.keyInfo }, 0, ix.name);
    }
    return c;
  }

  /** Emits the loops with `body` innermost. */
  emit(body: () => void): void {
    const b = this.b;
    const n = this.levels.length;
    if (n === 0) {
      const skip = b.newLabel();
      for (const e of this.atPosition[0]!) this.codeTerm(e, skip);
      body();
      b.resolve(skip);
      return;
    }
    const closers: (() => void)[] = [];
    for (let i = 0; i < n; i++) closers.push(this.openLevel(i));
    body();
    for (let i = n - 1; i >= 0; i--) closers[i]!();
  }

  /**
   * Jumps to `falseLabel` unless term `e` is true. `x IN (literals)` becomes a lookup in a
   * set built once per run (NULL and false both fail a term, so the set may drop NULLs).
   */
  private codeTerm(e: Expr, falseLabel: number): void {
    if (e.kind === 'between' && !e.not) {
      // Two jumps instead of two stored results, an AND and a jump.
      const { operand, low, high, start, end, height } = e;
      this.exprs.codeCondition({ kind: 'binary', op: '>=', left: operand, right: low, start, end, height }, falseLabel);
      this.exprs.codeCondition({ kind: 'binary', op: '<=', left: operand, right: high, start, end, height }, falseLabel);
      return;
    }
    const list = literalInList(e, this.scope);
    if (list === null || e.kind !== 'inList') {
      this.exprs.codeCondition(e, falseLabel);
      return;
    }
    const b = this.b;
    const eph = b.cursor();
    const built = b.newLabel();
    b.emit(Op.Once, 0, built);
    b.emit(Op.OpenEphemeral, eph, 1, 0, { kind: 'keyInfo', keyInfo: { collations: [list.collation], desc: [] } });
    const item = b.reg();
    for (const x of e.list) {
      const skip = b.newLabel();
      this.keyValue(x, list.affinity, item);
      b.emit(Op.IsNull, item, skip);
      b.emit(Op.IdxInsert, eph, item, 1);
      b.resolve(skip);
    }
    b.resolve(built);
    const r = b.reg();
    this.keyValue(e.operand, list.affinity, r);
    b.emit(Op.IsNull, r, falseLabel);
    b.emit(Op.NotFound, eph, falseLabel, r, null, 1);
  }

  /** Codes `c`'s value into a fresh register with the comparison's affinity applied. */
  private keyValue(value: Expr, affinity: number, target: number): void {
    this.exprs.code(value, target);
    if (affinity !== AFF_BLOB) this.b.emit(Op.Affinity, target, 1, 0, { kind: 'affinity', affinities: [affinity] });
  }

  /**
   * Opens a loop over the (affinity-converted, distinct, non-NULL) values of an IN list,
   * leaving each in `target`; returns the label that advances to the next value and the
   * function that closes the loop.
   */
  private openInLoop(c: Constraint, target: number): { next: number; close: () => void } {
    const b = this.b;
    const eph = b.cursor();
    const build = (): void => {
      b.emit(Op.OpenEphemeral, eph, 1, 0, { kind: 'keyInfo', keyInfo: { collations: [c.collation], desc: [] } });
      const r = b.reg();
      for (const item of c.list!) {
        const skip = b.newLabel();
        this.keyValue(item, c.affinity, r);
        b.emit(Op.IsNull, r, skip);
        b.emit(Op.IdxInsert, eph, r, 1);
        b.resolve(skip);
      }
    };
    // Literal lists are built once per run; others may depend on outer rows (this query's
    // or an enclosing one's).
    if (c.list!.every(isLiteral)) {
      const built = b.newLabel();
      b.emit(Op.Once, 0, built);
      build();
      b.resolve(built);
    } else {
      build();
    }
    const end = b.newLabel();
    const next = b.newLabel();
    b.emit(Op.Rewind, eph, end);
    const top = b.addr;
    b.emit(Op.Column, eph, 0, target);
    return {
      next,
      close: () => {
        b.resolve(next);
        b.emit(Op.Next, eph, top);
        b.resolve(end);
      },
    };
  }

  /** Builds the automatic index for `access` (once per statement run). */
  private buildAutoIndex(table: Source, cursor: number, eq: readonly Constraint[], filters: readonly number[]): void {
    const b = this.b;
    const built = b.newLabel();
    b.emit(Op.Once, 0, built);
    const nKey = eq.length;
    b.emit(Op.AutoIdxOpen, cursor, nKey, 0, { kind: 'keyInfo', keyInfo: { collations: eq.map((c) => c.collation), desc: [] } }, 0, `auto-index on ${table.table.name}`);
    const row = b.reg(nKey + 1);
    const end = b.newLabel();
    b.emit(Op.Rewind, table.cursor, end);
    const top = b.addr;
    const skip = b.newLabel();
    for (const t of filters) this.codeTerm(this.terms[t]!.expr, skip);
    eq.forEach((c, i) => {
      b.emit(Op.Column, table.cursor, c.column, row + i);
      // A NULL key never equals anything: leave the row out.
      b.emit(Op.IsNull, row + i, skip);
    });
    b.emit(Op.Rowid, table.cursor, row + nKey);
    b.emit(Op.AutoIdxInsert, cursor, row, nKey + 1);
    b.resolve(skip);
    b.emit(Op.Next, table.cursor, top);
    b.resolve(end);
    b.resolve(built);
  }

  /** Opens loop position `pos`; returns the function that closes it. */
  private openLevel(pos: number): () => void {
    const b = this.b;
    const { level: li, access } = this.plan[pos]!;
    const reverse = pos === 0 && this.reverse;
    const level = this.levels[li]!;
    const c = level.source.cursor;
    const ix = this.indexCursor[pos]!;
    const end = b.newLabel();
    const cont = b.newLabel();
    const matchReg = level.left ? b.reg() : 0;
    if (level.left) b.emit(Op.Integer, 0, matchReg);
    const inLoops: { next: number; close: () => void }[] = [];
    /** Where a seek that finds nothing goes: the next IN value, else the level's end. */
    const exhausted = (): number => (inLoops.length > 0 ? inLoops[inLoops.length - 1]!.next : end);
    let next: (() => void) | null = null;
    switch (access.kind) {
      case 'scan': {
        b.emit(reverse ? Op.Last : Op.Rewind, c, end);
        const top = b.addr;
        next = () => b.emit(reverse ? Op.Prev : Op.Next, c, top);
        break;
      }
      case 'rowid': {
        const key = b.reg();
        if (access.eq.op === 'in') inLoops.push(this.openInLoop(access.eq, key));
        else this.keyValue(access.eq.value!, access.eq.affinity, key);
        b.emit(Op.SeekRowid, c, exhausted(), key);
        break;
      }
      case 'rowidRange': {
        // Forwards: seek the low bound, stop past the high one; backwards the other way.
        const { lo, hi } = access;
        const [startBound, stopBound] = reverse ? [hi, lo] : [lo, hi];
        const stopKey = stopBound !== null ? b.reg() : 0;
        if (stopBound !== null) {
          this.keyValue(stopBound.value!, stopBound.affinity, stopKey);
          b.emit(Op.IsNull, stopKey, end);
        }
        if (startBound !== null) {
          const startKey = b.reg();
          this.keyValue(startBound.value!, startBound.affinity, startKey);
          b.emit(Op.RowidSeek, c, end, startKey, null, ROWID_SEEK[startBound.op]);
        } else {
          b.emit(reverse ? Op.Last : Op.Rewind, c, end);
        }
        const top = b.addr;
        if (stopBound !== null) b.emit(Op.RowidCmpJump, c, end, stopKey, null, ROWID_PAST[stopBound.op]);
        next = () => b.emit(reverse ? Op.Prev : Op.Next, c, top);
        break;
      }
      case 'index':
      case 'auto': {
        if (access.kind === 'auto') this.buildAutoIndex(level.source, ix, access.eq, access.filters);
        const lo = access.kind === 'index' ? access.lo : null;
        const hi = access.kind === 'index' ? access.hi : null;
        const nEq = access.eq.length;
        const key = b.reg(nEq + 1);
        access.eq.forEach((e, i) => {
          if (e.op === 'in') inLoops.push(this.openInLoop(e, key + i));
          else this.keyValue(e.value!, e.affinity, key + i);
        });
        for (let i = 0; i < nEq; i++) if (access.eq[i]!.op !== 'in') b.emit(Op.IsNull, key + i, exhausted());
        // Two keys: [prefix, lo] (or [prefix, NULL] to skip NULLs) and [prefix, hi].
        let hiKey = 0;
        if (hi !== null) {
          hiKey = b.reg(nEq + 1);
          if (nEq > 0) b.emit(Op.Copy, key, hiKey, nEq - 1);
          this.keyValue(hi.value!, hi.affinity, hiKey + nEq);
          b.emit(Op.IsNull, hiKey + nEq, exhausted());
        }
        if (lo !== null) {
          this.keyValue(lo.value!, lo.affinity, key + nEq);
          b.emit(Op.IsNull, key + nEq, exhausted());
        } else if (hi !== null) {
          // No comparison with an upper bound is true for NULL: keep clear of the NULLs.
          b.emit(Op.Null, 0, key + nEq);
        }
        const bounded = lo !== null || hi !== null;
        let top: number;
        const stop = (): number => exhausted();
        if (!reverse) {
          if (bounded) b.emit(lo === null || lo.op === 'gt' ? Op.SeekGT : Op.SeekGE, ix, stop(), key, null, nEq + 1);
          else if (nEq > 0) b.emit(Op.SeekGE, ix, stop(), key, null, nEq);
          else b.emit(Op.Rewind, ix, stop());
          top = b.addr;
          if (hi !== null) b.emit(hi.op === 'lt' ? Op.IdxGE : Op.IdxGT, ix, stop(), hiKey, null, nEq + 1);
          else if (nEq > 0) b.emit(Op.IdxGT, ix, stop(), key, null, nEq);
        } else {
          if (hi !== null) b.emit(hi.op === 'lt' ? Op.SeekLT : Op.SeekLE, ix, stop(), hiKey, null, nEq + 1);
          else if (nEq > 0) b.emit(Op.SeekLE, ix, stop(), key, null, nEq);
          else b.emit(Op.Last, ix, stop());
          top = b.addr;
          if (bounded) b.emit(lo === null || lo.op === 'gt' ? Op.IdxLE : Op.IdxLT, ix, stop(), key, null, nEq + 1);
          else if (nEq > 0) b.emit(Op.IdxLT, ix, stop(), key, null, nEq);
        }
        const rowid = b.reg();
        if (access.kind === 'auto') b.emit(Op.Column, ix, nEq, rowid);
        else b.emit(Op.IdxRowid, ix, rowid);
        b.emit(Op.NotExists, c, cont, rowid);
        next = () => b.emit(reverse ? Op.Prev : Op.Next, ix, top);
        break;
      }
    }
    for (const e of this.onAtPosition[pos]!) this.codeTerm(e, cont);
    if (level.left) b.emit(Op.Integer, 1, matchReg);
    const leftBody = b.newLabel();
    b.resolve(leftBody);
    for (const e of this.atPosition[pos]!) this.codeTerm(e, cont);
    return () => {
      b.resolve(cont);
      if (next !== null) next();
      for (let i = inLoops.length - 1; i >= 0; i--) inLoops[i]!.close();
      b.resolve(end);
      if (level.left) {
        const done = b.newLabel();
        b.emit(Op.IfPos, matchReg, done, 0);
        b.emit(Op.NullRow, c);
        b.emit(Op.Integer, 1, matchReg);
        b.emit(Op.Goto, 0, leftBody);
        b.resolve(done);
      }
    };
  }
}
