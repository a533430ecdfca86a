/**
 * A workload is the same SQL run on every engine. The harness calls, per engine:
 *
 *   setup()                    untimed: data, schema, prepared statements shared by all runs
 *   repeat warm-up + timed runs:
 *     beforeRun()              untimed: fresh state a run consumes (an empty table to insert into)
 *     run()                    TIMED; returns a small summary of what it read
 *     afterRun()               untimed: a verification query; closes per-run connections
 *   dispose()                  untimed
 *
 * The summaries from `run()` and `afterRun()` are compared across engines so a fast but wrong
 * engine is flagged rather than praised.
 */
import type { BenchEngine, StorageInfo, SynchronousMode } from '../engines/engine-api.js';

export interface WorkloadEnv {
  /** A private temp directory for file databases; the harness removes it at exit. */
  readonly tempDir: string;
  readonly synchronous: SynchronousMode;
  /** Multiplies row and operation counts; 1 is the documented benchmark. */
  readonly scale: number;
}

export interface WorkloadSession {
  /** Storage of the connection the timed part used; asked after the runs. */
  storage(): StorageInfo;
  beforeRun?(): void;
  run(): unknown;
  afterRun?(): unknown;
  dispose(): void;
}

export interface Workload {
  readonly id: number;
  /** Short row label for the table. */
  readonly title: string;
  /** One paragraph for docs and `--list`. */
  readonly description: string;
  /** Where the workload asks its database to live; an engine that cannot comply is flagged. */
  readonly target: 'memory' | 'file';
  /** Timed runs when `--runs` is not given (fsync-bound workloads use fewer). */
  readonly defaultRuns?: number;
  setup(engine: BenchEngine, env: WorkloadEnv): WorkloadSession;
}

export function scaled(count: number, env: WorkloadEnv): number {
  return Math.max(1, Math.round(count * env.scale));
}
