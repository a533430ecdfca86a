/**
 * The parser's cursor over the token stream, shared by every grammar file: current token,
 * bounded lookahead, identifier classes, SQLite's error messages, the nesting guard and
 * parameter numbering.
 *
 * Error reporting follows SQLite: a syntax error names the token at which the input stopped
 * being a prefix of any valid statement (`near "X": syntax error`), or says `incomplete input`
 * when that token is the end of input, or `unrecognized token: "X"` when the lexer could not make
 * a token there. Like SQLite's token loop, the lexer runs lazily, so a bad token after the point
 * of a syntax error is never reported.
 */

import { SqliteError } from '../errors.js';
import { CTIME_KW, FALLBACK_TO_ID, JOIN_KW } from './keywords.js';
import { Lexer, dequote } from './lexer.js';
import type { Token, TokenType } from './tokens.js';

/** SQLite's SQLITE_MAX_EXPR_DEPTH default. */
export const MAX_EXPR_DEPTH = 1000;
/** SQLite's SQLITE_MAX_VARIABLE_NUMBER default. */
export const MAX_VARIABLE_NUMBER = 32766;
/** SQLite's SQLITE_MAX_COMPOUND_SELECT default. */
export const MAX_COMPOUND_SELECT = 500;
/**
 * Syntactic nesting (parentheses, subqueries, calls, prefix operators) the parser accepts before
 * reporting "parser stack overflow". Bounds the JS recursion of this recursive-descent parser
 * and of later passes over the tree. SQLite 3.40's fixed 100-entry parser stack overflows much
 * earlier (about 95 nested parentheses); newer SQLite grows it.
 */
export const MAX_NESTING = 1000;

export interface ParseOptions {
  /** SQLITE_LIMIT_EXPR_DEPTH. */
  maxExprDepth?: number;
  /** SQLITE_LIMIT_VARIABLE_NUMBER. */
  maxVariableNumber?: number;
  /** SQLITE_LIMIT_COMPOUND_SELECT. */
  maxCompoundSelect?: number;
}

/** A parse error with the offset of the offending token, like sqlite3_error_offset(). */
export type ParseError = SqliteError & { offset?: number };

export function parseError(message: string, offset: number): ParseError {
  const err: ParseError = new SqliteError('SQLITE_ERROR', message);
  err.offset = offset;
  return err;
}

const EOF_TOKEN_TYPE: TokenType = 'EOF';

export class ParserState {
  readonly sql: string;
  readonly maxExprDepth: number;
  readonly maxVariableNumber: number;
  readonly maxCompoundSelect: number;
  private readonly lexer: Lexer;
  /** The current (lookahead) token. */
  tok: Token;
  /** Tokens after `tok` already read from the lexer. */
  private readonly ahead: Token[] = [];
  /** End offset of the last consumed token (for node spans). */
  lastEnd: number;
  private nesting = 0;
  /** An error from a grammar action, waiting for the lookahead token to be accepted. */
  private deferred: ParseError | null = null;

  /** Highest parameter number in use. */
  paramCount = 0;
  /** Parameter names by number (index 0 unused); null for anonymous `?` slots. */
  readonly paramNames: (string | null)[] = [null];
  private readonly paramByName = new Map<string, number>();

  constructor(sql: string, offset: number, options: ParseOptions = {}) {
    this.sql = sql;
    this.maxExprDepth = options.maxExprDepth ?? MAX_EXPR_DEPTH;
    this.maxVariableNumber = options.maxVariableNumber ?? MAX_VARIABLE_NUMBER;
    this.maxCompoundSelect = options.maxCompoundSelect ?? MAX_COMPOUND_SELECT;
    this.lexer = new Lexer(sql, offset);
    this.tok = this.lexer.next();
    this.lastEnd = this.tok.start;
  }

  /** Offset where input ends (first NUL, or the string's length). */
  get inputEnd(): number {
    return this.lexer.end;
  }

  // -------------------------------------------------------------------------------------------
  // Token movement

  /** Consumes the current token and returns it. */
  advance(): Token {
    if (this.deferred !== null) this.throwDeferred();
    const t = this.tok;
    this.lastEnd = t.end;
    this.tok = this.ahead.length > 0 ? (this.ahead.shift() as Token) : this.lexer.next();
    return t;
  }

  /** The n-th token after the current one (n >= 1). */
  peek(n = 1): Token {
    while (this.ahead.length < n) {
      const last = this.ahead.length > 0 ? this.ahead[this.ahead.length - 1] : this.tok;
      this.ahead.push(last.type === EOF_TOKEN_TYPE ? last : this.lexer.next());
    }
    return this.ahead[n - 1] as Token;
  }

  at(type: TokenType): boolean {
    return this.tok.type === type;
  }

  accept(type: TokenType): Token | null {
    return this.tok.type === type ? this.advance() : null;
  }

  expect(type: TokenType): Token {
    if (this.tok.type !== type) {
      // At the end of input SQLite feeds a ";" first: where one fits, pending actions run.
      if (type === 'SEMI' && this.tok.type === 'EOF') this.flushDeferred();
      throw this.syntaxError();
    }
    return this.advance();
  }

  text(t: Token): string {
    return this.sql.slice(t.start, t.end);
  }

  // -------------------------------------------------------------------------------------------
  // Identifier classes (SQLite's nonterminals `id`, `ids`, `nm`)

  /** `id`: ID, INDEXED, or a keyword that falls back to ID. */
  isId(t: Token = this.tok): boolean {
    return t.type === 'ID' || t.type === 'INDEXED' || FALLBACK_TO_ID.has(t.type);
  }

  /** `ids`: ID (with fallback keywords) or STRING; used for aliases, types, collations. */
  isIds(t: Token = this.tok): boolean {
    return t.type === 'ID' || t.type === 'STRING' || FALLBACK_TO_ID.has(t.type);
  }

  /** `nm`: id, STRING or a join keyword; used for object names. */
  isNm(t: Token = this.tok): boolean {
    return this.isId(t) || t.type === 'STRING' || JOIN_KW.has(t.type);
  }

  isCtime(t: Token = this.tok): boolean {
    return CTIME_KW.has(t.type);
  }

  /** Consumes and returns the current token if it is an `nm`. */
  advanceIfNm(): Token | null {
    return this.isNm() ? this.advance() : null;
  }

  /** Consumes an `nm` and returns it dequoted. */
  expectNm(): string {
    if (!this.isNm()) throw this.syntaxError();
    return dequote(this.text(this.advance()));
  }

  /** Consumes an `ids` and returns it dequoted. */
  expectIds(): string {
    if (!this.isIds()) throw this.syntaxError();
    return dequote(this.text(this.advance()));
  }

  /** `nm [DOT nm]` as (schema, name). */
  expectQualifiedName(): { schema: string | null; name: string; nameToken: Token } {
    let nameToken = this.tok;
    const first = this.expectNm();
    if (!this.accept('DOT')) return { schema: null, name: first, nameToken };
    nameToken = this.tok;
    return { schema: first, name: this.expectNm(), nameToken };
  }

  // -------------------------------------------------------------------------------------------
  // Errors

  /** The error SQLite reports when `t` (default: the current token) cannot continue the parse. */
  syntaxError(t: Token = this.tok): ParseError {
    this.deferred = null;
    if (t.type === 'EOF') return parseError('incomplete input', t.start);
    if (t.type === 'ILLEGAL') return parseError(`unrecognized token: "${this.text(t)}"`, t.start);
    return parseError(`near "${this.text(t)}": syntax error`, t.start);
  }

  /**
   * An error SQLite raises from a grammar action (not a syntax error). SQLite's token loop
   * stops at an unrecognized token before any action runs, so that takes precedence.
   */
  semanticError(message: string, offset: number = this.tok.start): ParseError {
    if (this.tok.type === 'ILLEGAL') return this.syntaxError();
    return parseError(message, offset);
  }

  /**
   * Records an error raised by a grammar action. SQLite runs an action when it reduces, which
   * happens once the following (lookahead) token is known to fit; a lookahead that does not fit
   * is a syntax error instead. So the error is thrown when the current token is consumed (or
   * the statement ends), and dropped if the current token turns out to be a syntax error.
   */
  deferError(message: string, offset: number = this.tok.start): void {
    if (this.deferred === null) this.deferred = parseError(message, offset);
  }

  /** Throws a deferred action error, if any (at the end of a statement). */
  flushDeferred(): void {
    if (this.deferred !== null) this.throwDeferred();
  }

  private throwDeferred(): never {
    const err = this.deferred as ParseError;
    this.deferred = null;
    throw err;
  }

  // -------------------------------------------------------------------------------------------
  // Limits

  /** Enters one level of syntactic nesting; pair with `leave()`. */
  enter(): void {
    if (++this.nesting > MAX_NESTING) throw parseError('parser stack overflow', this.tok.start);
  }

  leave(): void {
    this.nesting--;
  }

  /** Rejects an expression node taller than the depth limit. */
  checkHeight(height: number, offset: number): number {
    if (height > this.maxExprDepth) {
      throw this.semanticError(
        `Expression tree is too large (maximum depth ${this.maxExprDepth})`,
        offset,
      );
    }
    return height;
  }

  // -------------------------------------------------------------------------------------------
  // Parameters

  /** Assigns a parameter number the way sqlite3ExprAssignVarNumber does. */
  assignParam(t: Token): number {
    const text = this.text(t);
    let index: number;
    if (text.length === 1) {
      index = ++this.paramCount;
      this.checkParamCount(index, t);
      this.paramNames.push(null);
      return index;
    }
    if (text.charCodeAt(0) === 0x3f /* ? */) {
      const n = Number(text.slice(1));
      if (!Number.isSafeInteger(n) || n < 1 || n > this.maxVariableNumber) {
        this.deferError(`variable number must be between ?1 and ?${this.maxVariableNumber}`, t.start);
        return 0;
      }
      index = n;
      while (this.paramNames.length <= n) this.paramNames.push(null);
      if (n > this.paramCount) this.paramCount = n;
      if (this.paramNames[n] === null && !this.paramByName.has(text)) {
        this.paramNames[n] = text;
        this.paramByName.set(text, n);
      }
      return index;
    }
    const known = this.paramByName.get(text);
    if (known !== undefined) return known;
    index = ++this.paramCount;
    this.checkParamCount(index, t);
    this.paramNames.push(text);
    this.paramByName.set(text, index);
    return index;
  }

  private checkParamCount(index: number, t: Token): void {
    if (index > this.maxVariableNumber) this.deferError('too many SQL variables', t.start);
  }
}
