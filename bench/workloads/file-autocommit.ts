/**
 * Workload 7: 2,000 single-row INSERTs, each its own autocommit transaction, into a database
 * FILE with durability on. What "durability on" means is the engine's to state (better-sqlite3:
 * journal_mode=WAL with the chosen synchronous level); the report prints it per engine. sql.js
 * cannot open files, so for it this measures in-memory autocommit cost, and the report says so.
 *
 * Each run gets a new file in the harness's temp dir, removed (with -wal/-shm/-journal) after.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchConnection, BenchStatement, StorageInfo } from '../engines/engine-api.js';
import { rowsForT, type RowT } from './data-gen.js';
import { T_CHECK_SQL, T_INSERT_SQL, T_SCHEMA_SQL } from './table-t.js';
import { scaled, type Workload } from './workload-api.js';

const INSERT_COUNT = 2_000;
const ROWS_SEED = 7;
const FSYNC_BOUND_RUNS = 5;
const SIDE_FILE_SUFFIXES = ['', '-wal', '-shm', '-journal'];

export const fileAutocommitWorkload: Workload = {
  id: 7,
  title: '2k autocommit INSERTs, file',
  target: 'file',
  description:
    '2,000 executions of the prepared INSERT into t (index on b), each its own autocommit ' +
    'transaction, into a new database file with durability on. sql.js has no file backend, so ' +
    'its number is in-memory cost and is not compared with file-backed engines.',
  defaultRuns: FSYNC_BOUND_RUNS,
  setup(engine, env) {
    const rows: RowT[] = rowsForT(scaled(INSERT_COUNT, env), ROWS_SEED);
    let runNumber = 0;
    let path = '';
    let conn: BenchConnection | undefined;
    let insert: BenchStatement | undefined;
    let storage: StorageInfo | undefined;
    const removeFiles = (): void => {
      for (const suffix of SIDE_FILE_SUFFIXES) rmSync(path + suffix, { force: true });
    };
    return {
      storage() {
        if (storage === undefined) throw new Error('workload 7: storage() before any run');
        return storage;
      },
      beforeRun() {
        runNumber++;
        path = join(env.tempDir, `${engine.id.replace(/[^a-z0-9]/gi, '_')}-w7-${runNumber}.db`);
        conn = engine.open({ kind: 'file', path, synchronous: env.synchronous });
        storage = conn.storage;
        conn.exec(T_SCHEMA_SQL);
        insert = conn.prepare(T_INSERT_SQL);
      },
      run() {
        if (insert === undefined) throw new Error('workload 7: run() without beforeRun()');
        for (const row of rows) insert.run(row);
      },
      afterRun() {
        if (conn === undefined || insert === undefined) throw new Error('workload 7: afterRun() without beforeRun()');
        insert.free();
        const check = conn.prepare(T_CHECK_SQL);
        const summary = check.get();
        check.free();
        conn.close();
        conn = undefined;
        insert = undefined;
        removeFiles();
        return summary;
      },
      dispose() {
        insert?.free();
        conn?.close();
        if (path !== '') removeFiles();
      },
    };
  },
};
