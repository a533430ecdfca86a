/**
 * FROM clauses (SQLite's `seltablist`), flat as in ast-select.ts:
 *
 *   item (join-op item)*
 *   item     := [schema.]table [[AS] alias] [INDEXED BY name | NOT INDEXED] [ON expr | USING (cols)]
 *             | [schema.]func(args) [[AS] alias] [ON ... | USING ...]
 *             | ( select ) [[AS] alias] [ON ... | USING ...]
 *             | ( item (join-op item)* ) [[AS] alias] [ON ... | USING ...]
 *   join-op  := , | JOIN | JOIN_KW JOIN | JOIN_KW nm JOIN | JOIN_KW nm nm JOIN
 *
 * The join words are validated like sqlite3JoinType: any mix of NATURAL, LEFT, RIGHT, FULL,
 * OUTER, INNER, CROSS that is not contradictory (INNER OUTER, a lone OUTER, unknown words give
 * "unknown join type: ...").
 */

import type { Expr } from './ast-expr.js';
import type { FromClause, FromItem, IndexHint, JoinOperator, TableSource } from './ast-select.js';
import { atSelectStart, parseExpr } from './expr-parser.js';
import { parseExprList, parseIdList } from './list-parser.js';
import type { ParserState } from './parser-state.js';
import { parseSelect } from './select-parser.js';
import type { Token } from './tokens.js';
import { JOIN_KW } from './keywords.js';

const JT_NATURAL = 1;
const JT_LEFT = 2;
const JT_RIGHT = 4;
const JT_OUTER = 8;
const JT_INNER = 16;
const JT_CROSS = 32;
const JT_ERROR = 64;

const JOIN_WORDS: Record<string, number> = {
  natural: JT_NATURAL,
  left: JT_LEFT | JT_OUTER,
  outer: JT_OUTER,
  right: JT_RIGHT | JT_OUTER,
  full: JT_LEFT | JT_RIGHT | JT_OUTER,
  inner: JT_INNER,
  cross: JT_INNER | JT_CROSS,
};

export function parseFrom(p: ParserState): FromClause {
  const items: FromItem[] = [];
  let join: JoinOperator | null = null;
  for (;;) {
    parseFromItem(p, items, join);
    join = parseJoinOperator(p);
    if (join === null) return { items };
  }
}

function parseJoinOperator(p: ParserState): JoinOperator | null {
  if (p.accept('COMMA')) return { type: 'comma', natural: false };
  if (p.accept('JOIN')) return { type: 'inner', natural: false };
  if (!JOIN_KW.has(p.tok.type)) return null;
  const words: Token[] = [p.advance()];
  while (words.length < 3 && p.isNm()) words.push(p.advance());
  p.expect('JOIN');
  let flags = 0;
  for (const w of words) flags |= JOIN_WORDS[p.text(w).toLowerCase()] ?? JT_ERROR;
  if (
    (flags & (JT_INNER | JT_OUTER)) === (JT_INNER | JT_OUTER) ||
    (flags & JT_ERROR) !== 0 ||
    (flags & (JT_OUTER | JT_LEFT | JT_RIGHT)) === JT_OUTER
  ) {
    p.deferError(`unknown join type: ${words.map((w) => p.text(w)).join(' ')}`, words[0]?.start);
    return { type: 'inner', natural: false };
  }
  const natural = (flags & JT_NATURAL) !== 0;
  if ((flags & JT_LEFT) !== 0 && (flags & JT_RIGHT) !== 0) return { type: 'full', natural };
  if ((flags & JT_LEFT) !== 0) return { type: 'left', natural };
  if ((flags & JT_RIGHT) !== 0) return { type: 'right', natural };
  if ((flags & JT_CROSS) !== 0) return { type: 'cross', natural };
  return { type: 'inner', natural };
}

/** Parses one item and appends it (or, for a spliced parenthesised list, its items). */
function parseFromItem(p: ParserState, items: FromItem[], join: JoinOperator | null): void {
  const start = p.tok.start;
  let source: TableSource;
  let nested: FromClause | null = null;
  let isPlainTable = false;
  if (p.at('LP')) {
    p.advance();
    p.enter();
    if (atSelectStart(p)) {
      source = { kind: 'subquery', select: parseSelect(p) };
    } else {
      nested = parseFrom(p);
      source = { kind: 'nested', from: nested };
    }
    p.expect('RP');
    p.leave();
  } else {
    const q = p.expectQualifiedName();
    if (p.accept('LP')) {
      p.enter();
      const args = p.at('RP') ? [] : parseExprList(p);
      p.expect('RP');
      p.leave();
      source = { kind: 'tableFunction', schema: q.schema, name: q.name, args };
    } else {
      source = { kind: 'table', schema: q.schema, name: q.name };
      isPlainTable = true;
    }
  }

  let alias: string | null = null;
  if (p.accept('AS')) alias = p.expectNm();
  else if (p.isIds()) alias = p.expectIds();

  let indexed: IndexHint | null = null;
  if (isPlainTable) {
    if (p.accept('INDEXED')) {
      p.expect('BY');
      indexed = { kind: 'indexedBy', index: p.expectNm() };
    } else if (p.accept('NOT')) {
      p.expect('INDEXED');
      indexed = { kind: 'notIndexed' };
    }
  }

  let on: Expr | null = null;
  let using: string[] | null = null;
  if (p.accept('ON')) {
    on = parseExpr(p);
  } else if (p.accept('USING')) {
    p.expect('LP');
    using = parseIdList(p);
    p.expect('RP');
  }
  if (items.length === 0 && (on !== null || using !== null)) {
    p.deferError(`a JOIN clause is required before ${on !== null ? 'ON' : 'USING'}`);
  }

  if (nested !== null) {
    if (items.length === 0 && alias === null && on === null && using === null) {
      items.push(...nested.items);
      return;
    }
    const only = nested.items.length === 1 ? nested.items[0] : undefined;
    if (only !== undefined) source = only.source;
  }
  items.push({ join, source, alias, indexed, on, using, start, end: p.lastEnd });
}
