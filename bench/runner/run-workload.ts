/**
 * Runs one workload on several engines: untimed setup for each, then warm-up and timed runs
 * interleaved round by round (engine A, engine B, engine A, ...) so that a burst of other load
 * on the machine hits every engine's runs alike instead of one engine's whole series. Answers
 * are fingerprinted for cross-engine comparison.
 *
 * A failure is recorded, not thrown: that engine drops out of the remaining rounds and the
 * others go on being measured.
 */
import { performance } from 'node:perf_hooks';
import type { BenchEngine, StorageInfo } from '../engines/engine-api.js';
import type { Workload, WorkloadEnv, WorkloadSession } from '../workloads/workload-api.js';
import { fingerprint } from './fingerprint.js';
import { median } from './stats.js';

export type Measurement =
  | {
      readonly ok: true;
      readonly medianMs: number;
      readonly runsMs: readonly number[];
      readonly storage: StorageInfo;
      readonly answer: string;
    }
  | { readonly ok: false; readonly error: string };

export interface RunCounts {
  readonly warmupRuns: number;
  readonly timedRuns: number;
}

// Exposed by `node --expose-gc` (the bench script passes it): collecting before each timed run
// keeps garbage from setup or from the previous run out of the measurement.
const collectGarbage = (globalThis as { gc?: () => void }).gc;

interface EngineState {
  readonly engine: BenchEngine;
  session: WorkloadSession | undefined;
  answer: string | undefined;
  readonly runsMs: number[];
  error: string | undefined;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function oneRun(state: EngineState, session: WorkloadSession, timed: boolean): void {
  session.beforeRun?.();
  collectGarbage?.();
  const start = performance.now();
  const runResult = session.run();
  const ms = performance.now() - start;
  const answer = fingerprint([runResult, session.afterRun?.()]);
  if (state.answer !== undefined && answer !== state.answer) {
    throw new Error(`answers differ between runs: ${state.answer} then ${answer}`);
  }
  state.answer = answer;
  if (timed) state.runsMs.push(ms);
}

function finish(state: EngineState): Measurement {
  let storage: StorageInfo | undefined;
  try {
    if (state.error === undefined && state.session !== undefined) storage = state.session.storage();
  } catch (e) {
    state.error = message(e);
  }
  try {
    state.session?.dispose();
  } catch {
    // The measurement (or its error) is what matters; a failed close must not mask it.
  }
  if (state.error !== undefined || storage === undefined) return { ok: false, error: state.error ?? 'no session' };
  return { ok: true, medianMs: median(state.runsMs), runsMs: state.runsMs, storage, answer: state.answer ?? '' };
}

export function runWorkload(
  workload: Workload,
  engines: readonly BenchEngine[],
  env: WorkloadEnv,
  counts: RunCounts,
): Map<string, Measurement> {
  const states: EngineState[] = engines.map((engine) => ({ engine, session: undefined, answer: undefined, runsMs: [], error: undefined }));
  for (const state of states) {
    try {
      state.session = workload.setup(state.engine, env);
    } catch (e) {
      state.error = message(e);
    }
  }
  const rounds = counts.warmupRuns + counts.timedRuns;
  for (let round = 0; round < rounds; round++) {
    for (const state of states) {
      if (state.error !== undefined || state.session === undefined) continue;
      try {
        oneRun(state, state.session, round >= counts.warmupRuns);
      } catch (e) {
        state.error = message(e);
      }
    }
  }
  // Every failure above was caught per engine, so every session reaches dispose() here.
  return new Map(states.map((s) => [s.engine.id, finish(s)] as const));
}
