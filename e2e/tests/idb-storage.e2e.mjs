/**
 * IdbStorage over Chromium's real IndexedDB in a dedicated worker: the storage contract, and
 * the storage engine writing a database that outlives the page, read back row for row by a new
 * worker after a reload and checked by sqlite3.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function sqlite3(file, sql) {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8', timeout: 10_000 }).trim();
}

export const tests = [
  {
    name: 'storage contract over IndexedDB in a dedicated worker',
    run: (t) => t.runScenario('idb-contract', { prefix: 'idb-contract' }),
  },
  {
    name: 'a database written through BtreeDatabase over IndexedDB survives a reload, row for row, and passes sqlite3',
    timeoutMs: 45_000,
    async run(t) {
      const args = { database: 'idb-btree', name: 'e2e.db' };
      const written = await t.runScenario('idb-btree-write', args);
      const before = await t.bootId();
      await t.reload();
      if ((await t.bootId()) === before) throw new Error('the page did not reload');
      const read = await t.runScenario('idb-btree-read', args);
      if (JSON.stringify(read) !== JSON.stringify(written)) throw new Error(`read back ${JSON.stringify(read)}, wrote ${JSON.stringify(written)}`);

      const { base64, walExists } = await t.runScenario('idb-btree-export', args);
      if (walExists) throw new Error('a WAL file was left after the database was closed');
      const dir = await mkdtemp(join(tmpdir(), 'minnow-e2e-idb-'));
      try {
        const file = join(dir, args.name);
        await writeFile(file, Buffer.from(base64, 'base64'));
        const check = sqlite3(file, 'PRAGMA integrity_check');
        if (check !== 'ok') throw new Error(`sqlite3 integrity_check: ${check}`);
        const counts = sqlite3(file, "SELECT count(*), sum(length(data)), count(DISTINCT name) FROM t INDEXED BY t_name WHERE name > ''");
        const want = `${written.rows}|${written.blobBytes}|${written.rows}`;
        if (counts !== want) throw new Error(`sqlite3 sees ${counts}, expected ${want}`);
        const big = sqlite3(file, `SELECT length(data) FROM t WHERE id IN (${written.bigBlobRows.join(',')}) ORDER BY id`);
        if (big !== '8269\n60000') throw new Error(`sqlite3 sees big blobs of ${big.replace('\n', ', ')} bytes`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'opening a missing IndexedDB file without create fails with SQLITE_CANTOPEN',
    async run(t) {
      let message = '';
      try {
        await t.runScenario('idb-btree-read', { database: 'idb-missing', name: 'absent.db' });
      } catch (e) {
        message = String(e?.message ?? e);
      }
      if (!message.includes('SQLITE_CANTOPEN')) throw new Error(`expected SQLITE_CANTOPEN, got: ${message || 'success'}`);
    },
  },
];
