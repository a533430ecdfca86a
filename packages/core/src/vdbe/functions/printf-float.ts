/**
 * printf's floating-point conversions (%f %e %E %g %G) on SQLite's decimal digits
 * (float-decode.ts), and REAL-to-TEXT, which SQLite 3.54 does as `%!.17g`.
 */
import { decodeFloat } from './float-decode.js';

/** A parsed printf conversion: flags, width and precision (-1: none). */
export interface Spec {
  left: boolean;
  sign: string;
  alt: boolean;
  alt2: boolean;
  zero: boolean;
  comma: boolean;
  width: number;
  precision: number;
}

/** One of %f %e %E %g %G of `value`, zero padding included, width padding not. */
export function formatFloat(conv: string, spec: Spec, value: number): string {
  let precision = spec.precision < 0 ? 6 : spec.precision;
  let kind = conv.toLowerCase();
  let round: number;
  if (kind === 'f') round = -precision;
  else if (kind === 'g') {
    if (precision === 0) precision = 1;
    round = precision;
  } else round = precision + 1;
  const d = decodeFloat(value, round, spec.alt2 ? 26 : 16);
  let digits = d.digits;
  let dp = d.dp;
  if (d.special === 2) return spec.zero ? 'null' : 'NaN';
  if (d.special === 1) {
    if (!spec.zero) return (d.negative ? '-' : spec.sign) + 'Inf';
    digits = '9';
    dp = 1000;
  }
  const prefix = d.negative ? '-' : spec.sign;
  const exp10 = dp - 1;
  let trimZeros: boolean;
  if (kind === 'g') {
    trimZeros = !spec.alt;
    precision--;
    if (exp10 < -4 || exp10 > precision) kind = 'e';
    else {
      precision -= exp10;
      kind = 'f';
    }
  } else {
    trimZeros = spec.alt2;
  }
  let e2 = kind === 'e' ? 0 : exp10;
  const showPoint = precision > 0 || spec.alt || spec.alt2;
  let out = prefix;
  let j = 0;
  const nextDigit = (): string => (j < digits.length ? digits[j++]! : '0');
  if (e2 < 0) out += '0';
  else {
    for (; e2 >= 0; e2--) {
      out += nextDigit();
      if (spec.comma && e2 % 3 === 0 && e2 > 1) out += ',';
    }
  }
  if (showPoint) out += '.';
  for (e2++; e2 < 0 && precision > 0; precision--, e2++) out += '0';
  while (precision-- > 0) out += nextDigit();
  if (trimZeros && showPoint) {
    let end = out.length;
    while (out.charCodeAt(end - 1) === 0x30) end--;
    out = out.slice(0, end);
    if (out.endsWith('.')) out = spec.alt2 ? out + '0' : out.slice(0, -1);
  }
  if (kind === 'e') {
    let e = dp - 1;
    out += conv === 'E' || conv === 'G' ? 'E' : 'e';
    out += e < 0 ? '-' : '+';
    if (e < 0) e = -e;
    out += e < 10 ? `0${e}` : String(e);
  }
  if (spec.zero && !spec.left && out.length < spec.width) {
    const at = prefix.length;
    out = out.slice(0, at) + '0'.repeat(spec.width - out.length) + out.slice(at);
  }
  return out;
}

const TEXT_SPEC: Spec = { left: false, sign: '', alt: false, alt2: true, zero: false, comma: false, width: 0, precision: 17 };

/** A REAL as SQLite 3.54 renders it as TEXT: '%!.17g' (0.1, 0.30000000000000004, 1.0e+20). */
export function realText(r: number): string {
  return formatFloat('g', TEXT_SPEC, r);
}
