/**
 * INSERT / REPLACE, UPDATE and DELETE, both as statements and as trigger-body steps.
 *
 *   [WITH ...] (INSERT [OR conflict] | REPLACE) INTO table [AS alias] [(cols)]
 *       (select upsert* [RETURNING ...] | DEFAULT VALUES [RETURNING ...])
 *   upsert := ON CONFLICT [(sortlist) [WHERE expr]] DO (NOTHING | UPDATE SET ... [WHERE expr])
 *   [WITH ...] UPDATE [OR conflict] table [AS alias] [INDEXED BY x | NOT INDEXED]
 *       SET assignments [FROM ...] [WHERE expr] [RETURNING ...] [ORDER BY ...] [LIMIT ...]
 *   [WITH ...] DELETE FROM table [AS alias] [INDEXED BY x | NOT INDEXED]
 *       [WHERE expr] [RETURNING ...] [ORDER BY ...] [LIMIT ...]
 *
 * Inside a trigger body SQLite's grammar is narrower: unqualified table names, no alias, no
 * INDEXED BY, no DEFAULT VALUES, no RETURNING/ORDER BY/LIMIT on UPDATE and DELETE. The first
 * three have dedicated messages; the rest are syntax errors, as in SQLite. A target-less ON
 * CONFLICT must be the last upsert clause.
 */

import type { Expr } from './ast-expr.js';
import type { IndexHint, ResultColumn, WithClause } from './ast-select.js';
import type {
  ConflictAction,
  DeleteStmt,
  InsertStmt,
  QualifiedName,
  SetClause,
  UpdateStmt,
  UpsertClause,
} from './ast-stmt.js';
import { parseExpr } from './expr-parser.js';
import { parseFrom } from './from-parser.js';
import { parseIdList, parseSortList } from './list-parser.js';
import type { ParserState } from './parser-state.js';
import { parseLimit, parseOrderBy, parseResultColumns, parseSelect } from './select-parser.js';

/** `ROLLBACK | ABORT | FAIL | IGNORE | REPLACE`. */
export function parseConflictAction(p: ParserState): ConflictAction {
  const t = p.tok.type;
  if (t === 'ROLLBACK' || t === 'ABORT' || t === 'FAIL' || t === 'IGNORE' || t === 'REPLACE') {
    p.advance();
    return t;
  }
  throw p.syntaxError();
}

/** `[ON CONFLICT action]` after a constraint. */
export function parseOnConflict(p: ParserState): ConflictAction | null {
  if (!p.accept('ON')) return null;
  p.expect('CONFLICT');
  return parseConflictAction(p);
}

interface Target {
  table: QualifiedName;
  alias: string | null;
}

/** SQLite's `xfullname` (statements) or `trnm` (trigger steps). */
function parseTargetTable(p: ParserState, inTrigger: boolean): Target {
  const q = p.expectQualifiedName();
  if (inTrigger) {
    if (q.schema !== null) {
      p.deferError(
        'qualified table names are not allowed on INSERT, UPDATE, and DELETE statements within triggers',
      );
    }
    return { table: { schema: null, name: q.name }, alias: null };
  }
  const alias = p.accept('AS') ? p.expectNm() : null;
  return { table: { schema: q.schema, name: q.name }, alias };
}

function parseIndexHint(p: ParserState, inTrigger: boolean): IndexHint | null {
  let hint: IndexHint | null = null;
  if (p.accept('INDEXED')) {
    p.expect('BY');
    hint = { kind: 'indexedBy', index: p.expectNm() };
  } else if (p.accept('NOT')) {
    p.expect('INDEXED');
    hint = { kind: 'notIndexed' };
  }
  if (hint !== null && inTrigger) {
    const clause = hint.kind === 'indexedBy' ? 'INDEXED BY' : 'NOT INDEXED';
    p.deferError(`the ${clause} clause is not allowed on UPDATE or DELETE statements within triggers`);
  }
  return hint;
}

function parseReturning(p: ParserState): ResultColumn[] | null {
  return p.accept('RETURNING') ? parseResultColumns(p) : null;
}

/** `a = expr, (b, c) = expr, ...`. */
function parseSetList(p: ParserState): SetClause[] {
  const list: SetClause[] = [];
  do {
    if (p.accept('LP')) {
      const columns = parseIdList(p);
      p.expect('RP');
      p.expect('EQ');
      const expr = parseExpr(p);
      // A SELECT's width is known only after "*" expansion; anything else is checked now.
      if (expr.kind !== 'subquery') {
        const width = expr.kind === 'vector' ? expr.items.length : 1;
        if (width !== columns.length) p.deferError(`${columns.length} columns assigned ${width} values`);
      }
      list.push({ columns, vector: true, expr });
    } else {
      const column = p.expectNm();
      p.expect('EQ');
      list.push({ columns: [column], vector: false, expr: parseExpr(p) });
    }
  } while (p.accept('COMMA'));
  return list;
}

export function parseInsert(p: ParserState, withClause: WithClause | null, start: number, inTrigger = false): InsertStmt {
  let verb: InsertStmt['verb'] = 'INSERT';
  let onConflict: ConflictAction | null = null;
  if (p.accept('REPLACE')) {
    verb = 'REPLACE';
    onConflict = 'REPLACE';
  } else {
    p.expect('INSERT');
    if (p.accept('OR')) onConflict = parseConflictAction(p);
  }
  p.expect('INTO');
  const { table, alias } = parseTargetTable(p, inTrigger);
  let columns: string[] | null = null;
  if (p.accept('LP')) {
    columns = parseIdList(p);
    p.expect('RP');
  }
  const base = { kind: 'insert' as const, with: withClause, verb, onConflict, table, alias, columns };
  if (!inTrigger && p.accept('DEFAULT')) {
    p.expect('VALUES');
    const returning = parseReturning(p);
    return { ...base, source: { kind: 'defaultValues' }, upsert: [], returning, start, end: p.lastEnd };
  }
  const select = parseSelect(p);
  const upsert: UpsertClause[] = [];
  let returning: ResultColumn[] | null = null;
  for (;;) {
    if (p.at('RETURNING')) {
      returning = parseReturning(p);
      break;
    }
    if (!p.accept('ON')) break;
    p.expect('CONFLICT');
    let target: UpsertClause['target'] = null;
    if (p.accept('LP')) {
      const targetColumns = parseSortList(p);
      p.expect('RP');
      const where = p.accept('WHERE') ? parseExpr(p) : null;
      target = { columns: targetColumns, where };
    }
    p.expect('DO');
    let action: UpsertClause['action'];
    if (p.accept('NOTHING')) {
      action = { kind: 'nothing' };
    } else {
      p.expect('UPDATE');
      p.expect('SET');
      const set = parseSetList(p);
      const where = p.accept('WHERE') ? parseExpr(p) : null;
      action = { kind: 'update', set, where };
    }
    upsert.push({ target, action });
    if (target === null) {
      returning = parseReturning(p);
      break;
    }
  }
  return { ...base, source: { kind: 'select', select }, upsert, returning, start, end: p.lastEnd };
}

export function parseUpdate(p: ParserState, withClause: WithClause | null, start: number, inTrigger = false): UpdateStmt {
  p.expect('UPDATE');
  const onConflict = p.accept('OR') ? parseConflictAction(p) : null;
  const { table, alias } = parseTargetTable(p, inTrigger);
  const indexed = parseIndexHint(p, inTrigger);
  p.expect('SET');
  const set = parseSetList(p);
  const from = p.accept('FROM') ? parseFrom(p) : null;
  const where: Expr | null = p.accept('WHERE') ? parseExpr(p) : null;
  const returning = inTrigger ? null : parseReturning(p);
  const orderBy = inTrigger ? null : parseOrderBy(p);
  const limit = inTrigger ? null : parseLimit(p);
  return {
    kind: 'update', with: withClause, onConflict, table, alias, indexed, set, from, where,
    returning, orderBy, limit, start, end: p.lastEnd,
  };
}

export function parseDelete(p: ParserState, withClause: WithClause | null, start: number, inTrigger = false): DeleteStmt {
  p.expect('DELETE');
  p.expect('FROM');
  const { table, alias } = parseTargetTable(p, inTrigger);
  const indexed = parseIndexHint(p, inTrigger);
  const where: Expr | null = p.accept('WHERE') ? parseExpr(p) : null;
  const returning = inTrigger ? null : parseReturning(p);
  const orderBy = inTrigger ? null : parseOrderBy(p);
  const limit = inTrigger ? null : parseLimit(p);
  return {
    kind: 'delete', with: withClause, table, alias, indexed, where, returning, orderBy, limit,
    start, end: p.lastEnd,
  };
}
