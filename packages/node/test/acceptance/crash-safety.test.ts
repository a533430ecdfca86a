/**
 * Acceptance 3 (issue 2): crash safety.
 *
 * Each trial runs a seeded random workload (a table with an index; transactions inserting,
 * replacing and deleting rows, some with overflow payloads; frequent checkpoints) on the
 * fault-injecting storage, which loses power after a chosen number of mutating calls: every
 * write not yet synced is lost and, in half the trials, the last one is torn. The trial then
 * reopens the surviving files and checks that Minnow's integrity check is clean and that the
 * database holds exactly the transactions whose commit returned: no more, no fewer, and the
 * index agrees with the table. Crash points are spread uniformly over each workload's calls
 * (counted in a dry run), a quarter of trials run over the yielding variant (every call pends),
 * and the last recovered database is also checked by `sqlite3`.
 *
 * MINNOW_CRASH_TRIALS sets the number of crash points (default 1000).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BtreeDatabase, type KeyInfo, BINARY, decodeRecord, encodeRecord, MemoryStorage } from '@minnow/core';
import { FaultStorage, PowerLoss } from '../../../core/test/fault-storage.js';
import { prng, randInt } from '../support/prng.js';
import { sqlite3Available, sqlite3Query } from '../support/sqlite3-oracle.js';

const TRIALS = Number(process.env.MINNOW_CRASH_TRIALS ?? 1000);
const KEY_INFO: KeyInfo = { collations: [BINARY, BINARY], desc: [false, false] };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Rows = Map<number, { key: string; body: string }>;

interface TrialResult {
  /** State after the last commit that returned. */
  committed: Rows;
  crashed: boolean;
}

/** The workload of trial `seed`; stops at the first PowerLoss. */
async function workload(storage: FaultStorage, seed: number): Promise<TrialResult> {
  const rand = prng(seed);
  const pageSizeBytes = rand() < 0.5 ? 512 : 1024;
  let committed: Rows = new Map();
  let db: BtreeDatabase | undefined;
  try {
    db = await BtreeDatabase.open(storage, 'crash.db', { pageSizeBytes, autoCheckpointFrames: randInt(rand, 4, 40) });
    let tableRoot = 0;
    let indexRoot = 0;
    await db.write(async () => {
      tableRoot = await db!.createTable('kv', 'CREATE TABLE kv(k TEXT, body TEXT)');
      indexRoot = await db!.createIndex('kv_k', 'kv', 'CREATE INDEX kv_k ON kv(k)');
    });
    committed = new Map();
    const transactions = randInt(rand, 3, 8);
    let nextRowid = 1;
    for (let t = 0; t < transactions; t++) {
      const pending: Rows = new Map(committed);
      await db.write(async () => {
        const table = db!.tableCursor(tableRoot);
        const index = db!.indexCursor(indexRoot, KEY_INFO);
        const changes = randInt(rand, 1, 40);
        for (let c = 0; c < changes; c++) {
          const existing = [...pending.keys()];
          const roll = rand();
          if (roll < 0.25 && existing.length > 0) {
            // Delete a row and its index entry.
            const rowid = existing[randInt(rand, 0, existing.length - 1)]!;
            const row = pending.get(rowid)!;
            expect(await db!.run(() => table.seek(rowid))).toBe(0);
            await db!.run(() => table.delete());
            expect(await db!.run(() => index.seekRecord(encodeRecord([row.key, rowid]), 'eq'))).toBe(true);
            await db!.run(() => index.delete());
            pending.delete(rowid);
          } else {
            // Insert a new row, or replace an existing one (new key, new body).
            const replace = roll < 0.4 && existing.length > 0;
            const rowid = replace ? existing[randInt(rand, 0, existing.length - 1)]! : nextRowid++;
            const old = pending.get(rowid);
            if (old !== undefined) {
              expect(await db!.run(() => index.seekRecord(encodeRecord([old.key, rowid]), 'eq'))).toBe(true);
              await db!.run(() => index.delete());
            }
            const key = `k${randInt(rand, 0, 999)}`;
            const body = 'x'.repeat(rand() < 0.15 ? randInt(rand, pageSizeBytes, pageSizeBytes * 4) : randInt(rand, 0, 60)) + seed;
            await db!.run(() => table.insert(rowid, encodeRecord([key, body])));
            await db!.run(() => index.insert(encodeRecord([key, rowid])));
            pending.set(rowid, { key, body });
          }
        }
        table.close();
        index.close();
      });
      committed = pending; // the commit returned
    }
    await db.close();
    return { committed, crashed: false };
  } catch (e) {
    if (!(e instanceof PowerLoss) && !storage.crashed) throw e;
    return { committed, crashed: true };
  }
}

/** Reopens the surviving files and returns what the database holds. */
async function recover(files: Map<string, Uint8Array>): Promise<{ rows: Rows; problems: string[]; storage: MemoryStorage }> {
  const storage = new MemoryStorage();
  for (const [name, bytes] of files) storage.put(name, bytes);
  const db = await BtreeDatabase.open(storage, 'crash.db');
  const rows: Rows = new Map();
  const problems = await db.integrityCheck({ keyInfoFor: () => KEY_INFO });
  await db.read(async () => {
    const schema = await db.schema();
    const table = schema.find((e) => e.name === 'kv');
    const index = schema.find((e) => e.name === 'kv_k');
    if (table === undefined) return; // the crash came before the schema was committed
    const c = db.tableCursor(table.rootPage);
    for (let ok = await db.run(() => c.first()); ok; ok = await db.run(() => c.next())) {
      const [key, body] = decodeRecord(await db.run(() => c.payload())) as [string, string];
      rows.set(Number(c.rowid()), { key, body });
    }
    c.close();
    // The index holds exactly one entry per row.
    const ic = db.indexCursor(index!.rootPage, KEY_INFO);
    let entries = 0;
    for (let ok = await db.run(() => ic.first()); ok; ok = await db.run(() => ic.next())) {
      const [key, rowid] = decodeRecord(await db.run(() => ic.key())) as [string, number];
      if (rows.get(rowid)?.key !== key) problems.push(`index entry (${key}, ${rowid}) has no matching row`);
      entries++;
    }
    ic.close();
    if (entries !== rows.size) problems.push(`index has ${entries} entries for ${rows.size} rows`);
  });
  await db.close();
  return { rows, problems, storage };
}

function sameRows(a: Rows, b: Rows): boolean {
  if (a.size !== b.size) return false;
  for (const [rowid, row] of a) {
    const other = b.get(rowid);
    if (other === undefined || other.key !== row.key || other.body !== row.body) return false;
  }
  return true;
}

describe('acceptance: crash safety', () => {
  it(`${TRIALS} seeded crash points: recovery gives exactly the committed transactions`, async () => {
    const rand = prng(20261123);
    let crashes = 0;
    let torn = 0;
    let last: MemoryStorage | undefined;
    for (let trial = 0; trial < TRIALS; trial++) {
      const seed = 1000 + (trial >> 2); // four crash points per workload
      const yielding = trial % 4 === 3;
      // Dry run: how many mutating calls the whole workload makes.
      const counter = new FaultStorage({ crashAfterOps: Number.MAX_SAFE_INTEGER, tearLastWrite: false, random: rand });
      await workload(counter, seed).catch((e: unknown) => {
        throw new Error(`trial ${trial} (seed ${seed}): the workload failed without any crash: ${String(e)}`, { cause: e });
      });
      const totalOps = counter.opsUsed;
      const crashAfterOps = randInt(rand, 0, totalOps);
      const tearLastWrite = rand() < 0.5;
      const storage = new FaultStorage({ crashAfterOps, tearLastWrite, random: rand, yielding });
      const result = await workload(storage, seed);
      if (result.crashed) crashes++;
      if (result.crashed && tearLastWrite) torn++;
      const context = `trial ${trial} (seed ${seed}, crash after ${crashAfterOps}/${totalOps} calls, torn ${tearLastWrite}, yielding ${yielding})`;
      const recovered = await recover(storage.survivors()).catch((e: unknown) => {
        throw new Error(`${context}: reopening failed: ${String(e)}`, { cause: e });
      });
      expect(recovered.problems, context).toEqual([]);
      if (!sameRows(recovered.rows, result.committed)) {
        expect([...recovered.rows.keys()].sort((x, y) => x - y), context).toEqual([...result.committed.keys()].sort((x, y) => x - y));
        expect(recovered.rows, context).toEqual(result.committed);
      }
      last = recovered.storage;
    }
    expect(crashes).toBeGreaterThan(TRIALS * 0.9);
    expect(torn).toBeGreaterThan(0);

    // The last recovered database, as files on disk, passes sqlite3's integrity check.
    if (sqlite3Available() && last !== undefined) {
      const dir = mkdtempSync(join(tmpdir(), 'minnow-crash-'));
      dirs.push(dir);
      for (const name of last.files.keys()) writeFileSync(join(dir, name), last.get(name)!);
      expect(sqlite3Query(join(dir, 'crash.db'), 'PRAGMA integrity_check')).toEqual([['ok']]);
    }
  });
});
