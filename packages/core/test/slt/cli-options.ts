/**
 * Command-line options of `pnpm slt` (scripts/slt.ts):
 *
 *   pnpm slt [options] <file-or-dir>...
 *     --engine sqljs|minnow     engine under test (default sqljs)
 *     --jobs N                  parallel child processes (default: available cores)
 *     --fail-fast               stop at the first failing record
 *     --verbose                 print each failing record's SQL, expected and actual lines
 *     --timeout-per-file SECS   kill a file's run after SECS seconds (default 600; 0 = none)
 *     --json FILE               also write per-file results (with every failed record's line) as JSON
 */
import { availableParallelism } from 'node:os';
import { ENGINE_NAMES, isEngineName } from './engines.js';
import type { RunConfig } from './run.js';

export const DEFAULT_TIMEOUT_PER_FILE_SECONDS = 600;

export const USAGE = `usage: pnpm slt [--engine ${ENGINE_NAMES.join('|')}] [--jobs N] [--fail-fast] [--verbose] [--timeout-per-file SECS] [--json FILE] <file-or-dir>...`;

export function parseCliArgs(argv: readonly string[]): RunConfig | { error: string } {
  let engine = 'sqljs';
  let jobs = availableParallelism();
  let failFast = false;
  let verbose = false;
  let timeoutSeconds = DEFAULT_TIMEOUT_PER_FILE_SECONDS;
  let jsonPath: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--engine':
        engine = value() ?? '';
        if (!isEngineName(engine)) return { error: `unknown engine '${engine}' (one of: ${ENGINE_NAMES.join(', ')})` };
        break;
      case '--jobs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) return { error: '--jobs needs a positive integer' };
        jobs = n;
        break;
      }
      case '--timeout-per-file': {
        const n = Number(value());
        if (!Number.isFinite(n) || n < 0) return { error: '--timeout-per-file needs a number of seconds (0 = none)' };
        timeoutSeconds = n;
        break;
      }
      case '--json':
        jsonPath = value();
        if (!jsonPath) return { error: '--json needs a file name' };
        break;
      case '--fail-fast':
        failFast = true;
        break;
      case '--verbose':
        verbose = true;
        break;
      default:
        if (arg.startsWith('--')) return { error: `unknown option ${arg}` };
        paths.push(arg);
    }
  }
  if (paths.length === 0) return { error: 'no test files or directories given' };
  if (!isEngineName(engine)) return { error: `unknown engine '${engine}'` };
  return { paths, engine, jobs, failFast, verbose, timeoutPerFileMs: timeoutSeconds * 1000, ...(jsonPath === undefined ? {} : { jsonPath }) };
}
