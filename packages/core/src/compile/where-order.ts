/**
 * ORDER BY satisfied by the outermost loop, so the query needs no sorter (and LIMIT stops
 * early): rows of a rowid loop come in rowid order, rows of an index loop in the order of
 * the index columns after its equality prefix; walking the loop backwards gives DESC. When
 * the outermost loop is a full scan and an index's leading columns are the ORDER BY, the
 * scan becomes a walk of that index.
 *
 * Only plain column terms of the outer table qualify, in one direction, with the index's
 * collation, on ascending index columns, without NULLS FIRST/LAST and without an IN list in
 * the prefix (an IN walks its values one after another, not in one order).
 */
import { BINARY, type Collation } from '../btree/collation.js';
import type { Expr } from '../parser/ast.js';
import { exprCollation } from './expr-affinity.js';
import type { IndexInfo } from './schema.js';
import type { Scope, Source } from './scope.js';
import type { AccessPath } from './where-plan.js';

export interface OrderTerm {
  readonly expr: Expr;
  readonly desc: boolean;
  readonly nulls: 'FIRST' | 'LAST' | null;
}

interface OrderColumn {
  readonly column: number;
  readonly collation: Collation;
}

function orderColumns(terms: readonly OrderTerm[], source: Source, scope: Scope): OrderColumn[] | null {
  const out: OrderColumn[] = [];
  for (const t of terms) {
    if (t.nulls !== null || t.desc !== terms[0]!.desc) return null;
    const e = t.expr.kind === 'collate' ? t.expr.operand : t.expr;
    if (e.kind !== 'column') return null;
    const r = scope.resolveOrNull(e);
    if (r === null || r.depth !== 0 || r.source !== source) return null;
    out.push({ column: r.column, collation: exprCollation(t.expr, scope)?.coll ?? BINARY });
  }
  return out;
}

/** Whether walking `index` (after `eq` fixed columns) yields `cols` in order. */
function indexOrders(index: IndexInfo, eq: readonly { column: number; collation: Collation }[], cols: readonly OrderColumn[]): boolean {
  let k = eq.length;
  for (const c of cols) {
    // A column fixed by an equality under the same collation is constant here.
    if (eq.some((e) => e.column === c.column && e.collation === c.collation)) continue;
    // Entries end with the rowid: it orders ties of all the indexed columns.
    if (k === index.columns.length && c.column < 0) return true;
    const ic = index.columns[k];
    if (ic === undefined || ic.column !== c.column || ic.collation !== c.collation || ic.desc) return false;
    k++;
  }
  return true;
}

/**
 * The outer loop's access path that delivers `terms` (possibly a full index walk replacing
 * a scan) and whether to walk it backwards; null when a sorter is needed.
 */
export function orderedAccess(source: Source, access: AccessPath, terms: readonly OrderTerm[], scope: Scope): { access: AccessPath; reverse: boolean } | null {
  // A subquery/view source (no B-tree, rootPage 0) has no rowid or index order.
  if (terms.length === 0 || source.table.rootPage === 0) return null;
  const cols = orderColumns(terms, source, scope);
  if (cols === null) return null;
  const reverse = terms[0]!.desc;
  const rowidOnly = cols.every((c) => c.column < 0);
  switch (access.kind) {
    case 'scan':
      if (rowidOnly) return { access, reverse };
      for (const index of source.table.indexes) {
        if (index.where != null) continue; // a partial index misses rows
        if (indexOrders(index, [], cols)) return { access: { kind: 'index', index, eq: [], lo: null, hi: null }, reverse };
      }
      return null;
    case 'rowid':
      // An IN list is walked in ascending order only.
      return rowidOnly && !(reverse && access.eq.op === 'in') ? { access, reverse } : null;
    case 'rowidRange':
      return rowidOnly ? { access, reverse } : null;
    case 'index':
      if (access.eq.some((c) => c.op === 'in')) return null;
      return indexOrders(access.index, access.eq, cols) ? { access, reverse } : null;
    case 'auto':
      return null;
  }
}
