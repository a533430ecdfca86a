/** Command-line options of `pnpm bench`. */
import type { SynchronousMode } from './engines/engine-api.js';

export interface BenchOptions {
  readonly help: boolean;
  readonly list: boolean;
  /** Timed runs per workload and engine; undefined: each workload's default. */
  readonly runs: number | undefined;
  readonly warmupRuns: number;
  /** Workload ids to run; empty: all. */
  readonly only: readonly number[];
  /** Engine ids to run; empty: all. */
  readonly engines: readonly string[];
  readonly synchronous: SynchronousMode;
  readonly scale: number;
  readonly jsonPath: string | undefined;
}

export const DEFAULT_TIMED_RUNS = 7;

export const USAGE = `Usage: pnpm bench [options]

  --runs=N            timed runs per workload and engine (default ${DEFAULT_TIMED_RUNS}; 5 for workload 7)
  --warmup=N          untimed warm-up runs before them (default 1)
  --only=1,4,7        run only these workloads
  --engines=a,b       run only these engines (minnow, better-sqlite3, sql.js)
  --synchronous=FULL  PRAGMA synchronous for file databases: FULL (default) or NORMAL
  --scale=0.1         multiply row and operation counts (quick smoke runs; 1 is the benchmark)
  --json=PATH         also write the results as JSON
  --list              describe the workloads and exit
  --help              this text`;

function positiveInt(name: string, text: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} wants an integer >= ${min}, got "${text}"`);
  return n;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  let runs: number | undefined;
  let warmupRuns = 1;
  let only: number[] = [];
  let engines: string[] = [];
  let synchronous: SynchronousMode = 'FULL';
  let scale = 1;
  let jsonPath: string | undefined;
  let help = false;
  let list = false;
  for (const arg of argv) {
    if (arg === '--') continue; // pnpm forwards its separator
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const value = eq < 0 ? '' : arg.slice(eq + 1);
    switch (name) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--list':
        list = true;
        break;
      case '--runs':
        runs = positiveInt('runs', value, 1);
        break;
      case '--warmup':
        warmupRuns = positiveInt('warmup', value, 0);
        break;
      case '--only':
        only = value.split(',').map((v) => positiveInt('only', v.trim(), 1));
        break;
      case '--engines':
        engines = value.split(',').map((v) => v.trim()).filter((v) => v !== '');
        break;
      case '--synchronous': {
        const upper = value.toUpperCase();
        if (upper !== 'FULL' && upper !== 'NORMAL') throw new Error(`--synchronous wants FULL or NORMAL, got "${value}"`);
        synchronous = upper;
        break;
      }
      case '--scale':
        scale = Number(value);
        if (!(scale > 0 && scale <= 10)) throw new Error(`--scale wants a number in (0, 10], got "${value}"`);
        break;
      case '--json':
        if (value === '') throw new Error('--json wants a path');
        jsonPath = value;
        break;
      default:
        throw new Error(`unknown option "${arg}"\n\n${USAGE}`);
    }
  }
  return { help, list, runs, warmupRuns, only, engines, synchronous, scale, jsonPath };
}
