/**
 * The FROM clause: each item becomes a Source (a cursor under a name) and a loop level.
 *
 *   table      an OpenRead cursor on its B-tree
 *   view, CTE, subquery (and a parenthesised join, which SQLite reads as `SELECT * FROM (...)`)
 *              compiled in place: the first item as a coroutine (rows produced as the loop
 *              asks for them, so an endless recursive CTE under LIMIT ends), later items
 *              materialized into an ephemeral table before the loops (scanned once per
 *              outer row). Either way the loop code sees a table scan.
 *
 * NATURAL and USING become ON terms (`left.c = right.c`) and hide the right side's copy of
 * each column from `*` and from unqualified names. RIGHT and FULL joins: outer-join.ts (one
 * per FROM clause).
 */
import { BINARY } from '../btree/collation.js';
import { SqliteError } from '../errors.js';
import type { BinaryExpr, Expr, FromItem, SelectCore, SelectStmt } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import { lookupTable } from './context.js';
import { compileRecursiveCte, findCte, isRecursive, renameColumns } from './cte.js';
import type { ExprCompiler } from './expr.js';
import { RightJoinLoop } from './outer-join.js';
import type { TableInfo } from './schema.js';
import type { Scope, Source } from './scope.js';
import type { CoreResult, RowHandler, SelectCompiler } from './select.js';
import { columnRef } from './select-util.js';
import { LoopNest, type LoopSource } from './where.js';
import type { OrderTerm } from './where-order.js';

/** Something that runs `body` once per row combination (nested loops, outer-join passes). */
export interface RowLoop {
  emit(body: () => void): void;
}

export interface FromResult {
  readonly sources: Source[];
  /**
   * USING/NATURAL columns of a RIGHT or FULL join: "leftSource:column" -> the right side's
   * column. `*` shows such a column as coalesce(left, right), as SQLite does.
   */
  readonly coalesced: Map<string, Extract<Expr, { kind: 'column' }>>;
  /** `order`: an ORDER BY the loops may deliver by walking an index (then `ordered` is true). */
  loops(exprs: ExprCompiler, scope: Scope, where: Expr | null, order?: readonly OrderTerm[] | null): RowLoop & { readonly ordered?: boolean };
}

/** A table for a subquery's result: its columns, no rowid, no indexes. */
function resultTable(name: string, r: CoreResult): TableInfo {
  const seen = new Map<string, number>();
  const columns = r.names.map((n, i) => {
    // Duplicate names become name:1, name:2 ..., as SQLite names a subquery's columns.
    let unique = n;
    const lower = n.toLowerCase();
    const count = seen.get(lower) ?? 0;
    if (count > 0) unique = `${n}:${count}`;
    seen.set(lower, count + 1);
    return { name: unique, declType: null, affinity: r.affinities[i]!, notNull: false, defaultExpr: null, collation: r.collations[i] ?? BINARY };
  });
  return { name, rootPage: 0, schemaRowid: 0, columns, rowidAlias: -1, withoutRowid: true, indexes: [], pkColumns: [] };
}

/** Compiles a subquery producing rows into cursor `cursor` (a coroutine or an ephemeral table). */
function emitSubquery(sc: SelectCompiler, cursor: number, coroutine: boolean, compile: (onRow: RowHandler) => CoreResult): CoreResult {
  const b = sc.ctx.b;
  if (!coroutine) {
    b.emit(Op.OpenEphTable, cursor, 0, 0, null);
    return compile((first, count) => {
      b.emit(Op.EphAppend, cursor, first, count);
    });
  }
  const init = b.emit(Op.InitCoroutine, cursor, 0);
  const after = b.newLabel();
  b.emit(Op.Goto, 0, after);
  b.code[init]!.p2 = b.addr;
  const r = compile((first, count) => {
    b.emit(Op.Yield, cursor, first, count);
  });
  b.emit(Op.EndCoroutine, cursor);
  b.resolve(after);
  return r;
}

function starSelect(item: Extract<FromItem['source'], { kind: 'nested' }>, at: number): SelectStmt {
  const core: SelectCore = { kind: 'selectCore', distinct: null, columns: [{ kind: 'star', start: at, end: at }], from: item.from, where: null, groupBy: null, having: null, windows: null, start: at, end: at };
  return { kind: 'select', with: null, body: core, compound: [], orderBy: null, limit: null, start: at, end: at };
}

/** Opens the FROM items of `core` (subqueries compiled in place); `outer` is the enclosing query's scope. */
export function openFrom(sc: SelectCompiler, core: SelectCore, outer: Scope | null): FromResult {
  const b = sc.ctx.b;
  const sources: Source[] = [];
  const levels: { source: Source; left: boolean; on: Expr[] }[] = [];
  const items = core.from?.items ?? [];
  let outerJoin: { type: 'right' | 'full'; at: number } | null = null;
  const coalesced = new Map<string, Extract<Expr, { kind: 'column' }>>();
  items.forEach((item, index) => {
    const join = item.join;
    if (outerJoin !== null && (join?.type === 'right' || join?.type === 'full')) throw new SqliteError('SQLITE_ERROR', 'more than one RIGHT or FULL JOIN in a FROM clause is not supported yet');
    const cursor = b.cursor();
    const coroutine = index === 0;
    let table: TableInfo;
    let name: string;
    const src = item.source;
    const subquery = (label: string, compile: (onRow: RowHandler) => CoreResult): void => {
      table = resultTable(label, emitSubquery(sc, cursor, coroutine, compile));
    };
    if (src.kind === 'table') {
      name = (item.alias ?? src.name).toLowerCase();
      const cte = src.schema === null ? findCte(sc.env, src.name) : undefined;
      const view = cte === undefined ? sc.ctx.schema.view(src.name, src.schema) : undefined;
      if (cte !== undefined && cte.kind === 'current') {
        table = resultTable(src.name, cte.result);
        sources.push({ table, name, cursor: cte.cursor, index });
        levels.push({ source: sources[sources.length - 1]!, left: join?.type === 'left', on: [] });
        addJoinTerms(item, sources, levels);
        return;
      }
      if (cte !== undefined) {
        const def = cte.cte;
        subquery(src.name, (onRow) => {
          if (isRecursive(def)) return compileRecursiveCte(sc, def, cte.env, outer, onRow);
          const saved = sc.env;
          const key = `cte:${def.name.toLowerCase()}`;
          if (sc.expanding.has(key)) throw new SqliteError('SQLITE_ERROR', `circular reference: ${def.name}`);
          sc.expanding.add(key);
          // A CTE sees the CTEs defined before it, and (to report the cycle) its own name.
          sc.env = { name: def.name.toLowerCase(), binding: cte, parent: cte.env };
          try {
            return renameColumns(sc.compileSelect(def.select, outer, onRow), def.columns, `table ${def.name}`);
          } finally {
            sc.expanding.delete(key);
            sc.env = saved;
          }
        });
      } else if (view !== undefined) {
        subquery(view.name, (onRow) => {
          const saved = sc.env;
          const key = view.name.toLowerCase();
          if (sc.expanding.has(key)) throw new SqliteError('SQLITE_ERROR', `view ${view.name} is circularly defined`);
          sc.expanding.add(key);
          sc.env = null;
          try {
            // A view sees no outer query: its names resolve in its own FROM only.
            return renameColumns(sc.compileSelect(view.select, null, onRow), view.columns, `view ${view.name}`);
          } catch (e) {
            // Names inside a view belong to the view's schema, and SQLite's message says so.
            if (e instanceof SqliteError && /^no such table: [^.]+$/.test(e.message)) throw new SqliteError('SQLITE_ERROR', e.message.replace('no such table: ', 'no such table: main.'));
            throw e;
          } finally {
            sc.expanding.delete(key);
            sc.env = saved;
          }
        });
      } else {
        table = lookupTable(sc.ctx, src.name, src.schema);
        b.emit(Op.OpenRead, cursor, table.rootPage, table.columns.length, null, 0, table.name);
      }
    } else if (src.kind === 'subquery' || src.kind === 'nested') {
      const select = src.kind === 'subquery' ? src.select : starSelect(src, item.start);
      name = (item.alias ?? `(subquery-${index})`).toLowerCase();
      subquery(name, (onRow) => sc.compileSelect(select, outer, onRow));
    } else {
      throw new SqliteError('SQLITE_ERROR', `no such table-valued function: ${src.name}`);
    }
    if (sources.some((s) => s.name === name)) throw new SqliteError('SQLITE_ERROR', `ambiguous column name: ${name}`);
    sources.push({ table: table!, name, cursor, index });
    const type = join?.type ?? 'inner';
    levels.push({ source: sources[sources.length - 1]!, left: type === 'left' || type === 'full', on: [] });
    addJoinTerms(item, sources, levels, type === 'right' || type === 'full' ? coalesced : null);
    if (type === 'right' || type === 'full') outerJoin = { type, at: index };
  });
  return {
    sources,
    coalesced,
    loops: (exprs, scope, where, order = null) => {
      const loopSources: LoopSource[] = levels.map((l) => ({ source: l.source, left: l.left, on: l.on }));
      if (outerJoin !== null) return new RightJoinLoop(b, exprs, scope, loopSources, outerJoin.at, where, outerJoin.type === 'full');
      return new LoopNest(b, exprs, scope, loopSources, where, order);
    },
  };
}

/** ON, USING and NATURAL of item `sources.length - 1`, as ON terms of its level. */
function addJoinTerms(item: FromItem, sources: Source[], levels: { source: Source; on: Expr[] }[], coalesced: Map<string, Extract<Expr, { kind: 'column' }>> | null = null): void {
  const i = sources.length - 1;
  const right = sources[i]!;
  const level = levels[i]!;
  const natural = item.join?.natural === true;
  if (natural && (item.on !== null || item.using !== null)) throw new SqliteError('SQLITE_ERROR', 'a NATURAL join may not have an ON or USING clause');
  if (item.on !== null) level.on.push(item.on);
  let names: string[] = [];
  if (item.using !== null) names = item.using;
  else if (natural) {
    names = right.table.columns.map((c) => c.name).filter((n) => sources.slice(0, i).some((s) => visibleColumn(s, n) >= 0));
  }
  if (names.length === 0) return;
  const hidden = new Set<number>();
  for (const n of names) {
    const rc = right.table.columns.findIndex((c) => c.name.toLowerCase() === n.toLowerCase());
    const left = sources.slice(0, i).find((s) => visibleColumn(s, n) >= 0);
    if (rc < 0 || left === undefined) throw new SqliteError('SQLITE_ERROR', `cannot join using column ${n} - column not present in both tables`);
    hidden.add(rc);
    coalesced?.set(`${left.name}:${visibleColumn(left, n)}`, columnRef(right.name, right.table.columns[rc]!.name));
    const eq: BinaryExpr = { kind: 'binary', op: '=', left: columnRef(left.name, left.table.columns[visibleColumn(left, n)]!.name), right: columnRef(right.name, right.table.columns[rc]!.name), start: 0, end: 0, height: 2 };
    level.on.push(eq);
  }
  const merged: Source = { ...right, hidden };
  sources[i] = merged;
  levels[i]!.source = merged;
  if (coalesced === null) return;
  // Unqualified references to the merged columns read coalesce(left, right).
  for (let j = 0; j < i; j++) {
    const s = sources[j]!;
    const pairs = new Map(s.coalesce ?? []);
    s.table.columns.forEach((_, c) => {
      const other = coalesced.get(`${s.name}:${c}`);
      if (other === undefined) return;
      pairs.set(c, { cursor: right.cursor, column: right.table.columns.findIndex((x) => x.name === other.column) });
    });
    if (pairs.size === 0) continue;
    const withPairs: Source = { ...s, coalesce: pairs };
    sources[j] = withPairs;
    levels[j]!.source = withPairs;
  }
}

function visibleColumn(s: Source, name: string): number {
  const k = s.table.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
  return k >= 0 && s.hidden?.has(k) !== true ? k : -1;
}
