/**
 * The storage engine (pager + B-tree) over OPFS in a real worker: a database written in one
 * page load is reopened after a reload and read back row for row; sqlite3 then checks the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ARGS = { dir: 'btree', name: 'e2e.db' };

function sqlite3(file, sql) {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8', timeout: 10_000 }).trim();
}

export const tests = [
  {
    name: 'a database written through BtreeDatabase over OPFS survives a reload, row for row, and passes sqlite3',
    timeoutMs: 45_000,
    async run(t) {
      const written = await t.runScenario('btree-persist-write', ARGS);
      const before = await t.bootId();
      await t.reload();
      if ((await t.bootId()) === before) throw new Error('the page did not reload');
      const read = await t.runScenario('btree-persist-read', ARGS);
      if (JSON.stringify(read) !== JSON.stringify(written)) {
        throw new Error(`read back ${JSON.stringify(read)}, wrote ${JSON.stringify(written)}`);
      }

      const { base64, walExists } = await t.runScenario('btree-export', ARGS);
      if (walExists) throw new Error('a WAL file was left after the database was closed');
      const dir = await mkdtemp(join(tmpdir(), 'minnow-e2e-db-'));
      try {
        const file = join(dir, ARGS.name);
        await writeFile(file, Buffer.from(base64, 'base64'));
        const check = sqlite3(file, 'PRAGMA integrity_check');
        if (check !== 'ok') throw new Error(`sqlite3 integrity_check: ${check}`);
        const counts = sqlite3(file, "SELECT count(*), sum(length(data)), count(DISTINCT name) FROM t INDEXED BY t_name WHERE name > ''");
        const want = `${written.rows}|${written.blobBytes}|${written.rows}`;
        if (counts !== want) throw new Error(`sqlite3 sees ${counts}, expected ${want}`);
        const big = sqlite3(file, `SELECT length(data) FROM t WHERE id IN (${written.bigBlobRows.join(',')}) ORDER BY id`);
        if (big !== '12411\n100000') throw new Error(`sqlite3 sees big blobs of ${big.replace('\n', ', ')} bytes`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  },
];
