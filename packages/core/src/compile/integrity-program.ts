/**
 * PRAGMA integrity_check / quick_check. The B-tree walk (btree/integrity-check.ts, run by the
 * IntegrityCheck opcode) checks page structure, key order, overflow chains and the freelist;
 * integrity_check then checks each index against its table in bytecode: every row has its
 * entry in every index ("row N missing from index X"), and every full (not partial) index has
 * as many entries as the table has rows ("wrong # of entries in index X"); indexes are visited
 * newest first, as SQLite does. Messages are collected in a sorter (in order) and returned as
 * rows, or the single row 'ok'.
 */
import type { TreeToCheck } from '../btree/integrity-check.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';
import type { Schema, TableInfo } from './schema.js';
import { indexKey, readRow, skipUnlessIndexed } from './table-write.js';
import type { CompileContext } from './context.js';

function addMessage(b: ProgramBuilder, sorter: number, parts: (string | number)[]): void {
  // Strings are literal text, numbers registers; concatenated left to right.
  const out = b.reg();
  const tmp = b.reg();
  parts.forEach((p, i) => {
    const r = typeof p === 'string' ? tmp : p;
    if (typeof p === 'string') b.emitValue(Op.String8, p, tmp);
    if (i === 0) b.emit(Op.SCopy, r, out);
    else b.emit(Op.Concat, r, out, out);
  });
  b.emit(Op.SorterInsert, sorter, out, 1);
}

function checkIndexes(ctx: CompileContext, table: TableInfo, sorter: number): void {
  const b = ctx.b;
  const tc = b.cursor();
  b.emit(Op.OpenRead, tc, table.rootPage, table.columns.length, null, 0, table.name);
  // SQLite visits a table's indexes newest first.
  const indexes = [...table.indexes].reverse();
  const ics = indexes.map((ix) => {
    const c = b.cursor();
    b.emit(Op.OpenRead, c, ix.rootPage, 0, { kind: 'keyInfo', keyInfo: ix.keyInfo }, 0, ix.name);
    return c;
  });
  const one = b.reg();
  b.emit(Op.Integer, 1, one);
  const rows = b.reg();
  b.emit(Op.Integer, 0, rows);
  const rowid = b.reg();
  const cols = b.reg(table.columns.length);
  const end = b.newLabel();
  b.emit(Op.Rewind, tc, end);
  const top = b.addr;
  readRow(b, table, tc, rowid, cols);
  b.emit(Op.Add, one, rows, rows);
  indexes.forEach((ix, i) => {
    const ok = b.newLabel();
    const next = b.newLabel();
    skipUnlessIndexed(ctx, table, ix, rowid, cols, next);
    const key = indexKey(ctx, table, ix, rowid, cols);
    b.emit(Op.IdxFound, ics[i]!, ok, key, null, ix.columns.length + 1);
    addMessage(b, sorter, ['row ', rowid, ` missing from index ${ix.name}`]);
    b.resolve(ok);
    b.resolve(next);
  });
  b.emit(Op.Next, tc, top);
  b.resolve(end);
  indexes.forEach((ix, i) => {
    // As SQLite, entry counts are checked for full indexes only.
    if (ix.where != null) return;
    const entries = b.reg();
    b.emit(Op.Integer, 0, entries);
    const done = b.newLabel();
    b.emit(Op.Rewind, ics[i]!, done);
    const loop = b.addr;
    b.emit(Op.Add, one, entries, entries);
    b.emit(Op.Next, ics[i]!, loop);
    b.resolve(done);
    const same = b.newLabel();
    b.emit(Op.Eq, rows, same, entries, null, 0);
    addMessage(b, sorter, [`wrong # of entries in index ${ix.name}`]);
    b.resolve(same);
  });
}

export function compileIntegrityCheck(ctx: CompileContext, schema: Schema, quick: boolean, maxErrors: number): void {
  const b = ctx.b;
  b.needTransaction(false);
  const trees: TreeToCheck[] = [{ rootPgno: 1, isTable: true, keyInfo: null }];
  for (const t of schema.tables.values()) {
    trees.push({ rootPgno: t.rootPage, isTable: !t.withoutRowid, keyInfo: null });
    for (const ix of t.indexes) trees.push({ rootPgno: ix.rootPage, isTable: false, keyInfo: ix.keyInfo });
  }
  const sorter = b.cursor();
  b.emit(Op.SorterOpen, sorter, 0, 0, { kind: 'keyInfo', keyInfo: { collations: [], desc: [] } });
  b.emit(Op.IntegrityCheck, sorter, 0, maxErrors, { kind: 'trees', trees });
  if (!quick) {
    for (const t of schema.tables.values()) if (t.indexes.length > 0 && !t.withoutRowid) checkIndexes(ctx, t, sorter);
  }
  const out = b.reg();
  const empty = b.newLabel();
  const end = b.newLabel();
  b.emit(Op.SorterSort, sorter, empty);
  const top = b.addr;
  b.emit(Op.Column, sorter, 0, out);
  b.emit(Op.ResultRow, out, 1);
  b.emit(Op.SorterNext, sorter, top);
  b.emit(Op.Goto, 0, end);
  b.resolve(empty);
  b.emitValue(Op.String8, 'ok', out);
  b.emit(Op.ResultRow, out, 1);
  b.resolve(end);
}
