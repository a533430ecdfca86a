/**
 * Reading numbers out of text, as SQLite does in its three situations:
 *
 *   parseNumericText   the whole text (surrounding spaces allowed) must be a number literal:
 *                      numeric affinity on storage and comparison. Hex is not recognised.
 *   numericPrefix      the longest leading number, 0 when there is none: arithmetic on TEXT,
 *                      CAST(x AS NUMERIC/REAL).
 *   integerPrefix      CAST(x AS INTEGER): the leading integer digits only.
 *
 * Integers beyond the 64-bit range become REAL. Results use the engine's value form
 * (format/sql-value.ts).
 */
import { intValue, realValue, SqlReal } from '../format/sql-value.js';

const MAX_INT64 = 0x7fffffffffffffffn;
const MIN_INT64 = -0x8000000000000000n;

/** Leading/trailing whitespace as SQLite's sqlite3Isspace sees it. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

interface Scan {
  /** End of the number literal (start if none). */
  end: number;
  isInteger: boolean;
}

/** Scans a decimal literal at `i`: [sign] digits [. digits] [e [sign] digits]. */
function scanNumber(s: string, i: number): Scan {
  const start = i;
  let c = s.charCodeAt(i);
  if (c === 0x2b || c === 0x2d) i++;
  let digits = 0;
  while (isDigit(s.charCodeAt(i))) {
    i++;
    digits++;
  }
  let isInteger = true;
  if (s.charCodeAt(i) === 0x2e) {
    let frac = 0;
    let j = i + 1;
    while (isDigit(s.charCodeAt(j))) {
      j++;
      frac++;
    }
    if (digits + frac > 0) {
      i = j;
      digits += frac;
      isInteger = false;
    }
  }
  if (digits === 0) return { end: start, isInteger: true };
  c = s.charCodeAt(i);
  if (c === 0x65 || c === 0x45) {
    let j = i + 1;
    const sc = s.charCodeAt(j);
    if (sc === 0x2b || sc === 0x2d) j++;
    if (isDigit(s.charCodeAt(j))) {
      while (isDigit(s.charCodeAt(j))) j++;
      i = j;
      isInteger = false;
    }
  }
  return { end: i, isInteger };
}

type Numeric = number | bigint | SqlReal;

function toValue(text: string, isInteger: boolean): Numeric {
  if (isInteger) {
    const big = BigInt(text);
    if (big > MAX_INT64 || big < MIN_INT64) return realValue(Number(text));
    return intValue(big);
  }
  return realValue(Number(text));
}

/**
 * The number `s` spells exactly (optional surrounding whitespace), or null. REAL results that
 * are integral stay REAL here; numeric affinity decides whether to make them INTEGER.
 */
export function parseNumericText(s: string): { value: number | bigint | SqlReal; isInteger: boolean } | null {
  let i = 0;
  const n = s.length;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  const scan = scanNumber(s, i);
  if (scan.end === i) return null;
  let j = scan.end;
  while (j < n && isSpace(s.charCodeAt(j))) j++;
  if (j !== n) return null;
  const text = s.slice(i, scan.end);
  const value = toValue(text, scan.isInteger);
  return { value, isInteger: scan.isInteger && !(value instanceof SqlReal) };
}

/** The value of the longest numeric prefix (after leading spaces); INTEGER 0 when none. */
export function numericPrefix(s: string): number | bigint | SqlReal {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  const scan = scanNumber(s, i);
  if (scan.end === i) return 0;
  return toValue(s.slice(i, scan.end), scan.isInteger);
}

/** CAST(text AS INTEGER): leading [sign] digits, clamped to the 64-bit range. */
export function integerPrefix(s: string): number | bigint {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  let j = i;
  const c = s.charCodeAt(j);
  if (c === 0x2b || c === 0x2d) j++;
  const digitsStart = j;
  while (isDigit(s.charCodeAt(j))) j++;
  if (j === digitsStart) return 0;
  let big = BigInt(s.slice(i, j));
  if (big > MAX_INT64) big = MAX_INT64;
  if (big < MIN_INT64) big = MIN_INT64;
  return intValue(big);
}

/**
 * Whether text whose numeric prefix is zero spells a negative zero ('-0', ' -0.0e5'): read as
 * a double (REAL arithmetic, CAST AS REAL) SQLite keeps the sign, so -0.0 results follow.
 */
export function isNegativeZeroText(s: string): boolean {
  return /^\s*-\.?[0-9]/.test(s);
}
