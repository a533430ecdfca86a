/**
 * Primary expressions, the operands of the operators in expr-parser.ts:
 *
 *   literal | CURRENT_TIME & co. | parameter | [[schema.]table.]column | ( expr ) | ( a, b, ... )
 *   | ( select ) | CAST ( expr AS type ) | CASE ... END | EXISTS ( select ) | RAISE ( ... )
 *   | name ( [DISTINCT|ALL] args | * ) [FILTER (WHERE expr)] [OVER window]
 *
 * CAST, RAISE and CURRENT_TIME & co. are keywords here even though they may name columns
 * elsewhere: SQLite's parser can shift them in this position, so its fallback rule never applies.
 */

import type { Expr, FunctionCall, WindowRef, WindowSpec } from './ast-expr.js';
import type { SelectStmt } from './ast-select.js';
import { atSelectStart, maxHeight, node, parseExpr } from './expr-parser.js';
import { dequote } from './lexer.js';
import { parseExprList } from './list-parser.js';
import type { ParserState } from './parser-state.js';
import { parseSelect, selectHeight } from './select-parser.js';
import { parseWindowSpec } from './window-parser.js';

/** A primary expression: literal, name, call, parenthesised form, CAST, CASE, EXISTS, RAISE. */
export function parsePrimary(p: ParserState): Expr {
  const t = p.tok;
  const start = t.start;
  switch (t.type) {
    case 'INTEGER':
      p.advance();
      return { kind: 'integer', text: p.text(t), start, end: t.end, height: 1 };
    case 'FLOAT':
      p.advance();
      return { kind: 'real', text: p.text(t), start, end: t.end, height: 1 };
    case 'STRING':
      if (p.peek().type === 'DOT') return parseQualifiedColumn(p);
      p.advance();
      return { kind: 'string', value: dequote(p.text(t)), start, end: t.end, height: 1 };
    case 'BLOB':
      p.advance();
      return { kind: 'blob', bytes: blobBytes(p.text(t)), start, end: t.end, height: 1 };
    case 'NULL':
      p.advance();
      return { kind: 'null', start, end: t.end, height: 1 };
    case 'CURRENT_TIME': case 'CURRENT_DATE': case 'CURRENT_TIMESTAMP':
      p.advance();
      return { kind: 'currentTime', which: t.type, start, end: t.end, height: 1 };
    case 'VARIABLE': {
      const text = p.text(t);
      p.advance();
      // "#NNN" names a register in SQLite's nested parses; in user SQL its action reports a
      // syntax error.
      if (text.charCodeAt(0) === 0x23 && text.length > 1 && isDigitCode(text.charCodeAt(1))) {
        p.deferError(`near "${text}": syntax error`, start);
        return { kind: 'param', text, index: 0, start, end: t.end, height: 1 };
      }
      return { kind: 'param', text, index: p.assignParam(t), start, end: t.end, height: 1 };
    }
    case 'LP': return parseParenthesized(p);
    case 'CAST': return parseCast(p);
    case 'CASE': return parseCase(p);
    case 'EXISTS': return parseExists(p);
    case 'RAISE': return parseRaise(p);
    default:
      break;
  }
  if (p.isId(t)) {
    const next = p.peek().type;
    if (next === 'LP') return parseFunctionCall(p);
    if (next === 'DOT') return parseQualifiedColumn(p);
  } else if (p.isNm(t)) {
    // A join keyword: a column name (never a function name).
    if (p.peek().type === 'DOT') return parseQualifiedColumn(p);
  } else {
    throw p.syntaxError();
  }
  p.advance();
  const text = p.text(t);
  return {
    kind: 'column', schema: null, table: null, column: dequote(text),
    doubleQuoted: text.charCodeAt(0) === 0x22, start, end: t.end, height: 1,
  };
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function blobBytes(text: string): Uint8Array {
  const hex = text.slice(2, -1);
  const bytes = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** `nm . nm [. nm]`: table.column or schema.table.column. */
function parseQualifiedColumn(p: ParserState): Expr {
  const start = p.tok.start;
  const first = p.expectNm();
  p.expect('DOT');
  const second = p.expectNm();
  if (!p.accept('DOT')) {
    return node(p, {
      kind: 'column', schema: null, table: first, column: second, doubleQuoted: false,
      start, end: p.lastEnd, height: 2,
    });
  }
  const third = p.expectNm();
  return node(p, {
    kind: 'column', schema: first, table: second, column: third, doubleQuoted: false,
    start, end: p.lastEnd, height: 3,
  });
}

/** `( expr )`, a row value `( a, b, ... )` or a subquery `( SELECT ... )`. */
function parseParenthesized(p: ParserState): Expr {
  const start = p.advance().start;
  p.enter();
  let result: Expr;
  if (atSelectStart(p)) {
    const select = parseSelect(p);
    p.expect('RP');
    result = node(p, { kind: 'subquery', select, start, end: p.lastEnd, height: 1 + selectHeight(select) });
  } else {
    const first = parseExpr(p);
    if (p.at('COMMA')) {
      const items = [first];
      while (p.accept('COMMA')) items.push(parseExpr(p));
      p.expect('RP');
      result = node(p, { kind: 'vector', items, start, end: p.lastEnd, height: 1 + maxHeight(items) });
    } else {
      p.expect('RP');
      result = first;
    }
  }
  p.leave();
  return result;
}

function parseCast(p: ParserState): Expr {
  const start = p.advance().start;
  p.expect('LP');
  p.enter();
  const operand = parseExpr(p);
  p.expect('AS');
  const raw = parseTypeName(p);
  const typeName = raw === null ? null : dequote(raw);
  p.expect('RP');
  p.leave();
  return node(p, { kind: 'cast', operand, typeName, start, end: p.lastEnd, height: operand.height + 1 });
}

/**
 * SQLite's `typetoken`: one or more `ids` words, optionally `(n)` or `(n, m)` with signed
 * numbers. Returns the raw source text, or null if absent. (GENERATED and ALWAYS are ordinary
 * type words here; see create-table-parser.ts for how a column definition trims them.)
 */
export function parseTypeName(p: ParserState): string | null {
  if (!p.isIds()) return null;
  const start = p.tok.start;
  while (p.isIds()) p.advance();
  if (p.accept('LP')) {
    parseSignedNumber(p);
    if (p.accept('COMMA')) parseSignedNumber(p);
    p.expect('RP');
  }
  return p.sql.slice(start, p.lastEnd);
}

/** `[+|-] INTEGER|FLOAT`, returning the text SQLite would use ("-" kept, "+" dropped). */
export function parseSignedNumber(p: ParserState): string {
  let sign = '';
  if (p.accept('MINUS')) sign = '-';
  else p.accept('PLUS');
  if (!p.at('INTEGER') && !p.at('FLOAT')) throw p.syntaxError();
  return sign + p.text(p.advance());
}

function parseCase(p: ParserState): Expr {
  const start = p.advance().start;
  p.enter();
  const operand = p.at('WHEN') ? null : parseExpr(p);
  if (!p.at('WHEN')) throw p.syntaxError();
  const whens: { when: Expr; then: Expr }[] = [];
  let height = operand?.height ?? 0;
  while (p.accept('WHEN')) {
    const when = parseExpr(p);
    p.expect('THEN');
    const then = parseExpr(p);
    whens.push({ when, then });
    height = Math.max(height, when.height, then.height);
  }
  const elseExpr = p.accept('ELSE') ? parseExpr(p) : null;
  if (elseExpr) height = Math.max(height, elseExpr.height);
  p.expect('END');
  p.leave();
  return node(p, { kind: 'case', operand, whens, else: elseExpr, start, end: p.lastEnd, height: height + 1 });
}

function parseExists(p: ParserState): Expr {
  const start = p.advance().start;
  p.expect('LP');
  p.enter();
  const select: SelectStmt = parseSelect(p);
  p.expect('RP');
  p.leave();
  return node(p, { kind: 'exists', select, start, end: p.lastEnd, height: 1 + selectHeight(select) });
}

function parseRaise(p: ParserState): Expr {
  const start = p.advance().start;
  p.expect('LP');
  if (p.accept('IGNORE')) {
    p.expect('RP');
    return { kind: 'raise', action: 'IGNORE', message: null, start, end: p.lastEnd, height: 1 };
  }
  const t = p.tok.type;
  if (t !== 'ROLLBACK' && t !== 'ABORT' && t !== 'FAIL') throw p.syntaxError();
  p.advance();
  p.expect('COMMA');
  const message = p.expectNm();
  p.expect('RP');
  return { kind: 'raise', action: t, message, start, end: p.lastEnd, height: 1 };
}

/** `name ( [DISTINCT|ALL] args | * ) [FILTER (WHERE expr)] [OVER window]`. */
function parseFunctionCall(p: ParserState): FunctionCall {
  const nameTok = p.advance();
  const start = nameTok.start;
  p.expect('LP');
  p.enter();
  let star = false;
  let distinct = false;
  let args: Expr[] = [];
  if (p.accept('STAR')) {
    star = true;
  } else {
    if (p.accept('DISTINCT')) distinct = true;
    else p.accept('ALL');
    if (!p.at('RP')) args = parseExprList(p);
  }
  p.expect('RP');
  p.leave();
  let filter: Expr | null = null;
  if (p.accept('FILTER')) {
    p.expect('LP');
    p.expect('WHERE');
    p.enter();
    filter = parseExpr(p);
    p.leave();
    p.expect('RP');
  }
  let over: WindowRef | WindowSpec | null = null;
  if (p.accept('OVER')) {
    if (p.accept('LP')) {
      p.enter();
      over = parseWindowSpec(p);
      p.leave();
      p.expect('RP');
    } else {
      over = { kind: 'windowRef', name: p.expectNm() };
    }
  }
  return node(p, {
    kind: 'function', name: dequote(p.text(nameTok)), distinct, star, args, filter, over,
    start, end: p.lastEnd, height: 1 + maxHeight(args),
  });
}
