/**
 * Minnow through its better-sqlite3-shaped synchronous API (`@minnow/node/compat`), on the
 * synchronous file backend for file workloads.
 *
 * Durability: Minnow always runs in WAL mode and syncs the WAL at every commit (what SQLite
 * calls synchronous=FULL in WAL mode); it has no PRAGMAs yet, so the file setup is stated, not
 * configured.
 */
import { compatEngine, type CompatDatabaseClass } from './compat-engine.js';

export const minnowEngine = compatEngine({
  id: 'minnow',
  label: 'Minnow',
  async load() {
    const { Database } = await import('@minnow/node/compat');
    return { Database: Database as unknown as CompatDatabaseClass, version: 'Minnow (workspace)' };
  },
  configureFile: () => 'WAL, synced at every commit (= synchronous FULL)',
});
