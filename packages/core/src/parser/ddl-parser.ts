/**
 * CREATE INDEX / VIEW / TRIGGER / VIRTUAL TABLE / MATERIALIZED VIEW, DROP and ALTER TABLE.
 * (CREATE TABLE is in create-table-parser.ts.) The `storedSql` rules are described in
 * ast-stmt.ts.
 *
 *   CREATE [UNIQUE] INDEX [IF NOT EXISTS] [s.]name ON table (sortlist) [WHERE expr]
 *   CREATE [TEMP] VIEW [IF NOT EXISTS] [s.]name [(cols)] AS select
 *   CREATE [TEMP] TRIGGER [IF NOT EXISTS] [s.]name [BEFORE|AFTER|INSTEAD OF]
 *       (DELETE | INSERT | UPDATE [OF cols]) ON [s.]table [FOR EACH ROW] [WHEN expr]
 *       BEGIN (step ;)+ END
 *   CREATE VIRTUAL TABLE [IF NOT EXISTS] [s.]name USING module [(arg, ...)]
 *   DROP (TABLE|INDEX|VIEW|TRIGGER) [IF EXISTS] [s.]name
 *   ALTER TABLE [s.]t (RENAME TO n | RENAME [COLUMN] c TO n | ADD [COLUMN] column-def
 *       | DROP [COLUMN] c | ALTER [COLUMN] c TO column-def)
 */

import type {
  AlterTableStmt,
  CreateIndexStmt,
  CreateTriggerStmt,
  CreateViewStmt,
  CreateVirtualTableStmt,
  DropStmt,
  TriggerStep,
} from './ast-stmt.js';
import { parseColumnDef, parseIfNotExists } from './create-table-parser.js';
import { parseDelete, parseInsert, parseUpdate } from './dml-parser.js';
import { parseExpr } from './expr-parser.js';
import { parseEidList, parseIdList, parseSortList } from './list-parser.js';
import type { ParserState } from './parser-state.js';
import { parseSelect, trimEndSpace } from './select-parser.js';
import type { Token } from './tokens.js';

/** After `CREATE [UNIQUE] INDEX`. */
export function parseCreateIndex(p: ParserState, start: number, unique: boolean): CreateIndexStmt {
  const ifNotExists = parseIfNotExists(p);
  const { schema, name, nameToken } = p.expectQualifiedName();
  p.expect('ON');
  const table = p.expectNm();
  p.expect('LP');
  const columns = parseSortList(p);
  p.expect('RP');
  const where = p.accept('WHERE') ? parseExpr(p) : null;
  const head = unique ? 'CREATE UNIQUE INDEX ' : 'CREATE INDEX ';
  return {
    kind: 'createIndex', unique, ifNotExists, schema, name, table, columns, where,
    storedSql: head + p.sql.slice(nameToken.start, p.tok.start), start, end: p.lastEnd,
  };
}

/** After `CREATE [TEMP] VIEW` or `CREATE MATERIALIZED VIEW`. */
export function parseCreateView(p: ParserState, start: number, temp: boolean, materialized: boolean): CreateViewStmt {
  const ifNotExists = parseIfNotExists(p);
  const { schema, name, nameToken } = p.expectQualifiedName();
  let columns: string[] | null = null;
  if (p.accept('LP')) {
    columns = parseEidList(p);
    p.expect('RP');
  }
  p.expect('AS');
  const select = parseSelect(p);
  const head = materialized ? 'CREATE MATERIALIZED VIEW ' : 'CREATE VIEW ';
  return {
    kind: 'createView', temp, materialized, ifNotExists, schema, name, columns, select,
    storedSql: head + trimEndSpace(p.sql.slice(nameToken.start, p.tok.start)), start, end: p.lastEnd,
  };
}

/** After `CREATE [TEMP] TRIGGER`. */
export function parseCreateTrigger(p: ParserState, start: number, temp: boolean): CreateTriggerStmt {
  const ifNotExists = parseIfNotExists(p);
  const { schema, name, nameToken } = p.expectQualifiedName();
  let time: CreateTriggerStmt['time'] = null;
  if (p.accept('BEFORE')) time = 'BEFORE';
  else if (p.accept('AFTER')) time = 'AFTER';
  else if (p.accept('INSTEAD')) {
    p.expect('OF');
    time = 'INSTEAD OF';
  }
  let event: CreateTriggerStmt['event'];
  if (p.accept('DELETE')) event = { kind: 'DELETE' };
  else if (p.accept('INSERT')) event = { kind: 'INSERT' };
  else {
    p.expect('UPDATE');
    event = { kind: 'UPDATE', columns: p.accept('OF') ? parseIdList(p) : null };
  }
  p.expect('ON');
  const q = p.expectQualifiedName();
  let forEachRow = false;
  if (p.accept('FOR')) {
    p.expect('EACH');
    p.expect('ROW');
    forEachRow = true;
  }
  const when = p.accept('WHEN') ? parseExpr(p) : null;
  p.expect('BEGIN');
  const body: TriggerStep[] = [];
  do {
    body.push(parseTriggerStep(p));
    p.expect('SEMI');
  } while (!p.at('END'));
  const endTok = p.advance();
  return {
    kind: 'createTrigger', temp, ifNotExists, schema, name, time, event,
    table: { schema: q.schema, name: q.name }, forEachRow, when, body,
    storedSql: 'CREATE TRIGGER ' + p.sql.slice(nameToken.start, endTok.end), start, end: p.lastEnd,
  };
}

function parseTriggerStep(p: ParserState): TriggerStep {
  const start = p.tok.start;
  switch (p.tok.type) {
    case 'UPDATE': return parseUpdate(p, null, start, true);
    case 'INSERT': case 'REPLACE': return parseInsert(p, null, start, true);
    case 'DELETE': return parseDelete(p, null, start, true);
    case 'SELECT': case 'VALUES': case 'WITH': return parseSelect(p);
    default: throw p.syntaxError();
  }
}

/** After `CREATE VIRTUAL TABLE`. Module arguments are kept as raw text. */
export function parseCreateVirtualTable(p: ParserState, start: number): CreateVirtualTableStmt {
  const ifNotExists = parseIfNotExists(p);
  const { schema, name, nameToken } = p.expectQualifiedName();
  p.expect('USING');
  const moduleTok = p.tok;
  const module = p.expectNm();
  const args: string[] = [];
  let stop = moduleTok.end;
  if (p.accept('LP')) {
    let depth = 0;
    let argStart: Token | null = null;
    let argEnd = 0;
    for (;;) {
      const t = p.tok;
      if (t.type === 'EOF' || t.type === 'ILLEGAL') throw p.syntaxError();
      if (depth === 0 && (t.type === 'COMMA' || t.type === 'RP')) {
        if (argStart !== null) args.push(p.sql.slice(argStart.start, argEnd));
        argStart = null;
        p.advance();
        if (t.type === 'RP') {
          stop = t.end;
          break;
        }
        continue;
      }
      if (t.type === 'LP') {
        depth++;
        p.enter();
      } else if (t.type === 'RP') {
        depth--;
        p.leave();
      }
      if (argStart === null) argStart = t;
      argEnd = t.end;
      p.advance();
    }
  }
  return {
    kind: 'createVirtualTable', ifNotExists, schema, name, module, args,
    storedSql: 'CREATE VIRTUAL TABLE ' + p.sql.slice(nameToken.start, stop), start, end: p.lastEnd,
  };
}

/** After DROP. */
export function parseDrop(p: ParserState, start: number): DropStmt {
  const t = p.tok.type;
  if (t !== 'TABLE' && t !== 'INDEX' && t !== 'VIEW' && t !== 'TRIGGER') throw p.syntaxError();
  p.advance();
  let ifExists = false;
  if (p.accept('IF')) {
    p.expect('EXISTS');
    ifExists = true;
  }
  const q = p.expectQualifiedName();
  return { kind: 'drop', object: t, ifExists, name: { schema: q.schema, name: q.name }, start, end: p.lastEnd };
}

/** After `ALTER TABLE`. */
export function parseAlterTable(p: ParserState, start: number): AlterTableStmt {
  const q = p.expectQualifiedName();
  const table = { schema: q.schema, name: q.name };
  let action: AlterTableStmt['action'];
  if (p.accept('RENAME')) {
    if (p.accept('TO')) {
      action = { kind: 'renameTable', newName: p.expectNm() };
    } else {
      p.accept('COLUMN');
      const column = p.expectNm();
      p.expect('TO');
      action = { kind: 'renameColumn', column, newName: p.expectNm() };
    }
  } else if (p.accept('ADD')) {
    p.accept('COLUMN');
    const defStart = p.tok.start;
    const column = parseColumnDef(p);
    action = { kind: 'addColumn', column, columnText: columnText(p, defStart) };
  } else if (p.accept('DROP')) {
    p.accept('COLUMN');
    action = { kind: 'dropColumn', column: p.expectNm() };
  } else {
    p.expect('ALTER');
    p.accept('COLUMN');
    const column = p.expectNm();
    p.expect('TO');
    const defStart = p.tok.start;
    const definition = parseColumnDef(p);
    action = { kind: 'alterColumn', column, definition, columnText: columnText(p, defStart) };
  }
  return { kind: 'alterTable', table, action, start, end: p.lastEnd };
}

/** SQLite's ADD COLUMN text: up to the next token, trailing whitespace removed. */
function columnText(p: ParserState, from: number): string {
  return trimEndSpace(p.sql.slice(from, p.tok.start));
}
