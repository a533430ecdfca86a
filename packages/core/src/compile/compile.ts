/**
 * The compiler's entry point: one parsed statement -> one Program, against a schema.
 * Dispatches by statement kind; EXPLAIN is handled by the caller (it runs no program).
 */
import { SqliteError } from '../errors.js';
import type { Statement } from '../parser/ast.js';
import type { FunctionRegistry } from '../vdbe/functions/registry.js';
import { Op } from '../vdbe/opcodes.js';
import type { Program } from '../vdbe/program.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { compileCreateIndex, compileCreateTable, compileDrop } from './ddl.js';
import { compileAlterTable } from './alter-table.js';
import { compileInsert } from './insert.js';
import { compileReindex, compileVacuum } from './reindex.js';
import { compileCreateTrigger } from './trigger-ddl.js';
import { compilePragma } from './pragma.js';
import { compileBegin, compileRollback, compileSavepoint } from './transaction.js';
import type { Schema } from './schema.js';
import { SelectCompiler } from './select.js';
import { compileDelete, compileUpdate } from './update-delete.js';
import { checkIndexTarget, compileCreateView, compileDropView } from './view.js';

export function compileStatement(stmt: Statement, schema: Schema, functions: FunctionRegistry, paramNames: readonly (string | null)[]): Program {
  const b = new ProgramBuilder();
  const ctx: CompileContext = { b, schema, functions };
  let columns: string[] = [];
  switch (stmt.kind) {
    case 'select':
      columns = new SelectCompiler(ctx).compile(stmt, null, (first, count) => {
        b.emit(Op.ResultRow, first, count);
      });
      break;
    case 'insert':
      columns = compileInsert(ctx, stmt, true);
      break;
    case 'update':
      columns = compileUpdate(ctx, stmt);
      break;
    case 'delete':
      columns = compileDelete(ctx, stmt);
      break;
    case 'createTable':
      compileCreateTable(ctx, stmt);
      break;
    case 'createIndex':
      checkIndexTarget(ctx, stmt);
      compileCreateIndex(ctx, stmt);
      break;
    case 'drop':
      if (!compileDropView(ctx, stmt)) compileDrop(ctx, stmt);
      break;
    case 'createView':
      compileCreateView(ctx, stmt);
      break;
    case 'begin':
      compileBegin(b, stmt);
      break;
    case 'commit':
      b.transactionControl = true;
      b.emit(Op.AutoCommit, 1, 0);
      break;
    case 'rollback':
      compileRollback(b, stmt);
      break;
    case 'savepoint':
    case 'release':
      compileSavepoint(b, stmt);
      break;
    case 'createTrigger':
      compileCreateTrigger(ctx, stmt);
      break;
    case 'alterTable':
      compileAlterTable(ctx, stmt);
      break;
    case 'reindex':
      compileReindex(ctx, stmt);
      break;
    case 'vacuum':
      compileVacuum(stmt);
      break;
    case 'pragma':
      columns = compilePragma(ctx, stmt);
      break;
    default:
      throw new SqliteError('SQLITE_ERROR', `${stmt.kind} statements are not supported yet`);
  }
  return b.finish(columns, paramNames);
}
