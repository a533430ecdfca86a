/**
 * Workloads 4 and 5: one analytic query over all of the in-memory 100,000-row t, built untimed.
 * Each run executes the prepared query once and reads every result row.
 */
import type { BenchConnection, BenchStatement, Row } from '../engines/engine-api.js';
import { fillT, rowsForScaledT, T_ROW_COUNT } from './table-t.js';
import { scaled, type Workload } from './workload-api.js';

function tQueryWorkload(id: number, title: string, description: string, sql: string): Workload {
  return {
    id,
    title,
    description,
    target: 'memory',
    setup(engine, env) {
      const conn: BenchConnection = engine.open({ kind: 'memory' });
      fillT(conn, rowsForScaledT(scaled(T_ROW_COUNT, env)));
      const query: BenchStatement = conn.prepare(sql);
      return {
        storage: () => conn.storage,
        run(): Row[] {
          return query.all();
        },
        dispose() {
          query.free();
          conn.close();
        },
      };
    },
  };
}

export const scanAggregateWorkload = tQueryWorkload(
  4,
  'full scan + aggregates',
  '`SELECT count(*), sum(a), avg(c), min(b), max(b) FROM t`: one pass over every row of the ' +
    'in-memory 100,000-row t.',
  'SELECT count(*), sum(a), avg(c), min(b), max(b) FROM t',
);

export const groupByWorkload = tQueryWorkload(
  5,
  'GROUP BY (100 groups)',
  '`SELECT a % 100, count(*), sum(c) FROM t GROUP BY 1`: 100 groups over the in-memory ' +
    '100,000-row t (no index helps, so the engine sorts or hashes).',
  'SELECT a % 100, count(*), sum(c) FROM t GROUP BY 1',
);
