/**
 * Core scalar functions: abs, coalesce, ifnull, nullif, iif, typeof, min, max, random,
 * length, hex, quote, unicode/char-free basics. Each behaves as SQLite's built-in of the same
 * name (NULL handling, result types, errors).
 */
import { compareValues } from '../../btree/key-compare.js';
import { SqliteError } from '../../errors.js';
import { intValue, realValue, SqlReal, storageClass } from '../../format/sql-value.js';
import { numericToDouble, toNumeric } from '../arith.js';
import { realToText } from '../value-text.js';
import type { ScalarDef } from './function-def.js';
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
    // TEXT and BLOB arguments are read as REAL (abs('12') is 12.0, abs('x') is 0.0).
    if (typeof v === 'string' || v instanceof Uint8Array) return realValue(Math.abs(numericToDouble(toNumeric(v))));
    const n = v;
    if (typeof n === 'number') return Number.isInteger(n) ? Math.abs(n) : Math.abs(n);
    if (typeof n === 'bigint') {
      if (n === MIN_INT64) throw new SqliteError('SQLITE_ERROR', 'integer overflow');
      return intValue(n < 0n ? -n : n);
    }
    return new SqlReal(Math.abs((n as SqlReal).value));
  }),
  scalar('coalesce', 2, -1, (r, b, n) => {
    for (let i = 0; i < n; i++) if (r[b + i] !== null) return r[b + i]!;
    return null;
  }),
  scalar('ifnull', 2, 2, (r, b) => (r[b] !== null ? r[b]! : r[b + 1]!)),
  scalar('iif', 3, 3, () => null), // compiled as CASE; never called
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
  scalar('quote', 1, 1, (r, b) => {
    const v = r[b]!;
    if (v === null) return 'NULL';
    if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
    if (v instanceof Uint8Array) return `X'${hexOf(v)}'`;
    if (typeof v === 'number' && !Number.isInteger(v)) return realToText(v);
    if (v instanceof SqlReal) return realToText(v.value);
    return String(v);
  }),
];
