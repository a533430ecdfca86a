/**
 * CREATE TABLE and column definitions (also used by ALTER TABLE ADD COLUMN).
 *
 *   CREATE [TEMP] TABLE [IF NOT EXISTS] [schema.]name
 *       ( column-def, ... [, table-constraint [,] ...] ) [option, ...]  |  AS select
 *   column-def := name [type] column-constraint*
 *   option     := WITHOUT ROWID | STRICT
 *
 * Column constraints, each optionally preceded by CONSTRAINT name:
 *   PRIMARY KEY [ASC|DESC] [ON CONFLICT x] [AUTOINCREMENT]   NOT NULL [conflict]   NULL [conflict]
 *   UNIQUE [conflict]   CHECK (expr)   DEFAULT value   COLLATE name
 *   REFERENCES t [(cols)] [ON DELETE|UPDATE action | MATCH name]*   [NOT] DEFERRABLE [INITIALLY x]
 *   [GENERATED ALWAYS] AS (expr) [STORED|VIRTUAL]
 * Right after the column name or type, GENERATED and ALWAYS read as type words (see
 * `columnType`); only after another constraint is GENERATED a keyword.
 * DEFAULT takes a literal, a signed literal, an identifier (stored as a string; bare TRUE and
 * FALSE are the booleans) or a parenthesised expression.
 */

import type { Expr } from './ast-expr.js';
import type { ColumnConstraint, ColumnDef, CreateTableStmt, ForeignKeyClause, TableConstraint } from './ast-stmt.js';
import {
  applyDeferrable,
  parseDeferrable,
  parseParenExpr,
  parseReferences,
  parseTableConstraints,
  startsTableConstraint,
} from './constraint-parser.js';
import { parseOnConflict } from './dml-parser.js';
import { parseExpr } from './expr-parser.js';
import { FALLBACK_TO_ID } from './keywords.js';
import { dequote } from './lexer.js';
import type { ParserState } from './parser-state.js';
import { parseTypeName } from './primary-parser.js';
import { parseSelect, trimEndSpace } from './select-parser.js';
import type { Token } from './tokens.js';

/** After `CREATE [TEMP] TABLE`. */
export function parseCreateTable(p: ParserState, start: number, temp: boolean): CreateTableStmt {
  const ifNotExists = parseIfNotExists(p);
  const { schema, name, nameToken } = p.expectQualifiedName();
  const base = { kind: 'createTable' as const, temp, ifNotExists, schema, name };
  if (p.accept('AS')) {
    const asSelect = parseSelect(p);
    return {
      ...base, columns: [], constraints: [], withoutRowid: false, strict: false, asSelect,
      storedSql: null, start, end: p.lastEnd,
    };
  }
  p.expect('LP');
  const columns: ColumnDef[] = [];
  const constraints: TableConstraint[] = [];
  const fks: ForeignKeyClause[] = [];
  columns.push(parseColumnDef(p, fks));
  while (p.accept('COMMA')) {
    if (startsTableConstraint(p)) {
      parseTableConstraints(p, constraints, fks);
      break;
    }
    columns.push(parseColumnDef(p, fks));
  }
  const rp = p.expect('RP');
  let withoutRowid = false;
  let strict = false;
  let hasOptions = false;
  // SQLite's option list may start empty, so "CREATE TABLE t(a), STRICT" is accepted too.
  if (p.at('WITHOUT') || p.at('COMMA') || p.isNm()) {
    hasOptions = true;
    if (p.at('COMMA')) p.advance();
    do {
      if (p.accept('WITHOUT')) {
        const opt = p.advanceIfNm();
        if (opt === null) throw p.syntaxError();
        if (p.text(opt).toLowerCase() !== 'rowid') unknownOption(p, opt);
        withoutRowid = true;
      } else {
        const opt = p.advanceIfNm();
        if (opt === null) throw p.syntaxError();
        if (p.text(opt).toLowerCase() !== 'strict') unknownOption(p, opt);
        strict = true;
      }
    } while (p.accept('COMMA'));
  }
  // With options SQLite's stored text runs to the token after them (";" or end of input).
  const stop = hasOptions ? p.tok.start : rp.end;
  return {
    ...base, columns, constraints, withoutRowid, strict, asSelect: null,
    storedSql: 'CREATE TABLE ' + p.sql.slice(nameToken.start, stop), start, end: p.lastEnd,
  };
}

function unknownOption(p: ParserState, opt: Token): void {
  p.deferError(`unknown table option: ${p.text(opt)}`, opt.start);
}

export function parseIfNotExists(p: ParserState): boolean {
  if (!p.accept('IF')) return false;
  p.expect('NOT');
  p.expect('EXISTS');
  return true;
}

/**
 * `name [type] constraint*`. `fks` collects the table's foreign keys so far: a DEFERRABLE
 * clause standing alone applies to the latest one, as in SQLite.
 */
export function parseColumnDef(p: ParserState, fks: ForeignKeyClause[] = []): ColumnDef {
  const start = p.tok.start;
  const name = p.expectNm();
  const typeName = columnType(parseTypeName(p));
  const constraints: ColumnConstraint[] = [];
  let constraintName: string | null = null;
  for (;;) {
    const t = p.tok.type;
    let c: ColumnConstraint | null = null;
    switch (t) {
      case 'CONSTRAINT':
        p.advance();
        constraintName = p.expectNm();
        continue;
      case 'DEFAULT':
        c = { name: constraintName, ...parseDefault(p) };
        break;
      case 'NULL':
        p.advance();
        parseOnConflict(p);
        continue;
      case 'NOT':
        p.advance();
        if (p.accept('NULL')) {
          c = { name: constraintName, kind: 'notNull', onConflict: parseOnConflict(p) };
          break;
        }
        if (!p.at('DEFERRABLE')) throw p.syntaxError();
        applyDeferrable(fks, parseDeferrable(p, true));
        continue;
      case 'PRIMARY': {
        p.advance();
        p.expect('KEY');
        let direction: 'ASC' | 'DESC' | null = null;
        if (p.accept('ASC')) direction = 'ASC';
        else if (p.accept('DESC')) direction = 'DESC';
        const onConflict = parseOnConflict(p);
        const autoincrement = p.accept('AUTOINCREMENT') !== null;
        c = { name: constraintName, kind: 'primaryKey', direction, onConflict, autoincrement };
        break;
      }
      case 'UNIQUE':
        p.advance();
        c = { name: constraintName, kind: 'unique', onConflict: parseOnConflict(p) };
        break;
      case 'CHECK':
        p.advance();
        c = { name: constraintName, kind: 'check', expr: parseParenExpr(p) };
        break;
      case 'REFERENCES': {
        p.advance();
        const fk = parseReferences(p);
        fks.push(fk);
        c = { name: constraintName, kind: 'references', foreignKey: fk };
        break;
      }
      case 'DEFERRABLE':
        applyDeferrable(fks, parseDeferrable(p, false));
        continue;
      case 'COLLATE':
        p.advance();
        c = { name: constraintName, kind: 'collate', collation: p.expectIds() };
        break;
      case 'GENERATED':
        p.advance();
        p.expect('ALWAYS');
        c = { name: constraintName, ...parseGenerated(p, name) };
        break;
      case 'AS':
        c = { name: constraintName, ...parseGenerated(p, name) };
        break;
      default:
        break;
    }
    if (c === null) break;
    constraints.push(c);
  }
  return { name, typeName, constraints, start, end: p.lastEnd };
}

/**
 * The declared type as SQLite records it. The grammar reads `GENERATED ALWAYS` right after a
 * type as more type words, so SQLite cuts a trailing "always" (and then "generated") from a type
 * text of 16+ characters; what follows (`AS (expr)`) is then the generated-column clause.
 */
function columnType(raw: string | null): string | null {
  if (raw === null) return null;
  let n = raw.length;
  if (n >= 16 && raw.slice(n - 6).toLowerCase() === 'always') {
    n -= 6;
    while (n > 0 && isSpaceCode(raw.charCodeAt(n - 1))) n--;
    if (n >= 9 && raw.slice(n - 9, n).toLowerCase() === 'generated') {
      n -= 9;
      while (n > 0 && isSpaceCode(raw.charCodeAt(n - 1))) n--;
    }
  }
  return n === 0 ? null : dequote(raw.slice(0, n));
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

type DefaultConstraint = Extract<ColumnConstraint, { kind: 'default' }>;

function parseDefault(p: ParserState): Omit<DefaultConstraint, 'name'> {
  p.expect('DEFAULT');
  const t = p.tok;
  if (t.type === 'LP') {
    p.advance();
    p.enter();
    const expr = parseExpr(p);
    p.leave();
    const rp = p.expect('RP');
    return { kind: 'default', expr, text: trimSpace(p.sql.slice(t.end, rp.start)) };
  }
  if (t.type === 'PLUS' || t.type === 'MINUS') {
    p.advance();
    const term = parseDefaultTerm(p);
    if (term === null) throw p.syntaxError();
    const expr: Expr = t.type === 'PLUS' ? term : {
      kind: 'unary', op: '-', operand: term, start: t.start, end: term.end, height: term.height + 1,
    };
    return { kind: 'default', expr, text: p.sql.slice(t.start, term.end) };
  }
  const term = parseDefaultTerm(p);
  if (term !== null) return { kind: 'default', expr: term, text: p.text(t) };
  if (!p.isId()) throw p.syntaxError();
  p.advance();
  const raw = p.text(t);
  const lower = raw.toLowerCase();
  // A bare identifier default is its own name as a string; TRUE/FALSE unquoted are booleans.
  const expr: Expr = lower === 'true' || lower === 'false'
    ? { kind: 'integer', text: lower === 'true' ? '1' : '0', start: t.start, end: t.end, height: 1 }
    : { kind: 'string', value: dequote(raw), start: t.start, end: t.end, height: 1 };
  return { kind: 'default', expr, text: raw };
}

/** SQLite's `term` in DEFAULT: a literal or CURRENT_TIME & co. Null if none is here. */
function parseDefaultTerm(p: ParserState): Expr | null {
  const t = p.tok;
  const start = t.start;
  const end = t.end;
  switch (t.type) {
    case 'INTEGER': p.advance(); return { kind: 'integer', text: p.text(t), start, end, height: 1 };
    case 'FLOAT': p.advance(); return { kind: 'real', text: p.text(t), start, end, height: 1 };
    case 'STRING': p.advance(); return { kind: 'string', value: dequote(p.text(t)), start, end, height: 1 };
    case 'NULL': p.advance(); return { kind: 'null', start, end, height: 1 };
    case 'BLOB': {
      p.advance();
      const hex = p.text(t).slice(2, -1);
      const bytes = new Uint8Array(hex.length >> 1);
      for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
      return { kind: 'blob', bytes, start, end, height: 1 };
    }
    case 'CURRENT_TIME': case 'CURRENT_DATE': case 'CURRENT_TIMESTAMP':
      p.advance();
      return { kind: 'currentTime', which: t.type, start, end, height: 1 };
    default:
      return null;
  }
}

type GeneratedConstraint = Extract<ColumnConstraint, { kind: 'generated' }>;

/** `AS (expr) [STORED|VIRTUAL]`. */
function parseGenerated(p: ParserState, column: string): Omit<GeneratedConstraint, 'name'> {
  p.expect('AS');
  const expr = parseParenExpr(p);
  let storage: 'VIRTUAL' | 'STORED' = 'VIRTUAL';
  // SQLite's grammar takes a plain ID here (fallback keywords included, even GENERATED).
  const t = p.tok;
  if (t.type === 'ID' || FALLBACK_TO_ID.has(t.type)) {
    p.advance();
    const word = p.text(t).toLowerCase();
    if (word === 'stored') storage = 'STORED';
    else if (word !== 'virtual') p.deferError(`error in generated column "${column}"`, t.start);
  }
  return { kind: 'generated', expr, storage };
}

function trimSpace(s: string): string {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) break;
    i++;
  }
  return trimEndSpace(i === 0 ? s : s.slice(i));
}
