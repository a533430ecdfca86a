/**
 * JS values <-> SQL values for the promise API, and binding of call arguments to a statement's
 * parameter slots.
 *
 *   bind                            result
 *   number, integral -> INTEGER     INTEGER -> number (bigint with safeIntegers)
 *   number, other    -> REAL        REAL    -> number
 *   bigint           -> INTEGER     TEXT    -> string
 *   boolean          -> 0 / 1       BLOB    -> Buffer
 *   string           -> TEXT        NULL    -> null
 *   Uint8Array/Buffer -> BLOB (copied, so later changes to the caller's buffer do not leak in)
 *   null, undefined  -> NULL
 *
 * Arguments, as better-sqlite3 takes them: values and arrays of values fill the anonymous
 * slots (`?`, `?NNN`) in slot order; one plain object fills the named slots (`:a`, `@a`, `$a`),
 * keyed without the prefix. Both kinds may be mixed in one call.
 */
import { intValue, SqlReal, type SqlValue } from '@minnow/core';

const MAX_INT64 = 0x7fffffffffffffffn;
const MIN_INT64 = -0x8000000000000000n;

export function toSqlValue(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
    case 'string':
      return v;
    case 'bigint':
      if (v > MAX_INT64 || v < MIN_INT64) throw new RangeError('BigInt value is too large to be represented as a SQLite integer');
      return intValue(v);
    case 'boolean':
      return v ? 1 : 0;
    default:
      if (v instanceof Uint8Array) return new Uint8Array(v);
      throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
  }
}

export function fromSqlValue(v: SqlValue, safeIntegers: boolean): unknown {
  if (v === null || typeof v === 'string') return v;
  if (typeof v === 'number') return safeIntegers && Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'bigint') return safeIntegers ? v : Number(v);
  if (v instanceof SqlReal) return v.value;
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function isNamedObject(a: unknown): a is Record<string, unknown> {
  return a !== null && typeof a === 'object' && !Array.isArray(a) && !(a instanceof Uint8Array);
}

/**
 * The value of every slot (index 0 is slot 1) for `args` against a statement whose slot names
 * are `names` (index 1..count, null for `?`).
 */
export function bindSlots(args: readonly unknown[], names: readonly (string | null)[], count: number): SqlValue[] {
  const positional: unknown[] = [];
  let named: Record<string, unknown> | null = null;
  for (const a of args) {
    if (Array.isArray(a)) positional.push(...(a as unknown[]));
    else if (isNamedObject(a)) {
      if (named !== null) throw new TypeError('You cannot specify named parameters in two different objects');
      named = a;
    } else positional.push(a);
  }
  if (named !== null && !names.some((n) => n !== null && !n.startsWith('?'))) {
    throw new TypeError('This statement does not accept named parameters');
  }
  const slots: SqlValue[] = [];
  let next = 0;
  for (let i = 1; i <= count; i++) {
    const name = names[i] ?? null;
    if (name === null || name.startsWith('?')) {
      if (next >= positional.length) throw new RangeError('Too few parameter values were provided');
      slots.push(toSqlValue(positional[next++]));
      continue;
    }
    const bare = name.slice(1);
    if (named === null) throw new TypeError('Missing named parameters');
    if (!(bare in named)) throw new RangeError(`Missing named parameter "${bare}"`);
    slots.push(toSqlValue(named[bare]));
  }
  if (next < positional.length) throw new RangeError('Too many parameter values were provided');
  return slots;
}
