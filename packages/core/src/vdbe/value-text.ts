/**
 * SQL values as text, the way SQLite renders them (CAST(x AS TEXT), ||, length(), printing):
 *
 *   INTEGER  decimal digits, full 64-bit range
 *   REAL     "%!.15g": 15 significant digits, trailing zeros dropped but at least one digit
 *            after the point ("1.0", "0.1", "1.0e+20", "1.5e-07"); exponent form when the
 *            decimal exponent is < -4 or >= 15; +/-Infinity print as "Inf"/"-Inf"
 *   TEXT     itself
 *   BLOB     its bytes read as UTF-8
 */
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import { decodeText, TEXT_UTF8 } from '../format/text-codec.js';

const SIGNIFICANT_DIGITS = 15;
const MIN_FIXED_EXPONENT = -4;

/** A double as SQLite prints a REAL. */
export function realToText(r: number): string {
  if (r === 0) return '0.0';
  if (r === Infinity) return 'Inf';
  if (r === -Infinity) return '-Inf';
  const exp = r.toExponential(SIGNIFICANT_DIGITS - 1); // "-d.dddddddddddddde+X"
  const ePos = exp.indexOf('e');
  const negative = exp.charCodeAt(0) === 0x2d;
  let digits = exp.slice(negative ? 1 : 0, ePos).replace('.', '');
  const e10 = Number(exp.slice(ePos + 1));
  digits = digits.replace(/0+$/, '');
  if (digits === '') digits = '0';
  const sign = negative ? '-' : '';
  if (e10 < MIN_FIXED_EXPONENT || e10 >= SIGNIFICANT_DIGITS) {
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
