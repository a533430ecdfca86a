/**
 * Running a prepared statement to the end. Over storage that never pends (OPFS sync access
 * handles, memory) the loop never awaits, so a query costs no microtask per row; over
 * IndexedDB it awaits each pending read and steps again.
 */
import type { SqlValue, Statement } from '@minnow/core';
import { shapeRow, toSqlParams } from './wire-values.js';
import type { RowShape, RunInfo, WireParams } from './wire-types.js';

/** Steps until 'row' or 'done', awaiting only when storage pends. */
function stepOrWait(stmt: Statement): 'row' | 'done' | Promise<'row' | 'done'> {
  const r = stmt.step();
  if (r !== 'io') return r;
  return stmt.pendingIo()!.wait().then(() => stmt.stepAsync());
}

/** Runs `stmt` to the end, calling `onRow` for each row until it returns false. */
export async function drain(stmt: Statement, onRow: (row: SqlValue[]) => boolean): Promise<void> {
  for (;;) {
    let r = stepOrWait(stmt);
    if (typeof r !== 'string') r = await r;
    if (r === 'done') return;
    if (!onRow(stmt.row())) return;
  }
}

export interface Outcome {
  rows?: unknown[];
  row?: unknown;
  run?: RunInfo;
}

/**
 * One call of `run`, `get` or `all` with `params`: resets the statement, binds, runs. `get`
 * stops after the first row (the statement is reset so its read ends).
 */
export async function runStatement(
  stmt: Statement,
  mode: 'run' | 'get' | 'all',
  params: WireParams,
  shape: RowShape,
  lastRowid: { value: number | bigint },
): Promise<Outcome> {
  stmt.reset();
  stmt.bind(toSqlParams(params));
  const columns = stmt.columnNames();
  try {
    if (mode === 'run') {
      await drain(stmt, () => true);
      if (stmt.lastInsertRowid !== null) lastRowid.value = stmt.lastInsertRowid;
      const rowid = shape.safeIntegers ? BigInt(lastRowid.value) : Number(lastRowid.value);
      return { run: { changes: stmt.changes, lastInsertRowid: rowid } };
    }
    if (mode === 'get') {
      let row: unknown = undefined;
      let seen = false;
      // A writer (INSERT ... RETURNING) runs to the end: stopping it early would undo it.
      const stopEarly = stmt.readonly;
      await drain(stmt, (r) => {
        if (!seen) row = shapeRow(r, columns, shape);
        seen = true;
        return !stopEarly;
      });
      return { row };
    }
    const rows: unknown[] = [];
    await drain(stmt, (r) => {
      rows.push(shapeRow(r, columns, shape));
      return true;
    });
    if (stmt.lastInsertRowid !== null) lastRowid.value = stmt.lastInsertRowid;
    return { rows };
  } finally {
    stmt.reset();
  }
}
