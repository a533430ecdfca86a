/**
 * Whether a subquery is self-contained: every column it names resolves to a table in its
 * own FROM clauses (its nested subqueries included), so its value cannot change from one row
 * of the enclosing query to the next. Such subqueries are evaluated once per statement, as
 * SQLite does (which also fixes their value before an UPDATE changes the rows they read).
 *
 * The check is static and conservative: anything it cannot see through (CTEs, subqueries in
 * FROM, table functions, window functions) counts as correlated.
 */
import type { Expr, SelectStmt } from '../parser/ast.js';
import type { Schema } from './schema.js';
import { forEachChild } from './walk.js';

const ROWID_NAMES = new Set(['rowid', 'oid', '_rowid_']);

interface Visible {
  readonly names: ReadonlySet<string>;
  readonly columns: ReadonlySet<string>;
}

function exprContained(e: Expr, v: Visible, schema: Schema): boolean {
  switch (e.kind) {
    case 'column': {
      if (e.table !== null) return v.names.has(e.table.toLowerCase());
      const name = e.column.toLowerCase();
      // TRUE/FALSE are constants unless a column has the name (then it is in `columns`).
      if (name === 'true' || name === 'false') return !e.doubleQuoted || v.columns.has(name);
      return v.columns.has(name) || (v.names.size > 0 && ROWID_NAMES.has(name));
    }
    case 'exists':
    case 'subquery':
      return selectContained(e.select, v, schema);
    case 'inSelect':
      return exprContained(e.operand, v, schema) && selectContained(e.select, v, schema);
    case 'function':
      if (e.over !== null) return false;
      break;
    case 'inTable':
    case 'raise':
      return false;
    default:
      break;
  }
  let ok = true;
  forEachChild(e, (c) => {
    if (ok && !exprContained(c, v, schema)) ok = false;
  });
  return ok;
}

function selectContained(select: SelectStmt, outer: Visible, schema: Schema): boolean {
  if (select.with !== null) return false;
  let visible = outer;
  for (const core of [select.body, ...select.compound.map((c) => c.core)]) {
    if (core.kind === 'values') {
      if (!core.rows.every((row) => row.every((x) => exprContained(x, outer, schema)))) return false;
      continue;
    }
    const names = new Set(outer.names);
    const columns = new Set(outer.columns);
    for (const item of core.from?.items ?? []) {
      if (item.source.kind !== 'table') return false;
      const table = schema.table(item.source.name);
      if (table === undefined) return false;
      names.add((item.alias ?? item.source.name).toLowerCase());
      for (const c of table.columns) columns.add(c.name.toLowerCase());
    }
    visible = { names, columns };
    const exprs: Expr[] = [];
    for (const col of core.columns) if (col.kind === 'expr') exprs.push(col.expr);
    for (const item of core.from?.items ?? []) if (item.on !== null) exprs.push(item.on);
    if (core.where !== null) exprs.push(core.where);
    if (core.groupBy !== null) exprs.push(...core.groupBy);
    if (core.having !== null) exprs.push(core.having);
    if (!exprs.every((x) => exprContained(x, visible, schema))) return false;
  }
  // ORDER BY may name result aliases, which this check does not model: only plain terms pass.
  for (const term of select.orderBy ?? []) if (!exprContained(term.expr, visible, schema) && term.expr.kind !== 'integer') return false;
  if (select.limit !== null) {
    const none: Visible = { names: new Set(), columns: new Set() };
    if (!exprContained(select.limit.limit, none, schema)) return false;
    if (select.limit.offset !== null && !exprContained(select.limit.offset, none, schema)) return false;
  }
  return true;
}

/** True when `select` refers to nothing outside itself. */
export function isSelfContained(select: SelectStmt, schema: Schema): boolean {
  return selectContained(select, { names: new Set(), columns: new Set() }, schema);
}
