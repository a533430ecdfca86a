/**
 * Constraints shared by column and table definitions: CHECK's parenthesised expression, foreign
 * keys and table constraints.
 *
 *   REFERENCES t [(cols)] [ON DELETE|UPDATE|INSERT action | MATCH name]*
 *   [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]
 *   table-constraint := [CONSTRAINT name] ( PRIMARY KEY (sortlist [AUTOINCREMENT]) [conflict]
 *       | UNIQUE (sortlist) [conflict] | CHECK (expr) [conflict]
 *       | FOREIGN KEY (cols) REFERENCES ... [[NOT] DEFERRABLE ...] )
 * Table constraints may be separated by commas or simply follow each other, as in SQLite; a
 * CONSTRAINT name applies to the constraints after it until the next comma.
 */

import type { Expr } from './ast-expr.js';
import type { ForeignKeyAction, ForeignKeyClause, TableConstraint } from './ast-stmt.js';
import { parseOnConflict } from './dml-parser.js';
import { parseExpr } from './expr-parser.js';
import { parseEidList, parseSortList } from './list-parser.js';
import type { ParserState } from './parser-state.js';
import type { TokenType } from './tokens.js';

const TABLE_CONSTRAINT_START: ReadonlySet<TokenType> = new Set<TokenType>([
  'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN',
]);

/** True at a token that starts a table constraint. */
export function startsTableConstraint(p: ParserState): boolean {
  return TABLE_CONSTRAINT_START.has(p.tok.type);
}

export function parseParenExpr(p: ParserState): Expr {
  p.expect('LP');
  p.enter();
  const e = parseExpr(p);
  p.leave();
  p.expect('RP');
  return e;
}

/** After REFERENCES: `table [(cols)] [ON DELETE|UPDATE|INSERT action | MATCH name]*`. */
export function parseReferences(p: ParserState): ForeignKeyClause {
  const table = p.expectNm();
  let columns: string[] | null = null;
  if (p.accept('LP')) {
    columns = parseEidList(p);
    p.expect('RP');
  }
  const fk: ForeignKeyClause = { table, columns, onDelete: null, onUpdate: null, match: null, deferred: false };
  for (;;) {
    if (p.accept('MATCH')) {
      fk.match = p.expectNm();
    } else if (p.accept('ON')) {
      const event = p.tok.type;
      if (event !== 'DELETE' && event !== 'UPDATE' && event !== 'INSERT') throw p.syntaxError();
      p.advance();
      const action = parseForeignKeyAction(p);
      if (event === 'DELETE') fk.onDelete = action;
      else if (event === 'UPDATE') fk.onUpdate = action;
    } else {
      return fk;
    }
  }
}

function parseForeignKeyAction(p: ParserState): ForeignKeyAction {
  if (p.accept('SET')) {
    if (p.accept('NULL')) return 'SET NULL';
    p.expect('DEFAULT');
    return 'SET DEFAULT';
  }
  if (p.accept('CASCADE')) return 'CASCADE';
  if (p.accept('RESTRICT')) return 'RESTRICT';
  p.expect('NO');
  p.expect('ACTION');
  return 'NO ACTION';
}

/** `[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`; true when the result is deferred. */
export function parseDeferrable(p: ParserState, not: boolean): boolean {
  p.expect('DEFERRABLE');
  let deferred = false;
  if (p.accept('INITIALLY')) {
    if (p.accept('DEFERRED')) deferred = true;
    else p.expect('IMMEDIATE');
  }
  return !not && deferred;
}

export function applyDeferrable(fks: ForeignKeyClause[], deferred: boolean): void {
  const last = fks[fks.length - 1];
  if (last !== undefined) last.deferred = deferred;
}

export function parseTableConstraints(p: ParserState, out: TableConstraint[], fks: ForeignKeyClause[]): void {
  let name: string | null = null;
  for (;;) {
    switch (p.tok.type) {
      case 'CONSTRAINT':
        p.advance();
        name = p.expectNm();
        break;
      case 'PRIMARY': {
        p.advance();
        p.expect('KEY');
        p.expect('LP');
        const columns = parseSortList(p);
        const autoincrement = p.accept('AUTOINCREMENT') !== null;
        p.expect('RP');
        out.push({ name, kind: 'primaryKey', columns, autoincrement, onConflict: parseOnConflict(p) });
        break;
      }
      case 'UNIQUE': {
        p.advance();
        p.expect('LP');
        const columns = parseSortList(p);
        p.expect('RP');
        out.push({ name, kind: 'unique', columns, onConflict: parseOnConflict(p) });
        break;
      }
      case 'CHECK': {
        p.advance();
        const expr = parseParenExpr(p);
        parseOnConflict(p);
        out.push({ name, kind: 'check', expr });
        break;
      }
      case 'FOREIGN': {
        p.advance();
        p.expect('KEY');
        p.expect('LP');
        const columns = parseEidList(p);
        p.expect('RP');
        p.expect('REFERENCES');
        const foreignKey = parseReferences(p);
        if (p.at('DEFERRABLE')) foreignKey.deferred = parseDeferrable(p, false);
        else if (p.accept('NOT')) foreignKey.deferred = parseDeferrable(p, true);
        fks.push(foreignKey);
        out.push({ name, kind: 'foreignKey', columns, foreignKey });
        break;
      }
      default:
        throw p.syntaxError();
    }
    if (p.accept('COMMA')) {
      name = null;
      continue;
    }
    if (!startsTableConstraint(p)) return;
  }
}
