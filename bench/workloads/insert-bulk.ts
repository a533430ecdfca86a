/**
 * Workload 1: 100,000 rows inserted with one prepared statement inside one transaction, into a
 * table with an index on b. Each run starts from a new, empty in-memory database.
 */
import type { BenchConnection, StorageInfo } from '../engines/engine-api.js';
import { insertRowsInTransaction, rowsForScaledT, T_CHECK_SQL, T_ROW_COUNT, T_SCHEMA_SQL } from './table-t.js';
import { scaled, type Workload } from './workload-api.js';

export const insertBulkWorkload: Workload = {
  id: 1,
  title: 'INSERT 100k rows, 1 txn',
  target: 'memory',
  description:
    'Insert 100,000 rows (int, 20-char random text, real) with one prepared ' +
    '`INSERT INTO t(a, b, c) VALUES (?, ?, ?)` inside one transaction, into an empty in-memory ' +
    'table with an index on b. A new database per run.',
  setup(engine, env) {
    const rows = rowsForScaledT(scaled(T_ROW_COUNT, env));
    let conn: BenchConnection | undefined;
    let storage: StorageInfo | undefined;
    return {
      storage() {
        if (storage === undefined) throw new Error('workload 1: storage() before any run');
        return storage;
      },
      beforeRun() {
        conn = engine.open({ kind: 'memory' });
        storage = conn.storage;
        conn.exec(T_SCHEMA_SQL);
      },
      run() {
        if (conn === undefined) throw new Error('workload 1: run() without beforeRun()');
        insertRowsInTransaction(conn, rows);
      },
      afterRun() {
        if (conn === undefined) throw new Error('workload 1: afterRun() without beforeRun()');
        const check = conn.prepare(T_CHECK_SQL);
        const summary = check.get();
        check.free();
        conn.close();
        conn = undefined;
        return summary;
      },
      dispose() {
        conn?.close();
      },
    };
  },
};
