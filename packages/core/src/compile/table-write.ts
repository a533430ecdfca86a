/**
 * Writing rows of one table with its indexes, shared by INSERT, UPDATE and CREATE INDEX:
 * opening write cursors, index keys, and index entry insertion/deletion (the constraint checks
 * are in constraint-checks.ts).
 *
 * Register layout of a row: `rowid` then the n column values at `cols .. cols+n-1` (the rowid
 * alias column holds NULL there, as SQLite stores it).
 */
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

/** Registers holding index `ix`'s key for the row (copies, then the rowid): first register. */
export function indexKey(b: ProgramBuilder, table: TableInfo, ix: IndexInfo, rowid: number, cols: number): number {
  const key = b.reg(ix.columns.length + 1);
  // The rowid alias column holds NULL in the row registers: its value is the rowid.
  ix.columns.forEach((c, i) => b.emit(Op.SCopy, c.column < 0 || c.column === table.rowidAlias ? rowid : cols + c.column, key + i));
  b.emit(Op.SCopy, rowid, key + ix.columns.length);
  return key;
}

/** Writes the row and its index entries; `flags`: OPFLAG_NCHANGE / OPFLAG_LASTROWID for the table row. */
export function insertRow(b: ProgramBuilder, table: TableInfo, cursors: TableCursors, rowid: number, cols: number, flags: number): void {
  const rec = b.reg();
  b.emit(Op.MakeRecord, cols, table.columns.length, rec);
  b.emit(Op.Insert, cursors.table, rec, rowid, { kind: 'table', name: table.name }, flags);
  table.indexes.forEach((ix, i) => {
    const key = indexKey(b, table, ix, rowid, cols);
    const irec = b.reg();
    b.emit(Op.MakeRecord, key, ix.columns.length + 1, irec);
    b.emit(Op.IdxInsert, cursors.indexes[i]!, irec);
  });
}

/** Deletes the index entries of the row in registers (rowid, cols). */
export function deleteIndexEntries(b: ProgramBuilder, table: TableInfo, cursors: TableCursors, rowid: number, cols: number): void {
  table.indexes.forEach((ix, i) => {
    const key = indexKey(b, table, ix, rowid, cols);
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
