/**
 * WHERE-term analysis: the WHERE clause (and the ON clauses) split at AND into terms, each
 * with the set of FROM levels it references, and the constraints a term offers an access
 * path: `column op value` where the value does not reference the column's own table
 * (=, <, <=, >, >=, BETWEEN's two halves, IN (list)), with the comparison's affinity and
 * collation, which decide whether an index may serve it (SQLite's rules: an index helps only
 * when the comparison orders values the way the index does).
 *
 * Level sets are bigints (a FROM clause may have 64 tables).
 */
import { BINARY, type Collation } from '../btree/collation.js';
import type { ColumnRef, Expr } from '../parser/ast.js';
import { comparisonAffinity, comparisonCollation } from './expr-affinity.js';
import { inListComparison } from './in-list-affinity.js';
import type { ResolvedColumn, Scope } from './scope.js';
import { forEachChild, hasSubquery, splitAnd } from './walk.js';

export type ConstraintOp = 'eq' | 'lt' | 'le' | 'gt' | 'ge' | 'in';

export interface Constraint {
  /** FROM position of the constrained table. */
  readonly level: number;
  /** Column of that table; -1 for the rowid. */
  readonly column: number;
  readonly op: ConstraintOp;
  /** The other operand (for 'in', null: see `list`). */
  readonly value: Expr | null;
  readonly list: readonly Expr[] | null;
  /** Levels the value side references. */
  readonly prereq: bigint;
  readonly affinity: number;
  readonly collation: Collation;
  /** Index of the term it came from; `whole`: using it enforces the term (not half a BETWEEN). */
  term: number;
  readonly whole: boolean;
}

export interface WhereTerm {
  readonly expr: Expr;
  /** Levels referenced (all levels when it holds a subquery: it is evaluated innermost). */
  readonly mask: bigint;
  /** The LEFT JOIN level whose ON clause it came from, or -1. */
  readonly onLevel: number;
  readonly constraints: readonly Constraint[];
  /**
   * Whether its value depends only on the current row of the tables in `mask`: no subquery
   * and no column of an enclosing query. Such a term may be applied while building an
   * automatic index (once per run).
   */
  readonly local: boolean;
}

const BITS: bigint[] = [];

export function bit(level: number): bigint {
  let b = BITS[level];
  if (b === undefined) {
    b = 1n << BigInt(level);
    BITS[level] = b;
  }
  return b;
}

/** Column resolution is asked for repeatedly (mask, sides, affinity): cache it per scope. */
const resolved = new WeakMap<Scope, WeakMap<Expr, ResolvedColumn | null>>();

function resolveColumn(x: ColumnRef, scope: Scope): ResolvedColumn | null {
  let m = resolved.get(scope);
  if (m === undefined) {
    m = new WeakMap();
    resolved.set(scope, m);
  }
  let r = m.get(x);
  if (r === undefined) {
    r = scope.resolveOrNull(x);
    m.set(x, r);
  }
  return r;
}

const VOLATILE = new Set(['random', 'randomblob', 'changes', 'total_changes', 'last_insert_rowid']);

/** Whether `e` references a column of an enclosing query or calls a volatile function. */
function refsOuter(e: Expr, scope: Scope): boolean {
  let found = false;
  const visit = (x: Expr): void => {
    if (found) return;
    if (x.kind === 'column') {
      const r = resolveColumn(x, scope);
      if (r !== null && r.depth > 0) found = true;
      return;
    }
    // Not the same value on every evaluation either.
    if (x.kind === 'function' && VOLATILE.has(x.name.toLowerCase())) found = true;
    forEachChild(x, visit);
  };
  visit(e);
  return found;
}

/** The levels of `scope` that `e` references (outer-scope columns count as constants). */
export function levelMask(e: Expr, scope: Scope): bigint {
  let mask = 0n;
  const visit = (x: Expr): void => {
    if (x.kind === 'column') {
      const r = resolveColumn(x, scope);
      if (r !== null && r.depth === 0) mask |= bit(r.source.index);
      return;
    }
    forEachChild(x, visit);
  };
  visit(e);
  return mask;
}

const FLIP: Record<string, ConstraintOp> = { '=': 'eq', '<': 'gt', '<=': 'ge', '>': 'lt', '>=': 'le' };
const KEEP: Record<string, ConstraintOp> = { '=': 'eq', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };

/** The table column `e` names in this scope, or null. */
function columnOf(e: Expr, scope: Scope): { level: number; column: number } | null {
  if (e.kind !== 'column') return null;
  const r = resolveColumn(e, scope);
  if (r === null || r.depth !== 0) return null;
  return { level: r.source.index, column: r.column };
}

function constraintsOf(e: Expr, scope: Scope): Constraint[] {
  const out: Constraint[] = [];
  const between = e.kind === 'between';
  const add = (col: Expr, op: ConstraintOp, value: Expr): void => {
    const c = columnOf(col, scope);
    if (c === null || hasSubquery(value)) return;
    const prereq = levelMask(value, scope);
    if ((prereq & bit(c.level)) !== 0n) return;
    const affinity = comparisonAffinity(col, value, scope);
    const collation = comparisonCollation(col, value, scope) ?? BINARY;
    out.push({ ...c, op, value, list: null, prereq, affinity, collation, term: -1, whole: !between });
  };
  if (e.kind === 'binary' && KEEP[e.op] !== undefined) {
    add(e.left, KEEP[e.op]!, e.right);
    add(e.right, FLIP[e.op]!, e.left);
  } else if (e.kind === 'between' && !e.not) {
    add(e.operand, 'ge', e.low);
    add(e.operand, 'le', e.high);
  } else if (e.kind === 'inList' && !e.not && e.list.length > 0) {
    const c = columnOf(e.operand, scope);
    if (c === null || e.list.some(hasSubquery)) return out;
    let prereq = 0n;
    for (const item of e.list) prereq |= levelMask(item, scope);
    if ((prereq & bit(c.level)) !== 0n) return out;
    const { affinity, collation } = inListComparison(e.operand, scope);
    out.push({ ...c, op: 'in', value: null, list: e.list, prereq, affinity, collation, term: -1, whole: true });
  }
  return out;
}

/** Splits WHERE and the ON clauses into analysed terms. */
export function analyseTerms(scope: Scope, levelCount: number, where: Expr | null, on: readonly { left: boolean; on: readonly Expr[] }[]): WhereTerm[] {
  const all = levelCount === 0 ? 0n : bit(levelCount) - 1n;
  const terms: WhereTerm[] = [];
  const push = (written: Expr, onLevel: number): void => {
    const expr = orAsIn(written, scope) ?? written;
    const sub = hasSubquery(expr);
    // A subquery may reference any level, so such a term waits for every level it could: all of
    // them for WHERE, and the levels up to its own for a LEFT JOIN's ON term (an ON clause sees
    // only its table and those before it; testing it later would test it as another join's ON).
    const mask = sub ? (onLevel >= 0 ? bit(onLevel + 1) - 1n : all) : levelMask(expr, scope);
    const constraints = sub ? [] : constraintsOf(expr, scope);
    for (const c of constraints) c.term = terms.length;
    terms.push({ expr, mask, onLevel, constraints, local: !sub && !refsOuter(expr, scope) });
  };
  for (const expr of splitAnd(where)) push(expr, -1);
  on.forEach((l, i) => {
    for (const e of l.on) for (const expr of splitAnd(e)) push(expr, l.left ? i : -1);
  });
  return terms;
}

/** A literal or bound parameter: the same value for the whole run. */
export function isLiteral(e: Expr): boolean {
  switch (e.kind) {
    case 'integer':
    case 'real':
    case 'string':
    case 'blob':
    case 'null':
    case 'param':
      return true;
    case 'unary':
      return (e.op === '-' || e.op === '+') && isLiteral(e.operand);
    default:
      return false;
  }
}

/**
 * For `x IN (literal, ...)`: the affinity and collation the items compare with, so the list
 * can become a set built once (values converted by that affinity) and the test a lookup.
 * Null for anything else.
 */
export function literalInList(e: Expr, scope: Scope): { affinity: number; collation: Collation } | null {
  if (e.kind !== 'inList' || e.not || e.list.length === 0 || !e.list.every(isLiteral) || hasSubquery(e.operand)) return null;
  return inListComparison(e.operand, scope);
}

function splitOr(e: Expr, out: Expr[]): void {
  if (e.kind === 'binary' && e.op === 'OR') {
    splitOr(e.left, out);
    splitOr(e.right, out);
  } else out.push(e);
}

/**
 * `x = 1 OR x = 2 OR 3 = x` (one column, literals) as `x IN (1, 2, 3)`: the same truth value
 * for every x (each disjunct compares x with one literal, as IN compares with each item),
 * and an IN can drive a seek or become a set lookup.
 */
function orAsIn(e: Expr, scope: Scope): Expr | null {
  if (e.kind !== 'binary' || e.op !== 'OR') return null;
  const parts: Expr[] = [];
  splitOr(e, parts);
  let column: Expr | null = null;
  let key: ResolvedColumn | null = null;
  const list: Expr[] = [];
  for (const p of parts) {
    if (p.kind !== 'binary' || p.op !== '=') return null;
    const [col, lit] = p.left.kind === 'column' && isLiteral(p.right) ? [p.left, p.right] : p.right.kind === 'column' && isLiteral(p.left) ? [p.right, p.left] : [null, null];
    if (col === null || col.kind !== 'column') return null;
    const r = resolveColumn(col, scope);
    if (r === null) return null;
    if (key === null) {
      key = r;
      column = col;
    } else if (r.source !== key.source || r.column !== key.column || r.depth !== key.depth) return null;
    list.push(lit!);
  }
  return { kind: 'inList', not: false, operand: column!, list, start: e.start, end: e.end, height: e.height };
}
