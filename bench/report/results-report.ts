/**
 * Turns measurements into the results table and the notes under it.
 *
 * A ratio is numerator time / denominator time (above 1: the numerator engine is slower). A
 * ratio is "comparable" only when both engines stored the database where the workload asked;
 * otherwise (sql.js in memory on the file workload) it is printed in parentheses and left out of
 * the geometric mean, because it compares a RAM write with an fsync. The same goes for two
 * engines whose answers differ.
 */
import type { Availability, BenchEngine } from '../engines/engine-api.js';
import type { Measurement } from '../runner/run-workload.js';
import { geometricMean } from '../runner/stats.js';
import type { Workload } from '../workloads/workload-api.js';
import { formatMs, formatRatio, markdownTable, type Align } from './text-table.js';

export interface EngineStatus {
  readonly engine: BenchEngine;
  readonly availability: Availability;
}

export interface RatioPair {
  readonly numerator: BenchEngine;
  readonly denominator: BenchEngine;
}

export interface WorkloadResults {
  readonly workload: Workload;
  /** By engine id; engines that are unavailable have no entry. */
  readonly byEngine: ReadonlyMap<string, Measurement>;
}

export interface RatioSummary {
  readonly pair: RatioPair;
  /** Over comparable workloads only; undefined when no workload had both engines. */
  readonly geomean: number | undefined;
  /** Over every workload both engines ran, comparable or not. */
  readonly geomeanAll: number | undefined;
  readonly comparableCount: number;
  readonly allCount: number;
}

const NOT_AVAILABLE = 'n/a';
const FOREIGN_STORAGE_MARK = ' (mem)';

function asAsked(workload: Workload, m: Measurement | undefined): boolean {
  return m !== undefined && m.ok && m.storage.kind === workload.target;
}

function ratioFor(result: WorkloadResults, pair: RatioPair): { ratio: number; comparable: boolean } | undefined {
  const num = result.byEngine.get(pair.numerator.id);
  const den = result.byEngine.get(pair.denominator.id);
  if (num === undefined || den === undefined || !num.ok || !den.ok || den.medianMs <= 0) return undefined;
  return {
    ratio: num.medianMs / den.medianMs,
    // A fast wrong answer is no result: differing answers also leave the geometric mean.
    comparable: asAsked(result.workload, num) && asAsked(result.workload, den) && num.answer === den.answer,
  };
}

export function summariseRatios(results: readonly WorkloadResults[], pairs: readonly RatioPair[]): RatioSummary[] {
  return pairs.map((pair) => {
    const comparable: number[] = [];
    const all: number[] = [];
    for (const result of results) {
      const r = ratioFor(result, pair);
      if (r === undefined) continue;
      all.push(r.ratio);
      if (r.comparable) comparable.push(r.ratio);
    }
    return {
      pair,
      geomean: geometricMean(comparable),
      geomeanAll: geometricMean(all),
      comparableCount: comparable.length,
      allCount: all.length,
    };
  });
}

function timeCell(workload: Workload, m: Measurement | undefined): string {
  if (m === undefined) return NOT_AVAILABLE;
  if (!m.ok) return 'error';
  return formatMs(m.medianMs) + (m.storage.kind === workload.target ? '' : FOREIGN_STORAGE_MARK);
}

function ratioCell(result: WorkloadResults, pair: RatioPair): string {
  const r = ratioFor(result, pair);
  if (r === undefined) return NOT_AVAILABLE;
  return r.comparable ? formatRatio(r.ratio) : `(${formatRatio(r.ratio)})`;
}

function pairLabel(pair: RatioPair): string {
  return `${pair.numerator.label} / ${pair.denominator.label}`;
}

export function resultsTable(engines: readonly EngineStatus[], results: readonly WorkloadResults[], pairs: readonly RatioPair[]): string {
  const header = ['#', 'Workload', ...engines.map((e) => e.engine.label), ...pairs.map(pairLabel)];
  const align: Align[] = ['right', 'left', ...engines.map((): Align => 'right'), ...pairs.map((): Align => 'right')];
  const rows = results.map((result) => [
    String(result.workload.id),
    result.workload.title,
    ...engines.map((e) => timeCell(result.workload, result.byEngine.get(e.engine.id))),
    ...pairs.map((pair) => ratioCell(result, pair)),
  ]);
  const summaries = summariseRatios(results, pairs);
  rows.push([
    '',
    'geometric mean of ratios',
    ...engines.map(() => ''),
    ...summaries.map((s) => (s.geomean === undefined ? NOT_AVAILABLE : formatRatio(s.geomean))),
  ]);
  return markdownTable(header, rows, align);
}

export function resultsNotes(engines: readonly EngineStatus[], results: readonly WorkloadResults[], pairs: readonly RatioPair[]): string[] {
  const notes: string[] = [];
  notes.push(
    'Times are medians of the timed runs. A ratio is the first engine\'s time divided by the second\'s: above 1.00x ' +
      'the first is slower. Ratios in parentheses compare unlike things (different storage or different answers) ' +
      'and are left out of the geometric means.',
  );
  for (const { engine, availability } of engines) {
    if (!availability.available) notes.push(`${engine.label}: n/a (${availability.reason}); its ratios are skipped.`);
  }
  for (const result of results) {
    const w = result.workload;
    const foreign = engines.filter((e) => {
      const m = result.byEngine.get(e.engine.id);
      return m !== undefined && m.ok && m.storage.kind !== w.target;
    });
    if (w.target === 'file' || foreign.length > 0) {
      const storage = engines
        .map((e) => {
          const m = result.byEngine.get(e.engine.id);
          return m !== undefined && m.ok ? `${e.engine.label}: ${m.storage.description}` : undefined;
        })
        .filter((s): s is string => s !== undefined);
      notes.push(`Workload ${w.id} storage: ${storage.join('; ')}.`);
    }
    if (foreign.length > 0) {
      notes.push(
        `Workload ${w.id}: "(mem)" marks ${foreign.map((e) => e.engine.label).join(', ')}, which could not use a ` +
          `${w.target} database, so the time is not comparable.`,
      );
    }
    for (const e of engines) {
      const m = result.byEngine.get(e.engine.id);
      if (m !== undefined && !m.ok) notes.push(`Workload ${w.id}: ${e.engine.label} failed: ${m.error}`);
    }
    const answers = engines
      .map((e) => ({ label: e.engine.label, m: result.byEngine.get(e.engine.id) }))
      .filter((a) => a.m !== undefined && a.m.ok)
      .map((a) => ({ label: a.label, answer: a.m !== undefined && a.m.ok ? a.m.answer : '' }));
    const reference = answers[0];
    for (const a of answers.slice(1)) {
      if (reference !== undefined && a.answer !== reference.answer) {
        notes.push(`Workload ${w.id}: ANSWER MISMATCH: ${a.label} gave ${a.answer}, ${reference.label} gave ${reference.answer}.`);
      }
    }
  }
  for (const s of summariseRatios(results, pairs)) {
    if (s.geomeanAll !== undefined && s.allCount !== s.comparableCount) {
      notes.push(
        `${pairLabel(s.pair)}: geometric mean over the ${s.comparableCount} comparable workloads is ` +
          `${s.geomean === undefined ? NOT_AVAILABLE : formatRatio(s.geomean)}; counting all ${s.allCount} it would be ${formatRatio(s.geomeanAll)}.`,
      );
    }
  }
  return notes;
}
