import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlReal } from '../../src/format/sql-value.js';
import { loadSqlJs, type SqlJsDatabase } from './adapters/sqljs.js';
import { printfFixed, printfGenericAlt } from './float-printf.js';
import { formatValue } from './format.js';
import { leadingInt64, leadingReal } from './text-number.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('formatValue: the README cases', () => {
  it('R is SQLite %.3f: 16 significant digits, then half up', () => {
    expect(formatValue(new SqlReal(-9223372036854775808), 'R')).toBe('-9223372036854776000.000');
    expect(formatValue(-9223372036854775808n, 'R')).toBe('-9223372036854776000.000');
    expect(formatValue(2.0625, 'R')).toBe('2.063'); // an exact tie rounds up (C would give 2.062)
    expect(formatValue(1.0005, 'R')).toBe('1.000'); // the double is just below the tie
    expect(formatValue(0.0005, 'R')).toBe('0.001');
    expect(formatValue(12345678901234.5678, 'R')).toBe('12345678901234.570');
    expect(formatValue(7, 'R')).toBe('7.000');
    expect(formatValue(new SqlReal(-0), 'R')).toBe('0.000');
    expect(formatValue(-0.0001, 'R')).toBe('-0.000');
  });

  it('T of a REAL is %!.15g', () => {
    expect(formatValue(new SqlReal(1), 'T')).toBe('1.0');
    expect(formatValue(new SqlReal(1e20), 'T')).toBe('1.0e+20');
    expect(formatValue(0.1 + 0.2, 'T')).toBe('0.3'); // 15 digits, not the 17 of newer SQLite
    expect(formatValue(1e-5, 'T')).toBe('1.0e-05');
    expect(formatValue(0.0001, 'T')).toBe('0.0001');
    expect(formatValue(new SqlReal(1e14), 'T')).toBe('100000000000000.0');
    expect(formatValue(new SqlReal(1e15), 'T')).toBe('1.0e+15');
    expect(formatValue(123456789012345.6, 'T')).toBe('123456789012346.0');
    expect(formatValue(-2.5, 'T')).toBe('-2.5');
    expect(formatValue(new SqlReal(-Infinity), 'T')).toBe('-Inf');
  });

  it('T of integers, text and blobs', () => {
    expect(formatValue(42, 'T')).toBe('42');
    expect(formatValue(-9223372036854775808n, 'T')).toBe('-9223372036854775808');
    expect(formatValue('hello world', 'T')).toBe('hello world');
    expect(formatValue('', 'T')).toBe('(empty)');
    expect(formatValue(bytes(), 'T')).toBe('(empty)');
    expect(formatValue('tab\there', 'T')).toBe('tab@here');
    expect(formatValue('é', 'T')).toBe('@@'); // two UTF-8 bytes
    expect(formatValue('~\x7f', 'T')).toBe('~@');
    expect(formatValue(bytes(0x41, 0x01, 0xff), 'T')).toBe('A@@');
    expect(formatValue(bytes(0x41, 0x00, 0x42), 'T')).toBe('A'); // a C string ends at NUL
    expect(formatValue('\0abc', 'T')).toBe('(empty)');
  });

  it('I is a 32-bit sqlite3_column_int', () => {
    expect(formatValue(-17, 'I')).toBe('-17');
    expect(formatValue(2 ** 32 + 5, 'I')).toBe('5');
    expect(formatValue(2 ** 31, 'I')).toBe('-2147483648');
    expect(formatValue(9223372036854775807n, 'I')).toBe('-1');
    expect(formatValue(3.9, 'I')).toBe('3');
    expect(formatValue(-3.9, 'I')).toBe('-3');
    expect(formatValue(new SqlReal(1e19), 'I')).toBe('-1'); // saturates to INT64_MAX
    expect(formatValue(new SqlReal(-1e19), 'I')).toBe('0'); // saturates to INT64_MIN
    expect(formatValue('12abc', 'I')).toBe('12');
    expect(formatValue('  -7.9', 'I')).toBe('-7');
    expect(formatValue('abc', 'I')).toBe('0');
    expect(formatValue('1e3', 'I')).toBe('1');
    expect(formatValue(bytes(0x31, 0x32), 'I')).toBe('12');
  });

  it('R of text takes its leading real', () => {
    expect(formatValue('3.25xyz', 'R')).toBe('3.250');
    expect(formatValue('1e3', 'R')).toBe('1000.000');
    expect(formatValue('abc', 'R')).toBe('0.000');
  });

  it('NULL is NULL for every type', () => {
    expect(formatValue(null, 'I')).toBe('NULL');
    expect(formatValue(null, 'R')).toBe('NULL');
    expect(formatValue(null, 'T')).toBe('NULL');
  });
});

describe('against real SQLite (sql.js)', () => {
  let db: SqlJsDatabase;
  beforeAll(async () => {
    db = new (await loadSqlJs()).Database();
  });
  afterAll(() => db.close());

  const one = (sql: string, params: unknown[]): unknown => {
    const st = db.prepare(sql);
    try {
      st.bind(params);
      expect(st.step()).toBe(true);
      return st.get(null, { useBigInt: true })[0];
    } finally {
      st.free();
    }
  };

  // Deterministic xorshift, so a failure reproduces.
  let seed = 0x9e3779b9;
  const rand32 = (): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);

  function sampleDoubles(): number[] {
    const out = [0.5, 2.5, 0.0005, 0.0015, 1.0005, 2.675, 4.35, 99999999999999.9995, 1e22, 1e23, 5e-324, 1.7976931348623157e308];
    for (let i = 0; i < 600; i++) {
      u32[0] = rand32();
      u32[1] = rand32();
      if (Number.isFinite(f64[0]!)) out.push(f64[0]!); // any bit pattern: huge, tiny, subnormal
      out.push((rand32() - 2 ** 31) / 1000); // exact-ish 3-decimal values
      out.push((rand32() % 100000) / 8 + 0.0005); // near ties
      out.push((rand32() * 2 ** 20 + rand32()) / 2 ** (rand32() % 60)); // many digits
      out.push(rand32() / (1 + (rand32() % 997))); // averages
    }
    return out.map((x) => (rand32() & 1 ? -x : x));
  }

  it('printfFixed(x, 3) equals printf(%.3f)', () => {
    for (const x of sampleDoubles()) {
      expect([x, printfFixed(x, 3)]).toEqual([x, one("SELECT printf('%.3f', CAST(? AS REAL))", [x])]);
    }
  });

  it('printfGenericAlt(x, 15) equals printf(%!.15g)', () => {
    for (const x of sampleDoubles()) {
      expect([x, printfGenericAlt(x, 15)]).toEqual([x, one("SELECT printf('%!.15g', CAST(? AS REAL))", [x])]);
    }
  });

  it('leading numbers of text equal CAST(text AS INTEGER / REAL)', () => {
    const texts = ['12abc', '  -7.9', '+5', '- 5', '.5', '5.', '1e3', '1.5e+2x', '1e', 'abc', '', '0x1A', '\t\n 42',
      '99999999999999999999', '-99999999999999999999', '9223372036854775807', '-9223372036854775808',
      '9223372036854775808', '000123', '1e400', '-.e1', '3.14159265358979323846', ' +.25e-1z'];
    for (const t of texts) {
      expect([t, leadingInt64(t)]).toEqual([t, one('SELECT CAST(? AS INTEGER)', [t])]);
      const real = one('SELECT CAST(? AS REAL)', [t]);
      expect([t, leadingReal(t)]).toEqual([t, typeof real === 'bigint' ? Number(real) : real]);
    }
  });
});
