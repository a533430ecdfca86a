import { describe, expect, it } from 'vitest';
import {
  decodeText, encodeText, isTextEncoding, TEXT_UTF16BE, TEXT_UTF16LE, TEXT_UTF8, textByteLength,
  writeText, type TextEncoding,
} from './text-codec.js';

const ENCODINGS: TextEncoding[] = [TEXT_UTF8, TEXT_UTF16LE, TEXT_UTF16BE];

const SAMPLES = [
  '',
  'a',
  'hello, world',
  'héllo wörld',
  '日本語のテキスト',
  '😀',
  'a😀b\u{10FFFF}c',
  '\uE000\uFFFF\u0800\u07FF\u0080\u007F',
  '\uFEFFleading BOM is data',
  'x'.repeat(40) + 'é', // past the short-text path
  'long ' + 'ünïcødé 😀 '.repeat(500), // past one String.fromCharCode chunk
];

function nodeBytes(s: string, enc: TextEncoding): Uint8Array {
  if (enc === TEXT_UTF8) return new Uint8Array(Buffer.from(s, 'utf8'));
  const le = new Uint8Array(Buffer.from(s, 'utf16le'));
  if (enc === TEXT_UTF16LE) return le;
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

describe('text codec', () => {
  it('round-trips text in all three encodings, with the bytes Node produces', () => {
    for (const enc of ENCODINGS) {
      for (const s of SAMPLES) {
        const bytes = encodeText(s, enc);
        expect(bytes).toEqual(nodeBytes(s, enc));
        expect(textByteLength(s, enc)).toBe(bytes.length);
        expect(decodeText(bytes, 0, bytes.length, enc)).toBe(s);
      }
    }
  });

  it('writes in place at an offset and decodes from an offset', () => {
    for (const enc of ENCODINGS) {
      for (const s of SAMPLES) {
        const n = textByteLength(s, enc);
        const buf = new Uint8Array(n + 10).fill(0xaa);
        expect(writeText(s, enc, buf, 5)).toBe(n);
        expect(buf.subarray(0, 5).every((b) => b === 0xaa)).toBe(true);
        expect(buf.subarray(5 + n).every((b) => b === 0xaa)).toBe(true);
        expect(decodeText(buf, 5, n, enc)).toBe(s);
      }
    }
  });

  it('encodes known byte layouts', () => {
    expect([...encodeText('é😀', TEXT_UTF8)]).toEqual([0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
    expect([...encodeText('A😀', TEXT_UTF16LE)]).toEqual([0x41, 0x00, 0x3d, 0xd8, 0x00, 0xde]);
    expect([...encodeText('A😀', TEXT_UTF16BE)]).toEqual([0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00]);
  });

  it('decodes invalid UTF-8 with replacement characters instead of throwing', () => {
    const bad = new Uint8Array([0x61, 0xff, 0x62, 0xc3, 0x28, 0xed, 0xa0, 0x80]);
    const s = decodeText(bad, 0, bad.length, TEXT_UTF8);
    expect(s.startsWith('a\uFFFDb\uFFFD(')).toBe(true);
    expect(s).not.toContain('\uD800');
    // Short ASCII-looking input with a stray high byte also takes the replacing path.
    expect(decodeText(new Uint8Array([0x80]), 0, 1, TEXT_UTF8)).toBe('\uFFFD');
  });

  it('keeps lone surrogates in UTF-16 and writes U+FFFD for them in UTF-8', () => {
    const lone = 'a\uD800b\uDC00';
    expect(textByteLength(lone, TEXT_UTF8)).toBe(8);
    expect(decodeText(encodeText(lone, TEXT_UTF8), 0, 8, TEXT_UTF8)).toBe('a\uFFFDb\uFFFD');
    const buf = new Uint8Array(8);
    expect(writeText(lone, TEXT_UTF8, buf, 0)).toBe(8);
    for (const enc of [TEXT_UTF16LE, TEXT_UTF16BE] as const) {
      const bytes = encodeText(lone, enc);
      expect(decodeText(bytes, 0, bytes.length, enc)).toBe(lone);
    }
  });

  it('ignores the last byte of an odd-length UTF-16 body', () => {
    const bytes = new Uint8Array([0x41, 0x00, 0x42]);
    expect(decodeText(bytes, 0, 3, TEXT_UTF16LE)).toBe('A');
    expect(decodeText(bytes, 0, 1, TEXT_UTF16BE)).toBe('');
  });

  it('recognises the three encoding codes only', () => {
    expect([0, 1, 2, 3, 4].map(isTextEncoding)).toEqual([false, true, true, true, false]);
  });
});
