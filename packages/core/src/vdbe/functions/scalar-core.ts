/**
 * Core scalar functions: abs, coalesce, ifnull, nullif, typeof, min, max, random,
 * length, hex, quote, unicode/char-free basics. Each behaves as SQLite's built-in of the same
 * name (NULL handling, result types, errors).
 */
import { compareValues } from '../../btree/key-compare.js';
import { SqliteError } from '../../errors.js';
import { intValue, realValue, SqlReal, storageClass, type SqlValue } from '../../format/sql-value.js';
import { numericToDouble, toNumeric } from '../arith.js';
import type { ScalarDef } from './function-def.js';
import { realText } from './printf-float.js';
import { bytesOf, codePointLength, textOf } from './value-helpers.js';

const MIN_INT64 = -0x8000000000000000n;
const HEX = '0123456789ABCDEF';

function scalar(name: string, minArgs: number, maxArgs: number, call: ScalarDef['call'], deterministic = true): ScalarDef {
  return { name, minArgs, maxArgs, deterministic, call };
}

function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]! >> 4]! + HEX[bytes[i]! & 15]!;
  return s;
}

function minMax(sign: number): ScalarDef['call'] {
  return (regs, base, argc, ctx) => {
    let best = regs[base]!;
    if (best === null) return null;
    for (let i = 1; i < argc; i++) {
      const v = regs[base + i]!;
      if (v === null) return null;
      // Ties: min() takes the later argument, max() keeps the earlier (min(1, 1.0) is 1.0).
      const c = compareValues(v, best, ctx.coll) * sign;
      if (c > 0 || (c === 0 && sign < 0)) best = v;
    }
    return best;
  };
}

export const CORE_SCALARS: readonly ScalarDef[] = [
  scalar('abs', 1, 1, (r, b) => {
    const v = r[b]!;
    if (v === null) return null;
    if (typeof v === 'bigint') {
      if (v === MIN_INT64) throw new SqliteError('SQLITE_ERROR', 'integer overflow');
      return intValue(v < 0n ? -v : v);
    }
    if (typeof v === 'number' && Number.isInteger(v)) return Math.abs(v);
    // Everything else is read as a double (TEXT 'abc' gives 0.0); -0.0 stays -0.0.
    const d = v instanceof SqlReal ? v.value : typeof v === 'number' ? v : numericToDouble(toNumeric(v));
    return realValue(d < 0 ? -d : d);
  }),
  scalar('coalesce', 2, -1, (r, b, n) => {
    for (let i = 0; i < n; i++) if (r[b + i] !== null) return r[b + i]!;
    return null;
  }),
  scalar('ifnull', 2, 2, (r, b) => (r[b] !== null ? r[b]! : r[b + 1]!)),
  scalar('nullif', 2, 2, (r, b, _n, ctx) => {
    const x = r[b]!;
    const y = r[b + 1]!;
    if (x !== null && y !== null && compareValues(x, y, ctx.coll) === 0) return null;
    return x;
  }),
  scalar('typeof', 1, 1, (r, b) => storageClass(r[b]!)),
  scalar('min', 2, -1, minMax(-1)),
  scalar('max', 2, -1, minMax(1)),
  scalar('random', 0, 0, () => {
    const hi = BigInt(Math.floor(Math.random() * 0x100000000));
    const lo = BigInt(Math.floor(Math.random() * 0x100000000));
    return intValue(BigInt.asIntN(64, (hi << 32n) | lo));
  }, false),
  scalar('length', 1, 1, (r, b) => {
    const v = r[b]!;
    if (v === null) return null;
    if (v instanceof Uint8Array) return v.length;
    if (typeof v === 'string') {
      // SQLite's length() stops at the first NUL character.
      const nul = v.indexOf('\u0000');
      return codePointLength(nul < 0 ? v : v.slice(0, nul));
    }
    return textOf(v).length;
  }),
  scalar('hex', 1, 1, (r, b) => {
    const v = r[b]!;
    return v === null ? '' : hexOf(bytesOf(v));
  }),
  scalar('quote', 1, 1, (r, b) => quoteValue(r[b]!)),
];

/** quote(): an SQL literal for `v`. */
export function quoteValue(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  if (v instanceof Uint8Array) return `X'${hexOf(v)}'`;
  // A REAL is quoted as SQLite 3.54 renders it: the shorter of 15 and 17 digits that
  // reads back exactly (see float-decode.ts).
  const real = typeof v === 'number' && !Number.isInteger(v) ? v : v instanceof SqlReal ? v.value : null;
  if (real !== null) return Number.isFinite(real) ? realText(real) : real > 0 ? '9.0e+999' : '-9.0e+999';
  return String(v);
}
