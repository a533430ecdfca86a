/**
 * PLACEHOLDER for Minnow. Minnow's SQL engine does not exist yet, so this engine reports itself
 * unavailable and the harness prints n/a for it and skips its ratios. No numbers are made up.
 *
 * When `@minnow/node/compat` exists (better-sqlite3 shaped), replace this file's export with:
 *
 *   export const minnowEngine = compatEngine({
 *     id: 'minnow',
 *     label: 'Minnow',
 *     async load() {
 *       const { Database } = await import('@minnow/node/compat');
 *       return { Database, version: 'Minnow (workspace)' };
 *     },
 *     // configureFile: (db, target) => '...'  only if Minnow's durability setup is not
 *     // `PRAGMA journal_mode = WAL` + `PRAGMA synchronous = ...`; describe what is in force.
 *   });
 */
import type { Availability, BenchConnection, BenchEngine } from './engine-api.js';

export const MINNOW_UNAVAILABLE_REASON = 'SQL engine not built yet';

export const minnowEngine: BenchEngine = {
  id: 'minnow',
  label: 'Minnow',
  available(): Promise<Availability> {
    return Promise.resolve({ available: false, reason: MINNOW_UNAVAILABLE_REASON });
  },
  open(): BenchConnection {
    throw new Error(`Minnow: ${MINNOW_UNAVAILABLE_REASON}`);
  },
};
