/**
 * The SQL front end: SQLite's tokenizer and grammar, producing the typed AST in ast.ts.
 *
 *   parseOne(sql, offset)  -> { stmt, next, paramCount, paramNames } | null
 *   parse(sql)             -> Statement[]
 *
 * Errors are SqliteError('SQLITE_ERROR') with SQLite's messages (`near "X": syntax error`,
 * `incomplete input`, `unrecognized token: "X"`, ...), plus the offending `offset`.
 */

export type * from './ast.js';
export { parse, parseOne, type ParsedStatement } from './parser.js';
export {
  MAX_EXPR_DEPTH,
  MAX_NESTING,
  MAX_VARIABLE_NUMBER,
  MAX_COMPOUND_SELECT,
  type ParseError,
  type ParseOptions,
} from './parser-state.js';
export { Lexer, dequote } from './lexer.js';
export { KEYWORDS, KEYWORD_NAMES, FALLBACK_TO_ID } from './keywords.js';
export type { Token, TokenType } from './tokens.js';
export type { KeywordType } from './keywords.js';
