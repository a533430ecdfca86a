/**
 * SQL values as text, the way SQLite renders them (CAST(x AS TEXT), ||, length(), printing):
 *
 *   INTEGER  decimal digits, full 64-bit range
 *   REAL     15 significant digits, or 17 when 15 lose information (real-digits.ts);
 *            trailing zeros dropped but at least one digit after the point ("1.0", "0.1",
 *            "1.0e+20", "1.5e-07"); exponent form when the decimal exponent is < -4 or > 16;
 *            +/-Infinity print as "Inf"/"-Inf"
 *   TEXT     itself
 *   BLOB     its bytes read as UTF-8
 */
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import { decodeText, TEXT_UTF8 } from '../format/text-codec.js';
import { realDigits } from './real-digits.js';

const MIN_FIXED_EXPONENT = -4;
/** Fixed notation up to this decimal exponent (1e16 prints in full, 1e17 as 1.0e+17). */
const MAX_FIXED_EXPONENT = 16;

/** A double as SQLite (3.54) prints a REAL; the digits come from real-digits.ts. */
export function realToText(r: number): string {
  if (r === 0) return '0.0';
  if (r === Infinity) return 'Inf';
  if (r === -Infinity) return '-Inf';
  const { digits, exponent: e10 } = realDigits(r);
  const sign = r < 0 ? '-' : '';
  if (e10 < MIN_FIXED_EXPONENT || e10 > MAX_FIXED_EXPONENT) {
    const mantissa = digits.length === 1 ? `${digits}.0` : `${digits[0]}.${digits.slice(1)}`;
    const absExp = Math.abs(e10);
    return `${sign}${mantissa}e${e10 < 0 ? '-' : '+'}${absExp < 10 ? '0' : ''}${absExp}`;
  }
  if (e10 < 0) return `${sign}0.${'0'.repeat(-e10 - 1)}${digits}`;
  const intLen = e10 + 1;
  if (digits.length <= intLen) return `${sign}${digits}${'0'.repeat(intLen - digits.length)}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/** The TEXT form of a non-NULL value (NULL gives null). */
export function valueToText(v: SqlValue): string | null {
  if (v === null) return null;
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isInteger(v) ? String(v) : realToText(v);
    case 'bigint':
      return String(v);
    default:
      if (v instanceof SqlReal) return realToText(v.value);
      return decodeText(v, 0, v.length, TEXT_UTF8);
  }
}
