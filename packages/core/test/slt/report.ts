/**
 * Report lines for one file's result: a status line, then its failures (a one-line reason
 * each; with `verbose`, also the SQL, the expected and the actual lines).
 */
import type { FileResult, RecordFailure } from './run-file.js';

/** Failures listed per file without --verbose. */
const BRIEF_FAILURES = 5;

export function describeFile(name: string, result: FileResult, verbose: boolean): string[] {
  const status = result.failed > 0 ? 'FAIL' : 'ok  ';
  const halted = result.haltedAt === undefined ? '' : `, halted at line ${result.haltedAt}`;
  const lines = [
    `${status} ${name}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped` +
      ` (${(result.elapsedMs / 1000).toFixed(1)}s${halted})`,
  ];
  const shown = verbose ? result.failures : result.failures.slice(0, BRIEF_FAILURES);
  for (const f of shown) lines.push(...describeFailure(f, verbose));
  const hidden = result.failures.length - shown.length + result.failuresOmitted;
  if (hidden > 0) lines.push(`  ... ${hidden} more failures${verbose ? ' (not detailed)' : ' (--verbose shows more)'}`);
  return lines;
}

export function describeFailure(f: RecordFailure, verbose: boolean): string[] {
  const lines = [f.kind === 'file' ? `  file: ${f.message}` : `  line ${f.line}: ${f.kind}: ${f.message}`];
  if (!verbose) return lines;
  const block = (title: string, body: readonly string[] | undefined): void => {
    if (body === undefined) return;
    lines.push(`    ${title}:`);
    for (const l of body) lines.push(`      ${l}`);
  };
  block('sql', f.sql?.split('\n'));
  block('expected', f.expected);
  block('actual', f.actual);
  block('actual values', f.values);
  return lines;
}
