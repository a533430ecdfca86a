/**
 * Editing stored CREATE statements for ALTER TABLE, as SQLite does: identifier tokens are
 * replaced in place and the rest of the text (spacing, comments, case) is kept. Tokens come
 * from the lexer, so string literals and comments are never touched.
 */
import { KEYWORDS } from '../parser/keywords.js';
import { dequote, Lexer } from '../parser/lexer.js';
import type { Token } from '../parser/tokens.js';

const NOT_NAMES = new Set(['STRING', 'INTEGER', 'FLOAT', 'BLOB', 'VARIABLE', 'EOF', 'ILLEGAL']);

export function tokens(sql: string): Token[] {
  const lexer = new Lexer(sql);
  const out: Token[] = [];
  for (let i = 0; i < 100_000; i++) {
    const t = lexer.next();
    if (t.type === 'EOF') break;
    out.push(t);
  }
  return out;
}

/** Whether token `t` could be a name (identifier, or a keyword usable as one) equal to `name`. */
export function isName(sql: string, t: Token, name: string): boolean {
  if (NOT_NAMES.has(t.type) || t.end - t.start === 1 && !/[A-Za-z_]/.test(sql[t.start]!)) return false;
  return dequote(sql.slice(t.start, t.end)).toLowerCase() === name.toLowerCase();
}

/** `name` as SQLite writes a renamed column: bare when it is a plain identifier, else quoted. */
export function columnNameText(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toUpperCase())) return name;
  return quoted(name);
}

export function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Replaces the tokens at `positions` (indexes into `toks`) with `text`. */
export function replaceTokens(sql: string, toks: readonly Token[], positions: readonly number[], text: string): string {
  let out = '';
  let from = 0;
  for (const i of [...positions].sort((a, b) => a - b)) {
    out += sql.slice(from, toks[i]!.start) + text;
    from = toks[i]!.end;
  }
  return out + sql.slice(from);
}

/** Index of the token after the first `ON` keyword (the table of CREATE INDEX/TRIGGER), or -1. */
export function tokenAfterOn(toks: readonly Token[]): number {
  const i = toks.findIndex((t) => t.type === 'ON');
  return i < 0 || i + 1 >= toks.length ? -1 : i + 1;
}

/** Offset of the ")" closing the first "(" (the end of a CREATE TABLE's column list), or -1. */
export function closingParen(toks: readonly Token[]): number {
  let depth = 0;
  for (const t of toks) {
    if (t.type === 'LP') depth++;
    else if (t.type === 'RP' && --depth === 0) return t.start;
  }
  return -1;
}
