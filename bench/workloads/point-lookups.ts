/**
 * Workloads 2 and 3: 10,000 single-row lookups through one prepared statement, by rowid and by
 * the indexed text column, against an in-memory t of 100,000 rows built untimed.
 *
 * Keys are drawn at random (with repeats) from the rows that exist, so every lookup hits; the
 * run returns how many rows came back and the sum of their a, which every engine must agree on.
 */
import type { BenchConnection, BenchStatement, SqlParam } from '../engines/engine-api.js';
import { randomPicks } from './data-gen.js';
import { fillT, rowsForScaledT, T_ROW_COUNT } from './table-t.js';
import { scaled, type Workload, type WorkloadEnv } from './workload-api.js';

const LOOKUP_COUNT = 10_000;

interface LookupSpec {
  readonly id: number;
  readonly title: string;
  readonly description: string;
  readonly sql: string;
  readonly seed: number;
  /** The bound parameter that finds row number `index` (0-based insertion order). */
  keyFor(index: number, env: WorkloadEnv): SqlParam;
}

function lookupWorkload(spec: LookupSpec): Workload {
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    target: 'memory',
    setup(engine, env) {
      const rowCount = scaled(T_ROW_COUNT, env);
      const keys = randomPicks(scaled(LOOKUP_COUNT, env), rowCount, spec.seed).map((i) => spec.keyFor(i, env));
      const conn: BenchConnection = engine.open({ kind: 'memory' });
      fillT(conn, rowsForScaledT(rowCount));
      const lookup: BenchStatement = conn.prepare(spec.sql);
      return {
        storage: () => conn.storage,
        run() {
          let found = 0;
          let sumA = 0;
          const params: SqlParam[] = [null];
          for (const key of keys) {
            params[0] = key;
            const row = lookup.get(params);
            if (row !== undefined) {
              found++;
              sumA += Number(row['a']);
            }
          }
          return { found, sumA };
        },
        dispose() {
          lookup.free();
          conn.close();
        },
      };
    },
  };
}

export const rowidLookupWorkload = lookupWorkload({
  id: 2,
  title: '10k lookups by rowid',
  description:
    '10,000 executions of a prepared `SELECT * FROM t WHERE rowid = ?` with random existing ' +
    'rowids, on the in-memory 100,000-row t.',
  sql: 'SELECT * FROM t WHERE rowid = ?',
  seed: 2,
  keyFor: (index) => index + 1,
});

export const indexLookupWorkload = lookupWorkload({
  id: 3,
  title: '10k lookups by index',
  description:
    '10,000 executions of a prepared `SELECT * FROM t WHERE b = ?` (b is indexed) with random ' +
    'existing values of b, on the in-memory 100,000-row t.',
  sql: 'SELECT * FROM t WHERE b = ?',
  seed: 3,
  keyFor: (index, env) => {
    const row = rowsForScaledT(scaled(T_ROW_COUNT, env))[index];
    if (row === undefined) throw new Error(`workload 3: no row ${index}`);
    return row[1];
  },
});
