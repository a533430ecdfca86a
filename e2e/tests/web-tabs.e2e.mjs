/**
 * Two (and three) tabs on one database (acceptance 4): the first tab's worker owns the file,
 * the others forward to it; each reads the latest commit and sees the others' writes; closing
 * a tab mid-transaction (a forwarding one, then the owner) loses only that transaction, the
 * next tab takes over, and sqlite3 finds the exported file intact.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOtherTab } from '../harness/api-page.mjs';

function sqlite3(file, sql) {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8', timeout: 10_000 }).trim();
}

/** In a tab: connects and keeps the connection as window.db. */
const connectIn = (page, name, storage) =>
  page.evaluate(async ([n, s]) => {
    window.db = await window.minnow.connect(n, { storage: s });
    return { owner: window.db.owner, storage: window.db.storage };
  }, [name, storage]);

const names = (page) => page.evaluate(() => window.db.all('SELECT v FROM t ORDER BY v').then((rows) => rows.map((r) => r.v).join(',')));
const insert = (page, v) => page.evaluate((x) => window.db.run('INSERT INTO t(v) VALUES (?)', x), v);
const beginAndInsert = (page, v) =>
  page.evaluate(async (x) => {
    await window.db.exec('BEGIN');
    await window.db.run('INSERT INTO t(v) VALUES (?)', x);
    return window.db.inTransaction;
  }, v);

function expectEqual(got, want, what) {
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

async function tabsScenario(t, storage) {
  const name = `tabs-${storage}.db`;
  const a = await openOtherTab(t, 'tab A');
  const b = await openOtherTab(t, 'tab B');
  let c = null;
  try {
    expectEqual(await connectIn(a, name, storage), { owner: true, storage }, 'tab A connects as owner');
    await a.evaluate(() => window.db.exec('DROP TABLE IF EXISTS t; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)'));
    await insert(a, 'r1');
    expectEqual(await connectIn(b, name, storage), { owner: false, storage }, 'tab B forwards to tab A');
    expectEqual(await names(b), 'r1', 'B reads A\'s commit');
    await insert(b, 'r2');
    expectEqual(await names(a), 'r1,r2', 'A reads B\'s commit');

    // B closes in the middle of a transaction: its insert is rolled back, A goes on.
    expectEqual(await beginAndInsert(b, 'lost-b'), true, 'B in a transaction');
    await b.close();
    expectEqual(await names(a), 'r1,r2', 'A after B closed mid-transaction');

    c = await openOtherTab(t, 'tab C');
    expectEqual(await connectIn(c, name, storage), { owner: false, storage }, 'tab C forwards to tab A');
    await insert(c, 'r3');

    // The owner closes in the middle of a transaction: C takes over with the committed rows.
    expectEqual(await beginAndInsert(a, 'lost-a'), true, 'A in a transaction');
    await a.close();
    expectEqual(await names(c), 'r1,r2,r3', 'C after the owner closed mid-transaction');
    await insert(c, 'r4');
    const base64 = await c.evaluate(async () => {
      const bytes = await window.db.export();
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const dir = await mkdtemp(join(tmpdir(), 'minnow-e2e-tabs-'));
    try {
      const file = join(dir, name);
      await writeFile(file, Buffer.from(base64, 'base64'));
      expectEqual(sqlite3(file, 'PRAGMA integrity_check'), 'ok', 'sqlite3 integrity_check');
      expectEqual(sqlite3(file, "SELECT group_concat(v, ',') FROM (SELECT v FROM t ORDER BY v)"), 'r1,r2,r3,r4', 'sqlite3 rows');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await c.evaluate(() => window.db.close());
  } finally {
    await a.close().catch(() => undefined);
    await b.close().catch(() => undefined);
    await c?.close().catch(() => undefined);
  }
}

export const tests = ['opfs', 'idb'].map((storage) => ({
  name: `tabs on one ${storage} database share commits; closing one mid-transaction (forwarder, then owner) loses only that transaction`,
  timeoutMs: 45_000,
  run: (t) => tabsScenario(t, storage),
}));
