/**
 * SELECT:
 *
 *   [WITH [RECURSIVE] cte, ...] core (compound-op core)* [ORDER BY ...] [LIMIT ...]
 *   core := SELECT [DISTINCT|ALL] columns [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]
 *           [WINDOW ...] | VALUES (...), (...)
 *
 * In SQLite's grammar ORDER BY and LIMIT belong to each SELECT core (not to VALUES). A core
 * other than the last one that has them is reported once the whole statement has been read, as
 * SQLite does: "ORDER BY clause should come after UNION not before".
 */

import type { Expr } from './ast-expr.js';
import type {
  CommonTableExpr,
  CompoundOperator,
  LimitClause,
  NamedWindow,
  OrderingTerm,
  ResultColumn,
  SelectCore,
  SelectStmt,
  ValuesCore,
  WithClause,
} from './ast-select.js';
import { maxHeight, parseExpr } from './expr-parser.js';
import { parseFrom } from './from-parser.js';
import { parseEidList, parseExprList, parseSortList } from './list-parser.js';
import type { ParserState } from './parser-state.js';
import { parseWindowSpec } from './window-parser.js';

interface ParsedCore {
  core: SelectCore | ValuesCore;
  orderBy: OrderingTerm[] | null;
  limit: LimitClause | null;
}

/** A SELECT statement, starting at WITH, SELECT or VALUES. */
export function parseSelect(p: ParserState): SelectStmt {
  const start = p.tok.start;
  p.enter();
  const withClause = p.at('WITH') ? parseWith(p) : null;
  const select = parseSelectBody(p, withClause, start);
  p.leave();
  return select;
}

/** The rest of a SELECT whose WITH clause (if any) has been read. */
export function parseSelectBody(p: ParserState, withClause: WithClause | null, start: number): SelectStmt {
  const first = parseCore(p);
  const compound: { op: CompoundOperator; core: SelectCore | ValuesCore }[] = [];
  let last = first;
  let misplaced: string | null = null;
  let terms = termCount(first.core);
  for (;;) {
    let op: CompoundOperator;
    if (p.accept('UNION')) op = p.accept('ALL') ? 'UNION ALL' : 'UNION';
    else if (p.accept('INTERSECT')) op = 'INTERSECT';
    else if (p.accept('EXCEPT')) op = 'EXCEPT';
    else break;
    if (last.orderBy || last.limit) {
      misplaced = `${last.orderBy ? 'ORDER BY' : 'LIMIT'} clause should come after ${op} not before`;
    }
    last = parseCore(p);
    compound.push({ op, core: last.core });
    terms += termCount(last.core);
  }
  if (compound.length > 0) {
    const lastIsMultiRow = last.core.kind === 'values' && last.core.rows.length > 1;
    // SQLite raises both; the second message it sets (too many terms) is the one reported.
    if (!lastIsMultiRow && terms > p.maxCompoundSelect) p.deferError('too many terms in compound SELECT');
    if (misplaced !== null) p.deferError(misplaced);
  }
  return {
    kind: 'select', with: withClause, body: first.core, compound,
    orderBy: last.orderBy, limit: last.limit, start, end: p.lastEnd,
  };
}

/** SQLite links each VALUES row as its own compound term; they count toward the limit. */
function termCount(core: SelectCore | ValuesCore): number {
  return core.kind === 'values' ? core.rows.length : 1;
}

/**
 * SQLite's heightOfSelect: the tallest expression in the select list, WHERE, HAVING, GROUP BY,
 * ORDER BY and LIMIT of every core (FROM is not counted).
 */
export function selectHeight(s: SelectStmt): number {
  let h = 0;
  const cores = [s.body, ...s.compound.map((c) => c.core)];
  for (const core of cores) {
    if (core.kind === 'values') {
      for (const row of core.rows) h = Math.max(h, maxHeight(row));
      continue;
    }
    for (const col of core.columns) if (col.kind === 'expr') h = Math.max(h, col.expr.height);
    if (core.where) h = Math.max(h, core.where.height);
    if (core.having) h = Math.max(h, core.having.height);
    if (core.groupBy) h = Math.max(h, maxHeight(core.groupBy));
  }
  if (s.orderBy) for (const t of s.orderBy) h = Math.max(h, t.expr.height);
  if (s.limit) h = Math.max(h, 1 + Math.max(s.limit.limit.height, s.limit.offset?.height ?? 0));
  return h;
}

export function parseWith(p: ParserState): WithClause {
  p.expect('WITH');
  const recursive = p.accept('RECURSIVE') !== null;
  const ctes: CommonTableExpr[] = [];
  do {
    const name = p.expectNm();
    let columns: string[] | null = null;
    if (p.accept('LP')) {
      columns = parseEidList(p);
      p.expect('RP');
    }
    p.expect('AS');
    let materialized: CommonTableExpr['materialized'] = null;
    if (p.accept('MATERIALIZED')) {
      materialized = 'MATERIALIZED';
    } else if (p.accept('NOT')) {
      p.expect('MATERIALIZED');
      materialized = 'NOT MATERIALIZED';
    }
    p.expect('LP');
    const select = parseSelect(p);
    p.expect('RP');
    ctes.push({ name, columns, materialized, select });
  } while (p.accept('COMMA'));
  return { recursive, ctes };
}

function parseCore(p: ParserState): ParsedCore {
  const start = p.tok.start;
  if (p.accept('VALUES')) {
    const rows: Expr[][] = [];
    do {
      p.expect('LP');
      rows.push(parseExprList(p));
      p.expect('RP');
    } while (p.accept('COMMA'));
    return { core: { kind: 'values', rows, start, end: p.lastEnd }, orderBy: null, limit: null };
  }
  p.expect('SELECT');
  let distinct: SelectCore['distinct'] = null;
  if (p.accept('DISTINCT')) distinct = 'DISTINCT';
  else if (p.accept('ALL')) distinct = 'ALL';
  const columns = parseResultColumns(p);
  const from = p.accept('FROM') ? parseFrom(p) : null;
  const where = p.accept('WHERE') ? parseExpr(p) : null;
  let groupBy: Expr[] | null = null;
  if (p.accept('GROUP')) {
    p.expect('BY');
    groupBy = parseExprList(p);
  }
  const having = p.accept('HAVING') ? parseExpr(p) : null;
  const windows = p.at('WINDOW') ? parseWindowClause(p) : null;
  const core: SelectCore = {
    kind: 'selectCore', distinct, columns, from, where, groupBy, having, windows,
    start, end: p.lastEnd,
  };
  const orderBy = parseOrderBy(p);
  const limit = parseLimit(p);
  return { core, orderBy, limit };
}

export function parseOrderBy(p: ParserState): OrderingTerm[] | null {
  if (!p.accept('ORDER')) return null;
  p.expect('BY');
  return parseSortList(p);
}

export function parseLimit(p: ParserState): LimitClause | null {
  if (!p.accept('LIMIT')) return null;
  const first = parseExpr(p);
  if (p.accept('OFFSET')) return { limit: first, offset: parseExpr(p) };
  if (p.accept('COMMA')) return { limit: parseExpr(p), offset: first };
  return { limit: first, offset: null };
}

function parseWindowClause(p: ParserState): NamedWindow[] {
  p.expect('WINDOW');
  const windows: NamedWindow[] = [];
  do {
    const name = p.expectNm();
    p.expect('AS');
    p.expect('LP');
    p.enter();
    const window = parseWindowSpec(p);
    p.leave();
    p.expect('RP');
    windows.push({ name, window });
  } while (p.accept('COMMA'));
  return windows;
}

/** Result columns of SELECT and RETURNING: `*`, `t.*`, `expr [[AS] alias]`. */
export function parseResultColumns(p: ParserState): ResultColumn[] {
  const columns: ResultColumn[] = [];
  do {
    const start = p.tok.start;
    if (p.at('STAR')) {
      p.advance();
      columns.push({ kind: 'star', start, end: p.lastEnd });
      continue;
    }
    if (p.isNm() && p.peek().type === 'DOT' && p.peek(2).type === 'STAR') {
      const table = p.expectNm();
      p.advance();
      p.advance();
      columns.push({ kind: 'tableStar', table, start, end: p.lastEnd });
      continue;
    }
    const expr = parseExpr(p);
    // The span runs to the next token, so comments before it are kept (trailing space is not).
    const span = trimEndSpace(p.sql.slice(start, p.tok.start));
    let alias: string | null = null;
    if (p.accept('AS')) alias = p.expectNm();
    else if (p.isIds()) alias = p.expectIds();
    columns.push({ kind: 'expr', expr, alias, span, start, end: p.lastEnd });
  } while (p.accept('COMMA'));
  return columns;
}

/** Trims trailing characters SQLite's sqlite3Isspace accepts (space, \t \n \v \f \r). */
export function trimEndSpace(s: string): string {
  let n = s.length;
  while (n > 0) {
    const c = s.charCodeAt(n - 1);
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) break;
    n--;
  }
  return n === s.length ? s : s.slice(0, n);
}
