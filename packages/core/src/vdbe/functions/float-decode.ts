/**
 * Decimal digits of a double, the way SQLite's printf gets them (3.54):
 *
 *   - the value is scaled to an integer of n or n+1 digits, where n is the precision asked for
 *     plus one (18 when the precision is 18 or more, or counts digits after the point): with
 *     n = 18 the scaled value is rounded half-up, otherwise truncated;
 *   - that digit string is rounded half-up to the precision, capped at 16 significant digits
 *     (26 with the `!` flag), and trailing zeros are dropped;
 *   - at exactly 17 digits (only reachable with `!`), a shorter form is used when it reads
 *     back as the same double: 49.47 rather than 49.469999999999999.
 *
 * The scaling is exact here (bigints); SQLite multiplies by a 64-bit approximation of the
 * power of ten, so the 18th/19th digit can differ in rare cases.
 */

export interface DecodedFloat {
  /** True for a negative value (-0.0 counts as positive, as in SQLite). */
  readonly negative: boolean;
  /** 0 finite, 1 infinite, 2 NaN. */
  readonly special: 0 | 1 | 2;
  /** Significant digits, no trailing zeros ("0" for zero). */
  readonly digits: string;
  /** Position of the decimal point: the value is 0.digits * 10^dp. */
  readonly dp: number;
}

const view = new DataView(new ArrayBuffer(8));

/** floor(log10(2^e)) as SQLite computes it. */
function pow2to10(e: number): number {
  return Math.floor((e * 78913) / 262144);
}

/** `r` (> 0, finite) as an integer `v` of `n` or `n + 1` digits and `p`, r ≈ v * 10^-p. */
function scaled(r: number, n: number): [bigint, number] {
  view.setFloat64(0, r);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let e2: number;
  if (biased === 0) {
    e2 = -1074;
  } else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  const log2 = e2 + mant.toString(2).length - 1;
  const p = n - 1 - pow2to10(log2);
  let num = mant;
  let den = 1n;
  if (p >= 0) num *= 10n ** BigInt(p);
  else den = 10n ** BigInt(-p);
  if (e2 >= 0) num <<= BigInt(e2);
  else den <<= BigInt(-e2);
  const v = n === 18 ? (2n * num + den) / (2n * den) : num / den;
  return [v, p];
}

/** Tries the shorter forms SQLite accepts at 17 digits; returns the precision to use. */
function shorterPrecision(r: number, z: string, exp: number, dp: number, round: number): number {
  const n = z.length;
  if (z[15] === '9' && z[14] === '9') {
    let jj = 14;
    while (jj > 0 && z[jj - 1] === '9') jj--;
    const v2 = jj === 0 ? 1n : BigInt(z.slice(0, jj)) + 1n;
    if (Number(`${v2}e${exp + n - jj}`) === r) return jj + 1;
  } else if (dp >= n || (z[13] === '0' && z[14] === '0' && z[15] === '0')) {
    let jj = 13;
    while (jj > 1 && z[jj - 1] === '0') jj--;
    if (Number(`${z.slice(0, jj)}e${exp + n - jj}`) === r) return jj + 1;
  }
  return round;
}

/**
 * Decodes `r`. `round` > 0 keeps that many significant digits; `round` <= 0 keeps
 * `-round` digits after the decimal point. `maxDigits` caps the significant digits.
 */
export function decodeFloat(r: number, round: number, maxDigits: number): DecodedFloat {
  if (Number.isNaN(r)) return { negative: false, special: 2, digits: '', dp: 0 };
  const negative = r < 0;
  if (negative) r = -r;
  if (r === Infinity) return { negative, special: 1, digits: '', dp: 0 };
  if (r === 0) return { negative: false, special: 0, digits: '0', dp: 1 };
  const [v, p] = scaled(r, round <= 0 || round >= 18 ? 18 : round + 1);
  let digits = v.toString();
  let dp = digits.length - p;
  if (round <= 0) {
    round = dp - round;
    if (round === 0 && digits.charCodeAt(0) >= 0x35) {
      round = 1;
      digits = '0' + digits;
      dp++;
    }
  }
  if (round > 0 && (round < digits.length || digits.length > maxDigits)) {
    if (round > maxDigits) round = maxDigits;
    if (round === 17) round = shorterPrecision(r, digits, -p, dp, round);
    if (round < digits.length) {
      const up = digits.charCodeAt(round) >= 0x35;
      digits = digits.slice(0, round);
      if (up) {
        const bumped = (BigInt(digits) + 1n).toString();
        if (bumped.length > digits.length) dp++; // "99" -> "100"
        digits = bumped.padStart(digits.length, '0');
      }
    }
  }
  digits = digits.replace(/0+$/, '');
  if (digits === '') digits = '0';
  return { negative, special: 0, digits, dp };
}
