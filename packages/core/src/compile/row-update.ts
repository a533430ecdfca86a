/**
 * Writing a new version of an existing row (UPDATE, UPSERT DO UPDATE): affinity, constraint
 * checks against the other rows, then the old index entries out, the row moved if its rowid
 * changed, and the new row and index entries in. The old row is in (oldRowid, oldCols), the new
 * values in (newRowid, newCols).
 */
import type { ConflictAction } from '../parser/ast.js';
import { Op, OPFLAG_NCHANGE } from '../vdbe/opcodes.js';
import { emitConstraintChecks } from './constraint-checks.js';
import { computeGenerated } from './generated-columns.js';
import type { CompileContext } from './context.js';
import type { TableInfo } from './schema.js';
import { deleteIndexEntries, insertRow, type TableCursors } from './table-write.js';

export interface RowVersions {
  readonly table: TableInfo;
  readonly cursors: TableCursors;
  readonly oldRowid: number;
  readonly oldCols: number;
  readonly newRowid: number;
  readonly newCols: number;
}

export function emitRowUpdate(ctx: CompileContext, v: RowVersions, override: ConflictAction | null, skip: number, rowidMayChange: boolean): void {
  const b = ctx.b;
  const { table, cursors } = v;
  b.emit(Op.Affinity, v.newCols, table.columns.length, 0, { kind: 'affinity', affinities: table.columns.map((c) => c.affinity) });
  computeGenerated(ctx, table, v.newRowid, v.newCols);
  emitConstraintChecks(ctx, { table, cursors, rowid: v.newRowid, cols: v.newCols, override, skip, checkRowid: rowidMayChange, oldRowid: v.oldRowid });
  deleteIndexEntries(ctx, table, cursors, v.oldRowid, v.oldCols);
  if (rowidMayChange) {
    const same = b.newLabel();
    b.emit(Op.Eq, v.oldRowid, same, v.newRowid, null, 0);
    b.emit(Op.NotExists, cursors.table, same, v.oldRowid);
    b.emit(Op.Delete, cursors.table);
    b.resolve(same);
  }
  insertRow(ctx, table, cursors, v.newRowid, v.newCols, OPFLAG_NCHANGE);
}
