/**
 * SQLite's tokenizer, reproduced rule for rule (tokenize.c's behaviour in 3.40).
 *
 *   input starts with          token                 notes
 *   -------------------------  --------------------  ------------------------------------------
 *   space \t \n \f \r, U+FEFF   (skipped)             \v only continues a run of spaces
 *   -- ... end of line          (skipped)
 *   /* ... * / or end of input  (skipped)             a lone "/*" at the very end is SLASH STAR
 *   ' " ` [                     STRING / ID           '' "" `` escape; unterminated -> ILLEGAL
 *   digit, or . digit           INTEGER / FLOAT       0x1F hex; 1e5 .5 5.; "12ab" -> ILLEGAL
 *   x' or X'                    BLOB                  even number of hex digits, else ILLEGAL
 *   ?digits                     VARIABLE
 *   $ @ : # then id chars       VARIABLE              "::" and a "(...)" suffix are allowed
 *   letter, _, non-ASCII        keyword or ID         keywords are ASCII letters and _ only
 *   - -> ->> ( ) ; + * % , & ~ . = == < <= <> << > >= >> != | ||
 *   anything else (! ^ { \ ...) ILLEGAL
 *
 * A NUL character ends the input, like the end of a C string. Identifier characters are ASCII
 * letters, digits, '_', '$' and every code unit >= 0x80 (SQLite treats all non-ASCII bytes as
 * identifier bytes).
 *
 * WINDOW, OVER and FILTER are keywords only in context (SQLite decides this in its token loop,
 * not in the grammar): WINDOW when followed by an identifier and AS; OVER when it follows ")" and
 * precedes "(" or an identifier; FILTER when it follows ")" and precedes "(". Elsewhere they are
 * plain identifiers.
 */

import { FALLBACK_TO_ID, JOIN_KW, KEYWORDS, MAX_KEYWORD_LENGTH } from './keywords.js';
import type { Token, TokenType } from './tokens.js';

/** Raw scanner result type: a token type, or SPACE for whitespace and comments. */
type RawType = TokenType | 'SPACE';

const CH_TAB = 0x09;
const CH_LF = 0x0a;
const CH_FF = 0x0c;
const CH_CR = 0x0d;
const CH_SPACE = 0x20;
const CH_BOM = 0xfeff;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isXDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** sqlite3Isspace: the characters that continue a run of whitespace (includes \v). */
function isSpace(c: number): boolean {
  return c === CH_SPACE || (c >= CH_TAB && c <= CH_CR);
}

/** Letters and '_': the characters a keyword is made of. */
function isKeywordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

/** sqlite3IsIdChar. */
export function isIdChar(c: number): boolean {
  return isKeywordChar(c) || isDigit(c) || c === 0x24 || c >= 0x80;
}

export class Lexer {
  readonly sql: string;
  /** Effective end of input: the first NUL character, or the string's length. */
  readonly end: number;
  private pos: number;
  /** Type of the last significant token returned (for the OVER/FILTER rule). */
  private prevType: TokenType | null = null;
  /** Type found by the last `scanRaw` call. */
  private rawType: RawType = 'EOF';

  constructor(sql: string, start = 0) {
    this.sql = sql;
    const nul = sql.indexOf('\0', start);
    this.end = nul < 0 ? sql.length : nul;
    this.pos = Math.min(Math.max(start, 0), this.end);
  }

  /** The next significant token; EOF (at `end`) forever once the input is exhausted. */
  next(): Token {
    let start = this.pos;
    let stop = this.scanRaw(start);
    while (this.rawType === 'SPACE') {
      start = stop;
      stop = this.scanRaw(start);
    }
    this.pos = stop;
    let type = this.rawType as TokenType;
    if (type === 'WINDOW' || type === 'OVER' || type === 'FILTER') type = this.contextual(type, stop);
    this.prevType = type;
    return { type, start, end: stop };
  }

  /** Decides whether a WINDOW/OVER/FILTER keyword is a keyword here, or an identifier. */
  private contextual(type: 'WINDOW' | 'OVER' | 'FILTER', after: number): TokenType {
    if (type === 'WINDOW') {
      let pos = this.skipSpace(after);
      if (this.lookaheadClass(pos) !== 'ID') return 'ID';
      pos = this.skipSpace(this.scanRaw(pos));
      return this.lookaheadClass(pos) === 'AS' ? 'WINDOW' : 'ID';
    }
    if (this.prevType !== 'RP') return 'ID';
    const next = this.lookaheadClass(this.skipSpace(after));
    if (next === 'LP') return type;
    return type === 'OVER' && next === 'ID' ? 'OVER' : 'ID';
  }

  private skipSpace(pos: number): number {
    let stop = this.scanRaw(pos);
    while (this.rawType === 'SPACE') {
      pos = stop;
      stop = this.scanRaw(pos);
    }
    return pos;
  }

  /** Type of the raw token at `pos`, with everything identifier-like folded into ID. */
  private lookaheadClass(pos: number): RawType {
    this.scanRaw(pos);
    const t = this.rawType;
    if (t === 'ID' || t === 'STRING' || t === 'WINDOW' || t === 'OVER') return 'ID';
    if (JOIN_KW.has(t) || FALLBACK_TO_ID.has(t)) return 'ID';
    return t;
  }

  /**
   * Scans one raw token starting at `pos` (< end, or EOF). Sets `rawType`; returns the end
   * offset. Never throws: malformed input becomes an ILLEGAL token for the parser to report.
   */
  private scanRaw(pos: number): number {
    const sql = this.sql;
    const end = this.end;
    if (pos >= end) {
      this.rawType = 'EOF';
      return end;
    }
    const c = sql.charCodeAt(pos);
    switch (c) {
      case CH_SPACE:
      case CH_TAB:
      case CH_LF:
      case CH_FF:
      case CH_CR:
      case CH_BOM: {
        let i = pos + 1;
        while (i < end && isSpace(sql.charCodeAt(i))) i++;
        return this.found('SPACE', i);
      }
      case 0x2d /* - */: {
        const c1 = this.charAt(pos + 1);
        if (c1 === 0x2d) {
          let i = pos + 2;
          while (i < end && sql.charCodeAt(i) !== CH_LF) i++;
          return this.found('SPACE', i);
        }
        if (c1 === 0x3e /* > */) return this.found('PTR', this.charAt(pos + 2) === 0x3e ? pos + 3 : pos + 2);
        return this.found('MINUS', pos + 1);
      }
      case 0x28: return this.found('LP', pos + 1);
      case 0x29: return this.found('RP', pos + 1);
      case 0x3b: return this.found('SEMI', pos + 1);
      case 0x2b: return this.found('PLUS', pos + 1);
      case 0x2a: return this.found('STAR', pos + 1);
      case 0x25: return this.found('REM', pos + 1);
      case 0x2c: return this.found('COMMA', pos + 1);
      case 0x26: return this.found('BITAND', pos + 1);
      case 0x7e: return this.found('BITNOT', pos + 1);
      case 0x2f /* / */: {
        if (this.charAt(pos + 1) !== 0x2a || pos + 2 >= end) return this.found('SLASH', pos + 1);
        const close = sql.indexOf('*/', pos + 2);
        return this.found('SPACE', close < 0 || close + 2 > end ? end : close + 2);
      }
      case 0x3d /* = */: return this.found('EQ', this.charAt(pos + 1) === 0x3d ? pos + 2 : pos + 1);
      case 0x3c /* < */: {
        const c1 = this.charAt(pos + 1);
        if (c1 === 0x3d) return this.found('LE', pos + 2);
        if (c1 === 0x3e) return this.found('NE', pos + 2);
        if (c1 === 0x3c) return this.found('LSHIFT', pos + 2);
        return this.found('LT', pos + 1);
      }
      case 0x3e /* > */: {
        const c1 = this.charAt(pos + 1);
        if (c1 === 0x3d) return this.found('GE', pos + 2);
        if (c1 === 0x3e) return this.found('RSHIFT', pos + 2);
        return this.found('GT', pos + 1);
      }
      case 0x21 /* ! */:
        return this.charAt(pos + 1) === 0x3d ? this.found('NE', pos + 2) : this.found('ILLEGAL', pos + 1);
      case 0x7c /* | */:
        return this.charAt(pos + 1) === 0x7c ? this.found('CONCAT', pos + 2) : this.found('BITOR', pos + 1);
      case 0x27 /* ' */:
      case 0x22 /* " */:
      case 0x60 /* ` */:
        return this.scanQuoted(pos, c);
      case 0x5b /* [ */: {
        const close = sql.indexOf(']', pos + 1);
        if (close < 0 || close >= end) return this.found('ILLEGAL', end);
        return this.found('ID', close + 1);
      }
      case 0x2e /* . */:
        if (!isDigit(this.charAt(pos + 1))) return this.found('DOT', pos + 1);
        return this.scanNumber(pos);
      case 0x3f /* ? */: {
        let i = pos + 1;
        while (isDigit(this.charAt(i))) i++;
        return this.found('VARIABLE', i);
      }
      case 0x24 /* $ */:
      case 0x40 /* @ */:
      case 0x3a /* : */:
      case 0x23 /* # */:
        return this.scanVariable(pos);
      case 0x78 /* x */:
      case 0x58 /* X */:
        if (this.charAt(pos + 1) === 0x27) return this.scanBlob(pos);
        return this.scanWord(pos);
      default:
        if (isDigit(c)) return this.scanNumber(pos);
        if (isKeywordChar(c) || c >= 0x80) return this.scanWord(pos);
        return this.found('ILLEGAL', pos + 1);
    }
  }

  /** The code unit at `i`, or 0 past the end of input (like the NUL of a C string). */
  private readonly charAt = (i: number): number => (i < this.end ? this.sql.charCodeAt(i) : 0);

  private found(type: RawType, end: number): number {
    this.rawType = type;
    return end;
  }

  private scanQuoted(pos: number, quote: number): number {
    const sql = this.sql;
    const end = this.end;
    let i = pos + 1;
    for (;;) {
      if (i >= end) return this.found('ILLEGAL', end);
      if (sql.charCodeAt(i) === quote) {
        if (i + 1 < end && sql.charCodeAt(i + 1) === quote) {
          i += 2;
          continue;
        }
        return this.found(quote === 0x27 ? 'STRING' : 'ID', i + 1);
      }
      i++;
    }
  }

  private scanNumber(pos: number): number {
    const sql = this.sql;
    const end = this.end;
    const at = this.charAt;
    if (at(pos) === 0x30 && (at(pos + 1) | 0x20) === 0x78 && isXDigit(at(pos + 2))) {
      // Hex literals take no trailing-identifier check: "0x1g" is 0x1 followed by "g".
      let i = pos + 3;
      while (isXDigit(at(i))) i++;
      return this.found('INTEGER', i);
    }
    let type: RawType = 'INTEGER';
    let i = pos;
    while (isDigit(at(i))) i++;
    if (at(i) === 0x2e) {
      i++;
      while (isDigit(at(i))) i++;
      type = 'FLOAT';
    }
    const e = at(i);
    if (e === 0x65 || e === 0x45) {
      const s = at(i + 1);
      if (isDigit(s) || ((s === 0x2b || s === 0x2d) && isDigit(at(i + 2)))) {
        i += 2;
        while (isDigit(at(i))) i++;
        type = 'FLOAT';
      }
    }
    // A number running into identifier characters ("12ab", "1_000", "1e") is one bad token.
    while (i < end && isIdChar(sql.charCodeAt(i))) {
      type = 'ILLEGAL';
      i++;
    }
    return this.found(type, i);
  }

  private scanBlob(pos: number): number {
    const sql = this.sql;
    const end = this.end;
    let i = pos + 2;
    while (i < end && isXDigit(sql.charCodeAt(i))) i++;
    let type: RawType = 'BLOB';
    if (i >= end || sql.charCodeAt(i) !== 0x27 || (i - pos) % 2 !== 0) {
      type = 'ILLEGAL';
      while (i < end && sql.charCodeAt(i) !== 0x27) i++;
    }
    if (i < end) i++;
    return this.found(type, i);
  }

  private scanVariable(pos: number): number {
    const sql = this.sql;
    const end = this.end;
    let nameChars = 0;
    let i = pos + 1;
    while (i < end) {
      const c = sql.charCodeAt(i);
      if (isIdChar(c)) {
        nameChars++;
        i++;
      } else if (c === 0x28 /* ( */ && nameChars > 0) {
        // Tcl-style array suffix: "$a(b)". Runs to ")" or the first space.
        i++;
        while (i < end && !isSpace(sql.charCodeAt(i)) && sql.charCodeAt(i) !== 0x29) i++;
        if (i < end && sql.charCodeAt(i) === 0x29) return this.found('VARIABLE', i + 1);
        return this.found('ILLEGAL', i);
      } else if (c === 0x3a && i + 1 < end && sql.charCodeAt(i + 1) === 0x3a) {
        i += 2;
      } else {
        break;
      }
    }
    return this.found(nameChars === 0 ? 'ILLEGAL' : 'VARIABLE', i);
  }

  private scanWord(pos: number): number {
    const sql = this.sql;
    const end = this.end;
    let i = pos;
    let keywordShaped = true;
    while (i < end) {
      const c = sql.charCodeAt(i);
      if (isKeywordChar(c)) {
        i++;
      } else if (isIdChar(c)) {
        keywordShaped = false;
        i++;
      } else {
        break;
      }
    }
    if (keywordShaped && i - pos <= MAX_KEYWORD_LENGTH && i - pos >= 2) {
      const keyword = KEYWORDS.get(sql.slice(pos, i).toUpperCase());
      if (keyword !== undefined) return this.found(keyword, i);
    }
    return this.found('ID', i);
  }
}

/**
 * Removes SQL quoting from an identifier or string token: 'a''b' -> a'b, "x" -> x, [x] -> x,
 * `x` -> x. Like sqlite3Dequote it stops at the first unescaped closing quote, and returns
 * unquoted text unchanged.
 */
export function dequote(text: string): string {
  const first = text.charCodeAt(0);
  let quote: number;
  if (first === 0x27 || first === 0x22 || first === 0x60) quote = first;
  else if (first === 0x5b) quote = 0x5d;
  else return text;
  let close = text.indexOf(String.fromCharCode(quote), 1);
  if (close < 0) return text.slice(1);
  if (quote === 0x5d) return text.slice(1, close);
  // Fast path: no doubled quotes inside.
  if (close + 1 >= text.length || text.charCodeAt(close + 1) !== quote) return text.slice(1, close);
  const q = String.fromCharCode(quote);
  let out = '';
  let from = 1;
  for (;;) {
    if (close < 0) return out + text.slice(from);
    out += text.slice(from, close);
    if (close + 1 < text.length && text.charCodeAt(close + 1) === quote) {
      out += q;
      from = close + 2;
      close = text.indexOf(q, from);
    } else {
      return out;
    }
  }
}
