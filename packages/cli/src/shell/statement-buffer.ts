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

/** True when the text holds nothing but whitespace, comments and semicolons. */
export function isBlankSql(sql: string): boolean {
  const lexer = new parser.Lexer(sql);
  for (let i = 0; i <= sql.length; i++) {
    const t = lexer.next();
    if (t.type === 'EOF') return true;
    if (t.type !== 'SEMI') return false;
  }
  return true;
}
