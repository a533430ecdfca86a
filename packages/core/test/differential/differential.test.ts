/**
 * The differential test (issue 3): generated scripts of DDL, DML and queries run through
 * sql.js (SQLite 3.54) and Minnow must give the same success/failure, the same error text,
 * and the same rows with the same storage classes, statement by statement.
 *
 * A fixed budget runs here (seeded, so a failure reproduces with `pnpm diff-test --start S
 * --seeds 1`); the CLI runs any number of seeds and minimizes reproducers. Features that
 * are off by default (features.ts) say why.
 */
import { describe, expect, it } from 'vitest';
import { compareOutcomes } from './compare-outcome.js';
import { DEFAULT_FEATURES } from './features.js';
import type { Outcome } from './outcome.js';
import { describeMismatch } from './report.js';
import { runSeed, type SeedResult } from './runner.js';

function failures(results: readonly SeedResult[]): string {
  return results
    .flatMap((r) => r.mismatches)
    .slice(0, 5)
    .map((m) => describeMismatch(m))
    .join('\n\n');
}

describe('differential: Minnow against sql.js', () => {
  it('agrees on 20 seeds x 200 statements (sync storage)', async () => {
    const results: SeedResult[] = [];
    for (let seed = 1; seed <= 20; seed++) results.push(await runSeed(seed, { statements: 200, features: DEFAULT_FEATURES }));
    const statements = results.reduce((n, r) => n + r.statements, 0);
    const failed = results.reduce((n, r) => n + r.errorsExpected, 0);
    expect(statements).toBe(4000);
    // The mix must really contain failing statements and queries with rows.
    expect(failed).toBeGreaterThan(200);
    expect(failures(results)).toBe('');
  });

  it('agrees over yielding storage (every read pends and resumes)', async () => {
    const results: SeedResult[] = [];
    for (let seed = 101; seed <= 103; seed++) results.push(await runSeed(seed, { statements: 120, features: DEFAULT_FEATURES, async: true }));
    expect(failures(results)).toBe('');
  });
});

describe('the comparison', () => {
  const rows = (...r: string[][]): Outcome => ({ kind: 'rows', rows: r });
  const unordered = { keys: null, offset: false, limit: false };

  it('tells INTEGER from REAL and -0.0 from 0.0', () => {
    expect(compareOutcomes(rows(['i:1']), rows(['r:1']), unordered)).not.toBeNull();
    expect(compareOutcomes(rows(['r:0']), rows(['r:-0']), unordered)).not.toBeNull();
    expect(compareOutcomes(rows(['r:0.1']), rows(['r:0.1']), unordered)).toBeNull();
  });

  it('compares errors by message and success against failure', () => {
    const err = (message: string): Outcome => ({ kind: 'error', message });
    expect(compareOutcomes(err('no such table: t'), err('no such table: t'), unordered)).toBeNull();
    expect(compareOutcomes(err('no such table: t'), err('no such table: u'), unordered)).not.toBeNull();
    expect(compareOutcomes(err('x'), rows(), unordered)).not.toBeNull();
    expect(compareOutcomes(rows(), { kind: 'crash', message: 'TypeError' }, unordered)).not.toBeNull();
  });

  it('checks order only where ORDER BY fixes it', () => {
    const byFirst = { keys: [0], offset: false, limit: false };
    // Without ORDER BY: a multiset.
    expect(compareOutcomes(rows(['i:1'], ['i:2']), rows(['i:2'], ['i:1']), unordered)).toBeNull();
    // Ties on the key may come in any order; different keys may not.
    expect(compareOutcomes(rows(['i:1', 't:"a"'], ['i:1', 't:"b"']), rows(['i:1', 't:"b"'], ['i:1', 't:"a"']), byFirst)).toBeNull();
    expect(compareOutcomes(rows(['i:1', 't:"a"'], ['i:2', 't:"b"']), rows(['i:2', 't:"b"'], ['i:1', 't:"a"']), byFirst)).not.toBeNull();
    // LIMIT may cut the last run of ties anywhere, but its size is fixed.
    const limited = { keys: [0], offset: false, limit: true };
    expect(compareOutcomes(rows(['i:1', 't:"a"']), rows(['i:1', 't:"b"']), limited)).toBeNull();
    expect(compareOutcomes(rows(['i:1', 't:"a"']), rows(['i:2', 't:"b"']), limited)).not.toBeNull();
  });
});
