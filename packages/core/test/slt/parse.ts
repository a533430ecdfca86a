/**
 * Parser for sqllogictest scripts (the format of SQLite's sqllogictest suite).
 *
 * A script is a sequence of records separated by blank lines (lines holding only whitespace
 * count as blank; a trailing CR is dropped, so CRLF files read like LF ones). Lines starting
 * with `#` are dropped wherever they appear. A record is:
 *
 *   [skipif <engine> | onlyif <engine>]...      conditions; words after the engine are ignored
 *   statement ok | statement error
 *   <SQL lines>
 *
 *   [conditions]
 *   query <TYPES> [nosort|rowsort|valuesort] [<label>]
 *   <SQL lines>
 *   ----
 *   <expected values, one per line>           (or "<N> values hashing to <md5>")
 *
 *   [conditions]
 *   hash-threshold <N>        |        halt
 *
 * Malformed records become `invalid` records (reported as failures), so one bad record does
 * not hide the rest of the file.
 */

export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

export interface Condition {
  readonly kind: 'skipif' | 'onlyif';
  readonly engine: string;
}

interface RecordBase {
  /** 1-based line of the record's command (after its conditions). */
  readonly line: number;
  readonly conditions: readonly Condition[];
}

export interface StatementRecord extends RecordBase {
  readonly kind: 'statement';
  readonly expectError: boolean;
  readonly sql: string;
}

export interface QueryRecord extends RecordBase {
  readonly kind: 'query';
  /** One letter per result column: I, R or T. */
  readonly types: string;
  readonly sort: SortMode;
  readonly label: string | undefined;
  readonly sql: string;
  /** Lines after `----`; undefined when the record has no `----` (results are not checked). */
  readonly expected: readonly string[] | undefined;
}

export interface HashThresholdRecord extends RecordBase {
  readonly kind: 'hash-threshold';
  readonly threshold: number;
}

export interface HaltRecord extends RecordBase {
  readonly kind: 'halt';
}

export interface InvalidRecord extends RecordBase {
  readonly kind: 'invalid';
  readonly message: string;
}

export type SltRecord = StatementRecord | QueryRecord | HashThresholdRecord | HaltRecord | InvalidRecord;

const SORT_MODES: ReadonlySet<string> = new Set(['nosort', 'rowsort', 'valuesort']);
const COLUMN_TYPES = /^[IRT]+$/;
const RESULT_SEPARATOR = '----';

interface Line {
  readonly text: string;
  readonly number: number;
}

/** Splits a script into blocks of non-blank, non-comment lines. */
function blocks(script: string): Line[][] {
  const out: Line[][] = [];
  let current: Line[] = [];
  const lines = script.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]!;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.startsWith('#')) continue;
    if (text.trim() === '') {
      if (current.length > 0) out.push(current);
      current = [];
      continue;
    }
    current.push({ text, number: i + 1 });
  }
  if (current.length > 0) out.push(current);
  return out;
}

function tokens(text: string): string[] {
  return text.trim().split(/\s+/);
}

export function parseScript(script: string): SltRecord[] {
  return blocks(script).map(parseBlock);
}

function parseBlock(block: Line[]): SltRecord {
  const conditions: Condition[] = [];
  let i = 0;
  for (; i < block.length; i++) {
    const t = tokens(block[i]!.text);
    if (t[0] !== 'skipif' && t[0] !== 'onlyif') break;
    if (t.length < 2) return invalid(block[i]!.number, conditions, `${t[0]} without an engine name`);
    conditions.push({ kind: t[0], engine: t[1]! });
  }
  const head = block[i];
  if (head === undefined) return invalid(block[0]!.number, conditions, 'conditions without a record');
  const t = tokens(head.text);
  const body = block.slice(i + 1);
  const line = head.number;
  switch (t[0]) {
    case 'statement': {
      if (t[1] !== 'ok' && t[1] !== 'error') {
        return invalid(line, conditions, `unknown statement expectation '${t[1] ?? ''}'`);
      }
      if (body.length === 0) return invalid(line, conditions, 'statement without SQL');
      return { kind: 'statement', line, conditions, expectError: t[1] === 'error', sql: joinSql(body) };
    }
    case 'query':
      return parseQuery(t, body, line, conditions);
    case 'hash-threshold': {
      const n = Number(t[1]);
      if (t[1] === undefined || !Number.isInteger(n) || n < 0) {
        return invalid(line, conditions, `bad hash-threshold '${t[1] ?? ''}'`);
      }
      return { kind: 'hash-threshold', line, conditions, threshold: n };
    }
    case 'halt':
      return { kind: 'halt', line, conditions };
    default:
      return invalid(line, conditions, `unknown record type '${t[0]}'`);
  }
}

function parseQuery(t: string[], body: Line[], line: number, conditions: Condition[]): SltRecord {
  const types = t[1] ?? '';
  if (!COLUMN_TYPES.test(types)) return invalid(line, conditions, `bad column types '${types}'`);
  let sort: SortMode = 'nosort';
  if (t[2] !== undefined) {
    if (!SORT_MODES.has(t[2])) return invalid(line, conditions, `unknown sort mode '${t[2]}'`);
    sort = t[2] as SortMode;
  }
  const label = t[3];
  const sep = body.findIndex((l) => l.text.trim() === RESULT_SEPARATOR);
  const sqlLines = sep < 0 ? body : body.slice(0, sep);
  if (sqlLines.length === 0) return invalid(line, conditions, 'query without SQL');
  const expected = sep < 0 ? undefined : body.slice(sep + 1).map((l) => l.text);
  return { kind: 'query', line, conditions, types, sort, label, sql: joinSql(sqlLines), expected };
}

function joinSql(lines: Line[]): string {
  return lines.map((l) => l.text).join('\n');
}

function invalid(line: number, conditions: Condition[], message: string): InvalidRecord {
  return { kind: 'invalid', line, conditions, message };
}

/** Whether an engine of dialect `dialect` runs a record with these conditions. */
export function appliesTo(conditions: readonly Condition[], dialect: string): boolean {
  for (const c of conditions) {
    if (c.kind === 'skipif' && c.engine === dialect) return false;
    if (c.kind === 'onlyif' && c.engine !== dialect) return false;
  }
  return true;
}
