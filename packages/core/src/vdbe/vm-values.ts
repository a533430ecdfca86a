/**
 * Value checks the VM makes on rowids: MustBeInt (an explicit rowid in INSERT, LIMIT values)
 * and the key of SeekRowid/NotExists.
 */
import { intValue, SqlReal, type SqlValue } from '../format/sql-value.js';
import { parseNumericText } from './numeric-text.js';

/** The value as an INTEGER if it is one or converts exactly (3.0, '7'); else null. */
export function mustBeInt(v: SqlValue): number | bigint | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'bigint') return v;
  if (v instanceof SqlReal) {
    const r = v.value;
    if (Math.abs(r) <= Number.MAX_SAFE_INTEGER) return r === 0 ? 0 : r;
    // -2^63 is an INTEGER; +2^63 is one past the largest.
    return Math.abs(r) < 2 ** 63 || r === -(2 ** 63) ? intValue(BigInt(r)) : null;
  }
  if (typeof v === 'string') {
    const p = parseNumericText(v);
    if (p === null) return null;
    return mustBeInt(p.value);
  }
  return null;
}

/** The rowid a SeekRowid key denotes, or null when no row can have it. */
export function seekRowidValue(v: SqlValue): number | bigint | null {
  if (v === null) return null;
  return mustBeInt(v);
}
