/**
 * Comparison operators (=, <>, <, <=, >, >=, IS, IS NOT) with SQLite's affinity rules.
 *
 * Before comparing, the compiler picks one affinity for the pair (compile/expr-affinity.ts):
 * NUMERIC-class when either side is a numeric column and the other is TEXT/BLOB/none; TEXT
 * when one side has TEXT affinity and the other none. The VM applies it to the operands
 * (copies, registers are not changed): numeric affinity turns number-like TEXT into a number,
 * TEXT affinity turns numbers into TEXT. Then values compare in SQLite's order (NULL < numbers
 * < TEXT by collation < BLOB, see btree/key-compare.ts).
 */
import { BINARY, type Collation } from '../btree/collation.js';
import { compareValues } from '../btree/key-compare.js';
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import { AFF_TEXT, isNumericAffinity } from './affinity.js';
import { parseNumericText } from './numeric-text.js';
import { valueToText } from './value-text.js';

/** The operand as the comparison sees it under affinity `aff`. */
export function comparisonOperand(v: SqlValue, aff: number): SqlValue {
  if (isNumericAffinity(aff)) {
    if (typeof v === 'string') {
      const parsed = parseNumericText(v);
      return parsed === null ? v : parsed.value;
    }
    return v;
  }
  if (aff === AFF_TEXT && (typeof v === 'number' || typeof v === 'bigint' || v instanceof SqlReal)) return valueToText(v);
  return v;
}

/** -1/0/1 for two non-NULL values under `aff` and `coll`. */
export function compareWithAffinity(a: SqlValue, b: SqlValue, aff: number, coll: Collation = BINARY): number {
  // Fast path: two numbers need no affinity.
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return compareValues(comparisonOperand(a, aff), comparisonOperand(b, aff), coll);
}
