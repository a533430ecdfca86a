/**
 * SELECT statements and the clauses other statements share with them (WITH, FROM, ORDER BY,
 * LIMIT, result columns).
 *
 * A compound SELECT is kept flat, as SQLite keeps it: `body` is the first core and `compound`
 * the following ones with the operator that joins each to everything before it, evaluated left
 * to right. ORDER BY and LIMIT belong to the whole statement (SQLite rejects them on a core that
 * is followed by UNION/INTERSECT/EXCEPT).
 */

import type { Expr, WindowSpec } from './ast-expr.js';

export interface SelectStmt {
  kind: 'select';
  with: WithClause | null;
  body: SelectCore | ValuesCore;
  compound: CompoundTerm[];
  orderBy: OrderingTerm[] | null;
  limit: LimitClause | null;
  start: number;
  end: number;
}

export type CompoundOperator = 'UNION' | 'UNION ALL' | 'INTERSECT' | 'EXCEPT';

export interface CompoundTerm {
  op: CompoundOperator;
  core: SelectCore | ValuesCore;
}

export interface SelectCore {
  kind: 'selectCore';
  distinct: 'DISTINCT' | 'ALL' | null;
  columns: ResultColumn[];
  from: FromClause | null;
  where: Expr | null;
  groupBy: Expr[] | null;
  having: Expr | null;
  windows: NamedWindow[] | null;
  start: number;
  end: number;
}

/** `VALUES (..), (..)`: each row a list of expressions (SQLite checks the widths later). */
export interface ValuesCore {
  kind: 'values';
  rows: Expr[][];
  start: number;
  end: number;
}

export type ResultColumn =
  | {
      kind: 'expr';
      expr: Expr;
      alias: string | null;
      /**
       * The column's source text, trimmed, including any parentheses around the expression:
       * SQLite names an unaliased result column after it.
       */
      span: string;
      start: number;
      end: number;
    }
  | { kind: 'star'; start: number; end: number }
  | { kind: 'tableStar'; table: string; start: number; end: number };

export interface NamedWindow {
  name: string;
  window: WindowSpec;
}

export interface OrderingTerm {
  expr: Expr;
  direction: 'ASC' | 'DESC' | null;
  nulls: 'FIRST' | 'LAST' | null;
}

/** `LIMIT a, b` is stored as limit b offset a, as SQLite reads it. */
export interface LimitClause {
  limit: Expr;
  offset: Expr | null;
}

export interface WithClause {
  recursive: boolean;
  ctes: CommonTableExpr[];
}

export interface CommonTableExpr {
  name: string;
  columns: string[] | null;
  materialized: 'MATERIALIZED' | 'NOT MATERIALIZED' | null;
  select: SelectStmt;
}

/**
 * A FROM clause, flat like SQLite's SrcList: `items[0].join` is null and every later item
 * carries the operator joining it to the items before it.
 *
 * SQLite's rewrites of parenthesised FROM lists are applied here: `FROM (a JOIN b) JOIN c`
 * (first item, no alias, no ON/USING) splices the inner list in; a parenthesised single item
 * becomes that item (the inner alias is dropped; the outer one applies); anything else becomes a
 * `nested` source (a `SELECT * FROM <list>` subquery in SQLite).
 */
export interface FromClause {
  items: FromItem[];
}

export interface FromItem {
  join: JoinOperator | null;
  source: TableSource;
  alias: string | null;
  indexed: IndexHint | null;
  on: Expr | null;
  using: string[] | null;
  start: number;
  end: number;
}

export type TableSource =
  | { kind: 'table'; schema: string | null; name: string }
  | { kind: 'tableFunction'; schema: string | null; name: string; args: Expr[] }
  | { kind: 'subquery'; select: SelectStmt }
  | { kind: 'nested'; from: FromClause };

export type IndexHint = { kind: 'indexedBy'; index: string } | { kind: 'notIndexed' };

/**
 * How an item joins the ones before it. `comma` is `,`; `natural` may combine with any type;
 * `LEFT RIGHT JOIN` is a legal spelling of FULL, as in SQLite.
 */
export interface JoinOperator {
  type: 'comma' | 'inner' | 'cross' | 'left' | 'right' | 'full';
  natural: boolean;
}
