/**
 * Table t, shared by workloads 1-5 and 7: `t(a INTEGER, b TEXT, c REAL)` with an index on b.
 */
import type { BenchConnection } from '../engines/engine-api.js';
import { rowsForT, type RowT } from './data-gen.js';

export const T_SCHEMA_SQL = 'CREATE TABLE t(a INTEGER, b TEXT, c REAL); CREATE INDEX t_b ON t(b);';
export const T_INSERT_SQL = 'INSERT INTO t(a, b, c) VALUES (?, ?, ?)';
/** Untimed check after insert workloads: the same rows must be there on every engine. */
export const T_CHECK_SQL = 'SELECT count(*), sum(a), max(b) FROM t';

/** Inserts all rows in one transaction with one prepared statement (workload 1's timed part). */
export function insertRowsInTransaction(conn: BenchConnection, rows: readonly RowT[]): void {
  const insert = conn.prepare(T_INSERT_SQL);
  conn.exec('BEGIN');
  for (const row of rows) insert.run(row);
  conn.exec('COMMIT');
  insert.free();
}

/** Creates t on `conn` and fills it with `rows` (untimed setup for the read workloads). */
export function fillT(conn: BenchConnection, rows: readonly RowT[]): void {
  conn.exec(T_SCHEMA_SQL);
  insertRowsInTransaction(conn, rows);
}

export const T_ROW_COUNT = 100_000;
const T_ROWS_SEED = 1;

/** Rows for t at the run's scale; memoised because several workloads need the same rows. */
const rowsByCount = new Map<number, RowT[]>();
export function rowsForScaledT(count: number): RowT[] {
  let rows = rowsByCount.get(count);
  if (rows === undefined) {
    rows = rowsForT(count, T_ROWS_SEED);
    rowsByCount.set(count, rows);
  }
  return rows;
}
