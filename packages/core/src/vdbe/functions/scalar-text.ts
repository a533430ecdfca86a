/**
 * Text scalar functions: lower, upper, substr/substring, trim, ltrim, rtrim, replace, instr,
 * round, like, glob. Positions and lengths count characters (code points) for TEXT and bytes
 * for BLOB, as in SQLite. lower/upper fold ASCII only (SQLite without ICU).
 */
import { SqliteError } from '../../errors.js';
import { realValue, type SqlValue } from '../../format/sql-value.js';
import { numericToDouble, toInt64, toNumeric } from '../arith.js';
import type { ScalarDef } from './function-def.js';
import { globMatch, likeMatch } from './pattern-match.js';
import { sqlPrintf } from './printf-format.js';
import { bytesOf, isSimpleText, textOf } from './value-helpers.js';

function scalar(name: string, minArgs: number, maxArgs: number, call: ScalarDef['call']): ScalarDef {
  return { name, minArgs, maxArgs, deterministic: true, call };
}

function asciiCase(s: string, upper: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (upper ? c >= 0x61 && c <= 0x7a : c >= 0x41 && c <= 0x5a) out += String.fromCharCode(c ^ 0x20);
    else out += s[i];
  }
  return out;
}

function intArg(v: SqlValue): number {
  if (v === null) return 0;
  // As sqlite3_value_int64: TEXT by its leading integer ('1e3' is 1), REAL truncated.
  const i = toInt64(v);
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  return Number(i > limit ? limit : i < -limit ? -limit : i);
}

/** SQLite's substr window on a sequence of `len` units: [start, end) after its sign rules. */
function substrWindow(len: number, pos: number, count: number | null): [number, number] {
  let p1 = pos;
  let p2 = count === null ? Number.MAX_SAFE_INTEGER : count;
  if (p1 < 0) {
    p1 += len;
    if (p1 < 0) {
      p2 += p1;
      p1 = 0;
    }
  } else if (p1 > 0) {
    p1--;
  } else if (p2 > 0) {
    p2--;
  }
  if (p2 < 0) {
    p1 += p2;
    p2 = -p2;
    if (p1 < 0) {
      p2 += p1;
      p1 = 0;
    }
  }
  const start = Math.min(p1, len);
  const end = Math.min(len, p1 + Math.max(0, p2));
  return [start, Math.max(start, end)];
}

const substr: ScalarDef['call'] = (r, b, n) => {
  const v = r[b]!;
  const pos = r[b + 1]!;
  const count = n > 2 ? r[b + 2]! : undefined;
  if (v === null || pos === null || count === null) return null;
  // SQLite sees a zero-length blob as no blob at all: substr(x'', ...) is NULL.
  if (v instanceof Uint8Array && v.length === 0) return null;
  const p = intArg(pos);
  const c = count === undefined ? null : intArg(count);
  if (v instanceof Uint8Array) {
    const [s, e] = substrWindow(v.length, p, c);
    return v.slice(s, e);
  }
  const text = textOf(v);
  if (isSimpleText(text)) {
    const [s, e] = substrWindow(text.length, p, c);
    return text.slice(s, e);
  }
  const chars = Array.from(text);
  const [s, e] = substrWindow(chars.length, p, c);
  return chars.slice(s, e).join('');
};

function trimmer(left: boolean, right: boolean): ScalarDef['call'] {
  return (r, b, n) => {
    const v = r[b]!;
    if (v === null) return null;
    const set = n > 1 ? r[b + 1]! : ' ';
    if (set === null) return null;
    const text = textOf(v);
    // SQLite reads the character set as a C string: it ends at the first NUL.
    const setText = textOf(set);
    const nul = setText.indexOf('\u0000');
    const chars = new Set(Array.from(nul < 0 ? setText : setText.slice(0, nul)));
    const cps = Array.from(text);
    let s = 0;
    let e = cps.length;
    if (left) while (s < e && chars.has(cps[s]!)) s++;
    if (right) while (e > s && chars.has(cps[e - 1]!)) e--;
    return cps.slice(s, e).join('');
  };
}

/** SQLite's round(): half away from zero at 0 digits, else via its printf digits. */
function roundValue(x: number, digits: number): number {
  if (digits < 0) digits = 0;
  if (digits > 30) return x;
  if (digits === 0 && Math.abs(x) < 9223372036854775807) return Math.trunc(x + (x < 0 ? -0.5 : 0.5)) + 0;
  return Number(sqlPrintf('%!.*f', [digits, x], 0, 2));
}

export const TEXT_SCALARS: readonly ScalarDef[] = [
  scalar('lower', 1, 1, (r, b) => (r[b] === null ? null : asciiCase(textOf(r[b]!), false))),
  scalar('upper', 1, 1, (r, b) => (r[b] === null ? null : asciiCase(textOf(r[b]!), true))),
  scalar('substr', 2, 3, substr),
  scalar('substring', 2, 3, substr),
  scalar('trim', 1, 2, trimmer(true, true)),
  scalar('ltrim', 1, 2, trimmer(true, false)),
  scalar('rtrim', 1, 2, trimmer(false, true)),
  scalar('replace', 3, 3, (r, b) => {
    const [x, y, z] = [r[b]!, r[b + 1]!, r[b + 2]!];
    if (x === null || y === null) return null;
    const pattern = textOf(y);
    if (pattern === '') return textOf(x);
    if (z === null) return null;
    return textOf(x).split(pattern).join(textOf(z));
  }),
  scalar('instr', 2, 2, (r, b) => {
    const [x, y] = [r[b]!, r[b + 1]!];
    if (x === null || y === null) return null;
    if (x instanceof Uint8Array && y instanceof Uint8Array) {
      outer: for (let i = 0; i + y.length <= x.length; i++) {
        for (let j = 0; j < y.length; j++) if (x[i + j] !== y[j]) continue outer;
        return i + 1;
      }
      return 0;
    }
    const hay = textOf(x);
    const at = hay.indexOf(textOf(y));
    return at < 0 ? 0 : Array.from(hay.slice(0, at)).length + 1;
  }),
  scalar('round', 1, 2, (r, b, n) => {
    const x = r[b]!;
    if (x === null) return null;
    const d = n > 1 ? r[b + 1]! : 0;
    if (d === null) return null;
    const value = numericToDouble(toNumeric(x));
    return realValue(roundValue(value, intArg(d)));
  }),
  scalar('like', 2, 3, (r, b, n) => {
    const [pattern, value] = [r[b]!, r[b + 1]!];
    const esc = n > 2 ? r[b + 2]! : undefined;
    if (pattern === null || value === null || esc === null) return null;
    let escChar: string | null = null;
    if (esc !== undefined) {
      const e = Array.from(textOf(esc));
      if (e.length !== 1) throw new SqliteError('SQLITE_ERROR', 'ESCAPE expression must be a single character');
      escChar = e[0]!;
    }
    return likeMatch(textOf(pattern), textOf(value), escChar) ? 1 : 0;
  }),
  scalar('glob', 2, 2, (r, b) => {
    const [pattern, value] = [r[b]!, r[b + 1]!];
    if (pattern === null || value === null) return null;
    return globMatch(textOf(pattern), textOf(value)) ? 1 : 0;
  }),
  scalar('unicode', 1, 1, (r, b) => {
    const v = r[b]!;
    if (v === null) return null;
    const cp = textOf(v).codePointAt(0);
    // SQLite reads the text as a C string: empty, or starting with NUL, has no character.
    return cp === undefined || cp === 0 ? null : cp;
  }),
  scalar('char', 0, -1, (r, b, n) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      const v = r[b + i]!;
      const cp = v === null ? 0 : intArg(v);
      // A surrogate code point is written as 3 bytes that are not valid UTF-8: each reads
      // back as U+FFFD.
      if (cp >= 0xd800 && cp <= 0xdfff) s += '\ufffd\ufffd\ufffd';
      else s += String.fromCodePoint(cp >= 0 && cp <= 0x10ffff ? cp : 0xfffd);
    }
    return s;
  }),
  scalar('zeroblob', 1, 1, (r, b) => new Uint8Array(Math.max(0, intArg(r[b]!)))),
  scalar('octet_length', 1, 1, (r, b) => (r[b] === null ? null : bytesOf(r[b]!).length)),
];
