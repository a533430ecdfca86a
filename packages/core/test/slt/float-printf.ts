/**
 * SQLite's printf for doubles, as the sqllogictest harness uses it: `%.3f` for R columns and
 * `%!.15g` for a REAL read as text (T columns, sqlite3_column_text).
 *
 * SQLite does not round like C's printf. It first turns the double into decimal significant
 * digits, then rounds that digit string half up (looking at the first dropped digit only),
 * never keeping more than `maxDigits` significant digits (16 for `%f`, 26 with the `!` flag):
 *
 *   value            %.3f (SQLite)                C printf %.3f
 *   2.0625           2.063  (tie rounds up)       2.062 (tie to even)
 *   -2^63            -9223372036854776000.000     -9223372036854775808.000
 *   1.0005           1.000  (the double is below the tie)
 *
 * The digits here are the exact decimal expansion of the double (BigInt arithmetic); SQLite
 * computes ~17-19 of them approximately, which can only matter when the exact expansion holds
 * a run of 9s or 0s around the 17th significant digit.
 *
 * A decoded value is `0.d1 d2 d3 ... x 10^pointPos` (digits without leading zeros).
 */

/** Most significant digits `%f` keeps (SQLite's printf without the `!` flag). */
const FIXED_MAX_DIGITS = 16;
/** Most significant digits `%g` keeps with the `!` flag. */
const ALT_MAX_DIGITS = 26;
/** `%g` switches to exponent form below 10^-4 (C's rule). */
const GENERIC_MIN_EXPONENT = -4;

interface Decoded {
  digits: string;
  pointPos: number;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const MANTISSA_MASK = (1n << 52n) - 1n;
const HIDDEN_BIT = 1n << 52n;

/** The exact decimal digits of a finite double > 0. */
function exactDecimal(x: number): Decoded {
  f64[0] = x;
  const bits = u64[0]!;
  const biasedExp = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & MANTISSA_MASK;
  let exp2: number;
  if (biasedExp === 0) {
    exp2 = -1074; // subnormal
  } else {
    mantissa |= HIDDEN_BIT;
    exp2 = biasedExp - 1075;
  }
  let digits: string;
  let pointPos: number;
  if (exp2 >= 0) {
    digits = (mantissa << BigInt(exp2)).toString();
    pointPos = digits.length;
  } else {
    // m / 2^k == m * 5^k / 10^k
    digits = (mantissa * 5n ** BigInt(-exp2)).toString();
    pointPos = digits.length + exp2;
  }
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 0x30) end--;
  return { digits: digits.slice(0, end), pointPos };
}

/**
 * Rounds half up to `keep` significant digits (capped at `maxDigits`). `keep` may be 0: the
 * value then rounds to one unit of the next higher place, or drops to nothing.
 */
function roundDigits(d: Decoded, keep: number, maxDigits: number): Decoded {
  let { digits, pointPos } = d;
  if (keep === 0 && digits.charCodeAt(0) >= 0x35) {
    // All digits are dropped but the first is >= 5: the result is 1 unit of the place above.
    digits = '0' + digits;
    pointPos++;
    keep = 1;
  }
  if (keep <= 0) return { digits, pointPos };
  if (keep > maxDigits) keep = maxDigits;
  if (digits.length <= keep) return { digits, pointPos };
  const roundUp = digits.charCodeAt(keep) >= 0x35;
  const kept = digits.slice(0, keep).split('');
  if (roundUp) {
    let j = keep - 1;
    for (;;) {
      if (kept[j] !== '9') {
        kept[j] = String.fromCharCode(kept[j]!.charCodeAt(0) + 1);
        break;
      }
      kept[j] = '0';
      if (j === 0) {
        kept.unshift('1');
        pointPos++;
        break;
      }
      j--;
    }
  }
  return { digits: kept.join(''), pointPos };
}

/** The digit at significant position k (0-based), '0' outside the stored digits. */
function digitAt(d: Decoded, k: number): string {
  return k >= 0 && k < d.digits.length ? d.digits[k]! : '0';
}

/** Digits of the fixed-point form: integer part, then `fraction` digits after the point. */
function fixedBody(d: Decoded, fraction: number): string {
  let out = '';
  if (d.pointPos <= 0) out = '0';
  else for (let k = 0; k < d.pointPos; k++) out += digitAt(d, k);
  if (fraction > 0) {
    out += '.';
    for (let k = d.pointPos; k < d.pointPos + fraction; k++) out += digitAt(d, k);
  }
  return out;
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

/** SQLite's `%.<precision>f` (sqlite3_snprintf). */
export function printfFixed(x: number, precision: number): string {
  const s = special(x);
  if (s !== undefined) return s;
  if (x === 0) return fixedBody({ digits: '0', pointPos: 1 }, precision); // -0.0 prints unsigned
  const negative = x < 0;
  const exact = exactDecimal(Math.abs(x));
  const rounded = roundDigits(exact, exact.pointPos + precision, FIXED_MAX_DIGITS);
  return (negative ? '-' : '') + fixedBody(rounded, precision);
}

/** SQLite's `%!.<precision>g`: like `%g`, but a result without a point gets `.0`. */
export function printfGenericAlt(x: number, precision: number): string {
  const s = special(x);
  if (s !== undefined) return s;
  if (x === 0) return '0.0'; // -0.0 prints unsigned
  const negative = x < 0;
  const sig = Math.max(precision, 1);
  const d = roundDigits(exactDecimal(Math.abs(x)), sig, ALT_MAX_DIGITS);
  const exp10 = d.pointPos - 1;
  let body: string;
  if (exp10 < GENERIC_MIN_EXPONENT || exp10 > sig - 1) {
    const mantissa = trimFraction(d.digits[0]! + '.' + d.digits.slice(1, sig));
    const expAbs = Math.abs(exp10);
    body = `${mantissa}e${exp10 < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
  } else {
    body = trimFraction(fixedBody(d, sig - 1 - exp10));
  }
  return (negative ? '-' : '') + body;
}

/** %g drops trailing zeros of the fraction; the `!` flag then keeps one digit after the point. */
function trimFraction(s: string): string {
  if (!s.includes('.')) return s + '.0';
  let end = s.length;
  while (s.charCodeAt(end - 1) === 0x30) end--;
  return s.charCodeAt(end - 1) === 0x2e ? s.slice(0, end) + '0' : s.slice(0, end);
}
