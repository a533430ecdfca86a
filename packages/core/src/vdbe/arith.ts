/**
 * Arithmetic as SQLite does it: NULL in, NULL out; TEXT and BLOB operands are read as their
 * numeric prefix ('12abc' is 12, 'abc' is 0); two INTEGER operands give an INTEGER unless the
 * 64-bit result overflows, then the operation is redone in REAL; division and remainder by
 * zero give NULL; a REAL result that is NaN (Inf - Inf) is NULL.
 *
 * INTEGERs are numbers while safe and bigints beyond (format/sql-value.ts): the fast path is
 * two safe integers whose result stays safe, with no allocation.
 */
import { intValue, realValue, SqlReal, type SqlValue } from '../format/sql-value.js';
import { integerPrefix, isNegativeZeroText, numericPrefix } from './numeric-text.js';

const MAX_INT64 = 0x7fffffffffffffffn;
const MIN_INT64 = -0x8000000000000000n;

export type Numeric = number | bigint | SqlReal;

/** The numeric value of a non-NULL operand (TEXT/BLOB by numeric prefix). */
export function toNumeric(v: Exclude<SqlValue, null>): Numeric {
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof SqlReal) return v;
  if (typeof v === 'string') return numericPrefix(v);
  return numericPrefix(new TextDecoder().decode(v));
}

/** True for an INTEGER value (integral number or bigint). */
export function isIntegerValue(n: Numeric): n is number | bigint {
  return typeof n === 'bigint' || (typeof n === 'number' && Number.isInteger(n));
}

export function numericToDouble(n: Numeric): number {
  return typeof n === 'number' ? n : typeof n === 'bigint' ? Number(n) : n.value;
}

function real(r: number): SqlValue {
  return Number.isNaN(r) ? null : realValue(r);
}

function inInt64(b: bigint): boolean {
  return b <= MAX_INT64 && b >= MIN_INT64;
}

export const OP_ADD = 0;
export const OP_SUB = 1;
export const OP_MUL = 2;
export const OP_DIV = 3;
export const OP_REM = 4;

function bigResult(b: bigint): SqlValue | undefined {
  return inInt64(b) ? intValue(b) : undefined;
}

function integerOp(op: number, a: number | bigint, b: number | bigint): SqlValue {
  if (typeof a === 'number' && typeof b === 'number') {
    let r: number;
    switch (op) {
      case OP_ADD: r = a + b; break;
      case OP_SUB: r = a - b; break;
      case OP_MUL: r = a * b; break;
      case OP_DIV:
        if (b === 0) return null;
        return Math.trunc(a / b) + 0;
      default:
        if (b === 0) return null;
        return (a % b) + 0;
    }
    // `+ 0` turns a JS -0 (0 * -1) into the INTEGER 0: integers have no negative zero.
    if (Number.isSafeInteger(r)) return r + 0;
  }
  const x = BigInt(a);
  const y = BigInt(b);
  let r: bigint;
  switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_SUB: r = x - y; break;
    case OP_MUL: r = x * y; break;
    case OP_DIV:
      if (y === 0n) return null;
      if (x === MIN_INT64 && y === -1n) return real(Number(x) / -1);
      return intValue(x / y);
    default:
      if (y === 0n) return null;
      if (y === -1n) return 0;
      return intValue(x % y);
  }
  const exact = bigResult(r);
  if (exact !== undefined) return exact;
  return realOp(op, Number(x), Number(y));
}

function realOp(op: number, a: number, b: number): SqlValue {
  switch (op) {
    case OP_ADD: return real(a + b);
    case OP_SUB: return real(a - b);
    case OP_MUL: return real(a * b);
    case OP_DIV: return b === 0 ? null : real(a / b);
    default: {
      // REAL % REAL: both operands truncated to integers, the result is REAL.
      const ia = toInt64Trunc(a);
      const ib = toInt64Trunc(b);
      if (ib === 0n) return null;
      if (ib === -1n) return new SqlReal(0);
      return real(Number(ia % ib));
    }
  }
}

/** A double truncated to a 64-bit integer, clamped as SQLite's cast does. */
export function toInt64Trunc(r: number): bigint {
  if (Number.isNaN(r)) return 0n;
  if (r >= 9223372036854775807) return MAX_INT64;
  if (r <= -9223372036854775808) return MIN_INT64;
  return BigInt(Math.trunc(r));
}

/** The operand as a double for REAL arithmetic: TEXT '-0' is -0.0 (SQLite reads it as a double). */
function realOperand(v: Exclude<SqlValue, null>, n: Numeric): number {
  if (n === 0 && typeof v !== 'number' && !(v instanceof SqlReal) && typeof v !== 'bigint') {
    return isNegativeZeroText(typeof v === 'string' ? v : new TextDecoder().decode(v)) ? -0 : 0;
  }
  return numericToDouble(n);
}

/** `a op b` for one of OP_ADD..OP_REM. */
export function arith(op: number, a: SqlValue, b: SqlValue): SqlValue {
  if (a === null || b === null) return null;
  const x = toNumeric(a);
  const y = toNumeric(b);
  if (isIntegerValue(x) && isIntegerValue(y)) return integerOp(op, x, y);
  if (op === OP_REM) return realRemainder(a, b);
  return realOp(op, realOperand(a, x), realOperand(b, y));
}

/**
 * `%` when either operand is not an INTEGER: both are taken as 64-bit integers the way
 * CAST AS INTEGER takes them (TEXT by its leading integer, so '1e3' is 1; REAL truncated),
 * and the exact remainder is returned as a REAL.
 */
function realRemainder(a: Exclude<SqlValue, null>, b: Exclude<SqlValue, null>): SqlValue {
  const ia = toInt64(a);
  const ib = toInt64(b);
  if (ib === 0n) return null;
  if (ib === -1n) return new SqlReal(0);
  return real(Number(ia % ib));
}

/**
 * An operand of a bitwise operator as a 64-bit integer. TEXT and BLOB give their leading
 * integer (as CAST AS INTEGER does: '1e3' is 1, not 1000); REALs truncate.
 */
export function toInt64(v: Exclude<SqlValue, null>): bigint {
  if (typeof v === 'string') return BigInt(integerPrefix(v));
  if (v instanceof Uint8Array) return BigInt(integerPrefix(new TextDecoder().decode(v)));
  const n = toNumeric(v);
  if (typeof n === 'bigint') return n;
  if (typeof n === 'number' && Number.isInteger(n)) return BigInt(n);
  return toInt64Trunc(numericToDouble(n));
}

export const BIT_AND = 0;
export const BIT_OR = 1;
export const SHIFT_LEFT = 2;
export const SHIFT_RIGHT = 3;

/** `a & b`, `a | b`, `a << b`, `a >> b` over 64-bit integers; NULL in, NULL out. */
export function bitOp(op: number, a: SqlValue, b: SqlValue): SqlValue {
  if (a === null || b === null) return null;
  const x = toInt64(a);
  let y = toInt64(b);
  let r: bigint;
  switch (op) {
    case BIT_AND: r = x & y; break;
    case BIT_OR: r = x | y; break;
    default: {
      let left = op === SHIFT_LEFT;
      if (y < 0n) {
        left = !left;
        y = y < -64n ? 64n : -y;
      }
      if (y >= 64n) r = left || x >= 0n ? 0n : -1n;
      else r = left ? BigInt.asIntN(64, x << y) : x >> y;
    }
  }
  return intValue(BigInt.asIntN(64, r));
}

/** `~a`. */
export function bitNot(a: SqlValue): SqlValue {
  if (a === null) return null;
  return intValue(BigInt.asIntN(64, ~toInt64(a)));
}

/** `-a` (SQLite's unary minus: INTEGER stays INTEGER except -(-2^63), which becomes REAL). */
export function negate(a: SqlValue): SqlValue {
  if (a === null) return null;
  const n = toNumeric(a);
  if (typeof n === 'number') return Number.isInteger(n) ? 0 - n : -n;
  if (typeof n === 'bigint') return n === MIN_INT64 ? real(-Number(n)) : intValue(-n);
  return new SqlReal(-n.value);
}

/** The truth of a value: NULL is null, otherwise whether its numeric value is non-zero. */
export function truth(v: SqlValue): boolean | null {
  if (v === null) return null;
  if (typeof v === 'number') return v !== 0;
  const n = toNumeric(v);
  return typeof n === 'bigint' ? n !== 0n : numericToDouble(n) !== 0;
}
