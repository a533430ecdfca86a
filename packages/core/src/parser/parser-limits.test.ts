import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import { parse } from './parser.js';
import { MAX_NESTING } from './parser-state.js';

function errorOf(sql: string): string | null {
  try {
    parse(sql);
    return null;
  } catch (e) {
    // Anything but a SqliteError (a RangeError from a blown stack above all) fails the test.
    if (!(e instanceof SqliteError)) throw e;
    return e.message;
  }
}

const TOO_DEEP = 'Expression tree is too large (maximum depth 1000)';
const OVERFLOW = 'parser stack overflow';

describe('expression depth (SQLITE_MAX_EXPR_DEPTH = 1000)', () => {
  it('counts tree height like SQLite: 1000 terms pass, 1001 fail (verified with sqlite3 3.40)', () => {
    expect(errorOf(`SELECT ${Array(1000).fill('1').join('+')}`)).toBeNull();
    expect(errorOf(`SELECT ${Array(1001).fill('1').join('+')}`)).toBe(TOO_DEEP);
  });

  it('parses left-associative chains of 100 000 terms iteratively', () => {
    for (const op of ['+', ' AND ', ' || ', ' = ', ' OR ', '*']) {
      expect(errorOf(`SELECT ${Array(100_000).fill('a').join(op)}`)).toBe(TOO_DEEP);
    }
    expect(errorOf(`SELECT 1${' COLLATE x'.repeat(100_000)}`)).toBe(TOO_DEEP);
  });

  it('does not count parentheses as tree levels', () => {
    expect(errorOf(`SELECT ${'('.repeat(900)}1${')'.repeat(900)}`)).toBeNull();
  });
});

describe('nesting guard', () => {
  const nested: [string, (n: number) => string][] = [
    ['parentheses', (n) => `SELECT ${'('.repeat(n)}1${')'.repeat(n)}`],
    ['unary minus', (n) => `SELECT ${'- '.repeat(n)}1`],
    ['NOT', (n) => `SELECT ${'NOT '.repeat(n)}1`],
    ['function calls', (n) => `SELECT ${'abs('.repeat(n)}1${')'.repeat(n)}`],
    ['CASE', (n) => `SELECT ${'CASE WHEN 1 THEN '.repeat(n)}1${' END'.repeat(n)}`],
    ['CAST', (n) => `SELECT ${'CAST('.repeat(n)}1${' AS INT)'.repeat(n)}`],
    ['scalar subqueries', (n) => `SELECT ${'(SELECT '.repeat(n)}1${')'.repeat(n)}`],
    ['EXISTS', (n) => `SELECT ${'EXISTS (SELECT '.repeat(n)}1${')'.repeat(n)}`],
    ['IN lists', (n) => `SELECT 1 IN (${'1 IN ('.repeat(n)}1${')'.repeat(n)})`],
    ['row values', (n) => `SELECT ${'(1, '.repeat(n)}1${')'.repeat(n)}`],
    ['FROM subqueries', (n) => `SELECT * FROM ${'(SELECT * FROM '.repeat(n)}t${')'.repeat(n)}`],
    ['FROM parentheses', (n) => `SELECT * FROM ${'('.repeat(n)}t${')'.repeat(n)}`],
    ['window ORDER BY', (n) => `SELECT sum(x) OVER (ORDER BY ${'('.repeat(n)}1${')'.repeat(n)}) FROM t`],
  ];
  for (const [name, build] of nested) {
    it(`reports deep ${name} as SQLite's "${OVERFLOW}", never a JS stack overflow`, () => {
      expect(errorOf(build(100_000))).toBe(OVERFLOW);
      // Moderate nesting (SQLite 3.40 itself overflows at about 95 parentheses) is fine.
      expect(errorOf(build(90))).toBeNull();
    });
  }

  it('allows nesting up to the guard', () => {
    expect(errorOf(`SELECT ${'('.repeat(MAX_NESTING - 1)}1${')'.repeat(MAX_NESTING - 1)}`)).toBeNull();
    expect(errorOf(`SELECT ${'('.repeat(MAX_NESTING)}1${')'.repeat(MAX_NESTING)}`)).toBe(OVERFLOW);
  });
});

describe('other limits', () => {
  it('limits compound SELECTs to 500 terms, not counting a trailing multi-row VALUES', () => {
    expect(errorOf(Array(500).fill('SELECT 1').join(' UNION '))).toBeNull();
    expect(errorOf(Array(501).fill('SELECT 1').join(' UNION '))).toBe('too many terms in compound SELECT');
    expect(errorOf(`VALUES ${Array(10_000).fill('(1)').join(',')}`)).toBeNull();
    expect(errorOf(`VALUES ${Array(600).fill('(1)').join(',')} UNION SELECT 1`)).toBe('too many terms in compound SELECT');
  });

  it('limits parameter numbers', () => {
    expect(errorOf('SELECT ?32766')).toBeNull();
    expect(errorOf('SELECT ?32767')).toBe('variable number must be between ?1 and ?32766');
    expect(() => parse('SELECT ?40000', { maxVariableNumber: 250000 })).not.toThrow();
  });
});
