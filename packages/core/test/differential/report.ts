/**
 * Summaries of a differential run: totals, and mismatches grouped by a signature (the reason
 * with numbers and quoted text blurred) so one bug hit a hundred times reads as one line.
 */
import { showOutcome } from './compare-outcome.js';
import type { Mismatch, SeedResult } from './runner.js';

export function signature(m: Mismatch): string {
  return m.reason.replace(/"[^"]*"/g, (q) => q.replace(/\b\d+\b/g, '#').replace(/: .*"$/, ': …"')).replace(/\b\d+\b/g, '#');
}

export interface Totals {
  seeds: number;
  statements: number;
  errorsExpected: number;
  mismatches: number;
  stoppedSeeds: number;
  groups: Map<string, Mismatch[]>;
}

export function totals(results: readonly SeedResult[]): Totals {
  const groups = new Map<string, Mismatch[]>();
  let statements = 0;
  let errorsExpected = 0;
  let mismatches = 0;
  let stoppedSeeds = 0;
  for (const r of results) {
    statements += r.statements;
    errorsExpected += r.errorsExpected;
    mismatches += r.mismatches.length;
    if (r.stoppedAt !== null) stoppedSeeds++;
    for (const m of r.mismatches) {
      const key = signature(m);
      let list = groups.get(key);
      if (list === undefined) groups.set(key, (list = []));
      list.push(m);
    }
  }
  return { seeds: results.length, statements, errorsExpected, mismatches, stoppedSeeds, groups };
}

export function describeMismatch(m: Mismatch, setup: readonly string[] = m.setup): string {
  const lines = [
    `seed ${m.seed}, statement ${m.index}: ${m.reason}`,
    ...setup.map((s) => `  ${s};`),
    `  ${m.statement.sql};`,
    `  -- sqlite: ${showOutcome(m.want).replace(/\n/g, '\n  --   ')}`,
    `  -- minnow: ${showOutcome(m.got).replace(/\n/g, '\n  --   ')}`,
  ];
  return lines.join('\n');
}

export function summaryLine(t: Totals): string {
  return `${t.seeds} seeds, ${t.statements} statements (${t.errorsExpected} expected to fail), ${t.mismatches} mismatches in ${t.groups.size} groups, ${t.stoppedSeeds} seeds stopped early`;
}
