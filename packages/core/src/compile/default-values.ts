/**
 * Column DEFAULT values. CURRENT_TIME / CURRENT_DATE / CURRENT_TIMESTAMP defaults are read from
 * the clock when the row is written (a Function call at run time), so a prepared INSERT reused
 * later stores the time of that run, not of its compilation; other defaults are ordinary
 * expressions.
 */
import { BINARY } from '../btree/collation.js';
import type { Expr } from '../parser/ast.js';
import type { ScalarDef } from '../vdbe/functions/function-def.js';
import { Op } from '../vdbe/opcodes.js';
import type { ExprCompiler } from './expr.js';

type Which = 'CURRENT_TIME' | 'CURRENT_DATE' | 'CURRENT_TIMESTAMP';

function clockDef(which: Which): ScalarDef {
  return {
    name: which.toLowerCase(),
    minArgs: 0,
    maxArgs: 0,
    deterministic: false,
    call: () => {
      const iso = new Date().toISOString();
      const date = iso.slice(0, 10);
      const time = iso.slice(11, 19);
      return which === 'CURRENT_DATE' ? date : which === 'CURRENT_TIME' ? time : `${date} ${time}`;
    },
  };
}

const CLOCK: Record<Which, ScalarDef> = {
  CURRENT_TIME: clockDef('CURRENT_TIME'),
  CURRENT_DATE: clockDef('CURRENT_DATE'),
  CURRENT_TIMESTAMP: clockDef('CURRENT_TIMESTAMP'),
};

/** Emits the value of column default `expr` into `target`. */
export function codeDefault(exprs: ExprCompiler, expr: Expr, target: number): void {
  if (expr.kind === 'currentTime') {
    exprs.ctx.b.emit(Op.Function, 0, 0, target, { kind: 'func', func: CLOCK[expr.which], coll: BINARY }, 0);
    return;
  }
  exprs.code(expr, target);
}
