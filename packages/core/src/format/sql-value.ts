/**
 * How SQL values are represented in JavaScript inside the engine.
 *
 *   SQL type   JS representation
 *   NULL       null
 *   INTEGER    number when -2^53 < v < 2^53 (a safe integer), else bigint (full 64-bit range)
 *   REAL       number when it has a fractional part (or is NaN/±Infinity);
 *              SqlReal when its value is integral (1.0, -0.0, 1e20), so it stays REAL
 *   TEXT       string
 *   BLOB       Uint8Array
 *
 * Invariants: a raw `number` that is an integer always means INTEGER; a `bigint` is always
 * outside the safe range (normalize with `intValue`); a SqlReal's value is always integral.
 * So the storage class is decidable from the JS value alone, with no allocation for the
 * common cases (small integers, fractional reals, text, blobs).
 */
export class SqlReal {
  constructor(readonly value: number) {}
}

export type SqlValue = null | number | bigint | string | Uint8Array | SqlReal;

export type StorageClass = 'null' | 'integer' | 'real' | 'text' | 'blob';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** The canonical INTEGER value for a 64-bit integer: number when safe, else bigint. */
export function intValue(v: bigint): number | bigint {
  return v <= MAX_SAFE && v >= MIN_SAFE ? Number(v) : v;
}

/** The canonical REAL value for a double. */
export function realValue(v: number): number | SqlReal {
  return Number.isInteger(v) ? new SqlReal(v) : v;
}

export function storageClass(v: SqlValue): StorageClass {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'real';
    case 'bigint':
      return 'integer';
    case 'string':
      return 'text';
    default:
      return v instanceof SqlReal ? 'real' : 'blob';
  }
}

/** The numeric value of an INTEGER or REAL as a double (bigints rounded). */
export function toDouble(v: number | bigint | SqlReal): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return v.value;
}
