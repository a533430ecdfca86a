/**
 * Runs generated scripts through sql.js and Minnow side by side and collects mismatches.
 *
 * One seed = one fresh database pair and one generated script. After a mismatch the seed goes
 * on only when the databases cannot have diverged (a SELECT, or both engines failing);
 * otherwise it stops there, since every later statement would inherit the difference.
 * A mismatch carries its reproducer: the state-changing statements before it that the oracle
 * accepted, then the statement itself (minimize.ts shrinks it).
 */
import { compareOutcomes } from './compare-outcome.js';
import type { Features } from './features.js';
import type { GeneratedStatement } from './generated.js';
import { MinnowEngine, OracleEngine, type Outcome } from './outcome.js';
import { StatementGen } from './stmt-gen.js';

export interface Mismatch {
  readonly seed: number;
  readonly index: number;
  readonly statement: GeneratedStatement;
  readonly reason: string;
  readonly want: Outcome;
  readonly got: Outcome;
  /** State-changing statements before this one that the oracle ran successfully. */
  readonly setup: readonly string[];
}

export interface SeedResult {
  readonly seed: number;
  readonly statements: number;
  readonly errorsExpected: number;
  readonly mismatches: Mismatch[];
  readonly stoppedAt: number | null;
  readonly slowest: { sql: string; ms: number };
}

export interface RunOptions {
  readonly statements: number;
  readonly features: Features;
  /** Minnow over YieldingStorage (every read pends). */
  readonly async?: boolean;
}

export function isReadOnly(sql: string): boolean {
  return /^\s*SELECT\b/i.test(sql);
}

export async function runSeed(seed: number, opts: RunOptions): Promise<SeedResult> {
  const gen = new StatementGen(seed, opts.features);
  const oracle = await OracleEngine.open();
  const minnow = await MinnowEngine.open(opts.async ?? false);
  const mismatches: Mismatch[] = [];
  const setup: string[] = [];
  let run = 0;
  let errorsExpected = 0;
  let stoppedAt: number | null = null;
  let slowest = { sql: '', ms: 0 };
  try {
    for (let i = 0; i < opts.statements; i++) {
      const stmt = gen.next();
      const want = await oracle.run(stmt.sql);
      const t0 = performance.now();
      const got = await minnow.run(stmt.sql);
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { sql: stmt.sql, ms };
      run++;
      const mark = setup.length;
      if (want.kind === 'error') errorsExpected++;
      else {
        stmt.apply?.(gen.model);
        if (!isReadOnly(stmt.sql)) setup.push(stmt.sql);
      }
      const reason = compareOutcomes(want, got, stmt.order);
      if (reason === null) continue;
      mismatches.push({ seed, index: i, statement: stmt, reason, want, got, setup: setup.slice(0, mark) });
      const diverged = got.kind === 'crash' || !(isReadOnly(stmt.sql) || (want.kind === 'error' && got.kind === 'error'));
      if (diverged) {
        stoppedAt = i;
        break;
      }
    }
  } finally {
    await oracle.close();
    await minnow.close();
  }
  return { seed, statements: run, errorsExpected, mismatches, stoppedAt, slowest };
}
