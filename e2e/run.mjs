#!/usr/bin/env node
/**
 * The end-to-end runner: builds the test pages with Vite, serves them on 127.0.0.1, starts
 * Debian's Chromium through playwright-core, and runs every test in e2e/tests/*.e2e.mjs, each
 * in a fresh page of one browser profile.
 *
 *   node e2e/run.mjs [filter] [--summary=FILE]
 *
 * runs the tests whose name contains `filter` (all by default); with --summary, also writes
 * `{ "passed": N, "failed": N }` to FILE (scripts/test-all.mjs reads it).
 *
 * A test module exports `tests`: [{ name, timeoutMs?, run(t) }] where `t` is a test page (see
 * harness/test-page.mjs). `run` throws to fail; it may return a list of sub-results
 * `[{ name, error? }]` (a contract run inside a worker), each counted as a test of its own.
 *
 * Prints "N passed, N failed" last; exits 1 when anything failed, nothing ran, or the whole
 * run overran its time limit. The browser, the server and temporary directories are always
 * cleaned up.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from './harness/browser.mjs';
import { buildPages } from './harness/build-pages.mjs';
import { startStaticServer } from './harness/static-server.mjs';
import { openTestPage } from './harness/test-page.mjs';

const E2E_DIR = dirname(fileURLToPath(import.meta.url));
const RUN_TIMEOUT_MS = 110_000;
const DEFAULT_TEST_TIMEOUT_MS = 30_000;

const cliArgs = process.argv.slice(2);
const summaryPath = cliArgs.find((a) => a.startsWith('--summary='))?.slice('--summary='.length);
const filter = cliArgs.find((a) => !a.startsWith('--')) ?? '';
const cleanups = [];
let passed = 0;
let failed = 0;

async function cleanUp() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    await step().catch((e) => console.error(`e2e: cleanup failed: ${e}`));
  }
}

function withTimeout(promise, ms, what) {
  // Once timed out, a late rejection of `promise` (its page is closed under it) is expected.
  promise.catch(() => undefined);
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function loadTests() {
  const dir = join(E2E_DIR, 'tests');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.e2e.mjs')).sort();
  const tests = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    for (const test of mod.tests) tests.push({ ...test, name: `${file.replace(/\.e2e\.mjs$/, '')}: ${test.name}` });
  }
  return tests.filter((t) => t.name.includes(filter));
}

function report(name, error, log) {
  if (error === undefined) {
    passed++;
    console.log(`  ✓ ${name}`);
    return;
  }
  failed++;
  console.log(`  ✗ ${name}\n${indent(String(error))}`);
  if (log !== undefined && log.length > 0) console.log(`    browser console:\n${indent(log.join('\n'), 6)}`);
}

function indent(text, by = 4) {
  return text
    .split('\n')
    .map((line) => ' '.repeat(by) + line)
    .join('\n');
}

async function runTest(test, context, baseUrl) {
  const t = await openTestPage(context, baseUrl);
  try {
    await withTimeout(t.load(), 20_000, 'loading the test page');
    const subResults = await withTimeout(Promise.resolve(test.run(t)), test.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS, test.name);
    if (Array.isArray(subResults)) {
      if (subResults.length === 0) throw new Error('returned no sub-results');
      for (const sub of subResults) report(`${test.name}: ${sub.name}`, sub.error, sub.error === undefined ? undefined : t.log);
    } else {
      report(test.name, undefined);
    }
  } catch (e) {
    report(test.name, e?.stack ?? e, t.log);
  } finally {
    await t.close();
  }
}

async function main() {
  const started = Date.now();
  const tests = await loadTests();
  if (tests.length === 0) throw new Error(`no e2e test matches "${filter}"`);

  const outDir = await buildPages();
  cleanups.push(() => rm(outDir, { recursive: true, force: true }));
  const server = await startStaticServer(outDir);
  cleanups.push(() => server.close());
  const browser = await launchBrowser();
  cleanups.push(() => browser.close());
  console.log(`e2e: pages built and served at ${server.url}, chromium started (${Date.now() - started} ms)`);

  for (const test of tests) await runTest(test, browser.context, server.url);
  console.log(`e2e: finished in ${Date.now() - started} ms`);
}

const overrun = setTimeout(() => {
  console.error(`e2e: the run overran ${RUN_TIMEOUT_MS} ms; stopping`);
  failed++;
  cleanUp()
    .then(() => finish())
    .finally(() => process.exit(1));
}, RUN_TIMEOUT_MS);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (e) {
  failed++;
  console.error(`e2e: harness error: ${e?.stack ?? e}`);
} finally {
  await cleanUp();
  clearTimeout(overrun);
}
await finish();
process.exit(failed > 0 || passed === 0 ? 1 : 0);

async function finish() {
  if (summaryPath !== undefined) {
    await writeFile(summaryPath, JSON.stringify({ passed, failed })).catch((e) => console.error(`e2e: cannot write summary: ${e}`));
  }
  console.log(`${passed} passed, ${failed} failed`);
}
