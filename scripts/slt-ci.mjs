#!/usr/bin/env node
// The sqllogictest stage of `pnpm test`: runs the slice listed in
// packages/core/test/slt/ci-slice.json on Minnow and checks each file against the slice's
// known-failure list. Each file is one test: it passes when every failing record is a known
// failure (listed by line). Known failures that now pass are reported so the list can shrink.
//
//   node scripts/slt-ci.mjs --summary=FILE   (writes {passed, failed} for scripts/test-all.mjs)
//   node scripts/slt-ci.mjs --write-known    (rewrites knownFailures from this run: use after
//                                             fixing bugs, and review the diff)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const corpus = join(root, '..', 'shared', 'sqllogictest', 'test');
const slice = JSON.parse(readFileSync(join(root, 'packages/core/test/slt/ci-slice.json'), 'utf8'));
const summaryArg = process.argv.find((a) => a.startsWith('--summary='));
const writeKnown = process.argv.includes('--write-known');
const json = join(mkdtempSync(join(tmpdir(), 'slt-ci-')), 'slt.json');

const paths = slice.files.map((f) => join(corpus, f));
const r = spawnSync('node', ['--import', 'tsx', join(root, 'scripts/slt.ts'), '--engine', 'minnow', '--json', json, ...paths], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
let report;
try {
  report = JSON.parse(readFileSync(json, 'utf8'));
} catch {
  console.error(`slt-ci: the runner wrote no report (exit ${r.status})`);
  finish(0, 1);
}

let passed = 0;
let failed = 0;
let records = 0;
let recordsPassed = 0;
for (const f of report.files) {
  const name = relative(corpus, join(root, f.file)).split('\\').join('/');
  const known = new Set(slice.knownFailures[name] ?? []);
  const unexpected = f.failedLines.filter((l) => !known.has(l));
  const nowPassing = [...known].filter((l) => !f.failedLines.includes(l));
  records += f.passed + f.failed;
  recordsPassed += f.passed;
  if (unexpected.length === 0) passed++;
  else {
    failed++;
    console.log(`slt-ci: ${name}: ${unexpected.length} unexpected failures, lines ${unexpected.slice(0, 20).join(', ')}`);
  }
  if (nowPassing.length > 0) console.log(`slt-ci: ${name}: known failures now pass (shrink the list): ${nowPassing.join(', ')}`);
}
if (writeKnown) {
  const knownFailures = {};
  for (const f of report.files) {
    if (f.failedLines.length > 0) knownFailures[relative(corpus, join(root, f.file)).split('\\').join('/')] = f.failedLines;
  }
  slice.knownFailures = Object.fromEntries(Object.entries(knownFailures).sort());
  writeFileSync(join(root, 'packages/core/test/slt/ci-slice.json'), JSON.stringify(slice, null, 2) + '\n');
  console.log('slt-ci: knownFailures rewritten');
}
console.log(`slt-ci: ${report.files.length} files, ${recordsPassed} of ${records} records passed (${((100 * recordsPassed) / Math.max(records, 1)).toFixed(3)}%)`);
finish(passed, failed);

function finish(p, f) {
  if (summaryArg) writeFileSync(summaryArg.slice('--summary='.length), JSON.stringify({ passed: p, failed: f }));
  console.log(`${p} passed, ${f} failed`);
  process.exit(f === 0 ? 0 : 1);
}
