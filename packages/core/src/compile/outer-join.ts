/**
 * RIGHT and FULL OUTER JOIN (SQLite 3.39's meaning) of FROM item B to the items before it (L),
 * followed by any other joins (R), in two passes over the same cursors:
 *
 *   pass 1   the ordinary nested loops, B joined as INNER (RIGHT) or LEFT (FULL)
 *   pass 2   for each row of B: look for any row of L (L's own join terms applied) that
 *            satisfies B's ON terms; when there is none, put every L cursor on a NULL row and
 *            run R's loops and the WHERE clause for that row of B
 *
 * WHERE never decides whether a B row matched: only the join terms do, as in SQLite. In pass 2
 * each loop nest sees the sources already fixed (B, then L and B) as an enclosing scope, so the
 * loop code treats them as constants. One RIGHT or FULL join per FROM clause.
 */
import type { Expr } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import { ExprCompiler } from './expr.js';
import type { RowLoop } from './from.js';
import { Scope } from './scope.js';
import { LoopNest, type LoopSource } from './where.js';

export class RightJoinLoop implements RowLoop {
  constructor(
    private readonly b: ProgramBuilder,
    private readonly exprs: ExprCompiler,
    private readonly scope: Scope,
    private readonly levels: readonly LoopSource[],
    /** Position of the RIGHT/FULL-joined item. */
    private readonly at: number,
    private readonly where: Expr | null,
    private readonly full: boolean,
  ) {}

  emit(body: () => void): void {
    const b = this.b;
    const k = this.at;
    const right = this.levels[k]!;
    const pass1 = this.levels.map((l, i) => (i === k ? { ...l, left: this.full } : l));
    new LoopNest(b, this.exprs, this.scope, pass1, this.where).emit(body);

    const leftLevels = this.levels.slice(0, k);
    const rest = this.levels.slice(k + 1);
    const outer = this.scope.parent;
    const withScope = (scope: Scope): ExprCompiler => new ExprCompiler({ ...this.exprs.ctx, scope });
    const bScope = new Scope([right.source], outer);
    const lScope = new Scope(leftLevels.map((l) => l.source), bScope);
    // R's sources are renumbered from 0 in a scope of their own (the loop code indexes levels by position).
    const rLevels = rest.map((l, j) => ({ ...l, source: { ...l.source, index: j } }));
    const rScope = new Scope(rLevels.map((l) => l.source), new Scope([...leftLevels.map((l) => l.source), right.source], outer));
    const joinTerms = [...leftLevels.filter((l) => !l.left).flatMap((l) => l.on), ...right.on];
    const leftOnly = leftLevels.map((l) => (l.left ? l : { ...l, on: [] }));
    new LoopNest(b, withScope(bScope), bScope, [{ source: right.source, left: false, on: [] }], null).emit(() => {
      const matched = b.newLabel();
      new LoopNest(b, withScope(lScope), lScope, leftOnly, andAll(joinTerms)).emit(() => {
        b.emit(Op.Goto, 0, matched);
      });
      for (const l of leftLevels) b.emit(Op.NullRow, l.source.cursor);
      new LoopNest(b, withScope(rScope), rScope, rLevels, this.where).emit(body);
      b.resolve(matched);
    });
  }
}

function andAll(terms: readonly Expr[]): Expr | null {
  let out: Expr | null = null;
  for (const t of terms) out = out === null ? t : { kind: 'binary', op: 'AND', left: out, right: t, start: 0, end: 0, height: Math.max(out.height, t.height) + 1 };
  return out;
}
