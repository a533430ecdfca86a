/**
 * The adapter every benchmarked engine implements. The shape is deliberately the common subset
 * of better-sqlite3 and sql.js (prepare once, run/get/all many times, exec for DDL), so a
 * workload is written once and runs the same SQL everywhere.
 *
 * Everything after `available()` is synchronous: both peers and Minnow's planned
 * `@minnow/node/compat` API are synchronous, and an await per row would measure the event loop,
 * not the engine.
 *
 * Parameters travel as arrays rather than rest arguments so an adapter can hand them to its
 * engine without re-spreading (sql.js binds from an array).
 */

export type SqlParam = number | bigint | string | Uint8Array | null;

/** One result row, keyed by column name as the engine reports it. */
export type Row = Record<string, unknown>;

export interface BenchStatement {
  run(params?: readonly SqlParam[]): void;
  get(params?: readonly SqlParam[]): Row | undefined;
  all(params?: readonly SqlParam[]): Row[];
  free(): void;
}

/** Where a workload's database lives; whether it is stored where asked is up to the engine. */
export type DbTarget =
  | { readonly kind: 'memory' }
  | { readonly kind: 'file'; readonly path: string; readonly synchronous: SynchronousMode };

/** PRAGMA synchronous for file databases (WAL mode): FULL syncs the WAL on every commit. */
export type SynchronousMode = 'FULL' | 'NORMAL';

export interface StorageInfo {
  /** What the connection really is: sql.js opens `memory` even when asked for `file`. */
  readonly kind: 'memory' | 'file';
  /** Printed under the results, e.g. "file, journal_mode=wal, synchronous=FULL". */
  readonly description: string;
}

export interface BenchConnection {
  readonly storage: StorageInfo;
  /** Runs one or more statements that return nothing the caller needs (DDL, BEGIN, COMMIT). */
  exec(sql: string): void;
  prepare(sql: string): BenchStatement;
  close(): void;
}

export type Availability =
  | { readonly available: true; readonly version: string }
  | { readonly available: false; readonly reason: string };

export interface BenchEngine {
  /** Used on the command line (`--engines=`) and in the JSON output. */
  readonly id: string;
  /** Column heading in the results table. */
  readonly label: string;
  /** Loads the engine; an unavailable engine is reported as n/a, never faked. */
  available(): Promise<Availability>;
  /** Only called after `available()` resolved to available. */
  open(target: DbTarget): BenchConnection;
}
