/**
 * A comparable text form of a workload's result summary. Column names are dropped (engines may
 * name `count(*)` differently) and non-integral numbers are rounded to 10 significant digits, so
 * only a genuinely different answer shows up as a mismatch.
 */
const SIGNIFICANT_DIGITS = 10;

function normalise(value: unknown): unknown {
  if (typeof value === 'number') {
    return Number.isInteger(value) ? value : Number(value.toPrecision(SIGNIFICANT_DIGITS));
  }
  if (typeof value === 'bigint') {
    // Integers that fit a double compare equal to engines that return numbers.
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') return Object.values(value).map(normalise);
  return value ?? null;
}

export function fingerprint(value: unknown): string {
  return JSON.stringify(normalise(value));
}
