/**
 * SQLite's math functions (SQLITE_ENABLE_MATH_FUNCTIONS): trigonometry, exp/ln/log/pow/sqrt,
 * ceil/floor/trunc, mod, degrees/radians, pi, and sign.
 *
 * Arguments go through numeric affinity: a TEXT that is entirely a number counts as that
 * number, anything else (other TEXT, BLOB, NULL) gives NULL. Results are REAL, except that
 * ceil/floor/trunc return an INTEGER argument unchanged and sign() is INTEGER. A NaN result
 * (sqrt(-1), acos(2), mod(x, 0)) is NULL; logarithms of non-positive values are NULL.
 */
import { SqlReal, realValue, type SqlValue } from '../../format/sql-value.js';
import { parseNumericText } from '../numeric-text.js';
import type { ScalarDef } from './function-def.js';
import { doubleArg } from './value-helpers.js';

type Num = number | bigint | SqlReal;

/** The argument as a number under numeric affinity, or null when it is not one. */
function numArg(v: SqlValue): Num | null {
  if (v === null || v instanceof Uint8Array) return null;
  if (typeof v === 'string') return parseNumericText(v)?.value ?? null;
  return v;
}

function toDouble(n: Num): number {
  return typeof n === 'number' ? n : typeof n === 'bigint' ? Number(n) : n.value;
}

function isInt(n: Num): n is number | bigint {
  return typeof n === 'bigint' || (typeof n === 'number' && Number.isInteger(n));
}

function real(x: number): SqlValue {
  return Number.isNaN(x) ? null : realValue(x);
}

function unary(name: string, f: (x: number) => number): ScalarDef {
  return {
    name, minArgs: 1, maxArgs: 1, deterministic: true,
    call: (r, b) => {
      const n = numArg(r[b]!);
      return n === null ? null : real(f(toDouble(n)));
    },
  };
}

function binary(name: string, f: (x: number, y: number) => number): ScalarDef {
  return {
    name, minArgs: 2, maxArgs: 2, deterministic: true,
    call: (r, b) => {
      const x = numArg(r[b]!);
      const y = numArg(r[b + 1]!);
      return x === null || y === null ? null : real(f(toDouble(x), toDouble(y)));
    },
  };
}

/** ceil/floor/trunc: INTEGER in, same INTEGER out. */
function rounding(name: string, f: (x: number) => number): ScalarDef {
  return {
    name, minArgs: 1, maxArgs: 1, deterministic: true,
    call: (r, b) => {
      const n = numArg(r[b]!);
      if (n === null) return null;
      return isInt(n) ? n : real(f(toDouble(n)));
    },
  };
}

/** C's pow(): 1 for pow(1, y) and pow(-1, ±Inf), where JavaScript says NaN. */
function cPow(x: number, y: number): number {
  if (x === 1 || (x === -1 && !Number.isFinite(y) && !Number.isNaN(y))) return 1;
  return Math.pow(x, y);
}

const positiveLog = (f: (x: number) => number) => (x: number): number => (x > 0 ? f(x) : NaN);

const log: ScalarDef['call'] = (r, b, n) => {
  if (n === 1) {
    const x = numArg(r[b]!);
    return x === null ? null : real(positiveLog(Math.log10)(toDouble(x)));
  }
  // Two arguments: the base must be numeric and above 1; X is read as a double whatever it
  // is (so '1abc' counts as 1), as SQLite does.
  const base = numArg(r[b]!);
  const x = r[b + 1]!;
  if (base === null || x === null) return null;
  const lb = Math.log(toDouble(base));
  const xd = doubleArg(x);
  if (!(lb > 0) || xd <= 0) return null;
  return real(Math.log(xd) / lb);
};

export const MATH_SCALARS: readonly ScalarDef[] = [
  unary('acos', Math.acos),
  unary('acosh', Math.acosh),
  unary('asin', Math.asin),
  unary('asinh', Math.asinh),
  unary('atan', Math.atan),
  binary('atan2', Math.atan2),
  unary('atanh', Math.atanh),
  unary('cos', Math.cos),
  unary('cosh', Math.cosh),
  unary('sin', Math.sin),
  unary('sinh', Math.sinh),
  unary('tan', Math.tan),
  unary('tanh', Math.tanh),
  unary('exp', Math.exp),
  unary('ln', positiveLog(Math.log)),
  unary('log2', positiveLog(Math.log2)),
  unary('log10', positiveLog(Math.log10)),
  { name: 'log', minArgs: 1, maxArgs: 2, deterministic: true, call: log },
  binary('pow', cPow),
  binary('power', cPow),
  unary('sqrt', Math.sqrt),
  binary('mod', (x, y) => x % y),
  unary('degrees', (x) => x * (180 / Math.PI)),
  unary('radians', (x) => x * (Math.PI / 180)),
  rounding('ceil', Math.ceil),
  rounding('ceiling', Math.ceil),
  rounding('floor', Math.floor),
  rounding('trunc', Math.trunc),
  { name: 'pi', minArgs: 0, maxArgs: 0, deterministic: true, call: () => Math.PI },
  {
    name: 'sign', minArgs: 1, maxArgs: 1, deterministic: true,
    call: (r, b) => {
      const n = numArg(r[b]!);
      if (n === null) return null;
      if (typeof n === 'bigint') return n > 0n ? 1 : -1;
      const d = toDouble(n);
      return d > 0 ? 1 : d < 0 ? -1 : 0;
    },
  },
];
