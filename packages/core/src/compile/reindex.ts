/**
 * REINDEX [collation | table | index]: every selected index is emptied (its root kept) and
 * filled again from its table's rows. VACUUM is refused with a clear error: Minnow cannot yet
 * rebuild a file into fewer pages.
 */
import { SqliteError } from '../errors.js';
import type { ReindexStmt, VacuumStmt } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';
import { fillIndex } from './ddl.js';
import type { IndexInfo, TableInfo } from './schema.js';

export function compileReindex(ctx: CompileContext, stmt: ReindexStmt): void {
  const b = ctx.b;
  const all: { table: TableInfo; index: IndexInfo }[] = [];
  for (const table of ctx.schema.tables.values()) for (const index of table.indexes) all.push({ table, index });
  let chosen = all;
  if (stmt.name !== null) {
    if (stmt.name.schema !== null && stmt.name.schema.toLowerCase() !== 'main') throw new SqliteError('SQLITE_ERROR', `unknown database ${stmt.name.schema}`);
    const name = stmt.name.name.toLowerCase();
    const byCollation = stmt.name.schema === null ? all.filter((x) => x.index.columns.some((c) => c.collation.name.toLowerCase() === name)) : [];
    const isCollation = stmt.name.schema === null && ['binary', 'nocase', 'rtrim'].includes(name);
    const table = ctx.schema.table(name);
    const index = ctx.schema.index(name);
    if (isCollation) chosen = byCollation;
    else if (table !== undefined) chosen = all.filter((x) => x.table === table);
    else if (index !== undefined) chosen = all.filter((x) => x.index === index);
    else throw new SqliteError('SQLITE_ERROR', 'unable to identify the object to be reindexed');
  }
  b.needTransaction(true);
  for (const { table, index } of chosen) {
    b.emit(Op.Clear, index.rootPage, 0);
    const root = b.reg();
    b.emit(Op.Integer, index.rootPage, root);
    fillIndex(ctx, table, index, root);
  }
}

export function compileVacuum(stmt: VacuumStmt): never {
  if (stmt.into !== null) throw new SqliteError('SQLITE_ERROR', 'VACUUM INTO is not supported yet');
  throw new SqliteError('SQLITE_ERROR', 'VACUUM is not supported yet');
}
