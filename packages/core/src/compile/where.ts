/**
 * The planner and loop generator: a nested loop per FROM item, in FROM order, each either a
 * full scan, a rowid lookup (`rowid = expr`) or an equality seek on the first column of an
 * index (`col = expr`), with WHERE terms tested at the innermost loop that has everything
 * they reference. LEFT JOIN levels emit a NULL row when no row matched their ON terms.
 *
 * Every term is still tested after a seek: a seek only narrows the rows visited. That keeps
 * correctness independent of the access path, and is where later work plugs in: range seeks,
 * IN lists, multi-column keys, covering indexes and cost-based join order all change only
 * `planLevel`.
 */
import { BINARY } from '../btree/collation.js';
import type { Expr } from '../parser/ast.js';
import { AFF_BLOB, AFF_TEXT, isNumericAffinity } from '../vdbe/affinity.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import type { ExprCompiler } from './expr.js';
import { comparisonAffinity, comparisonCollation } from './expr-affinity.js';
import type { IndexInfo } from './schema.js';
import type { Scope, Source } from './scope.js';
import { forEachChild, hasSubquery, splitAnd } from './walk.js';

export interface LoopSource {
  readonly source: Source;
  readonly left: boolean;
  /** ON terms of a LEFT JOIN level (inner joins put theirs in the WHERE terms). */
  readonly on: readonly Expr[];
}

type Access =
  | { kind: 'scan' }
  | { kind: 'rowid'; key: Expr }
  | { kind: 'index'; index: IndexInfo; cursor: number; key: Expr; affinity: number };

interface Term {
  readonly expr: Expr;
  /** Innermost FROM position it references (-1: none). */
  readonly level: number;
}

/** The highest FROM position of this scope that `e` references. */
function termLevel(e: Expr, scope: Scope, innermost: number): number {
  if (hasSubquery(e)) return innermost;
  let level = -1;
  const visit = (x: Expr): void => {
    if (x.kind === 'column') {
      const r = scope.resolveOrNull(x);
      if (r !== null && r.depth === 0) level = Math.max(level, r.source.index);
      return;
    }
    forEachChild(x, visit);
  };
  visit(e);
  return level;
}

function indexUsable(columnAffinity: number, cmpAffinity: number): boolean {
  if (cmpAffinity === AFF_BLOB) return true;
  if (cmpAffinity === AFF_TEXT) return columnAffinity === AFF_TEXT;
  return isNumericAffinity(cmpAffinity) && isNumericAffinity(columnAffinity);
}

export class LoopNest {
  private readonly access: Access[] = [];
  private readonly terms: Term[][] = [];
  private readonly onTerms: Term[][] = [];

  constructor(
    private readonly b: ProgramBuilder,
    private readonly exprs: ExprCompiler,
    private readonly scope: Scope,
    private readonly levels: readonly LoopSource[],
    where: Expr | null,
  ) {
    const n = levels.length;
    for (let i = 0; i < Math.max(n, 1); i++) {
      this.terms.push([]);
      this.onTerms.push([]);
    }
    for (const expr of splitAnd(where)) {
      const level = termLevel(expr, scope, n - 1);
      this.terms[Math.max(level, 0)]!.push({ expr, level });
    }
    levels.forEach((l, i) => {
      for (const expr of l.on) {
        const t = { expr, level: termLevel(expr, scope, n - 1) };
        // A LEFT JOIN's ON terms belong to its level; an inner join's are WHERE terms.
        if (l.left) this.onTerms[i]!.push(t);
        else this.terms[Math.max(t.level, i)]!.push(t);
      }
    });
    for (let i = 0; i < n; i++) this.access.push(this.planLevel(i));
  }

  private planLevel(i: number): Access {
    const level = this.levels[i]!;
    const candidates = level.left ? this.onTerms[i]! : this.terms[i]!;
    let best: Access = { kind: 'scan' };
    for (const t of candidates) {
      const e = t.expr;
      if (e.kind !== 'binary' || e.op !== '=') continue;
      for (const [col, other] of [[e.left, e.right], [e.right, e.left]] as const) {
        if (col.kind !== 'column') continue;
        const r = this.scope.resolveOrNull(col);
        if (r === null || r.depth !== 0 || r.source !== level.source) continue;
        if (termLevel(other, this.scope, this.levels.length) >= i) continue;
        if (r.column < 0) return { kind: 'rowid', key: other };
        if (best.kind !== 'scan') continue;
        const aff = comparisonAffinity(col, other, this.scope);
        const coll = comparisonCollation(col, other, this.scope);
        const column = level.source.table.columns[r.column]!;
        if (!indexUsable(column.affinity, aff)) continue;
        const index = level.source.table.indexes.find((x) => x.where == null && x.columns[0]!.column === r.column && x.columns[0]!.collation === (coll ?? BINARY));
        if (index === undefined) continue;
        const cursor = this.b.cursor();
        this.b.emit(Op.OpenRead, cursor, index.rootPage, 0, { kind: 'keyInfo', keyInfo: index.keyInfo }, 0, index.name);
        best = { kind: 'index', index, cursor, key: other, affinity: aff };
      }
    }
    return best;
  }

  /** Emits the loops with `body` innermost. */
  emit(body: () => void): void {
    const b = this.b;
    const n = this.levels.length;
    if (n === 0) {
      const skip = b.newLabel();
      for (const t of this.terms[0]!) this.exprs.codeCondition(t.expr, skip);
      body();
      b.resolve(skip);
      return;
    }
    const closers: (() => void)[] = [];
    for (let i = 0; i < n; i++) closers.push(this.openLevel(i));
    body();
    for (let i = n - 1; i >= 0; i--) closers[i]!();
  }

  /** Opens loop level i; returns the function that closes it. */
  private openLevel(i: number): () => void {
    const b = this.b;
    const level = this.levels[i]!;
    const access = this.access[i]!;
    const c = level.source.cursor;
    const end = b.newLabel();
    const cont = b.newLabel();
    const matchReg = level.left ? b.reg() : 0;
    if (level.left) b.emit(Op.Integer, 0, matchReg);
    let top = 0;
    switch (access.kind) {
      case 'scan':
        b.emit(Op.Rewind, c, end);
        top = b.addr;
        break;
      case 'rowid': {
        const key = this.exprs.toReg(access.key);
        b.emit(Op.SeekRowid, c, end, key);
        break;
      }
      case 'index': {
        const key = this.exprs.toReg(access.key);
        if (access.affinity !== AFF_BLOB) b.emit(Op.Affinity, key, 1, 0, { kind: 'affinity', affinities: [access.affinity] });
        b.emit(Op.IsNull, key, end);
        b.emit(Op.SeekGE, access.cursor, end, key, null, 1);
        top = b.addr;
        b.emit(Op.IdxGT, access.cursor, end, key, null, 1);
        const rowid = b.reg();
        b.emit(Op.IdxRowid, access.cursor, rowid);
        b.emit(Op.NotExists, c, cont, rowid);
        break;
      }
    }
    for (const t of this.onTerms[i]!) this.exprs.codeCondition(t.expr, cont);
    if (level.left) b.emit(Op.Integer, 1, matchReg);
    const leftBody = b.newLabel();
    b.resolve(leftBody);
    for (const t of this.terms[i]!) this.exprs.codeCondition(t.expr, cont);
    return () => {
      b.resolve(cont);
      if (access.kind === 'scan') b.emit(Op.Next, c, top);
      else if (access.kind === 'index') b.emit(Op.Next, access.cursor, top);
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
