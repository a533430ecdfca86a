/**
 * The storage engine's persistence check, for any browser storage: a worker writes a database
 * through BtreeDatabase (scenario btree-persist-write), the page reloads, a new worker reads
 * every row back (btree-persist-read), and the exported file must pass sqlite3's integrity
 * check with the same rows, index and blob sizes. `args` names the backend (see
 * e2e/scenarios/btree-persist.scenario.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function sqlite3(file, sql) {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8', timeout: 10_000 }).trim();
}

export async function checkBtreeRoundTrip(t, args) {
  const written = await t.runScenario('btree-persist-write', args);
  const before = await t.bootId();
  await t.reload();
  if ((await t.bootId()) === before) throw new Error('the page did not reload');
  const read = await t.runScenario('btree-persist-read', args);
  if (JSON.stringify(read) !== JSON.stringify(written)) {
    throw new Error(`read back ${JSON.stringify(read)}, wrote ${JSON.stringify(written)}`);
  }

  const { base64, walExists } = await t.runScenario('btree-export', args);
  if (walExists) throw new Error('a WAL file was left after the database was closed');
  const dir = await mkdtemp(join(tmpdir(), 'minnow-e2e-db-'));
  try {
    const file = join(dir, args.name);
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
}
