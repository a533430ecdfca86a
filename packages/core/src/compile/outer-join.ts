/**
 * RIGHT and FULL OUTER JOIN of the last FROM item B to everything before it (L), with SQLite
 * 3.39's meaning, in two passes over the same cursors:
 *
 *   pass 1   the ordinary nested loops, B joined as INNER (RIGHT) or LEFT (FULL)
 *   pass 2   for each row of B: look for any row of L (L's own join terms applied) that
 *            satisfies B's ON terms; when there is none, emit B's row with every L cursor on
 *            a NULL row, if the WHERE clause accepts it
 *
 * WHERE never decides whether a B row matched: only the join terms do, as in SQLite.
 */
import type { Expr } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import { ExprCompiler } from './expr.js';
import type { RowLoop } from './from.js';
import { Scope } from './scope.js';
import { splitAnd } from './walk.js';
import { LoopNest, type LoopSource } from './where.js';

export class RightJoinLoop implements RowLoop {
  constructor(
    private readonly b: ProgramBuilder,
    private readonly exprs: ExprCompiler,
    private readonly scope: Scope,
    private readonly levels: readonly LoopSource[],
    private readonly where: Expr | null,
    private readonly full: boolean,
  ) {}

  emit(body: () => void): void {
    const b = this.b;
    const n = this.levels.length;
    const last = this.levels[n - 1]!;
    const pass1 = this.levels.map((l, i) => (i === n - 1 ? { ...l, left: this.full } : l));
    new LoopNest(b, this.exprs, this.scope, pass1, this.where).emit(body);

    const leftLevels = this.levels.slice(0, n - 1);
    // In the search for a match, B's columns are fixed: B sits in a scope of its own outside L's.
    const bScope = new Scope([last.source], this.scope.parent);
    const lScope = new Scope(leftLevels.map((l) => l.source), bScope);
    const lExprs = new ExprCompiler({ ...this.exprs.ctx, scope: lScope });
    const bExprs = new ExprCompiler({ ...this.exprs.ctx, scope: bScope });
    const joinTerms = [...leftLevels.filter((l) => !l.left).flatMap((l) => l.on), ...last.on];
    const leftOnly = leftLevels.map((l) => (l.left ? l : { ...l, on: [] }));
    const bLevel: LoopSource = { source: last.source, left: false, on: [] };
    new LoopNest(b, bExprs, bScope, [bLevel], null).emit(() => {
      const matched = b.newLabel();
      const unmatched = b.newLabel();
      new LoopNest(b, lExprs, lScope, leftOnly, andAll(joinTerms)).emit(() => {
        b.emit(Op.Goto, 0, matched);
      });
      b.emit(Op.Goto, 0, unmatched);
      b.resolve(unmatched);
      for (const l of leftLevels) b.emit(Op.NullRow, l.source.cursor);
      for (const t of splitAnd(this.where)) this.exprs.codeCondition(t, matched);
      body();
      b.resolve(matched);
    });
  }
}

function andAll(terms: readonly Expr[]): Expr | null {
  let out: Expr | null = null;
  for (const t of terms) out = out === null ? t : { kind: 'binary', op: 'AND', left: out, right: t, start: 0, end: 0, height: Math.max(out.height, t.height) + 1 };
  return out;
}
