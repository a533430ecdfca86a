/**
 * The sql.js engine adapter: real SQLite (3.54, compiled to wasm), the oracle the runner is
 * proven against. Every database is in memory; one sql.js module is loaded per process.
 *
 * Storage classes: `Statement.get(null, { useBigInt: true })` returns INTEGER columns as
 * bigint and REAL columns as number (sql.js switches on sqlite3_column_type), so the class
 * of each value is known without a second query; the values are then put in Minnow's
 * representation (`intValue`/`realValue`).
 *
 * Every exception sql.js raises comes from SQLite's result codes, so all of them are SQL
 * errors here.
 */
import { intValue, realValue, type SqlValue } from '../../../src/format/sql-value.js';
import { SltSqlError, type QueryResult, type SltEngine, type SltSession } from '../engine.js';

export interface SqlJsStatement {
  bind(values: unknown[]): boolean;
  step(): boolean;
  get(params: null, config: { useBigInt: boolean }): unknown[];
  getColumnNames(): string[];
  free(): boolean;
}

export interface SqlJsDatabase {
  run(sql: string): unknown;
  prepare(sql: string): SqlJsStatement;
  close(): void;
}

export interface SqlJsStatic {
  Database: new () => SqlJsDatabase;
}

// sql.js ships no type declarations; a non-literal specifier keeps TypeScript from asking.
const SQL_JS = 'sql.js';
let loading: Promise<SqlJsStatic> | undefined;

/** The sql.js module, loaded once per process. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= (import(/* @vite-ignore */ SQL_JS) as Promise<{ default: () => Promise<SqlJsStatic> }>).then((m) => m.default());
  return loading;
}

function sqlError(e: unknown): SltSqlError {
  return new SltSqlError(e instanceof Error ? e.message : String(e));
}

function toSqlValue(v: unknown): SqlValue {
  if (v === null || typeof v === 'string' || v instanceof Uint8Array) return v;
  if (typeof v === 'bigint') return intValue(v);
  if (typeof v === 'number') return realValue(v);
  throw new Error(`sql.js returned an unexpected value: ${String(v)}`);
}

class SqlJsSession implements SltSession {
  constructor(private readonly db: SqlJsDatabase) {}

  exec(sql: string): void {
    try {
      this.db.run(sql);
    } catch (e) {
      throw sqlError(e);
    }
  }

  query(sql: string): QueryResult {
    let stmt: SqlJsStatement;
    try {
      stmt = this.db.prepare(sql);
    } catch (e) {
      throw sqlError(e);
    }
    const rows: SqlValue[][] = [];
    try {
      const columns = stmt.getColumnNames();
      try {
        while (stmt.step()) rows.push(stmt.get(null, { useBigInt: true }).map(toSqlValue));
      } catch (e) {
        return { columns, rows, error: sqlError(e).message };
      }
      return { columns, rows };
    } finally {
      stmt.free();
    }
  }

  close(): void {
    this.db.close();
  }
}

export function createSqlJsEngine(): SltEngine {
  return {
    name: 'sqljs',
    async open(): Promise<SltSession> {
      const SQL = await loadSqlJs();
      return new SqlJsSession(new SQL.Database());
    },
  };
}
