/**
 * Static properties of expressions the code generator needs: affinity (for comparisons and
 * IN), collating sequence (explicit COLLATE beats a column's own), and the comparison
 * affinity of an operand pair (SQLite's sqlite3CompareAffinity).
 */
import type { Collation } from '../btree/collation.js';
import type { Expr, SelectStmt } from '../parser/ast.js';
import { AFF_BLOB, AFF_INTEGER, AFF_NONE, AFF_NUMERIC, affinityOfType, isNumericAffinity } from '../vdbe/affinity.js';
import { collationByName } from './schema.js';
import type { Scope } from './scope.js';

/** The traits of a subquery's result column (compile/subquery-column.ts); absent: none. */
export type SubqueryTraits = (select: SelectStmt, scope: Scope) => { affinity: number; collation: CollInfo | null };

/** TRUE / FALSE written as a bare name that no column claims: the constants 1 and 0. */
export function booleanKeyword(e: Expr, scope: Scope): 0 | 1 | null {
  if (e.kind !== 'column' || e.table !== null || e.doubleQuoted) return null;
  const name = e.column.toLowerCase();
  if (name !== 'true' && name !== 'false') return null;
  return scope.resolveOrNull(e) === null ? (name === 'true' ? 1 : 0) : null;
}

export function exprAffinity(e: Expr, scope: Scope, subquery?: SubqueryTraits): number {
  switch (e.kind) {
    case 'column': {
      if (booleanKeyword(e, scope) !== null) return AFF_NONE;
      const r = scope.resolve(e);
      if (r === null) return AFF_NONE;
      if (r.column < 0) return AFF_INTEGER; // the rowid is an INTEGER
      return r.source.table.columns[r.column]!.affinity;
    }
    case 'cast':
      return affinityOfType(e.typeName);
    case 'collate':
      return exprAffinity(e.operand, scope, subquery);
    case 'subquery':
      return subquery !== undefined ? subquery(e.select, scope).affinity : AFF_NONE;
    // Unary + keeps a column's collation but not its affinity (SQLite 3.54: +x <= '-0' is a
    // number against text, where x <= '-0' compares numbers).
    default:
      return AFF_NONE;
  }
}

/** The affinity a comparison applies given its operands' affinities (sqlite3CompareAffinity). */
export function combineAffinity(x: number, y: number): number {
  if (x > AFF_NONE && y > AFF_NONE) return isNumericAffinity(x) || isNumericAffinity(y) ? AFF_NUMERIC : AFF_BLOB;
  return x > AFF_NONE ? x : y > AFF_NONE ? y : AFF_BLOB;
}

/** The affinity a comparison between `a` and `b` applies. */
export function comparisonAffinity(a: Expr, b: Expr, scope: Scope, subquery?: SubqueryTraits): number {
  return combineAffinity(exprAffinity(a, scope, subquery), exprAffinity(b, scope, subquery));
}

export interface CollInfo {
  coll: Collation;
  explicit: boolean;
}

/** The collation an expression carries, or null (BINARY by default). */
export function exprCollation(e: Expr, scope: Scope, subquery?: SubqueryTraits): CollInfo | null {
  switch (e.kind) {
    case 'subquery':
      return subquery !== undefined ? subquery(e.select, scope).collation : null;
    case 'collate':
      return { coll: collationByName(e.collation), explicit: true };
    case 'column': {
      if (booleanKeyword(e, scope) !== null) return null;
      const r = scope.resolve(e);
      if (r === null || r.column < 0) return null;
      return { coll: r.source.table.columns[r.column]!.collation, explicit: false };
    }
    case 'unary':
      return e.op === '+' || e.op === '-' ? exprCollation(e.operand, scope, subquery) : null;
    case 'binary':
      if (e.op === '||' || e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/' || e.op === '%') {
        const l = exprCollation(e.left, scope, subquery);
        if (l?.explicit) return l;
        const r = exprCollation(e.right, scope, subquery);
        if (r?.explicit) return r;
        return null;
      }
      return null;
    default:
      return null;
  }
}

/** The collation of a binary comparison: left explicit, right explicit, left, right. */
export function comparisonCollation(a: Expr, b: Expr, scope: Scope, subquery?: SubqueryTraits): Collation | null {
  const l = exprCollation(a, scope, subquery);
  const r = exprCollation(b, scope, subquery);
  if (l?.explicit) return l.coll;
  if (r?.explicit) return r.coll;
  return l?.coll ?? r?.coll ?? null;
}
