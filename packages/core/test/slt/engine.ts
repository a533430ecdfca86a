/**
 * The contract between the sqllogictest runner and a SQL engine under test.
 *
 * An adapter hands back raw values, never formatted text: the runner applies the I/R/T rules
 * itself (format.ts), so every engine is judged by the same formatting code. Values use the
 * engine's own representation (`SqlValue`, see src/format/sql-value.ts), which carries the
 * storage class in the JS value: a plain integral `number` or a `bigint` is INTEGER, a
 * fractional `number` or a `SqlReal` is REAL, `string` is TEXT, `Uint8Array` is BLOB.
 *
 * Methods may return promises (an engine driven through an asynchronous backend); the runner
 * awaits only when one is returned, so a synchronous engine pays nothing for that.
 *
 * Errors: an adapter reports an error that SQL can cause (syntax, constraint, no such table...)
 * by throwing `SltSqlError`. Anything else an adapter throws is an engine crash: the record
 * fails even if it expected an error, because "statement error" means "SQLite reports an
 * error", not "the engine fell over".
 */
import type { SqlValue } from '../../src/format/sql-value.js';

export type MaybePromise<T> = T | Promise<T>;

export interface QueryResult {
  /** Result column names; their count is checked against the record's type string. */
  readonly columns: readonly string[];
  /** Rows produced, each with one value per column. */
  readonly rows: readonly (readonly SqlValue[])[];
  /**
   * Set when stepping failed after the statement was prepared. The rows produced before the
   * failure are kept and compared, as the reference harness does.
   */
  readonly error?: string;
}

export interface SltSession {
  /**
   * Runs every statement in `sql` in turn, like sqlite3_exec, stopping at the first error.
   * Throws SltSqlError on an SQL error.
   */
  exec(sql: string): MaybePromise<void>;
  /**
   * Prepares the first statement in `sql` and steps it to completion. Throws SltSqlError if
   * it fails to prepare; a failure while stepping is reported in `QueryResult.error`.
   */
  query(sql: string): MaybePromise<QueryResult>;
  close(): MaybePromise<void>;
}

export interface SltEngine {
  /** Shown in reports. (The dialect name for skipif/onlyif is always `sqlite`.) */
  readonly name: string;
  /** A new session on a new, empty in-memory database. */
  open(): MaybePromise<SltSession>;
}

/** An error SQL can cause, reported by the engine (as opposed to an engine crash). */
export class SltSqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SltSqlError';
  }
}

export function isPromiseLike<T>(v: MaybePromise<T>): v is Promise<T> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
