/**
 * How `x IN (a, b, ...)` compares: every item with the affinity and collation of the left
 * operand alone (SQLite's rule for IN with a list; unlike `x = a`, an item's own affinity
 * plays no part). With no affinity on the left, values compare as they are.
 */
import { BINARY, type Collation } from '../btree/collation.js';
import type { Expr } from '../parser/ast.js';
import { AFF_BLOB } from '../vdbe/affinity.js';
import { exprAffinity, exprCollation } from './expr-affinity.js';
import type { Scope } from './scope.js';

export function inListComparison(operand: Expr, scope: Scope): { affinity: number; collation: Collation } {
  const a = exprAffinity(operand, scope);
  return { affinity: a <= AFF_BLOB ? AFF_BLOB : a, collation: exprCollation(operand, scope)?.coll ?? BINARY };
}
