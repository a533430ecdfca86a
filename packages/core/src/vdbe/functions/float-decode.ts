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
 * The scaling multiplies by the same 64-bit approximations of powers of ten SQLite uses, so
 * even the 18th and 19th digits agree with it.
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
const MASK64 = (1n << 64n) - 1n;
const BIT63 = 1n << 63n;

/** floor(log10(2^e)) and floor(log2(10^p)), with SQLite's fixed-point constants. */
const pow2to10 = (e: number): number => Math.floor((e * 78913) / 262144);
const pow10to2 = (p: number): number => Math.floor((p * 108853) / 32768);

/** 10^q rounded to 96 significant bits (top bit set), as [top 64 bits, next 32]. */
function rounded96(q: number): [bigint, bigint] {
  const num = q >= 0 ? 10n ** BigInt(q) : 1n;
  const den = q >= 0 ? 1n : 10n ** BigInt(-q);
  let k = 95 - Math.floor(q * Math.log2(10));
  for (let guard = 0; guard < 8; guard++) {
    const n = k >= 0 ? num << BigInt(k) : num;
    const d = k >= 0 ? den : den << BigInt(-k);
    const v = (2n * n + d) / (2n * d);
    if (v >= 1n << 96n) k--;
    else if (v < 1n << 95n) k++;
    else return [v >> 32n, v & 0xffffffffn];
  }
  throw new Error('unreachable: 96-bit scaling did not settle');
}

const powCache = new Map<number, bigint>();

/**
 * The 64 most significant bits of 10^p as SQLite's table-driven powerOfTen() yields them:
 * exact for 0..26, else 10^(27g) rounded to 96 bits times 10^n (truncated), and 1/10
 * truncated for p = -1. Matching it bit for bit is what makes the 18th digit agree.
 */
function powerOfTen(p: number): bigint {
  let v = powCache.get(p);
  if (v !== undefined) return v;
  if (p === -1) v = 0xccccccccccccccccn;
  else if (p >= 0 && p < 27) v = normalize64(10n ** BigInt(p));
  else {
    let g = Math.trunc(p / 27);
    let n = p % 27;
    if (n < 0) {
      g--;
      n += 27;
    }
    const [hi, lo] = rounded96(27 * g);
    if (n === 0) v = hi;
    else {
      const prod = ((hi << 32n) | lo) * normalize64(10n ** BigInt(n));
      let x = prod >> 96n;
      const low = (prod >> 64n) & 0xffffffffn;
      if ((x & BIT63) === 0n) x = ((x << 1n) | ((low >> 31n) & 1n)) & MASK64;
      v = x;
    }
  }
  powCache.set(p, v);
  return v;
}

/** An exact power of ten (at most 64 significant bits) shifted so bit 63 is set. */
function normalize64(x: bigint): bigint {
  const bits = x.toString(2).length;
  return bits <= 64 ? x << BigInt(64 - bits) : x >> BigInt(bits - 64);
}

/** `r` (> 0, finite) as an integer `v` of `n` or `n + 1` digits and `p`, r ≈ v * 10^-p. */
function scaled(r: number, n: number): [bigint, number] {
  view.setFloat64(0, r);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e: number;
  if (biased === 0) {
    const nn = 64 - m.toString(2).length;
    m <<= BigInt(nn);
    e = -1074 - nn;
  } else {
    m = (m << 11n) | BIT63;
    e = biased - 1086;
  }
  const p = n - 1 - pow2to10(e + 63);
  let h = (m * powerOfTen(p)) >> 64n;
  let v: bigint;
  if (n === 18) {
    h >>= BigInt(-(e + pow10to2(p) + 2));
    v = (h >> 1n) + (h & 1n);
  } else {
    v = h >> BigInt(-(e + pow10to2(p) + 1));
  }
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
