/**
 * Expression nodes. Every node carries its source span (`start`/`end`, UTF-16 offsets, end
 * exclusive; parentheses around an expression are not part of its span) and `height`, SQLite's
 * Expr.nHeight: 1 for leaves, 1 + the tallest child otherwise, where a subquery counts as the
 * tallest expression inside it. The parser rejects trees taller than 1000 like SQLite does, so a
 * recursive walk over an expression is bounded by that.
 *
 * The AST is syntax, not semantics: SQLite's parse-time rewrites that change meaning are left to
 * the compiler and listed where they apply (e.g. `x IN (c)` with one constant behaves as
 * `x = +c`, `x IN ()` is the constant 0, `NOT LIKE` is NOT applied to like()).
 */

import type { OrderingTerm, SelectStmt } from './ast-select.js';

export interface ExprBase {
  start: number;
  end: number;
  height: number;
}

/** An integer literal exactly as written ("42", "0x2A"); the compiler decides int vs real. */
export interface IntegerLiteral extends ExprBase {
  kind: 'integer';
  text: string;
}

/** A real literal exactly as written ("1.5", ".5", "1e10"). */
export interface RealLiteral extends ExprBase {
  kind: 'real';
  text: string;
}

export interface StringLiteral extends ExprBase {
  kind: 'string';
  /** Dequoted value. */
  value: string;
}

export interface BlobLiteral extends ExprBase {
  kind: 'blob';
  bytes: Uint8Array;
}

export interface NullLiteral extends ExprBase {
  kind: 'null';
}

/** CURRENT_TIME, CURRENT_DATE or CURRENT_TIMESTAMP. */
export interface CurrentTimeLiteral extends ExprBase {
  kind: 'currentTime';
  which: 'CURRENT_TIME' | 'CURRENT_DATE' | 'CURRENT_TIMESTAMP';
}

/**
 * A bound parameter. `index` is its 1-based slot, numbered the way SQLite numbers them: `?`
 * takes the next free number, `?N` is N, a named parameter reuses the number of its first use.
 */
export interface Parameter extends ExprBase {
  kind: 'param';
  /** As written: "?", "?3", ":name", "@name", "$name". */
  text: string;
  index: number;
}

/**
 * A column reference: `column`, `table.column` or `schema.table.column`. `doubleQuoted` marks an
 * unqualified "double-quoted" identifier, which SQLite treats as a string literal if no column
 * matches. TRUE and FALSE are also parsed as column references, as in SQLite.
 */
export interface ColumnRef extends ExprBase {
  kind: 'column';
  schema: string | null;
  table: string | null;
  column: string;
  doubleQuoted: boolean;
}

export type UnaryOperator = '-' | '+' | '~' | 'NOT';

export interface UnaryExpr extends ExprBase {
  kind: 'unary';
  op: UnaryOperator;
  operand: Expr;
}

/**
 * Binary operators. `==` is normalised to '=', `<>` to '!=', `IS NOT DISTINCT FROM` to 'IS' and
 * `IS DISTINCT FROM` to 'IS NOT' (SQLite does the same).
 */
export type BinaryOperator =
  | 'OR' | 'AND'
  | '=' | '!=' | 'IS' | 'IS NOT'
  | '<' | '<=' | '>' | '>='
  | '&' | '|' | '<<' | '>>'
  | '+' | '-'
  | '*' | '/' | '%'
  | '||' | '->' | '->>';

export interface BinaryExpr extends ExprBase {
  kind: 'binary';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
}

/** `x LIKE y [ESCAPE z]` and GLOB/REGEXP/MATCH; SQLite evaluates these as like(y, x[, z]). */
export interface LikeExpr extends ExprBase {
  kind: 'like';
  op: 'LIKE' | 'GLOB' | 'REGEXP' | 'MATCH';
  not: boolean;
  left: Expr;
  right: Expr;
  escape: Expr | null;
}

export interface BetweenExpr extends ExprBase {
  kind: 'between';
  not: boolean;
  operand: Expr;
  low: Expr;
  high: Expr;
}

/** `x [NOT] IN (a, b, ...)`; the list may be empty. */
export interface InListExpr extends ExprBase {
  kind: 'inList';
  not: boolean;
  operand: Expr;
  list: Expr[];
}

export interface InSelectExpr extends ExprBase {
  kind: 'inSelect';
  not: boolean;
  operand: Expr;
  select: SelectStmt;
}

/** `x [NOT] IN [schema.]table` or `x IN tablefunc(args)` (`args` null when not a call). */
export interface InTableExpr extends ExprBase {
  kind: 'inTable';
  not: boolean;
  operand: Expr;
  schema: string | null;
  table: string;
  args: Expr[] | null;
}

/** `x ISNULL`, `x NOTNULL`, `x NOT NULL` (`x IS NULL` is a BinaryExpr with op 'IS'). */
export interface NullTestExpr extends ExprBase {
  kind: 'nullTest';
  not: boolean;
  operand: Expr;
}

export interface CollateExpr extends ExprBase {
  kind: 'collate';
  operand: Expr;
  collation: string;
}

/**
 * `CAST(x AS type)`. `typeName` is the declared type text as SQLite keeps it (null for the
 * legal `CAST(x AS)`); its affinity follows SQLite's type-name rules.
 */
export interface CastExpr extends ExprBase {
  kind: 'cast';
  operand: Expr;
  typeName: string | null;
}

export interface CaseExpr extends ExprBase {
  kind: 'case';
  operand: Expr | null;
  whens: { when: Expr; then: Expr }[];
  else: Expr | null;
}

export interface FunctionCall extends ExprBase {
  kind: 'function';
  name: string;
  distinct: boolean;
  /** `count(*)`: true and `args` empty. */
  star: boolean;
  args: Expr[];
  filter: Expr | null;
  over: WindowRef | WindowSpec | null;
}

export interface ExistsExpr extends ExprBase {
  kind: 'exists';
  select: SelectStmt;
}

/** A parenthesised SELECT used as a value. */
export interface SubqueryExpr extends ExprBase {
  kind: 'subquery';
  select: SelectStmt;
}

export interface RaiseExpr extends ExprBase {
  kind: 'raise';
  action: 'IGNORE' | 'ROLLBACK' | 'ABORT' | 'FAIL';
  /** Null for RAISE(IGNORE). */
  message: string | null;
}

/** A row value `(a, b, ...)` with at least two elements. */
export interface VectorExpr extends ExprBase {
  kind: 'vector';
  items: Expr[];
}

export type Expr =
  | IntegerLiteral
  | RealLiteral
  | StringLiteral
  | BlobLiteral
  | NullLiteral
  | CurrentTimeLiteral
  | Parameter
  | ColumnRef
  | UnaryExpr
  | BinaryExpr
  | LikeExpr
  | BetweenExpr
  | InListExpr
  | InSelectExpr
  | InTableExpr
  | NullTestExpr
  | CollateExpr
  | CastExpr
  | CaseExpr
  | FunctionCall
  | ExistsExpr
  | SubqueryExpr
  | RaiseExpr
  | VectorExpr;

/** `OVER name`. */
export interface WindowRef {
  kind: 'windowRef';
  name: string;
}

/** A window definition: `OVER (...)` or the body of a WINDOW clause entry. */
export interface WindowSpec {
  kind: 'windowSpec';
  /** The window this one extends: `OVER (w ORDER BY x)`. */
  base: string | null;
  partitionBy: Expr[] | null;
  orderBy: OrderingTerm[] | null;
  frame: WindowFrame | null;
}

export interface WindowFrame {
  units: 'ROWS' | 'RANGE' | 'GROUPS';
  start: FrameBound;
  /** `ROWS x` without BETWEEN ends at CURRENT ROW; SQLite fills that in and so do we. */
  end: FrameBound;
  exclude: 'NO OTHERS' | 'CURRENT ROW' | 'GROUP' | 'TIES' | null;
}

export type FrameBound =
  | { kind: 'unboundedPreceding' }
  | { kind: 'preceding'; offset: Expr }
  | { kind: 'currentRow' }
  | { kind: 'following'; offset: Expr }
  | { kind: 'unboundedFollowing' };
