/**
 * The playground in Chromium, driven through its UI:
 *  - acceptance 1: create a table, insert, query; reload; the rows are still there (OPFS, IndexedDB);
 *  - acceptance 2: the exported download passes sqlite3's integrity_check with the same rows,
 *    and a .db made by sqlite3, imported with the file picker, answers queries as sqlite3 does;
 *    a .db dropped on the page is opened too;
 *  - acceptance 6: screenshots (empty, with results, with an error) in e2e/screenshots/.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlayground, readOutcome, runInPlayground, screenshot, waitReady } from '../harness/playground-page.mjs';

function sqlite3(file, sql) {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8', timeout: 10_000 }).trim();
}

function expectEqual(got, want, what) {
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

const CREATE = `DROP TABLE IF EXISTS items;
CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, tag BLOB);
CREATE INDEX items_name ON items(name);
INSERT INTO items(name, price, tag) VALUES ('apple', 1.25, x'0A0B'), ('pear', NULL, NULL), ('plum', 0.5, x'FF');
SELECT id, name, price, tag FROM items ORDER BY id;`;
const ROWS = [
  ['1', 'apple', '1.25', "x'0a0b'"],
  ['2', 'pear', 'NULL', 'NULL'],
  ['3', 'plum', '0.5', "x'ff'"],
];

async function persistence(t, storage) {
  const db = `pg-${storage}.db`;
  await openPlayground(t, { storage, db });
  const where = await t.page.textContent('#where');
  if (!where.includes(storage === 'opfs' ? 'OPFS' : 'IndexedDB')) throw new Error(`the page says it uses ${where}`);
  if (storage === 'opfs') await screenshot(t.page, 'playground-empty');
  const made = await runInPlayground(t.page, CREATE);
  if (made.error !== null) throw new Error(`running the script: ${made.error}`);
  expectEqual(made.columns, ['id', 'name', 'price', 'tag'], 'columns');
  expectEqual(made.rows, ROWS, 'rows after insert');
  if (!/3 rows · 5 statements · [\d.]+ ms/.test(made.status)) throw new Error(`status "${made.status}"`);
  const sidebar = await t.page.textContent('#schema');
  if (!sidebar.includes('items') || !sidebar.includes('price') || !sidebar.includes('items_name')) throw new Error(`schema sidebar: ${sidebar}`);
  if (storage === 'opfs') await screenshot(t.page, 'playground-results');

  await t.page.reload({ waitUntil: 'load' });
  await waitReady(t.page);
  const again = await runInPlayground(t.page, 'SELECT id, name, price, tag FROM items ORDER BY id;');
  expectEqual(again.rows, ROWS, `rows after reload (${storage})`);

  const bad = await runInPlayground(t.page, 'SELECT name\n  FROM items\n WHERE price >> ;');
  if (bad.state !== 'error' || !bad.error.includes('near ";": syntax error') || !bad.error.includes('line 3')) throw new Error(`error shown as ${JSON.stringify(bad)}`);
  const marked = await t.page.textContent('#highlight mark.err');
  if (marked !== ';') throw new Error(`the editor marks "${marked}", not the ";"`);
  if (storage === 'opfs') await screenshot(t.page, 'playground-error');
  const missing = await runInPlayground(t.page, 'SELECT * FROM nowhere;');
  if (!missing.error?.includes('no such table: nowhere')) throw new Error(`error ${missing.error}`);
}

async function exportAndImport(t) {
  await openPlayground(t, { storage: 'opfs', db: 'pg-roundtrip.db' });
  const made = await runInPlayground(t.page, CREATE);
  if (made.error !== null) throw new Error(made.error);
  const dir = await mkdtemp(join(tmpdir(), 'minnow-e2e-pg-'));
  try {
    const [download] = await Promise.all([t.page.waitForEvent('download'), t.page.click('#export')]);
    const exported = join(dir, 'exported.db');
    await download.saveAs(exported);
    expectEqual(download.suggestedFilename(), 'pg-roundtrip.db', 'download name');
    expectEqual(sqlite3(exported, 'PRAGMA integrity_check'), 'ok', 'sqlite3 integrity_check of the export');
    expectEqual(sqlite3(exported, "SELECT id, name, ifnull(price, 'NULL'), CASE WHEN tag IS NULL THEN 'NULL' ELSE lower(hex(tag)) END FROM items ORDER BY id"), "1|apple|1.25|0a0b\n2|pear|NULL|NULL\n3|plum|0.5|ff", 'sqlite3 reads the rows');

    // A database made by sqlite3, imported through the file picker.
    const theirs = join(dir, 'theirs.db');
    sqlite3(
      theirs,
      `CREATE TABLE city(id INTEGER PRIMARY KEY, name TEXT UNIQUE, pop INTEGER, area REAL);
       CREATE INDEX city_pop ON city(pop);
       INSERT INTO city(name, pop, area) VALUES ('Lyon', 522250, 47.87), ('Nice', 342669, 71.92), ('Lille', 236710, 34.51), ('Brest', 139926, NULL);
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO city(name, pop) SELECT 'town ' || i, i * 7 FROM n;`,
    );
    await t.page.setInputFiles('#import-file', theirs);
    await t.page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Imported'));
    await waitReady(t.page);
    const queries = [
      'SELECT id, name, pop, area FROM city WHERE area IS NOT NULL ORDER BY pop DESC',
      "SELECT count(*), sum(pop), min(name), max(name) FROM city",
      "SELECT name FROM city WHERE pop BETWEEN 100 AND 140 ORDER BY name",
      "SELECT name, pop FROM city WHERE name LIKE 'L%' ORDER BY name",
    ];
    for (const q of queries) {
      const page = await runInPlayground(t.page, `${q};`);
      if (page.error !== null) throw new Error(`${q}: ${page.error}`);
      const fromPage = page.rows.map((r) => r.map((v) => (v === 'NULL' ? '' : v)).join('|')).join('\n');
      expectEqual(fromPage, sqlite3(theirs, q), `imported database answers ${q}`);
    }
    const sidebar = await t.page.textContent('#schema');
    if (!sidebar.includes('city') || !sidebar.includes('city_pop')) throw new Error(`schema sidebar after import: ${sidebar}`);

    // Drag and drop: the exported file dropped on the page replaces the database again.
    const dropped = [...(await readFile(exported))];
    await t.page.evaluate((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'dropped.db'));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
    }, dropped);
    await t.page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Imported dropped.db'));
    await waitReady(t.page);
    const after = await runInPlayground(t.page, 'SELECT name FROM items ORDER BY id;');
    expectEqual(after.rows, [['apple'], ['pear'], ['plum']], 'rows of the dropped database');
    expectEqual(await readOutcome(t.page).then((o) => o.error), null, 'no error after the drop');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const tests = [
  ...['opfs', 'idb'].map((storage) => ({
    name: `create, insert, query, reload: the rows are still there (${storage}); errors are shown where the SQL is`,
    timeoutMs: 40_000,
    run: (t) => persistence(t, storage),
  })),
  {
    name: 'the exported .db passes sqlite3 integrity_check with the same rows; a sqlite3-made .db imported answers as sqlite3 does',
    timeoutMs: 40_000,
    run: exportAndImport,
  },
];
