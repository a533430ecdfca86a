#!/usr/bin/env node
// The project's test command (`pnpm test`): type-check, unit and acceptance tests (vitest), the
// sqllogictest slice (scripts/slt-ci.mjs), then the browser end-to-end tests. Every stage runs
// even if an earlier one failed, and the last line is the summary CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const results = [];

function run(name, cmd, args, parseCounts) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let counts = parseCounts?.();
  if (!counts) counts = r.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  else if (r.status !== 0 && counts.failed === 0) counts.failed = 1; // crashed without a report
  results.push({ name, ...counts, seconds });
}

const tmp = mkdtempSync(join(tmpdir(), 'minnow-test-'));

run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
// Per-package configs enforce the platform rules: core has no Node or DOM types, node and cli no DOM,
// web no Node.
for (const pkg of ['packages/core', 'packages/node', 'packages/cli', 'packages/web', 'bench', 'bench-web']) {
  run(`typecheck ${pkg}`, 'npx', ['tsc', '-p', `${pkg}/tsconfig.json`]);
}

const vitestJson = join(tmp, 'vitest.json');
run('unit + acceptance (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`], () => {
  if (!existsSync(vitestJson)) return undefined;
  const j = JSON.parse(readFileSync(vitestJson, 'utf8'));
  return { passed: j.numPassedTests, failed: j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0) };
});

const sltJson = join(tmp, 'slt.json');
run('sqllogictest slice (minnow)', 'node', ['scripts/slt-ci.mjs', `--summary=${sltJson}`], () => {
  if (!existsSync(sltJson)) return undefined;
  return JSON.parse(readFileSync(sltJson, 'utf8'));
});

const e2eJson = join(tmp, 'e2e.json');
run('browser end-to-end (chromium)', 'node', ['e2e/run.mjs', `--summary=${e2eJson}`], () => {
  if (!existsSync(e2eJson)) return undefined;
  return JSON.parse(readFileSync(e2eJson, 'utf8'));
});

console.log('\n=== summary');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds}s)`);
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
