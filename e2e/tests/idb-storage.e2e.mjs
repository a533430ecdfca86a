/**
 * IdbStorage over Chromium's real IndexedDB in a dedicated worker: the storage contract, and
 * the storage engine writing a database that outlives the page, read back row for row by a new
 * worker after a reload and checked by sqlite3.
 */
import { checkBtreeRoundTrip } from '../harness/btree-round-trip.mjs';

export const tests = [
  {
    name: 'storage contract over IndexedDB in a dedicated worker',
    run: (t) => t.runScenario('idb-contract', { prefix: 'idb-contract' }),
  },
  {
    name: 'a database written through BtreeDatabase over IndexedDB survives a reload, row for row, and passes sqlite3',
    timeoutMs: 45_000,
    run: (t) => checkBtreeRoundTrip(t, { backend: 'idb', database: 'idb-btree', name: 'e2e.db' }),
  },
  {
    name: 'opening a missing IndexedDB file without create fails with SQLITE_CANTOPEN',
    async run(t) {
      let message = '';
      try {
        await t.runScenario('btree-persist-read', { backend: 'idb', database: 'idb-missing', name: 'absent.db' });
      } catch (e) {
        message = String(e?.message ?? e);
      }
      if (!message.includes('SQLITE_CANTOPEN')) throw new Error(`expected SQLITE_CANTOPEN, got: ${message || 'success'}`);
    },
  },
];
