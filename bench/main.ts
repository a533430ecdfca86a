/**
 * `pnpm bench`: runs every workload on every engine in this one process and prints the median
 * times, Minnow's ratio to each peer, and the geometric mean of the ratios.
 *
 * This is a benchmark, not a test: it never fails on timing. It exits non-zero only if it could
 * not run (bad options, no engine at all).
 *
 * Order: workload by workload, and within a workload the engines' runs alternate (see
 * runner/run-workload.ts), so a drift or burst in the machine's speed spreads over every engine
 * instead of landing on one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TIMED_RUNS, parseOptions, USAGE, type BenchOptions } from './cli-options.js';
import { ALL_ENGINES, PEER_ENGINES, SUBJECT_ENGINE } from './engines/engine-list.js';
import { machineInfo, machineLines } from './report/machine-info.js';
import { resultsNotes, resultsTable, summariseRatios, type EngineStatus, type RatioPair, type WorkloadResults } from './report/results-report.js';
import { formatMs } from './report/text-table.js';
import { runWorkload, type Measurement } from './runner/run-workload.js';
import { WORKLOADS } from './workloads/workload-list.js';
import type { Workload, WorkloadEnv } from './workloads/workload-api.js';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Minnow against each peer, then each later peer against the first (sql.js vs native). */
function ratioPairs(engines: readonly EngineStatus[]): RatioPair[] {
  const present = new Set(engines.map((e) => e.engine.id));
  const peers = PEER_ENGINES.filter((p) => present.has(p.id));
  const pairs: RatioPair[] = [];
  if (present.has(SUBJECT_ENGINE.id)) for (const peer of peers) pairs.push({ numerator: SUBJECT_ENGINE, denominator: peer });
  const [first, ...rest] = peers;
  if (first !== undefined) for (const peer of rest) pairs.push({ numerator: peer, denominator: first });
  return pairs;
}

async function loadEngines(options: BenchOptions): Promise<EngineStatus[]> {
  const wanted = options.engines.length === 0 ? ALL_ENGINES : ALL_ENGINES.filter((e) => options.engines.includes(e.id));
  const unknown = options.engines.filter((id) => !ALL_ENGINES.some((e) => e.id === id));
  if (unknown.length > 0) throw new Error(`unknown engine(s): ${unknown.join(', ')}`);
  const statuses: EngineStatus[] = [];
  for (const engine of wanted) statuses.push({ engine, availability: await engine.available() });
  return statuses;
}

function progressLine(id: number, title: string, engine: string, m: Measurement | undefined): string {
  const outcome = m === undefined ? 'not run' : m.ok ? `${formatMs(m.medianMs)} (runs: ${m.runsMs.map((ms) => ms.toFixed(1)).join(', ')})` : `error: ${m.error}`;
  return `  [${id}] ${title}: ${engine} ${outcome}`;
}

function defaultRunsText(workloads: readonly Workload[]): string {
  const exceptions = workloads.filter((w) => w.defaultRuns !== undefined).map((w) => `workload ${w.id}: ${w.defaultRuns}`);
  return exceptions.length === 0 ? String(DEFAULT_TIMED_RUNS) : `${DEFAULT_TIMED_RUNS} (${exceptions.join(', ')})`;
}

function describeWorkloads(): void {
  for (const w of WORKLOADS) console.log(`${w.id}. ${w.title} [${w.target}]\n   ${w.description}\n`);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.list) {
    describeWorkloads();
    return 0;
  }
  const workloads = options.only.length === 0 ? WORKLOADS : WORKLOADS.filter((w) => options.only.includes(w.id));
  if (workloads.length === 0) throw new Error(`no workload has id ${options.only.join(', ')}`);

  const machine = machineInfo();
  console.log('Minnow benchmark');
  for (const line of machineLines(machine)) console.log(line);
  const engines = await loadEngines(options);
  for (const { engine, availability } of engines) {
    console.log(`Engine:  ${engine.label.padEnd(15)} ${availability.available ? availability.version : `n/a (${availability.reason})`}`);
  }
  const runnable = engines.filter((e) => e.availability.available);
  if (runnable.length === 0) throw new Error('no engine is available');
  console.log(
    `Runs:    median of ${options.runs ?? defaultRunsText(workloads)} timed runs after ${options.warmupRuns} warm-up; ` +
      `scale ${options.scale}; file databases: WAL, synchronous=${options.synchronous}`,
  );
  console.log('');

  const tempDir = mkdtempSync(join(tmpdir(), 'minnow-bench-'));
  const removeTemp = (): void => rmSync(tempDir, { recursive: true, force: true });
  const onSignal = (): void => {
    removeTemp();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const results: WorkloadResults[] = [];
  try {
    const env: WorkloadEnv = { tempDir, synchronous: options.synchronous, scale: options.scale };
    for (const workload of workloads) {
      const counts = { warmupRuns: options.warmupRuns, timedRuns: options.runs ?? workload.defaultRuns ?? DEFAULT_TIMED_RUNS };
      const byEngine = runWorkload(workload, runnable.map((e) => e.engine), env, counts);
      for (const { engine } of runnable) log(progressLine(workload.id, workload.title, engine.label, byEngine.get(engine.id)));
      results.push({ workload, byEngine });
    }
  } finally {
    removeTemp();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }

  const pairs = ratioPairs(engines);
  console.log('');
  console.log(resultsTable(engines, results, pairs));
  console.log('');
  for (const note of resultsNotes(engines, results, pairs)) console.log(`- ${note}`);

  if (options.jsonPath !== undefined) {
    const json = {
      machine,
      options,
      engines: engines.map((e) => ({ id: e.engine.id, label: e.engine.label, ...e.availability })),
      workloads: results.map((r) => ({
        id: r.workload.id,
        title: r.workload.title,
        target: r.workload.target,
        engines: Object.fromEntries(r.byEngine),
      })),
      ratios: summariseRatios(results, pairs).map((s) => ({
        numerator: s.pair.numerator.id,
        denominator: s.pair.denominator.id,
        geomean: s.geomean ?? null,
        geomeanAll: s.geomeanAll ?? null,
        comparableCount: s.comparableCount,
        allCount: s.allCount,
      })),
    };
    writeFileSync(options.jsonPath, `${JSON.stringify(json, null, 2)}\n`);
    log(`wrote ${options.jsonPath}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    log(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
