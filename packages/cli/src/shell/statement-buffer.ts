/**
 * Collects input lines until they hold complete SQL: the last token is a `;` outside any
 * string, identifier quote or comment, and the text does not stop inside a CREATE TRIGGER body
 * (the parser then says "incomplete input"). Bad SQL counts as complete, so its error is shown.
 */
import { parser } from '@minnow/core';

export function isCompleteSql(sql: string): boolean {
  const lexer = new parser.Lexer(sql);
  let last: string | null = null;
  // Each token advances the lexer, so at most sql.length + 1 tokens.
  for (let i = 0; i <= sql.length; i++) {
    const t = lexer.next();
    if (t.type === 'EOF') break;
    last = t.type;
  }
  if (last !== 'SEMI') return false;
  try {
    parser.parse(sql);
  } catch (e) {
    if (e instanceof Error && e.message === 'incomplete input') return false;
  }
  return true;
}

/**
 * True when the text holds nothing but whitespace, semicolons and finished comments: such a
 * line does not start a statement. (An unfinished block comment does: it may run on.)
 */
export function isBlankSql(sql: string): boolean {
  let i = 0;
  // Each pass consumes at least one character.
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === ';' || /\s/.test(c)) i++;
    else if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      if (nl < 0) return true;
      i = nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) return false;
      i = close + 2;
    } else return false;
  }
  return true;
}
