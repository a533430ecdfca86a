/**
 * Runs one sqllogictest script against one engine session (a fresh database) and reports
 * every record's outcome.
 *
 * Counting: `statement`, `query` and malformed records are counted, each as passed, failed or
 * skipped (skipif/onlyif exclude it for the `sqlite` dialect). `hash-threshold` and `halt`
 * are directives, not counted; records after an applicable `halt` are not counted either.
 * If the engine cannot open a session, every record that would have run counts as failed.
 */
import { readFile } from 'node:fs/promises';
import { isPromiseLike, SltSqlError, type QueryResult, type SltEngine, type SltSession } from './engine.js';
import { formatValue, type ColumnType } from './format.js';
import { appliesTo, parseScript, type QueryRecord, type SltRecord, type StatementRecord } from './parse.js';
import { describeDifference, hashLine, hashValues, isHashed, sortValues } from './result-check.js';

export const DEFAULT_DIALECT = 'sqlite';
export const DEFAULT_HASH_THRESHOLD = 8;
/** Expected/actual lines kept in a failure report. */
const MAX_REPORT_LINES = 40;

export interface RunOptions {
  /** Name matched by skipif/onlyif (default `sqlite`). */
  readonly dialect?: string;
  /** hash-threshold before the script sets one (default 8). */
  readonly hashThreshold?: number;
  /** Stop at the first failing record. */
  readonly failFast?: boolean;
  /** Keep an outcome entry for every counted record (default: failures only). */
  readonly keepOutcomes?: boolean;
  /** Failures reported in detail; later ones are only counted (default: all). */
  readonly maxFailureDetails?: number;
}

export type RecordStatus = 'passed' | 'failed' | 'skipped';

export interface RecordOutcome {
  readonly line: number;
  readonly status: RecordStatus;
}

export interface RecordFailure {
  readonly line: number;
  readonly kind: 'statement' | 'query' | 'invalid' | 'file';
  readonly message: string;
  readonly sql?: string;
  /** Expected lines (truncated to MAX_REPORT_LINES). */
  readonly expected?: readonly string[];
  /** Actual lines compared with them (truncated likewise). */
  readonly actual?: readonly string[];
  /** When the comparison was by hash: the first actual values, for debugging. */
  readonly values?: readonly string[];
}

export interface FileResult {
  passed: number;
  failed: number;
  skipped: number;
  failures: RecordFailure[];
  /** Failures counted but not detailed (beyond RunOptions.maxFailureDetails). */
  failuresOmitted: number;
  /** The line of every failed record (detailed or not), in file order. */
  failedLines: number[];
  outcomes?: RecordOutcome[];
  /** Line of the `halt` that ended the script early. */
  haltedAt?: number;
  elapsedMs: number;
}

export async function runFile(path: string, engine: SltEngine, options: RunOptions = {}): Promise<FileResult> {
  return runScript(await readFile(path, 'utf8'), engine, options);
}

/** The records of a script that an engine of `dialect` would run, up to an applicable halt. */
export function countRunnable(records: readonly SltRecord[], dialect: string): { runnable: number; skipped: number } {
  let runnable = 0;
  let skipped = 0;
  for (const r of records) {
    const applies = appliesTo(r.conditions, dialect);
    if (r.kind === 'halt') {
      if (applies) break;
      continue;
    }
    if (r.kind === 'hash-threshold') continue;
    if (applies) runnable++;
    else skipped++;
  }
  return { runnable, skipped };
}

export async function runScript(script: string, engine: SltEngine, options: RunOptions = {}): Promise<FileResult> {
  const started = performance.now();
  const dialect = options.dialect ?? DEFAULT_DIALECT;
  const records = parseScript(script);
  const result: FileResult = { passed: 0, failed: 0, skipped: 0, failures: [], failuresOmitted: 0, failedLines: [], elapsedMs: 0 };
  if (options.keepOutcomes) result.outcomes = [];

  let session: SltSession;
  try {
    const opened = engine.open();
    session = isPromiseLike(opened) ? await opened : opened;
  } catch (e) {
    const { runnable, skipped } = countRunnable(records, dialect);
    result.failed = runnable;
    result.skipped = skipped;
    result.failures.push({ line: 0, kind: 'file', message: `engine ${engine.name} failed to open: ${errorText(e)}` });
    result.elapsedMs = performance.now() - started;
    return result;
  }

  const state: ScriptState = { hashThreshold: options.hashThreshold ?? DEFAULT_HASH_THRESHOLD, labels: new Map() };
  try {
    for (const record of records) {
      const applies = appliesTo(record.conditions, dialect);
      if (record.kind === 'halt') {
        if (!applies) continue;
        result.haltedAt = record.line;
        break;
      }
      if (record.kind === 'hash-threshold') {
        if (applies) state.hashThreshold = record.threshold;
        continue;
      }
      if (!applies) {
        count(result, record.line, 'skipped');
        continue;
      }
      let failure: RecordFailure | undefined;
      if (record.kind === 'invalid') {
        failure = { line: record.line, kind: 'invalid', message: `malformed record: ${record.message}` };
      } else if (record.kind === 'statement') {
        const r = runStatement(session, record);
        failure = isPromiseLike(r) ? await r : r;
      } else {
        const r = runQuery(session, record, state);
        failure = isPromiseLike(r) ? await r : r;
      }
      if (failure === undefined) {
        count(result, record.line, 'passed');
      } else {
        count(result, record.line, 'failed');
        result.failedLines.push(record.line);
        if (result.failures.length < (options.maxFailureDetails ?? Infinity)) result.failures.push(failure);
        else result.failuresOmitted++;
        if (options.failFast) break;
      }
    }
  } finally {
    try {
      const closed = session.close();
      if (isPromiseLike(closed)) await closed;
    } catch {
      // A failed close does not change the records' outcomes.
    }
  }
  result.elapsedMs = performance.now() - started;
  return result;
}

interface ScriptState {
  hashThreshold: number;
  /** label -> hash of the first query with that label, and its line. */
  labels: Map<string, { hash: string; line: number }>;
}

function count(result: FileResult, line: number, status: RecordStatus): void {
  result[status]++;
  result.outcomes?.push({ line, status });
}

function runStatement(session: SltSession, record: StatementRecord): RecordFailure | undefined | Promise<RecordFailure | undefined> {
  const judge = (error: unknown): RecordFailure | undefined => {
    const base = { line: record.line, kind: 'statement' as const, sql: record.sql };
    if (error === undefined) {
      return record.expectError ? { ...base, message: 'statement succeeded but an error was expected' } : undefined;
    }
    if (!(error instanceof SltSqlError)) return { ...base, message: `engine crashed: ${errorText(error)}` };
    return record.expectError ? undefined : { ...base, message: `statement failed: ${error.message}` };
  };
  let pending: void | Promise<void>;
  try {
    pending = session.exec(record.sql);
  } catch (e) {
    return judge(e);
  }
  if (isPromiseLike(pending)) return pending.then(() => judge(undefined), judge);
  return judge(undefined);
}

function runQuery(session: SltSession, record: QueryRecord, state: ScriptState): RecordFailure | undefined | Promise<RecordFailure | undefined> {
  const onError = (error: unknown): RecordFailure => {
    const why = error instanceof SltSqlError ? `query failed: ${error.message}` : `engine crashed: ${errorText(error)}`;
    return { line: record.line, kind: 'query', sql: record.sql, message: why, expected: truncate(record.expected ?? []) };
  };
  let pending: QueryResult | Promise<QueryResult>;
  try {
    pending = session.query(record.sql);
  } catch (e) {
    return onError(e);
  }
  if (isPromiseLike(pending)) return pending.then((r) => checkQuery(record, r, state), onError);
  return checkQuery(record, pending, state);
}

/** Formats, sorts and compares a query result; records the label's hash. */
function checkQuery(record: QueryRecord, result: QueryResult, state: ScriptState): RecordFailure | undefined {
  const base = { line: record.line, kind: 'query' as const, sql: record.sql };
  const columnCount = record.types.length;
  if (result.columns.length !== columnCount) {
    return { ...base, message: `expected ${columnCount} result columns, got ${result.columns.length}` };
  }
  const types = record.types.split('') as ColumnType[];
  const values: string[] = [];
  for (const row of result.rows) {
    for (let c = 0; c < columnCount; c++) values.push(formatValue(row[c] ?? null, types[c]!));
  }
  const sorted = sortValues(values, columnCount, record.sort);
  const hashed = isHashed(sorted.length, state.hashThreshold);
  const hash = hashed || record.label !== undefined ? hashValues(sorted) : undefined;
  const stepError = result.error === undefined ? '' : ` (query stopped with an error: ${result.error})`;

  if (record.expected !== undefined) {
    const actual = hashed ? [`${sorted.length} values hashing to ${hash}`] : sorted;
    const difference = describeDifference(record.expected, actual);
    if (difference !== undefined) {
      // The label still records this result: later queries with the label are compared with it.
      rememberLabel(record, hash, state);
      return {
        ...base,
        message: difference + stepError,
        expected: truncate(record.expected),
        actual: truncate(actual),
        ...(hashed ? { values: truncate(sorted) } : {}),
      };
    }
  }
  if (record.label !== undefined && hash !== undefined) {
    const first = state.labels.get(record.label);
    if (first !== undefined && first.hash !== hash) {
      return {
        ...base,
        message: `label ${record.label}: result differs from the query at line ${first.line} with the same label${stepError}`,
        actual: [hashLine(sorted)],
        values: truncate(sorted),
      };
    }
    rememberLabel(record, hash, state);
  }
  return undefined;
}

function rememberLabel(record: QueryRecord, hash: string | undefined, state: ScriptState): void {
  if (record.label === undefined || hash === undefined || state.labels.has(record.label)) return;
  state.labels.set(record.label, { hash, line: record.line });
}

function truncate(lines: readonly string[]): string[] {
  if (lines.length <= MAX_REPORT_LINES) return lines.slice();
  return [...lines.slice(0, MAX_REPORT_LINES), `... (${lines.length - MAX_REPORT_LINES} more)`];
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const frame = e.stack?.split('\n').find((l) => l.trimStart().startsWith('at '));
    return `${e.name}: ${e.message}${frame === undefined ? '' : ` [${frame.trim()}]`}`;
  }
  return String(e);
}
