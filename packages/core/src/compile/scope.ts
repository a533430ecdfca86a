/**
 * Name resolution scopes. A scope is the FROM clause of one SELECT (or the target table of
 * INSERT/UPDATE/DELETE): its sources, each an open cursor on a table under a name. Scopes
 * chain to the enclosing query's, so a subquery can refer to outer columns (correlation).
 *
 * Errors use SQLite's words: `no such column: x`, `no such column: t.x`, `ambiguous column
 * name: x`.
 */
import { SqliteError } from '../errors.js';
import type { ColumnRef } from '../parser/ast.js';
import type { TableInfo } from './schema.js';

export interface Source {
  readonly table: TableInfo;
  /** The name it is referred to by (alias, else table name), lower-cased. */
  readonly name: string;
  readonly cursor: number;
  /** Position in its scope's FROM list. */
  readonly index: number;
  /**
   * Columns merged into an earlier source by USING or NATURAL: left out of `*` and of
   * unqualified name lookup (the earlier source's column answers those).
   */
  readonly hidden?: ReadonlySet<number>;
  /**
   * USING/NATURAL columns of a RIGHT or FULL join, on the left source: column -> the right
   * source's copy. An unqualified reference means coalesce(left, right), as in SQLite.
   */
  readonly coalesce?: ReadonlyMap<number, { readonly cursor: number; readonly column: number }>;
}

/** A column reference resolved: cursor and column (-1: the rowid). */
export interface ResolvedColumn {
  readonly source: Source;
  readonly column: number;
  /** How many scopes out the source is (0: this one). */
  readonly depth: number;
}

const ROWID_NAMES = new Set(['rowid', 'oid', '_rowid_']);

export class Scope {
  constructor(
    readonly sources: readonly Source[],
    readonly parent: Scope | null,
  ) {}

  /** Resolves `ref`; null when nothing matches and the reference may be a string literal. */
  resolve(ref: ColumnRef): ResolvedColumn | null {
    const col = ref.column.toLowerCase();
    const tbl = ref.table?.toLowerCase() ?? null;
    for (let scope: Scope | null = this, depth = 0; scope !== null; scope = scope.parent, depth++) {
      let found: ResolvedColumn | null = null;
      for (const source of scope.sources) {
        if (tbl !== null && source.name !== tbl) continue;
        let column = source.table.columns.findIndex((c) => c.name.toLowerCase() === col);
        if (tbl === null && column >= 0 && source.hidden?.has(column) === true) continue;
        if (column < 0) {
          if (!ROWID_NAMES.has(col) || source.table.withoutRowid) continue;
          column = -1;
        } else if (column === source.table.rowidAlias) {
          column = -1;
        }
        if (found !== null) throw new SqliteError('SQLITE_ERROR', `ambiguous column name: ${ref.table !== null ? `${ref.table}.` : ''}${ref.column}`);
        found = { source, column, depth };
      }
      if (found !== null) return found;
    }
    if (ref.doubleQuoted && ref.table === null) return null;
    throw new SqliteError('SQLITE_ERROR', `no such column: ${ref.table !== null ? `${ref.table}.` : ''}${ref.column}`);
  }

  /** As `resolve`, but null instead of an error when nothing matches. */
  resolveOrNull(ref: ColumnRef): ResolvedColumn | null {
    try {
      return this.resolve({ ...ref, doubleQuoted: true, table: ref.table });
    } catch {
      return null;
    }
  }
}
