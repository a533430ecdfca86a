/**
 * Writing rows of one table with its indexes, shared by INSERT, UPDATE and CREATE INDEX:
 * opening write cursors, NOT NULL and UNIQUE/PRIMARY KEY checks with SQLite's messages and
 * extended codes, and index entry insertion/deletion.
 *
 * Register layout of a row: `rowid` then the n column values at `cols .. cols+n-1` (the rowid
 * alias column holds NULL there, as SQLite stores it).
 */
import type { ErrorCodeName } from '../errors.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import type { IndexInfo, TableInfo } from './schema.js';

export interface TableCursors {
  readonly table: number;
  /** One cursor per index of the table, in `table.indexes` order. */
  readonly indexes: readonly number[];
}

export function openTableForWrite(b: ProgramBuilder, table: TableInfo): TableCursors {
  const tc = b.cursor();
  b.emit(Op.OpenWrite, tc, table.rootPage, table.columns.length, null, 0, table.name);
  const indexes = table.indexes.map((ix) => {
    const c = b.cursor();
    b.emit(Op.OpenWrite, c, ix.rootPage, 0, { kind: 'keyInfo', keyInfo: ix.keyInfo }, 0, ix.name);
    return c;
  });
  return { table: tc, indexes };
}

function uniqueMessage(table: TableInfo, ix: IndexInfo): string {
  return `UNIQUE constraint failed: ${ix.columns.map((c) => `${table.name}.${c.column < 0 ? 'rowid' : table.columns[c.column]!.name}`).join(', ')}`;
}

/** Registers holding index `ix`'s key for the row (copies, then the rowid): first register. */
export function indexKey(b: ProgramBuilder, ix: IndexInfo, rowid: number, cols: number): number {
  const key = b.reg(ix.columns.length + 1);
  ix.columns.forEach((c, i) => b.emit(Op.SCopy, c.column < 0 ? rowid : cols + c.column, key + i));
  b.emit(Op.SCopy, rowid, key + ix.columns.length);
  return key;
}

/** NOT NULL checks on the new row's columns. `ignore`: label to skip the row (OR IGNORE), else error. */
export function checkNotNull(b: ProgramBuilder, table: TableInfo, cols: number, ignore: number | null): void {
  table.columns.forEach((c, i) => {
    if (!c.notNull || i === table.rowidAlias) return;
    if (ignore !== null) b.emit(Op.IsNull, cols + i, ignore);
    else b.emitError('SQLITE_CONSTRAINT_NOTNULL', `NOT NULL constraint failed: ${table.name}.${c.name}`, Op.HaltIfNull, cols + i);
  });
}

/** Fails (or jumps to `ignore`) if the new rowid is taken. */
export function checkRowidFree(b: ProgramBuilder, table: TableInfo, cursors: TableCursors, rowid: number, ignore: number | null): void {
  const ok = b.newLabel();
  b.emit(Op.NotExists, cursors.table, ok, rowid);
  if (ignore !== null) b.emit(Op.Goto, 0, ignore);
  else {
    const name = table.rowidAlias >= 0 ? table.columns[table.rowidAlias]!.name : 'rowid';
    b.emitError('SQLITE_CONSTRAINT_PRIMARYKEY', `UNIQUE constraint failed: ${table.name}.${name}`);
  }
  b.resolve(ok);
}

/** UNIQUE/PRIMARY KEY index checks for the new row. */
export function checkUnique(b: ProgramBuilder, table: TableInfo, cursors: TableCursors, rowid: number, cols: number, ignore: number | null): void {
  // SQLite checks the newest index first, so that is the one a row violating several names.
  for (let i = table.indexes.length - 1; i >= 0; i--) {
    const ix = table.indexes[i]!;
    if (!ix.unique) continue;
    const key = indexKey(b, ix, rowid, cols);
    const ok = b.newLabel();
    b.emit(Op.NoConflict, cursors.indexes[i]!, ok, key, null, ix.columns.length);
    if (ignore !== null) b.emit(Op.Goto, 0, ignore);
    else {
      const code: ErrorCodeName = ix.origin === 'pk' ? 'SQLITE_CONSTRAINT_PRIMARYKEY' : 'SQLITE_CONSTRAINT_UNIQUE';
      b.emitError(code, uniqueMessage(table, ix));
    }
    b.resolve(ok);
  }
}

/** Writes the row and its index entries; `flags`: OPFLAG_NCHANGE / OPFLAG_LASTROWID for the table row. */
export function insertRow(b: ProgramBuilder, table: TableInfo, cursors: TableCursors, rowid: number, cols: number, flags: number): void {
  const rec = b.reg();
  b.emit(Op.MakeRecord, cols, table.columns.length, rec);
  b.emit(Op.Insert, cursors.table, rec, rowid, { kind: 'table', name: table.name }, flags);
  table.indexes.forEach((ix, i) => {
    const key = indexKey(b, ix, rowid, cols);
    const irec = b.reg();
    b.emit(Op.MakeRecord, key, ix.columns.length + 1, irec);
    b.emit(Op.IdxInsert, cursors.indexes[i]!, irec);
  });
}

/** Deletes the index entries of the row in registers (rowid, cols). */
export function deleteIndexEntries(b: ProgramBuilder, table: TableInfo, cursors: TableCursors, rowid: number, cols: number): void {
  table.indexes.forEach((ix, i) => {
    const key = indexKey(b, ix, rowid, cols);
    b.emit(Op.IdxDelete, cursors.indexes[i]!, key, ix.columns.length + 1);
  });
}

/** Reads the current row of table cursor `cursor` into (rowid, cols). */
export function readRow(b: ProgramBuilder, table: TableInfo, cursor: number, rowid: number, cols: number): void {
  b.emit(Op.Rowid, cursor, rowid);
  table.columns.forEach((_, i) => {
    if (i === table.rowidAlias) b.emit(Op.Null, 0, cols + i);
    else b.emit(Op.Column, cursor, i, cols + i);
  });
}
