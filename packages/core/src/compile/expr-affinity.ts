/**
 * Static properties of expressions the code generator needs: affinity (for comparisons and
 * IN), collating sequence (explicit COLLATE beats a column's own), and the comparison
 * affinity of an operand pair (SQLite's sqlite3CompareAffinity).
 */
import type { Collation } from '../btree/collation.js';
import type { Expr } from '../parser/ast.js';
import { AFF_BLOB, AFF_INTEGER, AFF_NONE, AFF_NUMERIC, affinityOfType, isNumericAffinity } from '../vdbe/affinity.js';
import { collationByName } from './schema.js';
import type { Scope } from './scope.js';

export function exprAffinity(e: Expr, scope: Scope): number {
  switch (e.kind) {
    case 'column': {
      const r = scope.resolve(e);
      if (r === null) return AFF_NONE;
      if (r.column < 0) return AFF_INTEGER; // the rowid is an INTEGER
      return r.source.table.columns[r.column]!.affinity;
    }
    case 'cast':
      return affinityOfType(e.typeName);
    case 'collate':
      return exprAffinity(e.operand, scope);
    case 'unary':
      return e.op === '+' ? exprAffinity(e.operand, scope) : AFF_NONE;
    default:
      return AFF_NONE;
  }
}

/** The affinity a comparison between `a` and `b` applies. */
export function comparisonAffinity(a: Expr, b: Expr, scope: Scope): number {
  const x = exprAffinity(a, scope);
  const y = exprAffinity(b, scope);
  if (x > AFF_NONE && y > AFF_NONE) return isNumericAffinity(x) || isNumericAffinity(y) ? AFF_NUMERIC : AFF_BLOB;
  return x > AFF_NONE ? x : y > AFF_NONE ? y : AFF_BLOB;
}

export interface CollInfo {
  coll: Collation;
  explicit: boolean;
}

/** The collation an expression carries, or null (BINARY by default). */
export function exprCollation(e: Expr, scope: Scope): CollInfo | null {
  switch (e.kind) {
    case 'collate':
      return { coll: collationByName(e.collation), explicit: true };
    case 'column': {
      const r = scope.resolve(e);
      if (r === null || r.column < 0) return null;
      return { coll: r.source.table.columns[r.column]!.collation, explicit: false };
    }
    case 'unary':
      return e.op === '+' || e.op === '-' ? exprCollation(e.operand, scope) : null;
    case 'binary':
      if (e.op === '||' || e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/' || e.op === '%') {
        const l = exprCollation(e.left, scope);
        if (l?.explicit) return l;
        const r = exprCollation(e.right, scope);
        if (r?.explicit) return r;
        return null;
      }
      return null;
    default:
      return null;
  }
}

/** The collation of a binary comparison: left explicit, right explicit, left, right. */
export function comparisonCollation(a: Expr, b: Expr, scope: Scope): Collation | null {
  const l = exprCollation(a, scope);
  const r = exprCollation(b, scope);
  if (l?.explicit) return l.coll;
  if (r?.explicit) return r.coll;
  return l?.coll ?? r?.coll ?? null;
}
