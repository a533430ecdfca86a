#!/usr/bin/env node
/**
 * `pnpm bench:web`: the browser benchmark. Builds three pages with Vite (minified, as an app
 * would ship): a minimal Minnow app (its gzipped JS is Minnow's bundle size, and it measures
 * page load to the first query result), the Minnow workload page, and the sqlite-wasm
 * (3.54.1, opfs-sahpool VFS, in a worker) page. Serves them on 127.0.0.1 without COOP/COEP
 * headers, drives Debian's Chromium through playwright-core, and prints one table: Minnow
 * over OPFS and IndexedDB beside sqlite-wasm, measured in the same run.
 *
 *   node bench-web/run.mjs [--loads=N]
 *
 * A benchmark, not a test: it always exits 0 once it has printed its figures.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { launchBrowser } from '../e2e/harness/browser.mjs';
import { startStaticServer } from '../e2e/harness/static-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const PAGES = ['minnow-app', 'minnow-work', 'sqlite-wasm'];
const loadsArg = process.argv.find((a) => a.startsWith('--loads='));
const LOADS = loadsArg ? Number(loadsArg.slice('--loads='.length)) : 5;
const PAGE_TIMEOUT_MS = 120_000;

/** The peer's figures quoted in the issue (same machine, Debian's Chromium). */
const QUOTED = { firstResultMs: 282, commitMs: 1.45, txnMs: 149, selectsMs: 52, gzipKiB: 572 };

async function buildPages(outRoot) {
  for (const name of PAGES) {
    await build({
      configFile: false,
      root: join(HERE, name),
      base: './',
      logLevel: 'warn',
      clearScreen: false,
      // bench-web is not a workspace package: the pages reach Minnow's source directly.
      resolve: { alias: { '@minnow/web': join(HERE, '..', 'packages', 'web', 'src', 'index.ts') } },
      build: { outDir: join(outRoot, name), emptyOutDir: true, target: 'es2022', minify: true, reportCompressedSize: false },
      worker: { format: 'es' },
    });
  }
}

/** Gzipped bytes of the JS and wasm a page ships (each file compressed on its own, as served). */
async function gzippedKiB(dir) {
  let total = 0;
  const walk = async (d) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.(m?js|wasm)$/.test(entry.name)) total += gzipSync(await readFile(path), { level: 9 }).length;
    }
  };
  await walk(dir);
  return total / 1024;
}

async function measure(context, url) {
  const page = await context.newPage();
  const log = [];
  page.on('console', (m) => log.push(m.text()));
  page.on('pageerror', (e) => log.push(e.message));
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.bench !== undefined);
    return await page.evaluate(() => window.bench);
  } catch (e) {
    throw new Error(`${url}: ${e.message}\n${log.join('\n')}`);
  } finally {
    await page.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function firstResult(context, url, setupUrl) {
  await measure(context, setupUrl);
  const times = [];
  for (let i = 0; i < LOADS; i++) times.push((await measure(context, url)).firstResultMs);
  return median(times);
}

function row(label, values, fmt, quoted) {
  const cells = values.map((v) => (v === null ? '–' : fmt(v)));
  return `| ${label} | ${cells.join(' | ')} | ${fmt(quoted)} |`;
}

async function main() {
  const outRoot = await mkdtemp(join(tmpdir(), 'minnow-bench-web-'));
  let browser = null;
  let server = null;
  try {
    console.log('bench:web: building pages…');
    await buildPages(outRoot);
    const minnowKiB = await gzippedKiB(join(outRoot, 'minnow-app'));
    const sqliteKiB = await gzippedKiB(join(outRoot, 'sqlite-wasm'));
    server = await startStaticServer(outRoot);
    browser = await launchBrowser();
    const ctx = browser.context;
    const base = server.url;
    console.log(`bench:web: served at ${base}; ${LOADS} page loads per first-result figure`);

    const first = {};
    for (const s of ['opfs', 'idb']) {
      first[s] = await firstResult(ctx, `${base}minnow-app/?storage=${s}`, `${base}minnow-app/?storage=${s}&setup=1`);
      console.log(`  minnow ${s}: first result ${first[s].toFixed(1)} ms`);
    }
    first.sqlite = await firstResult(ctx, `${base}sqlite-wasm/?phase=first`, `${base}sqlite-wasm/?phase=first`);
    console.log(`  sqlite-wasm: first result ${first.sqlite.toFixed(1)} ms`);

    const work = {};
    for (const s of ['opfs', 'idb']) {
      work[s] = await measure(ctx, `${base}minnow-work/?storage=${s}`);
      console.log(`  minnow ${s}: ${JSON.stringify(work[s])}`);
    }
    work.sqlite = await measure(ctx, `${base}sqlite-wasm/?phase=work`);
    console.log(`  sqlite-wasm: ${JSON.stringify(work.sqlite)}`);
    for (const s of ['opfs', 'idb']) {
      if (work[s].worker.check !== work.sqlite.check || work[s].api.check !== work.sqlite.check) throw new Error(`checksums differ: ${JSON.stringify(work)}`);
    }

    const cols = [work.opfs.worker, work.idb.worker, work.opfs.api, work.idb.api, work.sqlite];
    const ms = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
    const lines = [
      '| figure | Minnow OPFS (in worker) | Minnow IndexedDB (in worker) | Minnow OPFS (page API) | Minnow IndexedDB (page API) | sqlite-wasm opfs-sahpool (same run) | sqlite-wasm (issue) |',
      '|---|---|---|---|---|---|---|',
      row('page load → first query result (ms)', [first.opfs, first.idb, first.opfs, first.idb, first.sqlite], ms, QUOTED.firstResultMs),
      row('durable one-row commit (ms)', cols.map((c) => c.commitMs), ms, QUOTED.commitMs),
      row('25,000-row transaction (ms)', cols.map((c) => c.txnMs), ms, QUOTED.txnMs),
      row('5,000 primary-key selects (ms)', cols.map((c) => c.selectsMs), ms, QUOTED.selectsMs),
      row('bundle, gzipped (KiB)', [minnowKiB, minnowKiB, minnowKiB, minnowKiB, sqliteKiB], (v) => v.toFixed(0), QUOTED.gzipKiB),
    ];
    console.log(`\n${lines.join('\n')}\n`);
    console.log('First result is always through the page API (connect + one query from a fresh page load).');
  } finally {
    await browser?.close();
    await server?.close();
    await rm(outRoot, { recursive: true, force: true });
  }
}

try {
  await main();
  process.exit(0);
} catch (e) {
  console.error(`bench:web failed: ${e?.stack ?? e}`);
  process.exit(1);
}
