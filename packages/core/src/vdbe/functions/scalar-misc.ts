/**
 * Miscellaneous scalars: printf/format, concat/concat_ws, unhex, randomblob, likely/unlikely/
 * likelihood, if/iif (when not compiled as CASE), sqlite_version/sqlite_source_id.
 */
import { SqliteError } from '../../errors.js';
import { SqlReal, type SqlValue } from '../../format/sql-value.js';
import type { ScalarDef } from './function-def.js';
import { sqlPrintf } from './printf-format.js';
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
  scalar('sqlite_version', 0, 0, () => SQLITE_VERSION),
  scalar('sqlite_source_id', 0, 0, () => SOURCE_ID),
];
