/**
 * SQL highlighting with Minnow's own tokenizer (the one the engine parses with), so what is
 * coloured as a keyword, string or number is exactly what SQLite would see. Text between
 * tokens is whitespace or comments.
 */
import { parser } from '@minnow/core';

const LITERAL_CLASS: Record<string, string> = {
  STRING: 'str',
  INTEGER: 'num',
  FLOAT: 'num',
  BLOB: 'blob',
  VARIABLE: 'var',
  ID: 'id',
  ILLEGAL: 'bad',
};

const PUNCTUATION = new Set(
  'SEMI LP RP COMMA DOT PLUS MINUS STAR SLASH REM EQ NE LT LE GT GE BITAND BITOR BITNOT LSHIFT RSHIFT CONCAT PTR'.split(' '),
);

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function span(cls: string, text: string): string {
  return cls === '' ? escapeHtml(text) : `<span class="${cls}">${escapeHtml(text)}</span>`;
}

/** HTML for `sql`, with the range [markFrom, markTo) underlined as an error. */
export function highlightSql(sql: string, markFrom = -1, markTo = -1): string {
  const parts: string[] = [];
  let pos = 0;
  const emit = (end: number, cls: string): void => {
    // Split at the error mark so it can wrap exactly its range.
    while (pos < end) {
      let stop = end;
      const inMark = markFrom >= 0 && pos >= markFrom && pos < markTo;
      if (!inMark && markFrom >= 0 && markFrom > pos && markFrom < stop) stop = markFrom;
      if (inMark && markTo < stop) stop = markTo;
      const html = span(cls, sql.slice(pos, stop));
      parts.push(inMark ? `<mark class="err">${html}</mark>` : html);
      pos = stop;
    }
  };
  const lexer = new parser.Lexer(sql);
  // Each pass consumes one token; the input is finite.
  for (let guard = 0; guard <= sql.length + 1; guard++) {
    const tok = lexer.next();
    if (tok.type === 'EOF') break;
    const gap = sql.slice(pos, tok.start);
    emit(tok.start, /--|\/\*/.test(gap) ? 'cmt' : '');
    const cls = LITERAL_CLASS[tok.type] ?? (PUNCTUATION.has(tok.type) ? 'op' : 'kw');
    emit(tok.end, cls);
  }
  const rest = sql.slice(pos);
  emit(sql.length, /--|\/\*/.test(rest) ? 'cmt' : '');
  // A trailing newline needs a character after it to take up a line in the <pre>.
  return parts.join('') + ' ';
}
