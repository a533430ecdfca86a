/**
 * Entry points: `parseOne` reads the first statement of a string (from an offset) and says where
 * the rest begins, as sqlite3_prepare's pzTail does; `parse` reads them all.
 *
 * As in SQLite, empty statements (stray ";") are skipped, a statement ends at ";" or at the end
 * of input, and the rest begins right after that ";" (at the end of input if there was none).
 * Parameters are numbered per statement.
 */

import type { Statement } from './ast-stmt.js';
import { parseCreateTable } from './create-table-parser.js';
import {
  parseAlterTable,
  parseCreateIndex,
  parseCreateTrigger,
  parseCreateView,
  parseCreateVirtualTable,
  parseDrop,
} from './ddl-parser.js';
import { parseDelete, parseInsert, parseUpdate } from './dml-parser.js';
import {
  parseAnalyze,
  parseAttach,
  parseBegin,
  parseCommit,
  parseDetach,
  parsePragma,
  parseReindex,
  parseRelease,
  parseRollback,
  parseSavepoint,
  parseVacuum,
} from './misc-parser.js';
import { type ParseOptions, ParserState, parseError } from './parser-state.js';
import { parseSelect, parseSelectBody, parseWith } from './select-parser.js';

export interface ParsedStatement {
  stmt: Statement;
  /** Offset where the rest of the SQL begins. */
  next: number;
  /** Number of parameter slots (the highest parameter number used). */
  paramCount: number;
  /** Name of each parameter slot (index 1..paramCount), null for anonymous ones. */
  paramNames: readonly (string | null)[];
}

/**
 * Parses the statement starting at `offset`. Returns null if only whitespace, comments and
 * semicolons remain. Throws a SqliteError (SQLITE_ERROR) with SQLite's message on bad SQL.
 */
export function parseOne(sql: string, offset = 0, options?: ParseOptions): ParsedStatement | null {
  try {
    return parseOneStatement(sql, offset, options);
  } catch (e) {
    // The nesting guard keeps recursion far below a default JS stack; a host with a much smaller
    // stack still gets SQLite's error instead of a RangeError.
    if (isStackOverflow(e)) throw parseError('parser stack overflow', offset);
    throw e;
  }
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError || (e instanceof Error && e.name === 'InternalError');
}

function parseOneStatement(sql: string, offset: number, options?: ParseOptions): ParsedStatement | null {
  const p = new ParserState(sql, offset, options);
  while (p.at('SEMI')) p.advance();
  if (p.at('EOF')) return null;
  const stmt = parseStatement(p);
  let next: number;
  if (p.at('SEMI')) next = p.advance().end;
  else if (p.at('EOF')) {
    p.flushDeferred();
    next = p.tok.start;
  }
  else throw p.syntaxError();
  return { stmt, next, paramCount: p.paramCount, paramNames: p.paramNames };
}

/** Parses every statement in `sql`. */
export function parse(sql: string, options?: ParseOptions): Statement[] {
  const out: Statement[] = [];
  let offset = 0;
  for (;;) {
    const r = parseOne(sql, offset, options);
    if (r === null) return out;
    out.push(r.stmt);
    offset = r.next;
  }
}

function parseStatement(p: ParserState): Statement {
  const start = p.tok.start;
  if (p.accept('EXPLAIN')) {
    let queryPlan = false;
    if (p.accept('QUERY')) {
      p.expect('PLAN');
      queryPlan = true;
    }
    const stmt = parseCommand(p);
    return { kind: 'explain', queryPlan, stmt, start, end: p.lastEnd };
  }
  return parseCommand(p);
}

function parseCommand(p: ParserState): Statement {
  const start = p.tok.start;
  switch (p.tok.type) {
    case 'SELECT':
    case 'VALUES':
      return parseSelect(p);
    case 'WITH':
      return parseWithStatement(p, start);
    case 'INSERT':
    case 'REPLACE':
      return parseInsert(p, null, start);
    case 'UPDATE':
      return parseUpdate(p, null, start);
    case 'DELETE':
      return parseDelete(p, null, start);
    case 'CREATE':
      return parseCreate(p, start);
    case 'DROP':
      p.advance();
      return parseDrop(p, start);
    case 'ALTER':
      p.advance();
      p.expect('TABLE');
      return parseAlterTable(p, start);
    case 'BEGIN': return parseBegin(p, start);
    case 'COMMIT':
    case 'END':
      return parseCommit(p, start);
    case 'ROLLBACK': return parseRollback(p, start);
    case 'SAVEPOINT': return parseSavepoint(p, start);
    case 'RELEASE': return parseRelease(p, start);
    case 'PRAGMA': return parsePragma(p, start);
    case 'ATTACH': return parseAttach(p, start);
    case 'DETACH': return parseDetach(p, start);
    case 'VACUUM': return parseVacuum(p, start);
    case 'REINDEX': return parseReindex(p, start);
    case 'ANALYZE': return parseAnalyze(p, start);
    default:
      throw p.syntaxError();
  }
}

/** A WITH clause, then the SELECT, INSERT, UPDATE or DELETE it belongs to. */
function parseWithStatement(p: ParserState, start: number): Statement {
  p.enter();
  const withClause = parseWith(p);
  let stmt: Statement;
  switch (p.tok.type) {
    case 'SELECT':
    case 'VALUES':
      stmt = parseSelectBody(p, withClause, start);
      break;
    case 'INSERT':
    case 'REPLACE':
      stmt = parseInsert(p, withClause, start);
      break;
    case 'UPDATE':
      stmt = parseUpdate(p, withClause, start);
      break;
    case 'DELETE':
      stmt = parseDelete(p, withClause, start);
      break;
    default:
      throw p.syntaxError();
  }
  p.leave();
  return stmt;
}

function parseCreate(p: ParserState, start: number): Statement {
  p.expect('CREATE');
  if (p.accept('TEMP')) {
    if (p.accept('TABLE')) return parseCreateTable(p, start, true);
    if (p.accept('VIEW')) return parseCreateView(p, start, true, false);
    p.expect('TRIGGER');
    return parseCreateTrigger(p, start, true);
  }
  const kind = p.tok.type;
  if (kind !== 'TABLE' && kind !== 'VIEW' && kind !== 'TRIGGER' && kind !== 'INDEX' &&
    kind !== 'UNIQUE' && kind !== 'VIRTUAL' && kind !== 'MATERIALIZED') {
    throw p.syntaxError();
  }
  p.advance();
  switch (kind) {
    case 'TABLE': return parseCreateTable(p, start, false);
    case 'VIEW': return parseCreateView(p, start, false, false);
    case 'TRIGGER': return parseCreateTrigger(p, start, false);
    case 'INDEX': return parseCreateIndex(p, start, false);
    case 'UNIQUE':
      p.expect('INDEX');
      return parseCreateIndex(p, start, true);
    case 'VIRTUAL':
      p.expect('TABLE');
      return parseCreateVirtualTable(p, start);
    case 'MATERIALIZED':
      p.expect('VIEW');
      return parseCreateView(p, start, false, true);
  }
}
