/**
 * Expressions: precedence climbing over SQLite's operator table. Binding powers, lowest first
 * (SQLite's %left/%right declarations in parse.y):
 *
 *   1  OR
 *   2  AND
 *   3  NOT (prefix)
 *   4  = == != <> IS [NOT] [DISTINCT FROM]  [NOT] LIKE GLOB REGEXP MATCH  [NOT] BETWEEN
 *      [NOT] IN  ISNULL NOTNULL NOT NULL
 *   5  < <= > >=
 *   6  ESCAPE (only after LIKE & co.)
 *   7  & | << >>
 *   8  + -
 *   9  * / %
 *  10  || -> ->>
 *  11  COLLATE (postfix)
 *  12  - + ~ (prefix)
 *
 * All binary operators are left-associative, so a chain `a+b+c+...` is consumed by the loop in
 * `parseExpr` and never recurses per term; the recursion depth is bounded by the number of
 * levels plus real nesting (parentheses, calls, prefix operators), which `ParserState.enter`
 * limits. Each node's height is computed as it is built and checked against the depth limit.
 */

import type { BinaryOperator, Expr } from './ast-expr.js';
import { LIKE_KW } from './keywords.js';
import { parseExprList } from './list-parser.js';
import type { ParserState } from './parser-state.js';
import { parsePrimary } from './primary-parser.js';
import { parseSelect, selectHeight } from './select-parser.js';
import type { TokenType } from './tokens.js';

const P_OR = 1;
const P_AND = 2;
const P_CMP = 4;
const P_REL = 5;
const P_BIT = 7;
const P_ADD = 8;
const P_MUL = 9;
const P_CONCAT = 10;
const P_COLLATE = 11;

const BINARY_OPS: Partial<Record<TokenType, BinaryOperator>> = {
  OR: 'OR', AND: 'AND', EQ: '=', NE: '!=', LT: '<', LE: '<=', GT: '>', GE: '>=',
  BITAND: '&', BITOR: '|', LSHIFT: '<<', RSHIFT: '>>', PLUS: '+', MINUS: '-',
  STAR: '*', SLASH: '/', REM: '%', CONCAT: '||',
};

/** An expression; `minPrec` > OR stops at looser operators (used for right operands). */
export function parseExpr(p: ParserState, minPrec = P_OR): Expr {
  let left = parseUnary(p);
  for (;;) {
    const prec = operatorPrecedence(p);
    if (prec === 0 || prec < minPrec) return left;
    left = parseOperator(p, left, prec);
  }
}

/** True if the current token can start a SELECT inside parentheses. */
export function atSelectStart(p: ParserState, offset = 0): boolean {
  const t = offset === 0 ? p.tok.type : p.peek(offset).type;
  return t === 'SELECT' || t === 'VALUES' || t === 'WITH';
}

/** Precedence of the operator at the current token, or 0 if it does not continue an expression. */
function operatorPrecedence(p: ParserState): number {
  switch (p.tok.type) {
    case 'OR': return P_OR;
    case 'AND': return P_AND;
    case 'EQ': case 'NE': case 'IS': case 'MATCH': case 'LIKE': case 'GLOB': case 'REGEXP':
    case 'BETWEEN': case 'IN': case 'ISNULL': case 'NOTNULL': case 'NOT':
      return P_CMP;
    case 'LT': case 'LE': case 'GT': case 'GE': return P_REL;
    case 'BITAND': case 'BITOR': case 'LSHIFT': case 'RSHIFT': return P_BIT;
    case 'PLUS': case 'MINUS': return P_ADD;
    case 'STAR': case 'SLASH': case 'REM': return P_MUL;
    case 'CONCAT': case 'PTR': return P_CONCAT;
    case 'COLLATE': return P_COLLATE;
    default: return 0;
  }
}

/**
 * The low bound of BETWEEN: a full expression except that an AND at its top level ends it (the
 * AND belongs to BETWEEN). An AND inside an OR's right operand still binds, as in SQLite's LALR
 * parse of `x BETWEEN a OR b AND c AND d`.
 */
function parseBetweenLow(p: ParserState): Expr {
  let left = parseUnary(p);
  for (;;) {
    const prec = operatorPrecedence(p);
    if (prec === 0 || p.tok.type === 'AND') return left;
    left = parseOperator(p, left, prec);
  }
}

/** Checks a new node's height against the depth limit and returns it. */
export function node<T extends Expr>(p: ParserState, e: T): T {
  p.checkHeight(e.height, e.start);
  return e;
}

/** Consumes the operator at the current token (precedence `prec`) and its right side. */
function parseOperator(p: ParserState, left: Expr, prec: number): Expr {
  const start = left.start;
  const opTok = p.advance();
  switch (opTok.type) {
    case 'IS': {
      let not = p.accept('NOT') !== null;
      if (p.accept('DISTINCT')) {
        p.expect('FROM');
        not = !not;
      }
      const right = parseExpr(p, prec + 1);
      return node(p, {
        kind: 'binary', op: not ? 'IS NOT' : 'IS', left, right,
        start, end: p.lastEnd, height: 1 + Math.max(left.height, right.height),
      });
    }
    case 'NOT': {
      const t = p.tok.type;
      if (t === 'NULL') {
        p.advance();
        return node(p, { kind: 'nullTest', not: true, operand: left, start, end: p.lastEnd, height: left.height + 1 });
      }
      if (LIKE_KW.has(t) || t === 'MATCH') return parseLike(p, left, true);
      if (t === 'BETWEEN') {
        p.advance();
        return parseBetween(p, left, true);
      }
      if (t === 'IN') {
        p.advance();
        return parseIn(p, left, true);
      }
      throw p.syntaxError();
    }
    case 'ISNULL':
    case 'NOTNULL':
      return node(p, {
        kind: 'nullTest', not: opTok.type === 'NOTNULL', operand: left,
        start, end: p.lastEnd, height: left.height + 1,
      });
    case 'LIKE': case 'GLOB': case 'REGEXP': case 'MATCH':
      return parseLike(p, left, false, opTok.type);
    case 'BETWEEN':
      return parseBetween(p, left, false);
    case 'IN':
      return parseIn(p, left, false);
    case 'COLLATE': {
      const collation = p.expectIds();
      return node(p, { kind: 'collate', operand: left, collation, start, end: p.lastEnd, height: left.height + 1 });
    }
    case 'PTR': {
      const op = p.text(opTok) === '->' ? '->' : '->>';
      const right = parseExpr(p, prec + 1);
      return node(p, {
        kind: 'binary', op, left, right, start, end: p.lastEnd,
        height: 1 + Math.max(left.height, right.height),
      });
    }
    default: {
      const op = BINARY_OPS[opTok.type];
      if (op === undefined) throw p.syntaxError(opTok);
      const right = parseExpr(p, prec + 1);
      return node(p, {
        kind: 'binary', op, left, right, start, end: p.lastEnd,
        height: 1 + Math.max(left.height, right.height),
      });
    }
  }
}

/** `left [NOT] LIKE right [ESCAPE e]`; for NOT, the LIKE keyword is the current token. */
function parseLike(p: ParserState, left: Expr, not: boolean, opType?: TokenType): Expr {
  const type = opType ?? p.advance().type;
  const op = type as 'LIKE' | 'GLOB' | 'REGEXP' | 'MATCH';
  const right = parseExpr(p, P_CMP + 1);
  let escape: Expr | null = null;
  if (p.accept('ESCAPE')) escape = parseExpr(p, P_CMP + 1);
  const inner = 1 + Math.max(left.height, right.height, escape?.height ?? 0);
  // SQLite builds NOT LIKE as NOT(like(...)): one level taller.
  return node(p, {
    kind: 'like', op, not, left, right, escape,
    start: left.start, end: p.lastEnd, height: not ? inner + 1 : inner,
  });
}

function parseBetween(p: ParserState, operand: Expr, not: boolean): Expr {
  const low = parseBetweenLow(p);
  p.expect('AND');
  const high = parseExpr(p, P_CMP + 1);
  const inner = 1 + Math.max(operand.height, low.height, high.height);
  return node(p, {
    kind: 'between', not, operand, low, high,
    start: operand.start, end: p.lastEnd, height: not ? inner + 1 : inner,
  });
}

function parseIn(p: ParserState, operand: Expr, not: boolean): Expr {
  const start = operand.start;
  const extra = not ? 1 : 0;
  if (p.at('LP')) {
    p.advance();
    p.enter();
    if (atSelectStart(p)) {
      const select = parseSelect(p);
      p.expect('RP');
      p.leave();
      return node(p, {
        kind: 'inSelect', not, operand, select, start, end: p.lastEnd,
        height: 1 + Math.max(operand.height, selectHeight(select)) + extra,
      });
    }
    const list = p.at('RP') ? [] : parseExprList(p);
    p.expect('RP');
    p.leave();
    return node(p, {
      kind: 'inList', not, operand, list, start, end: p.lastEnd,
      height: 1 + Math.max(operand.height, maxHeight(list)) + extra,
    });
  }
  const q = p.expectQualifiedName();
  let args: Expr[] | null = null;
  if (p.accept('LP')) {
    p.enter();
    args = p.at('RP') ? [] : parseExprList(p);
    p.expect('RP');
    p.leave();
  }
  return node(p, {
    kind: 'inTable', not, operand, schema: q.schema, table: q.name, args,
    start, end: p.lastEnd, height: 1 + Math.max(operand.height, args ? maxHeight(args) : 0) + extra,
  });
}

export function maxHeight(list: readonly Expr[]): number {
  let h = 0;
  for (const e of list) if (e.height > h) h = e.height;
  return h;
}

function parseUnary(p: ParserState): Expr {
  const t = p.tok;
  let op: '-' | '+' | '~' | 'NOT';
  switch (t.type) {
    case 'NOT': op = 'NOT'; break;
    case 'MINUS': op = '-'; break;
    case 'PLUS': op = '+'; break;
    case 'BITNOT': op = '~'; break;
    default: return parsePrimary(p);
  }
  p.advance();
  p.enter();
  // NOT binds looser than comparisons (NOT a = b is NOT (a = b)); - + ~ bind tighter than all.
  const operand = op === 'NOT' ? parseExpr(p, P_CMP) : parseUnary(p);
  p.leave();
  return node(p, { kind: 'unary', op, operand, start: t.start, end: p.lastEnd, height: operand.height + 1 });
}
