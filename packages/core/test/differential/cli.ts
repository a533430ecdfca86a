/**
 * `pnpm diff-test [--seeds N] [--start S] [--statements M] [--on a,b] [--off c] [--async]
 *                 [--minimize K] [--verbose]`
 *
 * Runs N seeds of M generated statements through sql.js and Minnow, prints the totals and
 * each group of mismatches with a minimized reproducer for its first K members. Exit code 1
 * when anything differs.
 */
import { withFlags } from './features.js';
import { minimize } from './minimize.js';
import { describeMismatch, signature, summaryLine, totals } from './report.js';
import { runSeed, type SeedResult } from './runner.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function list(v: string | undefined): string[] {
  return v === undefined ? [] : v.split(',').filter((x) => x !== '');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const seeds = Number(option(args, 'seeds') ?? 20);
  const start = Number(option(args, 'start') ?? 1);
  const statements = Number(option(args, 'statements') ?? 200);
  const minimizeCount = Number(option(args, 'minimize') ?? 1);
  const features = withFlags(list(option(args, 'on')), list(option(args, 'off')));
  const async = args.includes('--async');
  const verbose = args.includes('--verbose');
  const results: SeedResult[] = [];
  const t0 = performance.now();
  for (let s = start; s < start + seeds; s++) {
    const r = await runSeed(s, { statements, features, async });
    results.push(r);
    if (verbose || r.mismatches.length > 0) {
      process.stdout.write(`seed ${s}: ${r.statements} statements, ${r.mismatches.length} mismatches${r.stoppedAt !== null ? ` (stopped at ${r.stoppedAt})` : ''}, slowest ${r.slowest.ms.toFixed(0)} ms\n`);
    }
  }
  const elapsed = (performance.now() - t0) / 1000;
  const t = totals(results);
  process.stdout.write(`\n${summaryLine(t)} in ${elapsed.toFixed(1)} s\n`);
  for (const [sig, ms] of t.groups) {
    process.stdout.write(`\n=== ${ms.length}× ${sig}\n`);
    for (const m of ms.slice(0, minimizeCount)) {
      const setup = await minimize(m.setup, m.statement.sql, m.statement.order, (reason) => signature({ ...m, reason }) === sig);
      process.stdout.write(`${describeMismatch(m, setup)}\n`);
    }
  }
  return t.mismatches > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(2);
  },
);
