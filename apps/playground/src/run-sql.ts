/**
 * Running the editor's SQL: split into statements with Minnow's parser, each prepared and run
 * in the worker in turn; the last statement that returns rows is shown. An error stops the
 * run and says where in the text it is (syntax errors point at their token; other errors at
 * their statement).
 */
import { parser, SqliteError } from '@minnow/core';
import type { Database } from '@minnow/web';
import type { QueryResult } from './results-view.js';

export interface RunOutcome {
  result: QueryResult | null;
  statements: number;
  changes: number;
  ms: number;
  error: { message: string; code: string; from: number; to: number } | null;
}

/** The span to mark for an error at `offset` (the token there), within [start, end). */
function tokenSpan(sql: string, offset: number, end: number): [number, number] {
  const tok = new parser.Lexer(sql, offset).next();
  if (tok.type === 'EOF' || tok.start >= end) return [Math.max(0, offset - 1), Math.max(offset, end)];
  return [tok.start, tok.end];
}

/** Where a statement's text really starts (after whitespace and comments). */
function firstToken(sql: string, from: number): number {
  const tok = new parser.Lexer(sql, from).next();
  return tok.type === 'EOF' ? from : tok.start;
}

export async function runSql(db: Database, sql: string): Promise<RunOutcome> {
  const started = performance.now();
  const out: RunOutcome = { result: null, statements: 0, changes: 0, ms: 0, error: null };
  let offset = 0;
  // Each pass consumes one statement; the text is finite.
  for (let guard = 0; guard <= sql.length; guard++) {
    let next: number;
    try {
      const parsed = parser.parseOne(sql, offset);
      if (parsed === null) break;
      next = parsed.next;
    } catch (e) {
      const at = (e as { offset?: number }).offset ?? offset;
      const [from, to] = tokenSpan(sql, at, sql.length);
      out.error = { message: (e as Error).message, code: (e as SqliteError).code ?? 'SQLITE_ERROR', from, to };
      break;
    }
    const text = sql.slice(offset, next);
    let stmt: Awaited<ReturnType<Database['prepare']>> | null = null;
    try {
      stmt = await db.prepare(text);
      if (stmt.reader) {
        const rows = (await stmt.raw().all()) as unknown[][];
        out.result = { columns: stmt.columns().map((c) => c.name), rows };
      } else {
        out.changes += (await stmt.run()).changes;
      }
      out.statements++;
    } catch (e) {
      const err = e as SqliteError & { offset?: number };
      const start = firstToken(sql, offset);
      const [from, to] = err.offset !== undefined ? tokenSpan(sql, offset + err.offset, next) : [start, next];
      out.error = { message: err.message, code: err.code ?? 'SQLITE_ERROR', from, to };
      break;
    } finally {
      await stmt?.close().catch(() => undefined);
    }
    offset = next;
  }
  out.ms = performance.now() - started;
  return out;
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
