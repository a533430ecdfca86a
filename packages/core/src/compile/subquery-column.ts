/**
 * The affinity and collation of a subquery's (first) result column, which SQLite uses for
 * `x IN (SELECT y ...)` and for comparisons with a scalar `(SELECT y ...)`: a column of a
 * table in the subquery's FROM has its declared affinity and collation, a CAST its type's
 * affinity, an explicit COLLATE its collation; anything else has neither. Resolved
 * statically from the AST and the schema, without compiling the subquery.
 */
import type { Expr, SelectStmt } from '../parser/ast.js';
import { AFF_INTEGER, AFF_NONE, affinityOfType } from '../vdbe/affinity.js';
import type { CollInfo } from './expr-affinity.js';
import { collationByName, type Schema, type TableInfo } from './schema.js';

const ROWID_NAMES = new Set(['rowid', 'oid', '_rowid_']);

export interface ColumnTraits {
  readonly affinity: number;
  readonly collation: CollInfo | null;
}

const NOTHING: ColumnTraits = { affinity: AFF_NONE, collation: null };

interface Named {
  readonly name: string;
  readonly table: TableInfo;
}

function fromTables(select: SelectStmt, schema: Schema): Named[] {
  const core = select.body;
  if (core.kind !== 'selectCore' || core.from === null) return [];
  const out: Named[] = [];
  for (const item of core.from.items) {
    if (item.source.kind !== 'table') continue;
    const table = schema.table(item.source.name);
    if (table !== undefined) out.push({ name: (item.alias ?? item.source.name).toLowerCase(), table });
  }
  return out;
}

function columnTraits(table: TableInfo, column: string): ColumnTraits | null {
  const col = column.toLowerCase();
  const i = table.columns.findIndex((c) => c.name.toLowerCase() === col);
  if (i >= 0) {
    if (i === table.rowidAlias) return { affinity: AFF_INTEGER, collation: null };
    const c = table.columns[i]!;
    return { affinity: c.affinity, collation: { coll: c.collation, explicit: false } };
  }
  return ROWID_NAMES.has(col) ? { affinity: AFF_INTEGER, collation: null } : null;
}

function traitsIn(e: Expr, tables: readonly Named[], outer: (e: Expr) => ColumnTraits, schema: Schema): ColumnTraits {
  switch (e.kind) {
    case 'column': {
      const qualifier = e.table?.toLowerCase() ?? null;
      for (const t of tables) {
        if (qualifier !== null && t.name !== qualifier) continue;
        const traits = columnTraits(t.table, e.column);
        if (traits !== null) return traits;
      }
      return outer(e);
    }
    case 'cast':
      return { affinity: affinityOfType(e.typeName), collation: traitsIn(e.operand, tables, outer, schema).collation };
    case 'collate':
      return { affinity: traitsIn(e.operand, tables, outer, schema).affinity, collation: { coll: collationByName(e.collation), explicit: true } };
    case 'unary':
      return e.op === '+' ? { affinity: AFF_NONE, collation: traitsIn(e.operand, tables, outer, schema).collation } : NOTHING;
    case 'subquery':
      return selectColumnTraits(e.select, schema, outer);
    default:
      return NOTHING;
  }
}

/** The traits of `select`'s first result column (`outer` resolves correlated references). */
export function selectColumnTraits(select: SelectStmt, schema: Schema, outer: (e: Expr) => ColumnTraits): ColumnTraits {
  const core = select.body;
  if (core.kind !== 'selectCore') return NOTHING;
  const tables = fromTables(select, schema);
  const first = core.columns[0];
  if (first === undefined) return NOTHING;
  if (first.kind === 'expr') return traitsIn(first.expr, tables, outer, schema);
  const t = first.kind === 'star' ? tables[0] : tables.find((x) => x.name === first.table.toLowerCase());
  const col = t?.table.columns[0];
  if (t === undefined || col === undefined) return NOTHING;
  return columnTraits(t.table, col.name) ?? NOTHING;
}
