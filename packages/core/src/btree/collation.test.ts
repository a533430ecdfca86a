import { describe, expect, it } from 'vitest';
import { encodeText, TEXT_UTF16BE, TEXT_UTF16LE, TEXT_UTF8, type TextEncoding } from '../format/text-codec.js';
import { BINARY, builtinCollation, type Collation, CollationRegistry, compareBytes, NOCASE, RTRIM } from './collation.js';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

// Characters that stress each rule: case pairs, '_' between the cases, spaces and tabs,
// 2-byte, 3-byte (incl. U+E000..U+FFFF) and 4-byte (astral) UTF-8.
const ALPHABET = ['a', 'A', 'b', 'Z', '_', ' ', '\t', 'é', 'É', '\u0100', '\u00ff', '\uE000', '\uFFFD', '😀', '\u{10000}', '0'];

function randomStrings(count: number, seed: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const len = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 5;
    for (let k = 0; k < len; k++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      s += ALPHABET[seed % ALPHABET.length];
    }
    out.push(s);
  }
  return out;
}

const STRINGS = randomStrings(250, 7);

describe('collations', () => {
  it('BINARY is code-point order, unlike JS string <', () => {
    expect(BINARY.compare('\uE000', '😀', TEXT_UTF8)).toBeLessThan(0);
    expect('\uE000' < '😀').toBe(false); // why BINARY cannot use JS comparison
    expect(BINARY.compare('\uFFFF', '\u{10000}', TEXT_UTF8)).toBeLessThan(0);
    expect(BINARY.compare('ab', 'abc', TEXT_UTF8)).toBeLessThan(0);
    expect(BINARY.compare('abc', 'abc', TEXT_UTF8)).toBe(0);
    expect(BINARY.compare('B', 'a', TEXT_UTF8)).toBeLessThan(0);
  });

  it('BINARY in UTF-16 databases is memcmp of the stored UTF-16 bytes', () => {
    // Big-endian: code-unit order, so the astral character's surrogate sorts before U+E000.
    expect(BINARY.compare('\uE000', '😀', TEXT_UTF16BE)).toBeGreaterThan(0);
    // Little-endian: the low byte decides first: U+0100 (00 01) before U+00FF (ff 00).
    expect(BINARY.compare('\u0100', '\u00ff', TEXT_UTF16LE)).toBeLessThan(0);
    expect(BINARY.compare('\u0100', '\u00ff', TEXT_UTF16BE)).toBeGreaterThan(0);
  });

  it('agrees with memcmp of the encoded bytes, for every encoding (BINARY)', () => {
    for (const enc of [TEXT_UTF8, TEXT_UTF16LE, TEXT_UTF16BE] as TextEncoding[]) {
      const bytes = STRINGS.map((s) => encodeText(s, enc));
      const wrong: string[] = [];
      for (let i = 0; i < STRINGS.length; i++) {
        for (let j = 0; j < STRINGS.length; j++) {
          const want = sign(compareBytes(bytes[i]!, 0, bytes[i]!.length, bytes[j]!, 0, bytes[j]!.length));
          if (sign(BINARY.compare(STRINGS[i]!, STRINGS[j]!, enc)) !== want) wrong.push(`${enc}: ${STRINGS[i]} vs ${STRINGS[j]}`);
        }
      }
      expect(wrong).toEqual([]);
    }
  });

  it('compare and compareUtf8 agree for every built-in', () => {
    const utf8 = STRINGS.map((s) => encodeText(s, TEXT_UTF8));
    const wrong: string[] = [];
    for (const coll of [BINARY, NOCASE, RTRIM]) {
      for (let i = 0; i < STRINGS.length; i++) {
        for (let j = 0; j < STRINGS.length; j++) {
          const a = utf8[i]!;
          const b = utf8[j]!;
          const fast = sign(coll.compareUtf8!(a, 0, a.length, b, 0, b.length));
          if (fast !== sign(coll.compare(STRINGS[i]!, STRINGS[j]!, TEXT_UTF8))) {
            wrong.push(`${coll.name}: ${JSON.stringify(STRINGS[i])} vs ${JSON.stringify(STRINGS[j])}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('compareUtf8 respects range bounds within larger buffers', () => {
    const buf = encodeText('xxABC  yy', TEXT_UTF8);
    const key = encodeText('abc', TEXT_UTF8);
    expect(NOCASE.compareUtf8!(key, 0, 3, buf, 2, 5)).toBe(0);
    expect(RTRIM.compareUtf8!(encodeText('ABC', TEXT_UTF8), 0, 3, buf, 2, 7)).toBe(0);
    expect(BINARY.compareUtf8!(key, 0, 3, buf, 2, 5)).toBeGreaterThan(0);
  });

  it('NOCASE folds ASCII letters only, to lower case', () => {
    expect(NOCASE.compare('Hello', 'hELLO', TEXT_UTF8)).toBe(0);
    expect(NOCASE.compare('é', 'É', TEXT_UTF8)).not.toBe(0);
    // Folding to lower case puts '_' (0x5f) before every letter.
    expect(NOCASE.compare('_', 'A', TEXT_UTF8)).toBeLessThan(0);
    expect(NOCASE.compare('_', 'a', TEXT_UTF8)).toBeLessThan(0);
    expect(NOCASE.compare('a', 'AB', TEXT_UTF8)).toBeLessThan(0);
    expect(NOCASE.compare('\uE000', '😀', TEXT_UTF16BE)).toBeLessThan(0); // UTF-8 rules everywhere
  });

  it('RTRIM ignores trailing spaces only', () => {
    expect(RTRIM.compare('abc   ', 'abc', TEXT_UTF8)).toBe(0);
    expect(RTRIM.compare('abc \t', 'abc', TEXT_UTF8)).toBeGreaterThan(0);
    expect(RTRIM.compare(' abc', 'abc', TEXT_UTF8)).toBeLessThan(0);
    expect(RTRIM.compare('a b', 'a  b', TEXT_UTF8)).not.toBe(0);
    expect(RTRIM.compare('   ', '', TEXT_UTF8)).toBe(0);
    expect(RTRIM.compare('A', 'a', TEXT_UTF8)).toBeLessThan(0);
  });
});

describe('collation registry', () => {
  it('finds built-ins by name in any ASCII case', () => {
    expect(builtinCollation('binary')).toBe(BINARY);
    expect(builtinCollation('NoCase')).toBe(NOCASE);
    expect(builtinCollation('RTRIM')).toBe(RTRIM);
    expect(builtinCollation('unknown')).toBeUndefined();
    expect(builtinCollation('bınary')).toBeUndefined(); // dotless i: no Unicode folding
  });

  it('adds and replaces collations per registry', () => {
    const reverse: Collation = { name: 'Reverse', compare: (a, b, enc) => BINARY.compare(b, a, enc) };
    const reg = new CollationRegistry();
    expect(reg.get('reverse')).toBeUndefined();
    reg.register(reverse);
    expect(reg.get('REVERSE')).toBe(reverse);
    expect(builtinCollation('reverse')).toBeUndefined();
    expect(new CollationRegistry().get('reverse')).toBeUndefined();
    const nocase2: Collation = { name: 'nocase', compare: () => 0 };
    reg.register(nocase2);
    expect(reg.get('NOCASE')).toBe(nocase2);
    expect(builtinCollation('NOCASE')).toBe(NOCASE);
  });
});
