/**
 * What every statement compiler shares: the program being built, the schema it compiles
 * against, and the function registry.
 */
import type { FunctionRegistry } from '../vdbe/functions/registry.js';
import type { ProgramBuilder } from './builder.js';
import type { Schema, TableInfo } from './schema.js';
import type { Scope } from './scope.js';
import { SCHEMA_TABLE } from './schema.js';
import { SqliteError } from '../errors.js';

export interface CompileContext {
  readonly b: ProgramBuilder;
  readonly schema: Schema;
  readonly functions: FunctionRegistry;
  /** Inside a trigger program: the scope holding NEW/OLD, outermost for its statements (dml). */
  readonly rootScope?: Scope;
  /** Triggers being compiled (recursive_triggers off: a trigger does not fire itself) (dml). */
  readonly activeTriggers?: ReadonlySet<string>;
}

/** The table called `name` (sqlite_schema/sqlite_master included), or SQLite's error. */
export function lookupTable(ctx: CompileContext, name: string, schemaName: string | null = null): TableInfo {
  // Naming a table in an unknown database is reported as a missing table, as SQLite does.
  if (schemaName !== null && schemaName.toLowerCase() !== 'main') {
    throw new SqliteError('SQLITE_ERROR', `no such table: ${schemaName}.${name}`);
  }
  const lower = name.toLowerCase();
  if (lower === 'sqlite_schema' || lower === 'sqlite_master') return SCHEMA_TABLE;
  const t = ctx.schema.table(name);
  // Only statements that write reach here with a view's name (SELECT expands views first).
  if (t === undefined && ctx.schema.view(lower) !== undefined) throw new SqliteError('SQLITE_ERROR', `cannot modify ${name} because it is a view`);
  if (t === undefined) throw new SqliteError('SQLITE_ERROR', `no such table: ${schemaName !== null ? `${schemaName}.` : ''}${name}`);
  if (t.withoutRowid) throw new SqliteError('SQLITE_ERROR', 'WITHOUT ROWID tables are not supported yet');
  return t;
}
