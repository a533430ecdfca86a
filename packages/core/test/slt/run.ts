/**
 * Runs many sqllogictest files (files or directories, searched for `*.test`) and prints a
 * line per file and a summary. The last line is `N passed, N failed` (records).
 *
 * In-process when jobs is 1 and there is no per-file timeout (easiest to debug); otherwise in
 * a pool of child processes (file-pool.ts), biggest files first so the cores stay busy.
 * A file that yields no result (timeout, crash) counts every record it would run as failed.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadEngine, type EngineName } from './engines.js';
import { runFilesInPool, type FileOutcome } from './file-pool.js';
import { parseScript } from './parse.js';
import { countRunnable, DEFAULT_DIALECT, errorText, runFile, type FileResult, type RunOptions } from './run-file.js';
import { describeFile } from './report.js';

export interface RunConfig {
  readonly paths: readonly string[];
  readonly engine: EngineName;
  readonly jobs: number;
  readonly failFast: boolean;
  readonly verbose: boolean;
  /** 0 = no limit. */
  readonly timeoutPerFileMs: number;
  /** Write per-file results here as JSON (JsonReport). */
  readonly jsonPath?: string;
  /** Where report lines go (default console.log). */
  readonly print?: (line: string) => void;
}

export interface RunSummary {
  readonly files: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly elapsedMs: number;
}

/** The `--json` report: one entry per file, paths relative to the working directory. */
export interface JsonReport {
  readonly engine: string;
  readonly elapsedMs: number;
  readonly files: { file: string; passed: number; failed: number; skipped: number; elapsedMs: number; failedLines: number[] }[];
}

/** Failures a file reports in detail; the rest are counted. */
const MAX_FAILURE_DETAILS = 200;

/** Every `*.test` file under `paths`, biggest first. */
export async function collectTestFiles(paths: readonly string[]): Promise<string[]> {
  const found: { file: string; size: number }[] = [];
  const pending = [...paths];
  for (let p = pending.pop(); p !== undefined; p = pending.pop()) {
    const s = await stat(p);
    if (s.isDirectory()) {
      for (const entry of await readdir(p)) pending.push(join(p, entry));
    } else if (s.isFile() && (p.endsWith('.test') || paths.includes(p))) {
      found.push({ file: p, size: s.size });
    }
  }
  found.sort((a, b) => b.size - a.size || (a.file < b.file ? -1 : 1));
  return found.map((f) => f.file);
}

export async function runAll(config: RunConfig): Promise<RunSummary> {
  const print = config.print ?? ((line: string) => console.log(line));
  const started = performance.now();
  const files = await collectTestFiles(config.paths);
  const runOptions: RunOptions = { failFast: config.failFast, maxFailureDetails: MAX_FAILURE_DETAILS };
  const totals = { files: 0, passed: 0, failed: 0, skipped: 0 };
  const jsonFiles: JsonReport['files'] = [];

  const onDone = async (outcome: FileOutcome): Promise<boolean> => {
    const result = 'result' in outcome ? outcome.result : await failedFile(outcome.file, outcome.error);
    totals.files++;
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
    const name = relative(process.cwd(), outcome.file) || outcome.file;
    jsonFiles.push({ file: name, passed: result.passed, failed: result.failed, skipped: result.skipped, elapsedMs: Math.round(result.elapsedMs), failedLines: result.failedLines });
    for (const line of describeFile(relative(process.cwd(), outcome.file) || outcome.file, result, config.verbose)) print(line);
    return !(config.failFast && result.failed > 0);
  };

  if (config.jobs <= 1 && config.timeoutPerFileMs <= 0) {
    const engine = await loadEngine(config.engine);
    for (const file of files) {
      let outcome: FileOutcome;
      try {
        outcome = { file, result: await runFile(file, engine, runOptions) };
      } catch (e) {
        outcome = { file, error: errorText(e) };
      }
      if (!(await onDone(outcome))) break;
    }
  } else {
    // Reports are printed in completion order; onDone is async, so chain them.
    let chain = Promise.resolve();
    await runFilesInPool(files, { engine: config.engine, jobs: config.jobs, timeoutPerFileMs: config.timeoutPerFileMs, runOptions }, (o) => {
      chain = chain.then(async () => {
        await onDone(o);
      });
      return !(config.failFast && ('error' in o || o.result.failed > 0));
    });
    await chain;
  }

  const elapsedMs = performance.now() - started;
  const counted = totals.passed + totals.failed;
  const rate = counted === 0 ? 0 : (100 * totals.passed) / counted;
  print('');
  print(
    `${totals.files} of ${files.length} files, engine ${config.engine}, ${(elapsedMs / 1000).toFixed(1)}s: ` +
      `${rate.toFixed(3)}% of ${counted} records passed, ${totals.skipped} skipped`,
  );
  print(`${totals.passed} passed, ${totals.failed} failed`);
  if (config.jsonPath !== undefined) {
    const report: JsonReport = { engine: config.engine, elapsedMs: Math.round(elapsedMs), files: jsonFiles };
    await writeFile(config.jsonPath, JSON.stringify(report, null, 1));
  }
  return { ...totals, elapsedMs };
}

/** The result of a file that produced none: every record it would run failed. */
async function failedFile(file: string, error: string): Promise<FileResult> {
  let runnable = 1;
  let skipped = 0;
  try {
    ({ runnable, skipped } = countRunnable(parseScript(await readFile(file, 'utf8')), DEFAULT_DIALECT));
  } catch {
    // Unreadable: count the file as one failure.
  }
  return {
    passed: 0,
    failed: Math.max(runnable, 1),
    skipped,
    failures: [{ line: 0, kind: 'file', message: error }],
    failuresOmitted: 0,
    failedLines: [0],
    elapsedMs: 0,
  };
}
