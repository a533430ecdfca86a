/**
 * Walking expression trees without entering subqueries (their names resolve in their own
 * scope). The parser bounds expression height (1000), so recursion here is bounded.
 */
import type { Expr } from '../parser/ast.js';

/** Calls `fn` on each direct child expression of `e` (not inside subqueries). */
export function forEachChild(e: Expr, fn: (child: Expr) => void): void {
  switch (e.kind) {
    case 'unary': fn(e.operand); break;
    case 'binary': fn(e.left); fn(e.right); break;
    case 'like': fn(e.left); fn(e.right); if (e.escape !== null) fn(e.escape); break;
    case 'between': fn(e.operand); fn(e.low); fn(e.high); break;
    case 'inList': fn(e.operand); e.list.forEach(fn); break;
    case 'inSelect': fn(e.operand); break;
    case 'inTable': fn(e.operand); break;
    case 'nullTest': fn(e.operand); break;
    case 'collate': fn(e.operand); break;
    case 'cast': fn(e.operand); break;
    case 'case':
      if (e.operand !== null) fn(e.operand);
      for (const w of e.whens) { fn(w.when); fn(w.then); }
      if (e.else !== null) fn(e.else);
      break;
    case 'function': e.args.forEach(fn); if (e.filter !== null) fn(e.filter); break;
    case 'vector': e.items.forEach(fn); break;
    default: break;
  }
}

/** Whether `e` contains a subquery (EXISTS, IN (SELECT), scalar subquery). */
export function hasSubquery(e: Expr): boolean {
  if (e.kind === 'exists' || e.kind === 'subquery' || e.kind === 'inSelect') return true;
  let found = false;
  forEachChild(e, (c) => {
    if (!found && hasSubquery(c)) found = true;
  });
  return found;
}

/** Splits `a AND b AND c` into its terms. */
export function splitAnd(e: Expr | null, out: Expr[] = []): Expr[] {
  if (e === null) return out;
  if (e.kind === 'binary' && e.op === 'AND') {
    splitAnd(e.left, out);
    splitAnd(e.right, out);
  } else {
    out.push(e);
  }
  return out;
}
