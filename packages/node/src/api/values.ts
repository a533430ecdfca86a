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
import type { SqlValue } from '@minnow/core';
import { toSqlValue } from '../compat/values.js';

// One conversion for both Node APIs (the table above is compat/values.ts's too).
export { fromSqlValue, toSqlValue } from '../compat/values.js';

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
