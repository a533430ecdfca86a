/**
 * PRAGMA statements, in both `PRAGMA x = v` and `PRAGMA x(v)` forms, with SQLite's result
 * column names. Unknown pragmas are ignored (no rows, no error), as SQLite does.
 *
 *   schema descriptions     table_info, table_xinfo, index_list, index_info, index_xinfo,
 *                           table_list, foreign_key_list, database_list (constant rows, pragma-schema.ts)
 *   header fields           user_version, application_id (read/write), schema_version,
 *                           page_count, freelist_count, page_size (read; setting is a no-op)
 *   connection settings     foreign_keys, recursive_triggers, cache_size, synchronous, ... (kept,
 *                           reported; no effect on I/O), encoding (read)
 *   journal_mode            always 'wal': Minnow writes through the WAL only, so a request for
 *                           another mode leaves it unchanged and reports 'wal', as SQLite
 *                           reports the unchanged mode when it cannot switch
 *   integrity_check, quick_check (integrity-program.ts)
 */
import { SqliteError } from '../errors.js';
import type { SqlValue } from '../format/sql-value.js';
import { HeaderOffset } from '../format/database-header.js';
import type { PragmaStmt } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import { HEADER_PAGE_COUNT, HEADER_PAGE_SIZE } from '../vdbe/pragma-ops.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { compileIntegrityCheck } from './integrity-program.js';
import { foreignKeyList, indexInfo, indexList, type PragmaRows, tableInfo, tableList } from './pragma-schema.js';

const HEADER_FIELDS: Record<string, { field: number; writable: boolean }> = {
  user_version: { field: HeaderOffset.userVersion, writable: true },
  application_id: { field: HeaderOffset.applicationId, writable: true },
  schema_version: { field: HeaderOffset.schemaCookie, writable: false },
  freelist_count: { field: HeaderOffset.freelistPageCount, writable: false },
  page_count: { field: HEADER_PAGE_COUNT, writable: false },
  page_size: { field: HEADER_PAGE_SIZE, writable: false },
};

const SETTINGS = new Set(['foreign_keys', 'recursive_triggers', 'cache_size', 'synchronous', 'temp_store', 'busy_timeout', 'case_sensitive_like', 'automatic_index', 'encoding']);

function emitValue(b: ProgramBuilder, v: SqlValue, reg: number): void {
  if (v === null) b.emit(Op.Null, 0, reg);
  else if (typeof v === 'number' && Number.isInteger(v)) b.emit(Op.Integer, v, reg);
  else if (typeof v === 'string') b.emitValue(Op.String8, v, reg);
  else b.emit(Op.Integer, 0, reg, 0, { kind: 'value', value: v });
}

function emitRows(b: ProgramBuilder, result: PragmaRows): string[] {
  const width = result.columns.length;
  const regs = b.reg(width);
  for (const row of result.rows) {
    row.forEach((v, i) => emitValue(b, v, regs + i));
    b.emit(Op.ResultRow, regs, width);
  }
  return [...result.columns];
}

/** A pragma argument as an integer (SQLite's atoi-like reading); null when it has none. */
function intArg(value: string): number {
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? 0 : n;
}

export function compilePragma(ctx: CompileContext, stmt: PragmaStmt): string[] {
  const b = ctx.b;
  if (stmt.schema !== null && stmt.schema.toLowerCase() !== 'main') throw new SqliteError('SQLITE_ERROR', `unknown database ${stmt.schema}`);
  const name = stmt.name.toLowerCase();
  const arg = stmt.value;
  switch (name) {
    case 'table_info':
    case 'table_xinfo':
      return emitRows(b, tableInfo(ctx.schema, arg, name === 'table_xinfo'));
    case 'index_list':
      return emitRows(b, indexList(ctx.schema, arg));
    case 'index_info':
    case 'index_xinfo':
      return emitRows(b, indexInfo(ctx.schema, arg, name === 'index_xinfo'));
    case 'foreign_key_list':
      return emitRows(b, foreignKeyList(ctx.schema, arg));
    case 'table_list':
      return emitRows(b, tableList(ctx.schema, arg));
    case 'database_list': {
      const regs = b.reg(3);
      b.emit(Op.Integer, 0, regs);
      b.emitValue(Op.String8, 'main', regs + 1);
      b.emit(Op.PragmaFlag, 0, regs + 2, 0, { kind: 'value', value: 'file' });
      b.emit(Op.ResultRow, regs, 3);
      return ['seq', 'name', 'file'];
    }
    case 'journal_mode': {
      const r = b.reg();
      b.emitValue(Op.String8, 'wal', r);
      b.emit(Op.ResultRow, r, 1);
      return ['journal_mode'];
    }
    case 'integrity_check':
    case 'quick_check':
      compileIntegrityCheck(ctx, ctx.schema, name === 'quick_check', arg === null ? 100 : Math.max(1, intArg(arg)));
      return [name];
    default:
      break;
  }
  const header = HEADER_FIELDS[name];
  if (header !== undefined) {
    if (arg !== null) {
      if (!header.writable) return [];
      b.needTransaction(true);
      const r = b.reg();
      b.emit(Op.Integer, 0, r, 0, { kind: 'value', value: intArg(arg) });
      b.emit(Op.WriteHeader, r, 0, header.field);
      return [];
    }
    b.needTransaction(false);
    const r = b.reg();
    b.emit(Op.ReadHeader, 0, r, header.field);
    b.emit(Op.ResultRow, r, 1);
    return [name];
  }
  if (SETTINGS.has(name)) {
    const r = b.reg();
    if (arg !== null) {
      b.emitValue(Op.String8, arg, r);
      b.emit(Op.PragmaFlag, r, r, 0, { kind: 'value', value: name });
      return [];
    }
    b.emit(Op.PragmaFlag, 0, r, 0, { kind: 'value', value: name });
    b.emit(Op.ResultRow, r, 1);
    return [name];
  }
  return [];
}
