/**
 * Running a prepared statement to the end. Over storage that never pends (OPFS sync access
 * handles, memory) everything happens synchronously: no promise, no microtask per row or per
 * call. Over IndexedDB, the first step that pends turns the rest of the run into a promise
 * that awaits each pending read and steps again.
 */
import type { SqlValue, Statement } from '@minnow/core';
import { shapeRow, toSqlParams } from './wire-values.js';
import type { RowShape, RunInfo, WireParams } from './wire-types.js';

/** Runs `stmt` until done or `onRow` returns false; a promise only if storage pended. */
export function drain(stmt: Statement, onRow: (row: SqlValue[]) => boolean): void | Promise<void> {
  for (;;) {
    const r = stmt.step();
    if (r === 'done') return;
    if (r === 'io') return stmt.pendingIo()!.wait().then(() => drainAsync(stmt, onRow));
    if (!onRow(stmt.row())) return;
  }
}

async function drainAsync(stmt: Statement, onRow: (row: SqlValue[]) => boolean): Promise<void> {
  for (;;) {
    const r = stmt.step();
    if (r === 'done') return;
    if (r === 'io') {
      await stmt.pendingIo()!.wait();
      continue;
    }
    if (!onRow(stmt.row())) return;
  }
}

export interface Outcome {
  rows?: unknown[];
  row?: unknown;
  run?: RunInfo;
}

/**
 * One call of `run`, `get` or `all` with `params`: resets the statement, binds, runs, resets.
 * `get` stops after the first row of a read-only statement (a writer, INSERT ... RETURNING,
 * runs to the end: stopping it early would undo it). Synchronous unless storage pended.
 */
export function runStatement(
  stmt: Statement,
  mode: 'run' | 'get' | 'all',
  params: WireParams,
  shape: RowShape,
  lastRowid: { value: number | bigint },
): Outcome | Promise<Outcome> {
  stmt.reset();
  stmt.bind(toSqlParams(params));
  const rows: unknown[] = [];
  let row: unknown = undefined;
  let seen = false;
  const stopEarly = mode === 'get' && stmt.readonly;
  const onRow = (r: SqlValue[]): boolean => {
    // Read per row, not before the run: a statement whose schema changed recompiles at its
    // first step, possibly with other columns.
    const columns = stmt.columnNames();
    if (mode === 'all') rows.push(shapeRow(r, columns, shape));
    else if (mode === 'get' && !seen) row = shapeRow(r, columns, shape);
    seen = true;
    return !stopEarly;
  };
  const finish = (): Outcome => {
    // Read before reset: resetting clears the statement's changes and rowid.
    if (stmt.lastInsertRowid !== null) lastRowid.value = stmt.lastInsertRowid;
    const changes = stmt.changes;
    stmt.reset();
    if (mode === 'run') {
      const rowid = shape.safeIntegers ? BigInt(lastRowid.value) : Number(lastRowid.value);
      return { run: { changes, lastInsertRowid: rowid } };
    }
    return mode === 'get' ? { row } : { rows };
  };
  let pending: void | Promise<void>;
  try {
    pending = drain(stmt, onRow);
  } catch (e) {
    stmt.reset();
    throw e;
  }
  if (pending === undefined) return finish();
  return pending.then(finish, (e: unknown) => {
    stmt.reset();
    throw e;
  });
}
