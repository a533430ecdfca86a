/**
 * Miscellaneous scalars: printf/format, concat/concat_ws, unhex, randomblob, likely/unlikely/
 * likelihood, if/iif (when not compiled as CASE), sqlite_version/sqlite_source_id.
 */
import { SqliteError } from '../../errors.js';
import { SqlReal, type SqlValue } from '../../format/sql-value.js';
import type { ScalarDef } from './function-def.js';
import { sqlPrintf } from './printf-format.js';
import { quoteValue } from './scalar-core.js';
import { doubleArg, int64Arg, textOf } from './value-helpers.js';

/** The SQLite release whose behaviour Minnow follows (the sql.js build it is tested against). */
export const SQLITE_VERSION = '3.54.1';
const SOURCE_ID = `Minnow (SQLite ${SQLITE_VERSION} compatible)`;

function scalar(name: string, minArgs: number, maxArgs: number, call: ScalarDef['call'], deterministic = true): ScalarDef {
  return { name, minArgs, maxArgs, deterministic, call };
}

const printf: ScalarDef['call'] = (r, b, n) => {
  if (n === 0 || r[b] === null) return null;
  return sqlPrintf(textOf(r[b]!), r, b + 1, b + n);
};

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** unhex(X [, Y]): hex digit pairs of X, characters of Y allowed between pairs; else NULL. */
function unhex(text: string, ignore: Set<string>): Uint8Array | null {
  const out: number[] = [];
  const chars = Array.from(text);
  let i = 0;
  while (i < chars.length) {
    const hi = chars[i]!.length === 1 ? hexDigit(chars[i]!.charCodeAt(0)) : -1;
    if (hi < 0) {
      // Only a character that cannot start a hex pair may be skipped.
      if (!ignore.has(chars[i]!)) return null;
      i++;
      continue;
    }
    const lo = i + 1 < chars.length && chars[i + 1]!.length === 1 ? hexDigit(chars[i + 1]!.charCodeAt(0)) : -1;
    if (lo < 0) return null;
    out.push(hi * 16 + lo);
    i += 2;
  }
  return Uint8Array.from(out);
}

/**
 * SQLite requires a REAL literal in [0.0, 1.0] (checked when it compiles the call; here when it
 * runs, so an expression such as 0.5+0.1 is accepted where SQLite refuses it).
 */
function likelihoodCheck(p: SqlValue): void {
  const real = p instanceof SqlReal ? p.value : typeof p === 'number' && !Number.isInteger(p) ? p : null;
  if (real === null || !(real >= 0 && real <= 1)) {
    throw new SqliteError('SQLITE_ERROR', 'second argument to likelihood() must be a constant between 0.0 and 1.0');
  }
}

/** if(c1, v1 [, c2, v2 ...] [, else]): the first value whose condition is true. */
const ifChain: ScalarDef['call'] = (r, b, n) => {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const c = r[b + i]!;
    if (c !== null && doubleArg(c) !== 0) return r[b + i + 1]!;
  }
  return i < n ? r[b + i]! : null;
};

const HEX_ESCAPES: Record<string, number> = { u: 4, '+': 6, U: 8 };

/** unistr(): \XXXX, \uXXXX, \+XXXXXX, \UXXXXXXXX and \\ escapes. */
function unistr(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      out += s[i];
      continue;
    }
    const next = s[i + 1];
    if (next === '\\') {
      out += '\\';
      i++;
      continue;
    }
    const width = next !== undefined && next in HEX_ESCAPES ? HEX_ESCAPES[next]! : 4;
    const start = i + 1 + (width === 4 && next !== 'u' ? 0 : 1);
    const hex = s.slice(start, start + width);
    const cp = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : -1;
    if (cp < 0) throw new SqliteError('SQLITE_ERROR', 'invalid Unicode escape');
    // Beyond U+10FFFF SQLite writes 4 bytes that are not UTF-8: each reads back as U+FFFD.
    out += cp > 0x10ffff ? '\ufffd'.repeat(4) : String.fromCodePoint(cp);
    i = start + width - 1;
  }
  return out;
}

/** unistr_quote(): quote(), but text with control characters as unistr('...'). */
function unistrQuote(v: SqlValue): string {
  if (typeof v !== 'string' || !/[\u0000-\u001f\u007f]/.test(v)) return quoteValue(v);
  const body = v.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => (c === "'" ? "''" : c === '\\' ? '\\\\' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return `unistr('${body}')`;
}

export const MISC_SCALARS: readonly ScalarDef[] = [
  scalar('printf', 0, -1, printf),
  scalar('format', 0, -1, printf),
  scalar('concat', 1, -1, (r, b, n) => {
    let s = '';
    for (let i = 0; i < n; i++) if (r[b + i] !== null) s += textOf(r[b + i]!);
    return s;
  }),
  scalar('concat_ws', 2, -1, (r, b, n) => {
    if (r[b] === null) return null;
    const sep = textOf(r[b]!);
    const parts: string[] = [];
    for (let i = 1; i < n; i++) if (r[b + i] !== null) parts.push(textOf(r[b + i]!));
    return parts.join(sep);
  }),
  scalar('unhex', 1, 2, (r, b, n) => {
    const x = r[b]!;
    const y = n > 1 ? r[b + 1]! : '';
    if (x === null || y === null) return null;
    return unhex(textOf(x), new Set(Array.from(textOf(y))));
  }),
  scalar('randomblob', 1, 1, (r, b) => {
    const v = r[b]!;
    let n = v === null ? 1 : Number(int64Arg(v) > 1_000_000_000n ? 1_000_000_000n : int64Arg(v));
    if (n < 1) n = 1;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(Math.random() * 256);
    return out;
  }, false),
  scalar('likely', 1, 1, (r, b) => r[b]!),
  scalar('unlikely', 1, 1, (r, b) => r[b]!),
  scalar('likelihood', 2, 2, (r, b) => {
    likelihoodCheck(r[b + 1]!);
    return r[b]!;
  }),
  scalar('if', 2, -1, ifChain),
  scalar('iif', 2, -1, ifChain),
  scalar('unistr', 1, 1, (r, b) => (r[b] === null ? null : unistr(textOf(r[b]!)))),
  scalar('unistr_quote', 1, 1, (r, b) => unistrQuote(r[b]!)),
  scalar('sqlite_version', 0, 0, () => SQLITE_VERSION),
  scalar('sqlite_source_id', 0, 0, () => SOURCE_ID),
];
