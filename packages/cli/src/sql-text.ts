/**
 * SQL values as the shell writes them: as display text (sqlite3's column text), and as SQL
 * literals that read back as the same value (`.dump`, quote mode).
 */
import { parser, SqlReal, valueToText, type SqlValue } from '@minnow/core';

/** Display text of a non-NULL value: integers in decimal, reals as SQLite prints them (%!.15g). */
export function displayText(v: SqlValue, nullValue: string): string {
  return v === null ? nullValue : valueToText(v)!;
}

/**
 * SQL text for a REAL that reads back as exactly the same double, in sqlite3 (3.40 checked) as
 * in Minnow:
 * - up to 15 significant digits and a decimal exponent within ±22: the shortest digits (2.5,
 *   0.1, 1e+20), since every such decimal converts exactly;
 * - other magnitudes from 1e-280 to 1e280: 17 significant digits, which identify a double and
 *   which sqlite3's text-to-double conversion reads exactly in that range;
 * - beyond (where sqlite3 3.40's conversion is off by an ulp now and then): an exact
 *   expression, M.0 scaled by powers of two (`-4503599627370497.0/4611686018427387904/...`);
 *   every step is exact because every intermediate value is representable;
 * - infinities as 1e999 / -1e999, as SQLite writes them.
 * Integral values keep a ".0" so they stay REAL.
 */
export function realLiteral(r: number): string {
  if (r === Infinity) return '1e999';
  if (r === -Infinity) return '-1e999';
  if (Number.isNaN(r)) return 'NULL';
  if (r === 0) return '0.0';
  const abs = Math.abs(r);
  if (abs < 1e-280 || abs > 1e280) return exactRealExpr(r);
  const shortest = String(r);
  const e10 = Math.floor(Math.log10(abs));
  const digits = shortest.replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  const text = digits.length <= 15 && Math.abs(e10) <= 22 ? shortest : r.toPrecision(17);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

const TWO_62 = '4611686018427387904';

/** r as M.0 times or divided by powers of two (M an integer below 2^53). */
function exactRealExpr(r: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, r);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = BigInt(hi & 0xfffff) * 0x100000000n + BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mantissa += 1n << 52n;
    exp = biased - 1075;
  }
  // Fewer digits, same value: drop trailing zero bits.
  for (let i = 0; i < 53 && mantissa % 2n === 0n; i++) {
    mantissa /= 2n;
    exp++;
  }
  let out = `${r < 0 ? '-' : ''}${mantissa}.0`;
  const op = exp < 0 ? '/' : '*';
  // At most 18 steps: |exp| <= 1074 + 52.
  for (let k = Math.abs(exp); k > 0; k -= 62) out += `${op}${k >= 62 ? TWO_62 : String(2n ** BigInt(k))}`;
  return out;
}

/** A REAL as a JSON number: the shortest digits, ".0" kept on integral values as sqlite3 does. */
export function jsonReal(r: number): string {
  if (!Number.isFinite(r)) return r > 0 ? '1e999' : r < 0 ? '-1e999' : 'null';
  const s = String(r);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

export function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

export function quoteText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** The value as an SQL literal: NULL, 42, 1.5, 'it''s', X'00FF'. */
export function sqlLiteral(v: SqlValue): string {
  if (v === null) return 'NULL';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? String(v) : realLiteral(v);
    case 'bigint':
      return String(v);
    case 'string':
      return quoteText(v);
    default:
      if (v instanceof SqlReal) return realLiteral(v.value);
      return `X'${hexOf(v)}'`;
  }
}

/** An identifier, double-quoted unless it is a plain word that is not an SQL keyword. */
export function quoteIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !parser.KEYWORDS.has(name.toUpperCase()) ? name : `"${name.replaceAll('"', '""')}"`;
}
