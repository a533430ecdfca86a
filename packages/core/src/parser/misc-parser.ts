/**
 * Transaction control and utility statements:
 *
 *   BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE|CONCURRENT] [TRANSACTION [name]]
 *   COMMIT|END [TRANSACTION [name]]
 *   ROLLBACK [TRANSACTION [name]] [TO [SAVEPOINT] name]
 *   SAVEPOINT name          RELEASE [SAVEPOINT] name
 *   PRAGMA [s.]name [= value | (value)]     value := [+|-]number | name | ON | DELETE | DEFAULT
 *   ATTACH [DATABASE] expr AS expr [KEY expr]        DETACH [DATABASE] expr
 *   VACUUM [schema] [INTO expr]      REINDEX [[s.]name]      ANALYZE [[s.]name]
 *
 * CONCURRENT is not an SQLite word (Turso's MVCC extension); it is recognised as an identifier
 * right after BEGIN.
 */

import type {
  AnalyzeStmt,
  AttachStmt,
  BeginStmt,
  CommitStmt,
  DetachStmt,
  PragmaStmt,
  QualifiedName,
  ReindexStmt,
  ReleaseStmt,
  RollbackStmt,
  SavepointStmt,
  VacuumStmt,
} from './ast-stmt.js';
import { parseExpr } from './expr-parser.js';
import { parseSignedNumber } from './primary-parser.js';
import { dequote } from './lexer.js';
import type { ParserState } from './parser-state.js';

/** `[TRANSACTION [name]]`. */
function parseTransactionOpt(p: ParserState): void {
  if (p.accept('TRANSACTION')) p.advanceIfNm();
}

export function parseBegin(p: ParserState, start: number): BeginStmt {
  p.expect('BEGIN');
  let mode: BeginStmt['mode'] = null;
  const t = p.tok.type;
  if (t === 'DEFERRED' || t === 'IMMEDIATE' || t === 'EXCLUSIVE') {
    p.advance();
    mode = t;
  } else if (t === 'ID' && p.text(p.tok).toUpperCase() === 'CONCURRENT') {
    p.advance();
    mode = 'CONCURRENT';
  }
  parseTransactionOpt(p);
  return { kind: 'begin', mode, start, end: p.lastEnd };
}

export function parseCommit(p: ParserState, start: number): CommitStmt {
  p.advance();
  parseTransactionOpt(p);
  return { kind: 'commit', start, end: p.lastEnd };
}

export function parseRollback(p: ParserState, start: number): RollbackStmt {
  p.expect('ROLLBACK');
  parseTransactionOpt(p);
  let savepoint: string | null = null;
  if (p.accept('TO')) {
    p.accept('SAVEPOINT');
    savepoint = p.expectNm();
  }
  return { kind: 'rollback', savepoint, start, end: p.lastEnd };
}

export function parseSavepoint(p: ParserState, start: number): SavepointStmt {
  p.expect('SAVEPOINT');
  return { kind: 'savepoint', name: p.expectNm(), start, end: p.lastEnd };
}

export function parseRelease(p: ParserState, start: number): ReleaseStmt {
  p.expect('RELEASE');
  p.accept('SAVEPOINT');
  return { kind: 'release', name: p.expectNm(), start, end: p.lastEnd };
}

export function parsePragma(p: ParserState, start: number): PragmaStmt {
  p.expect('PRAGMA');
  const q = p.expectQualifiedName();
  let value: string | null = null;
  if (p.accept('EQ')) {
    value = parsePragmaValue(p);
  } else if (p.accept('LP')) {
    value = parsePragmaValue(p);
    p.expect('RP');
  }
  return { kind: 'pragma', schema: q.schema, name: q.name, value, start, end: p.lastEnd };
}

function parsePragmaValue(p: ParserState): string {
  const t = p.tok;
  if (t.type === 'PLUS' || t.type === 'MINUS' || t.type === 'INTEGER' || t.type === 'FLOAT') {
    return parseSignedNumber(p);
  }
  if (t.type === 'ON' || t.type === 'DELETE' || t.type === 'DEFAULT') return p.text(p.advance());
  if (p.isNm()) return dequote(p.text(p.advance()));
  throw p.syntaxError();
}

export function parseAttach(p: ParserState, start: number): AttachStmt {
  p.expect('ATTACH');
  p.accept('DATABASE');
  const file = parseExpr(p);
  p.expect('AS');
  const schema = parseExpr(p);
  const key = p.accept('KEY') ? parseExpr(p) : null;
  return { kind: 'attach', file, schema, key, start, end: p.lastEnd };
}

export function parseDetach(p: ParserState, start: number): DetachStmt {
  p.expect('DETACH');
  p.accept('DATABASE');
  return { kind: 'detach', schema: parseExpr(p), start, end: p.lastEnd };
}

export function parseVacuum(p: ParserState, start: number): VacuumStmt {
  p.expect('VACUUM');
  const schema = p.isNm() ? p.expectNm() : null;
  const into = p.accept('INTO') ? parseExpr(p) : null;
  return { kind: 'vacuum', schema, into, start, end: p.lastEnd };
}

function parseOptionalName(p: ParserState): QualifiedName | null {
  if (!p.isNm()) return null;
  const q = p.expectQualifiedName();
  return { schema: q.schema, name: q.name };
}

export function parseReindex(p: ParserState, start: number): ReindexStmt {
  p.expect('REINDEX');
  return { kind: 'reindex', name: parseOptionalName(p), start, end: p.lastEnd };
}

export function parseAnalyze(p: ParserState, start: number): AnalyzeStmt {
  p.expect('ANALYZE');
  return { kind: 'analyze', name: parseOptionalName(p), start, end: p.lastEnd };
}
