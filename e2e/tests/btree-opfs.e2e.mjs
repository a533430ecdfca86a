/**
 * The storage engine (pager + B-tree) over OPFS in a real worker: a database written in one
 * page load is reopened after a reload and read back row for row; sqlite3 then checks the file.
 */
import { checkBtreeRoundTrip } from '../harness/btree-round-trip.mjs';

export const tests = [
  {
    name: 'a database written through BtreeDatabase over OPFS survives a reload, row for row, and passes sqlite3',
    timeoutMs: 45_000,
    run: (t) => checkBtreeRoundTrip(t, { backend: 'opfs', dir: 'btree', name: 'e2e.db' }),
  },
];
