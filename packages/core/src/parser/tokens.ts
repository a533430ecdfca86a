/**
 * Token types of SQLite's SQL dialect.
 *
 * Punctuation and literal classes use SQLite's own names (`LP`, `RP`, `EQ`, `CONCAT`, `PTR`, ...)
 * so that grammar code reads like the syntax diagrams. Every keyword is its own token type, named
 * by its upper-case spelling; the only alias is `TEMPORARY`, which lexes as `TEMP` because SQLite
 * treats the two words as one token. Keyword *classes* that SQLite's grammar handles as a single
 * terminal (JOIN_KW, LIKE_KW, CTIME_KW) are sets in keywords.ts, not token types, so the parser
 * still knows which word it saw.
 *
 *   token            text                      notes
 *   ---------------  ------------------------  -------------------------------------------
 *   ID               abc  "a b"  [a b]  `a`    quoted forms are dequoted by `dequote`
 *   STRING           'it''s'
 *   INTEGER          42  0x2A                   text kept verbatim (the compiler picks int/real)
 *   FLOAT            1.5  .5  5.  1e10
 *   BLOB             x'00ff'
 *   VARIABLE         ?  ?12  :name  @name  $name  $a::b(c)  #name
 *   EQ / NE          =  ==   /   !=  <>
 *   PTR              ->  ->>
 *   ILLEGAL          anything unrecognized; reported as `unrecognized token: "..."`
 *   EOF              end of input (or the first NUL character, as in SQLite's C strings)
 */

import type { KeywordType } from './keywords.js';

export type PunctuationType =
  | 'SEMI'
  | 'LP'
  | 'RP'
  | 'COMMA'
  | 'DOT'
  | 'PLUS'
  | 'MINUS'
  | 'STAR'
  | 'SLASH'
  | 'REM'
  | 'EQ'
  | 'NE'
  | 'LT'
  | 'LE'
  | 'GT'
  | 'GE'
  | 'BITAND'
  | 'BITOR'
  | 'BITNOT'
  | 'LSHIFT'
  | 'RSHIFT'
  | 'CONCAT'
  | 'PTR';

export type LiteralType = 'ID' | 'STRING' | 'INTEGER' | 'FLOAT' | 'BLOB' | 'VARIABLE';

export type TokenType = PunctuationType | LiteralType | KeywordType | 'ILLEGAL' | 'EOF';

/**
 * One significant token (whitespace and comments never become tokens). `start`/`end` are UTF-16
 * offsets into the SQL string, end exclusive; the text is `sql.slice(start, end)`.
 */
export interface Token {
  readonly type: TokenType;
  readonly start: number;
  readonly end: number;
}
