/**
 * The shell's output modes, as sqlite3 prints them:
 *
 *   list    a|b                      line    "    a = 1" per column, blank line between rows
 *   column  aligned, dashes          box     Unicode box drawing       table   +---+ ASCII box
 *   csv     RFC 4180, CRLF rows      json    [{"a":1},\n{"a":2}]       quote   SQL literals
 *
 * A renderer takes one statement's column names and rows and returns the text to print.
 */
import { SqlReal, type SqlValue } from '@minnow/core';
import { displayText, hexOf, jsonReal, sqlLiteral } from '../sql-text.js';

export const MODES = ['list', 'line', 'column', 'box', 'table', 'markdown', 'csv', 'json', 'quote', 'tabs'] as const;
export type Mode = (typeof MODES)[number];

export interface OutputSettings {
  mode: Mode;
  headers: boolean;
  nullValue: string;
  /** Column separator of list mode (csv uses ',' and tabs '\t'). */
  separator: string;
}

export function render(cols: readonly string[], rows: readonly SqlValue[][], s: OutputSettings): string {
  switch (s.mode) {
    case 'list':
      return renderSeparated(cols, rows, s, s.separator, '\n', (v) => displayText(v, s.nullValue), (c) => c);
    case 'tabs':
      return renderSeparated(cols, rows, s, '\t', '\n', (v) => displayText(v, s.nullValue), (c) => c);
    case 'csv':
      return renderSeparated(cols, rows, s, ',', '\r\n', (v) => csvField(displayText(v, s.nullValue)), csvField);
    case 'quote':
      return renderSeparated(cols, rows, s, ',', '\n', sqlLiteral, (c) => sqlLiteral(c));
    case 'line':
      return renderLine(cols, rows, s);
    case 'json':
      return renderJson(cols, rows);
    case 'column':
      return renderColumn(cols, rows, s);
    case 'box':
    case 'table':
    case 'markdown':
      return renderBox(cols, rows, s);
  }
}

function renderSeparated(cols: readonly string[], rows: readonly SqlValue[][], s: OutputSettings, sep: string, rowSep: string, cell: (v: SqlValue) => string, head: (c: string) => string): string {
  let out = '';
  if (s.headers && rows.length > 0) out += cols.map(head).join(sep) + rowSep;
  for (const r of rows) out += r.map(cell).join(sep) + rowSep;
  return out;
}

export function csvField(text: string): string {
  return /[\x00-\x20",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function renderLine(cols: readonly string[], rows: readonly SqlValue[][], s: OutputSettings): string {
  const w = Math.max(5, ...cols.map((c) => c.length));
  return rows.map((r) => cols.map((c, i) => `${c.padStart(w)} = ${displayText(r[i]!, s.nullValue)}\n`).join('')).join('\n');
}

function jsonValue(v: SqlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') return jsonReal(v);
  if (v instanceof SqlReal) return jsonReal(v.value);
  return JSON.stringify(hexOf(v));
}

function renderJson(cols: readonly string[], rows: readonly SqlValue[][]): string {
  if (rows.length === 0) return '';
  const keys = cols.map((c) => JSON.stringify(c));
  return `[${rows.map((r) => `{${r.map((v, i) => `${keys[i]}:${jsonValue(v)}`).join(',')}}`).join(',\n')}]\n`;
}

function widths(cols: readonly string[], cells: readonly string[][]): number[] {
  return cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
}

function renderColumn(cols: readonly string[], rows: readonly SqlValue[][], s: OutputSettings): string {
  if (rows.length === 0) return '';
  const cells = rows.map((r) => r.map((v) => displayText(v, s.nullValue)));
  const w = widths(cols, cells);
  const line = (parts: readonly string[]) => parts.map((p, i) => p.padEnd(w[i]!)).join('  ') + '\n';
  let out = '';
  if (s.headers) out += line(cols) + line(w.map((n) => '-'.repeat(n)));
  for (const r of cells) out += line(r);
  return out;
}

function center(text: string, width: number): string {
  const left = Math.floor((width - text.length) / 2);
  return ' '.repeat(left) + text + ' '.repeat(width - text.length - left);
}

const BOX = { top: ['┌', '┬', '┐'], mid: ['├', '┼', '┤'], bottom: ['└', '┴', '┘'], h: '─', v: '│' };
const TABLE = { top: ['+', '+', '+'], mid: ['+', '+', '+'], bottom: ['+', '+', '+'], h: '-', v: '|' };

/** box, table and markdown: bordered grids with a centred header. */
export function renderBox(cols: readonly string[], rows: readonly SqlValue[][], s: OutputSettings): string {
  if (rows.length === 0) return '';
  const cells = rows.map((r) => r.map((v) => displayText(v, s.nullValue)));
  const w = widths(cols, cells);
  if (s.mode === 'markdown') {
    const row = (parts: readonly string[]) => `| ${parts.map((p, i) => p.padEnd(w[i]!)).join(' | ')} |\n`;
    return row(cols.map((c, i) => center(c, w[i]!))) + `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|\n` + cells.map(row).join('');
  }
  const g = s.mode === 'box' ? BOX : TABLE;
  const rule = (edge: readonly string[]) => edge[0] + w.map((n) => g.h.repeat(n + 2)).join(edge[1]) + edge[2] + '\n';
  const row = (parts: readonly string[]) => `${g.v} ${parts.join(` ${g.v} `)} ${g.v}\n`;
  // Like sqlite3, box and table always show the column names.
  let out = rule(g.top) + row(cols.map((c, i) => center(c, w[i]!))) + rule(g.mid);
  for (const r of cells) out += row(r.map((c, i) => c.padEnd(w[i]!)));
  return out + rule(g.bottom);
}
