import { describe, expect, it } from 'vitest';
import { KEYWORDS, KEYWORD_NAMES } from './keywords.js';
import { Lexer, dequote } from './lexer.js';
import type { TokenType } from './tokens.js';

function lex(sql: string): [TokenType, string][] {
  const lexer = new Lexer(sql);
  const out: [TokenType, string][] = [];
  for (let i = 0; i < 10_000; i++) {
    const t = lexer.next();
    if (t.type === 'EOF') return out;
    out.push([t.type, sql.slice(t.start, t.end)]);
  }
  throw new Error('lexer did not terminate');
}

describe('Lexer', () => {
  it('knows the 147 keywords of SQLite 3.40, case-insensitively', () => {
    expect(KEYWORD_NAMES).toHaveLength(147);
    expect(lex('select FROM Where')).toEqual([['SELECT', 'select'], ['FROM', 'FROM'], ['WHERE', 'Where']]);
    expect(KEYWORDS.get('TEMPORARY')).toBe('TEMP');
    expect(lex('temporary')).toEqual([['TEMP', 'temporary']]);
    // Words with digits, '$' or non-ASCII letters are never keywords.
    expect(lex('select1 sel$ct sélect strict rowid concurrent')).toEqual([
      ['ID', 'select1'], ['ID', 'sel$ct'], ['ID', 'sélect'], ['ID', 'strict'], ['ID', 'rowid'],
      ['ID', 'concurrent'],
    ]);
  });

  it('reads every quoting style of identifiers and strings', () => {
    expect(lex(`"a ""b""" [c d] \`e\`\`f\` 'it''s' ''`)).toEqual([
      ['ID', '"a ""b"""'], ['ID', '[c d]'], ['ID', '`e``f`'], ['STRING', "'it''s'"], ['STRING', "''"],
    ]);
    expect(dequote('"a ""b"""')).toBe('a "b"');
    expect(dequote('[c d]')).toBe('c d');
    expect(dequote('`e``f`')).toBe('e`f');
    expect(dequote("'it''s'")).toBe("it's");
    expect(dequote('plain')).toBe('plain');
    // Like sqlite3Dequote: stops at the first closing quote.
    expect(dequote('"a" "b"')).toBe('a');
  });

  it('reads numbers as SQLite does', () => {
    expect(lex('42 0x1F 0XaB 1.5 .5 5. 1e10 1E+5 2.5e-3')).toEqual([
      ['INTEGER', '42'], ['INTEGER', '0x1F'], ['INTEGER', '0XaB'], ['FLOAT', '1.5'], ['FLOAT', '.5'],
      ['FLOAT', '5.'], ['FLOAT', '1e10'], ['FLOAT', '1E+5'], ['FLOAT', '2.5e-3'],
    ]);
    // Digit separators are not in 3.40; a number running into letters is one bad token.
    expect(lex('1_000')).toEqual([['ILLEGAL', '1_000']]);
    expect(lex('123abc')).toEqual([['ILLEGAL', '123abc']]);
    expect(lex('1e+')).toEqual([['ILLEGAL', '1e'], ['PLUS', '+']]);
    expect(lex('0x')).toEqual([['ILLEGAL', '0x']]);
    // ...but hex literals stop at the first non-hex digit.
    expect(lex('0x1g')).toEqual([['INTEGER', '0x1'], ['ID', 'g']]);
    expect(lex('1.2.3')).toEqual([['FLOAT', '1.2'], ['FLOAT', '.3']]);
  });

  it('reads blob literals and rejects malformed ones', () => {
    expect(lex("x'00ff' X''")).toEqual([['BLOB', "x'00ff'"], ['BLOB', "X''"]]);
    expect(lex("x'abc'")).toEqual([['ILLEGAL', "x'abc'"]]);
    expect(lex("x'zz' 1")).toEqual([['ILLEGAL', "x'zz'"], ['INTEGER', '1']]);
    expect(lex("x'ab")).toEqual([['ILLEGAL', "x'ab"]]);
    expect(lex('x y')).toEqual([['ID', 'x'], ['ID', 'y']]);
  });

  it('reads parameters, including Tcl-style names', () => {
    expect(lex('? ?12 :a @b $c #d $a::b(c) :x::y ?3abc')).toEqual([
      ['VARIABLE', '?'], ['VARIABLE', '?12'], ['VARIABLE', ':a'], ['VARIABLE', '@b'],
      ['VARIABLE', '$c'], ['VARIABLE', '#d'], ['VARIABLE', '$a::b(c)'], ['VARIABLE', ':x::y'],
      ['VARIABLE', '?3'], ['ID', 'abc'],
    ]);
    expect(lex('$')).toEqual([['ILLEGAL', '$']]);
    expect(lex('$::')).toEqual([['ILLEGAL', '$::']]);
    expect(lex('$a(b c)')).toEqual([['ILLEGAL', '$a(b'], ['ID', 'c'], ['RP', ')']]);
    expect(lex('$a:b')).toEqual([['VARIABLE', '$a'], ['VARIABLE', ':b']]);
  });

  it('reads every operator', () => {
    expect(lex('|| -> ->> = == != <> < <= << > >= >> & | ~ + - * / % ( ) , ; .').map((t) => t[0])).toEqual([
      'CONCAT', 'PTR', 'PTR', 'EQ', 'EQ', 'NE', 'NE', 'LT', 'LE', 'LSHIFT', 'GT', 'GE', 'RSHIFT',
      'BITAND', 'BITOR', 'BITNOT', 'PLUS', 'MINUS', 'STAR', 'SLASH', 'REM', 'LP', 'RP', 'COMMA',
      'SEMI', 'DOT',
    ]);
    expect(lex('! ^ { \\')).toEqual([['ILLEGAL', '!'], ['ILLEGAL', '^'], ['ILLEGAL', '{'], ['ILLEGAL', '\\']]);
  });

  it('skips comments and whitespace, including unterminated block comments', () => {
    expect(lex('a -- line\n b /* block */ c /* open')).toEqual([['ID', 'a'], ['ID', 'b'], ['ID', 'c']]);
    // "/*" as the very last two characters is SLASH STAR in SQLite.
    expect(lex('a /*')).toEqual([['ID', 'a'], ['SLASH', '/'], ['STAR', '*']]);
    expect(lex('\ufeffa\u000bb')).toEqual([['ID', 'a'], ['ILLEGAL', '\u000b'], ['ID', 'b']]);
    expect(lex('a \u000bb')).toEqual([['ID', 'a'], ['ID', 'b']]);
  });

  it('treats non-ASCII characters as identifier characters', () => {
    expect(lex('été 名前 a\u00a0b')).toEqual([['ID', 'été'], ['ID', '名前'], ['ID', 'a\u00a0b']]);
  });

  it('ends the input at a NUL character', () => {
    const lexer = new Lexer('SELECT 1\u0000 garbage');
    expect(lexer.end).toBe(8);
    expect(lex('a\u0000b')).toEqual([['ID', 'a']]);
  });

  it('reports offsets and stays at EOF', () => {
    const lexer = new Lexer('  ab  cd', 1);
    expect(lexer.next()).toEqual({ type: 'ID', start: 2, end: 4 });
    expect(lexer.next()).toEqual({ type: 'ID', start: 6, end: 8 });
    expect(lexer.next()).toEqual({ type: 'EOF', start: 8, end: 8 });
    expect(lexer.next()).toEqual({ type: 'EOF', start: 8, end: 8 });
  });

  it('decides WINDOW, OVER and FILTER by context', () => {
    expect(lex('window w as')[0]?.[0]).toBe('WINDOW');
    expect(lex('window w')[0]?.[0]).toBe('ID');
    expect(lex('window as')[0]?.[0]).toBe('ID');
    expect(lex('f() over (')[3]?.[0]).toBe('OVER');
    expect(lex('f() over w')[3]?.[0]).toBe('OVER');
    expect(lex('f() over')[3]?.[0]).toBe('ID');
    expect(lex('x over (')[1]?.[0]).toBe('ID');
    expect(lex('f() filter (')[3]?.[0]).toBe('FILTER');
    expect(lex('f() filter x')[3]?.[0]).toBe('ID');
    expect(lex('filter (')[0]?.[0]).toBe('ID');
  });
});
