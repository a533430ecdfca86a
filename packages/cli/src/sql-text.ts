/**
 * SQL values as the shell writes them: as display text (sqlite3's column text), and as SQL
 * literals that read back as the same value (`.dump`, quote mode).
 */
import { parser, SqlReal, valueToText, type SqlValue } from '@minnow/core';

/** Display text of a non-NULL value: integers in decimal, reals as SQLite prints them (%!.15g). */
export function displayText(v: SqlValue, nullValue: string): string {
  return v === null ? nullValue : valueToText(v)!;
}

/**
 * A REAL literal that reads back as exactly the same double: JavaScript's shortest round-trip
 * digits, with ".0" added when they would read as an INTEGER; infinities as 1e999 (what SQLite
 * itself writes for them).
 */
export function realLiteral(r: number): string {
  if (r === Infinity) return '1e999';
  if (r === -Infinity) return '-1e999';
  if (Number.isNaN(r)) return 'NULL';
  const s = String(r);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

export function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

export function quoteText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** The value as an SQL literal: NULL, 42, 1.5, 'it''s', X'00FF'. */
export function sqlLiteral(v: SqlValue): string {
  if (v === null) return 'NULL';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? String(v) : realLiteral(v);
    case 'bigint':
      return String(v);
    case 'string':
      return quoteText(v);
    default:
      if (v instanceof SqlReal) return realLiteral(v.value);
      return `X'${hexOf(v)}'`;
  }
}

/** An identifier, double-quoted unless it is a plain word that is not an SQL keyword. */
export function quoteIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !parser.KEYWORDS.has(name.toUpperCase()) ? name : `"${name.replaceAll('"', '""')}"`;
}
