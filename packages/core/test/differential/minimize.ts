/**
 * Shrinks a mismatch's reproducer: drops setup statements (in halving chunks, then one by
 * one) while the final statement still mismatches the same way and no setup statement
 * differs, so what is left is a short script whose last statement shows the difference.
 */
import { compareOutcomes } from './compare-outcome.js';
import type { OrderSpec } from './generated.js';
import { MinnowEngine, OracleEngine, type Outcome } from './outcome.js';

export interface Replay {
  readonly reason: string | null;
  readonly want: Outcome;
  readonly got: Outcome;
}

/** Runs `setup` then `sql` on fresh engines; null if some setup statement already differs. */
export async function replay(setup: readonly string[], sql: string, order: OrderSpec, async = false): Promise<Replay | null> {
  const oracle = await OracleEngine.open();
  const minnow = await MinnowEngine.open(async);
  try {
    for (const s of setup) {
      const a = await oracle.run(s);
      const b = await minnow.run(s);
      if (compareOutcomes(a, b, { keys: null, offset: false, limit: false }) !== null) return null;
    }
    const want = await oracle.run(sql);
    const got = await minnow.run(sql);
    return { reason: compareOutcomes(want, got, order), want, got };
  } finally {
    await oracle.close();
    await minnow.close();
  }
}

/**
 * The smallest setup found that still reproduces the mismatch on `sql` with the same
 * signature (`same` says whether a reason counts as the same difference).
 */
export async function minimize(setup: readonly string[], sql: string, order: OrderSpec, same: (reason: string) => boolean, budget = 400): Promise<string[]> {
  let current = setup.slice();
  let trials = 0;
  const fails = async (candidate: string[]): Promise<boolean> => {
    trials++;
    const r = await replay(candidate, sql, order);
    return r !== null && r.reason !== null && same(r.reason);
  };
  if (!(await fails(current))) return current;
  let chunk = Math.max(1, Math.floor(current.length / 2));
  while (chunk >= 1 && trials < budget) {
    let removed = false;
    for (let start = 0; start < current.length && trials < budget; ) {
      const candidate = current.slice(0, start).concat(current.slice(start + chunk));
      if (await fails(candidate)) {
        current = candidate;
        removed = true;
      } else {
        start += chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return current;
}
