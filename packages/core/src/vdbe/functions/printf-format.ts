/**
 * SQL printf()/format(): SQLite's conversions over SQL arguments.
 *
 *   %d %i %u %x %X %o %p %r   integers (the argument as a 64-bit integer; u/x/X/o/p unsigned)
 *   %f %e %E %g %G            doubles, with SQLite's digit generation (float-decode.ts)
 *   %s %z %c %q %Q %w         text (%c the first character, %q/%Q/%w SQL-quoted)
 *   %% %n                     a percent sign; nothing
 * Flags `- + space # ! 0 ,`, width and precision (digits or `*` from the arguments), `l`/`ll`
 * ignored. A missing argument reads as 0 / 0.0 / NULL. An unknown conversion ends the output
 * there, as SQLite does. Widths and precisions of text count UTF-8 bytes unless `!` is given.
 */
import { SqliteError } from '../../errors.js';
import type { SqlValue } from '../../format/sql-value.js';
import { formatFloat, type Spec } from './printf-float.js';
import { doubleArg, int64Arg, textOf, utf8Length } from './value-helpers.js';

const MAX_OUTPUT = 1_000_000_000;

class ArgReader {
  constructor(private readonly regs: SqlValue[], private next: number, private readonly end: number) {}
  private take(): SqlValue | undefined {
    return this.next < this.end ? this.regs[this.next++]! : undefined;
  }
  int(): bigint {
    const v = this.take();
    return v === undefined || v === null ? 0n : int64Arg(v);
  }
  double(): number {
    const v = this.take();
    return v === undefined || v === null ? 0 : doubleArg(v);
  }
  text(): string | null {
    const v = this.take();
    return v === undefined || v === null ? null : textOf(v);
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

const ORDINAL = ['th', 'st', 'nd', 'rd'];

function groupThousands(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
}

function formatInteger(conv: string, spec: Spec, raw: bigint): string {
  const signed = conv === 'd' || conv === 'i' || conv === 'r';
  let magnitude: bigint;
  let prefix = '';
  if (signed) {
    magnitude = raw < 0n ? -raw : raw;
    prefix = raw < 0n ? '-' : spec.sign;
  } else {
    magnitude = BigInt.asUintN(64, raw);
  }
  const base = conv === 'x' || conv === 'X' || conv === 'p' ? 16 : conv === 'o' ? 8 : 10;
  let digits = magnitude.toString(base);
  if (conv === 'X' || conv === 'p') digits = digits.toUpperCase();
  let precision = spec.precision;
  if (spec.zero && precision < spec.width - (prefix !== '' ? 1 : 0)) precision = spec.width - (prefix !== '' ? 1 : 0);
  if (conv === 'r') precision -= 2; // the suffix takes two of the zero-padded columns
  if (digits.length < precision) digits = '0'.repeat(precision - digits.length) + digits;
  if (spec.comma && base === 10 && conv !== 'r') digits = groupThousands(digits);
  if (conv === 'r') {
    const last = Number(magnitude % 10n);
    const tens = Number((magnitude / 10n) % 10n);
    digits += last >= 4 || tens === 1 ? 'th' : ORDINAL[last]!;
  }
  let altPrefix = '';
  if (spec.alt && magnitude !== 0n) altPrefix = conv === 'o' ? '0' : conv === 'x' || conv === 'p' ? '0x' : conv === 'X' ? '0X' : '';
  return prefix + altPrefix + digits;
}

/**
 * The first `limit` bytes (characters with `!`) of `s`. A character cut in the middle reads
 * back as U+FFFD but still counts as the bytes SQLite kept: `partialBytes` says how many.
 */
let partialBytes = 0;
function clip(s: string, limit: number, byChars: boolean): string {
  partialBytes = 0;
  if (limit < 0) return s;
  const chars = Array.from(s);
  if (byChars) return chars.slice(0, limit).join('');
  let bytes = 0;
  let out = '';
  for (const ch of chars) {
    const n = utf8Length(ch);
    if (bytes + n > limit) {
      if (bytes < limit) {
        out += '\ufffd';
        partialBytes = limit - bytes;
      }
      break;
    }
    bytes += n;
    out += ch;
  }
  return out;
}

function quoteText(conv: string, spec: Spec, arg: string | null): string {
  const isNull = arg === null;
  let text = clip(arg ?? (conv === 'Q' ? 'NULL' : '(NULL)'), spec.precision, spec.alt2);
  const q = conv === 'w' ? '"' : "'";
  text = text.replaceAll(q, q + q);
  return !isNull && conv === 'Q' ? `'${text}'` : text;
}

function pad(s: string, spec: Spec, byChars: boolean): string {
  // A cut character (U+FFFD, 3 bytes here) counts as the bytes SQLite kept of it.
  const len = byChars ? Array.from(s).length : utf8Length(s) - (partialBytes > 0 ? 3 - partialBytes : 0);
  if (spec.width <= len) return s;
  const fill = ' '.repeat(spec.width - len);
  return spec.left ? s + fill : fill + s;
}

/** Formats `fmt` with the arguments regs[base .. end-1]. */
export function sqlPrintf(fmt: string, regs: SqlValue[], base: number, end: number): string {
  const args = new ArgReader(regs, base, end);
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    i = pct + 1;
    if (i >= fmt.length) {
      out += '%';
      break;
    }
    const spec: Spec = { left: false, sign: '', alt: false, alt2: false, zero: false, comma: false, width: 0, precision: -1 };
    let c = fmt[i];
    for (;;) {
      if (c === '-') spec.left = true;
      else if (c === '+') spec.sign = '+';
      else if (c === ' ') spec.sign = ' ';
      else if (c === '#') spec.alt = true;
      else if (c === '!') spec.alt2 = true;
      else if (c === '0') spec.zero = true;
      else if (c === ',') spec.comma = true;
      else break;
      c = fmt[++i];
    }
    if (c === '*') {
      let w = Number(BigInt.asIntN(32, args.int()));
      if (w < 0) {
        spec.left = true;
        w = w >= -2147483647 ? -w : 0;
      }
      spec.width = w;
      c = fmt[++i];
    } else {
      let w = 0;
      while (isDigit(c)) {
        w = (w * 10 + Number(c)) % 0x80000000;
        c = fmt[++i];
      }
      spec.width = w;
    }
    if (c === '.') {
      c = fmt[++i];
      if (c === '*') {
        let p = Number(BigInt.asIntN(32, args.int()));
        if (p < 0) p = p >= -2147483647 ? -p : -1;
        spec.precision = p;
        c = fmt[++i];
      } else {
        let p = 0;
        while (isDigit(c)) {
          p = (p * 10 + Number(c)) % 0x80000000;
          c = fmt[++i];
        }
        spec.precision = p;
      }
    }
    if (c === 'l') {
      c = fmt[++i];
      if (c === 'l') c = fmt[++i];
    }
    i++;
    if (spec.width > MAX_OUTPUT || spec.precision > MAX_OUTPUT) throw new SqliteError('SQLITE_TOOBIG', 'string or blob too big');
    let piece: string;
    let byChars = false;
    partialBytes = 0;
    switch (c) {
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'p': case 'r':
        piece = formatInteger(c, spec, args.int());
        break;
      case 'f': case 'e': case 'E': case 'g': case 'G':
        piece = formatFloat(c, spec, args.double());
        break;
      case 's': case 'z':
        piece = clip(args.text() ?? '', spec.precision, spec.alt2);
        byChars = spec.alt2;
        break;
      case 'c': {
        const t = args.text();
        const ch = t === null || t === '' ? '\u0000' : String.fromCodePoint(t.codePointAt(0)!);
        if (spec.precision > 1) {
          // Repeats: the width loses one column per repeat, and a right-justified pad is
          // computed as if the character were one byte wide (SQLite's arithmetic).
          const repeats = spec.precision - 1;
          spec.width -= repeats;
          if (spec.width > 1 && !spec.left) {
            out += ' '.repeat(spec.width - 1) + ch.repeat(repeats + 1);
            continue;
          }
          out += ch.repeat(repeats);
        }
        piece = ch;
        break;
      }
      case 'q': case 'Q': case 'w':
        piece = quoteText(c, spec, args.text());
        byChars = spec.alt2;
        break;
      case '%':
        piece = '%';
        break;
      case 'n':
        continue;
      default:
        return out;
    }
    out += pad(piece, spec, byChars);
    if (out.length > MAX_OUTPUT) throw new SqliteError('SQLITE_TOOBIG', 'string or blob too big');
  }
  return out;
}
