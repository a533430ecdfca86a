/**
 * The decimal digits SQLite (3.54) shows for a REAL. SQLite does not print the exactly
 * rounded decimal expansion: it scales the 64-bit mantissa by a 64-bit truncated power of
 * ten (one 64x64 -> high-64 multiply), which is exact to about 18 digits, and rounds that
 * to 17 digits; the last of 17 digits therefore sometimes differs from the exact expansion
 * (1.0/3 prints as 0.33333333333333332, not ...31). The same arithmetic is done here with
 * BigInt so the 17th digit agrees.
 *
 * It then shows 15 digits instead of 17 when those read back as the same double and the
 * 17-digit form adds nothing, or the 15-digit form is itself shorter (0.1, 2.5, 1e15).
 * This rule was measured against sql.js over 50,000 random doubles: it agrees on all
 * short decimals and on ~99.7% of arbitrary bit patterns (SQLite's own rule is not
 * reproducible from outside; the residue are 17-digit outputs whose 15-digit form is short).
 */
const TWO_64 = 1n << 64n;
const TOP_BIT = 1n << 63n;
const MANTISSA_MASK = (1n << 52n) - 1n;
const MIN_NORMAL = 2.2250738585072014e-308;
/** 18 digits before rounding to 17 leave one guard digit. */
const DECODE_DIGITS = 18;

const powCache = new Map<number, bigint>();

/** floor(10^p * 2^s) for the s that makes it exactly 64 bits wide. */
function powerOfTen64(p: number): bigint {
  let v = powCache.get(p);
  if (v !== undefined) return v;
  if (p >= 0) {
    const x = 10n ** BigInt(p);
    const bits = x.toString(2).length;
    v = bits > 64 ? x >> BigInt(bits - 64) : x << BigInt(64 - bits);
  } else {
    const d = 10n ** BigInt(-p);
    // 2^k / d has 64 bits when k = bitlength(d) + 63 (or one less).
    let k = d.toString(2).length + 63;
    v = (1n << BigInt(k)) / d;
    if (v >= TWO_64) v = (1n << BigInt(--k)) / d;
  }
  powCache.set(p, v);
  return v;
}

/** floor(p * log2(10)) and floor(p * log10(2)), by SQLite's fixed-point ratios. */
function log2OfPow10(p: number): number {
  return Math.floor((p * 108853) / 32768);
}
function log10OfPow2(p: number): number {
  return Math.floor((p * 78913) / 262144);
}

const scratch = new DataView(new ArrayBuffer(8));

/** ~18 significant decimal digits of a finite r > 0, and where the decimal point goes. */
function decode(r: number): { digits: string; pointAt: number } {
  scratch.setFloat64(0, r);
  const bits = scratch.getBigUint64(0);
  let m = bits & MANTISSA_MASK;
  let e = Number((bits >> 52n) & 0x7ffn);
  if (e === 0) {
    const shift = 64 - m.toString(2).length;
    m <<= BigInt(shift);
    e = -1074 - shift;
  } else {
    m = (m << 11n) | TOP_BIT;
    e -= 1086;
  }
  // r = m * 2^e with m's top bit set; scale by 10^p to an integer of ~DECODE_DIGITS digits.
  const p = DECODE_DIGITS - 1 - log10OfPow2(e + 63);
  const high = (m * powerOfTen64(p)) / TWO_64;
  const quadruple = high >> BigInt(-(e + log2OfPow10(p) + 3)); // 4 * r * 10^p, truncated
  const scaled = (quadruple + 2n + ((quadruple >> 2n) & 1n)) >> 2n;
  const digits = scaled.toString();
  return { digits, pointAt: digits.length - p };
}

/** `digits` rounded (half up) to `n` digits; the point moves when 9s carry over. */
function roundTo(digits: string, pointAt: number, n: number): { digits: string; pointAt: number } {
  if (digits.length <= n) return { digits, pointAt };
  const d = Array.from(digits.slice(0, n), (c) => c.charCodeAt(0) - 48);
  if (digits.charCodeAt(n) >= 0x35) {
    let j = n - 1;
    for (;;) {
      d[j]!++;
      if (d[j]! <= 9) break;
      d[j] = 0;
      if (j === 0) {
        d.unshift(1);
        d.pop();
        pointAt++;
        break;
      }
      j--;
    }
  }
  return { digits: d.join(''), pointAt };
}

function trimZeros(s: string): string {
  const t = s.replace(/0+$/, '');
  return t === '' ? '0' : t;
}

/**
 * The significant digits (no trailing zeros) SQLite prints for finite r != 0, and the
 * decimal exponent of the first one.
 */
export function realDigits(r: number): { digits: string; exponent: number } {
  const abs = Math.abs(r);
  const raw = decode(abs);
  const full = roundTo(raw.digits, raw.pointAt, 17);
  const short = roundTo(raw.digits, raw.pointAt, 15);
  const shortDigits = trimZeros(short.digits);
  const fullPadded = full.digits.padEnd(17, '0');
  const readsBack = abs >= MIN_NORMAL && Number(`0.${shortDigits}e${short.pointAt}`) === abs;
  if (readsBack && (fullPadded.endsWith('00') || shortDigits.length < 15)) return { digits: shortDigits, exponent: short.pointAt - 1 };
  return { digits: trimZeros(full.digits), exponent: full.pointAt - 1 };
}
