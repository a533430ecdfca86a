/**
 * The comma-separated lists SQLite's grammar shares between statements:
 *
 *   nexprlist   expr, expr, ...                       (call arguments, GROUP BY, VALUES rows)
 *   sortlist    expr [ASC|DESC] [NULLS FIRST|LAST], ...  (ORDER BY, index columns, upsert target)
 *   idlist      nm, nm, ...                           (INSERT columns, USING, UPDATE OF)
 *   eidlist     nm [COLLATE x] [ASC|DESC], ...        (view/CTE columns, foreign keys)
 *
 * An eidlist accepts COLLATE and a sort order only to reject them with SQLite's message
 * (they are tolerated when SQLite reads an old schema, which this parser does not distinguish).
 */

import type { Expr } from './ast-expr.js';
import type { OrderingTerm } from './ast-select.js';
import { parseExpr } from './expr-parser.js';
import type { ParserState } from './parser-state.js';

export function parseExprList(p: ParserState): Expr[] {
  const list = [parseExpr(p)];
  while (p.accept('COMMA')) list.push(parseExpr(p));
  return list;
}

export function parseSortList(p: ParserState): OrderingTerm[] {
  const list: OrderingTerm[] = [];
  do {
    const expr = parseExpr(p);
    let direction: OrderingTerm['direction'] = null;
    if (p.accept('ASC')) direction = 'ASC';
    else if (p.accept('DESC')) direction = 'DESC';
    let nulls: OrderingTerm['nulls'] = null;
    if (p.accept('NULLS')) {
      if (p.accept('FIRST')) nulls = 'FIRST';
      else if (p.accept('LAST')) nulls = 'LAST';
      else throw p.syntaxError();
    }
    list.push({ expr, direction, nulls });
  } while (p.accept('COMMA'));
  return list;
}

export function parseIdList(p: ParserState): string[] {
  const list = [p.expectNm()];
  while (p.accept('COMMA')) list.push(p.expectNm());
  return list;
}

export function parseEidList(p: ParserState): string[] {
  const list: string[] = [];
  do {
    const nameTok = p.tok;
    const name = p.expectNm();
    let decorated = false;
    if (p.accept('COLLATE')) {
      p.expectIds();
      decorated = true;
    }
    if (p.accept('ASC') || p.accept('DESC')) decorated = true;
    if (decorated) p.deferError(`syntax error after column name "${p.text(nameTok)}"`, nameTok.start);
    list.push(name);
  } while (p.accept('COMMA'));
  return list;
}
