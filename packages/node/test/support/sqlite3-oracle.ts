/**
 * The real SQLite (`sqlite3` CLI, Debian's package) as the oracle for file-format tests.
 *
 * Values cross the process boundary in a lossless canonical form, so no formatting quirk can
 * hide a difference:
 *   NULL -> "N"     INTEGER -> "I:<decimal>"     REAL -> "R:<quote()>" (20 significant digits: round-trips a double;
 *   sqlite3 3.40's printf('%.17g') is not correctly rounded, quote() is)
 *   TEXT -> "T:<hex of the UTF-8 bytes>"         BLOB -> "B:<hex>"
 * `canonical()` renders Minnow's SqlValues the same way.
 */
import { spawnSync } from 'node:child_process';
import { SqlReal, type SqlValue } from '@minnow/core';

const FIELD = '\x1f';

export function sqlite3Available(): boolean {
  return spawnSync('sqlite3', ['--version']).status === 0;
}

/** Runs SQL in sqlite3 against a file; returns stdout rows split into fields. Throws on error. */
export function sqlite3Query(dbPath: string, sql: string): string[][] {
  const r = spawnSync('sqlite3', ['-batch', '-bail', '-noheader', '-list', '-separator', FIELD, dbPath, sql], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`sqlite3 failed (${r.status}): ${r.stderr.trim()}`);
  const out = r.stdout.endsWith('\n') ? r.stdout.slice(0, -1) : r.stdout;
  return out === '' ? [] : out.split('\n').map((line) => line.split(FIELD));
}

export type Verdict = { ok: true } | { ok: false; code: 'SQLITE_CORRUPT' | 'SQLITE_NOTADB' | 'OTHER'; message: string };

/** What SQLite makes of a file: integrity_check "ok", or the error it reports. */
export function sqlite3Verdict(dbPath: string): Verdict {
  const r = spawnSync('sqlite3', ['-batch', dbPath, 'PRAGMA integrity_check'], { encoding: 'utf8' });
  const text = `${r.stdout}${r.stderr}`.trim();
  if (r.status === 0 && text === 'ok') return { ok: true };
  if (/file is not a database/.test(text)) return { ok: false, code: 'SQLITE_NOTADB', message: text };
  if (r.status === 0 || /malformed/.test(text)) return { ok: false, code: 'SQLITE_CORRUPT', message: text };
  return { ok: false, code: 'OTHER', message: text };
}

export interface OracleColumn {
  name: string;
  /** Index of the column in the table's declared order. */
  cid: number;
  /** The INTEGER PRIMARY KEY column: stored as NULL in the record, its value is the rowid. */
  isRowidAlias: boolean;
  /**
   * REAL affinity: SQLite may store an integral REAL as an INTEGER serial type and converts it
   * back when the column is read, so a reader of raw records must do the same.
   */
  realAffinity: boolean;
}

/** SQLite's affinity rules (datatype3.html, 3.1), answering only "is it REAL?". */
export function hasRealAffinity(declaredType: string): boolean {
  const t = declaredType.toUpperCase();
  if (t.includes('INT') || t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT') || t.includes('BLOB') || t === '') return false;
  return t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB');
}

function unhex(h: string): string {
  return Buffer.from(h, 'hex').toString('utf8');
}

export interface OracleTable {
  name: string;
  rootPage: number;
  withoutRowid: boolean;
  /** Columns in the order their values appear in the stored record. */
  stored: OracleColumn[];
  /** Canonical default values, per stored column, for records written before ADD COLUMN. */
  defaults: string[];
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function canonicalSql(expr: string): string {
  return `CASE typeof(${expr}) WHEN 'null' THEN 'N' WHEN 'integer' THEN 'I:' || (${expr}) ` +
    `WHEN 'real' THEN 'R:' || quote(${expr}) WHEN 'text' THEN 'T:' || hex(${expr}) ` +
    `ELSE 'B:' || hex(${expr}) END`;
}

/** The ordinary tables of a database (not views, virtual tables or sqlite_sequence-like internals are kept). */
export function sqlite3Tables(dbPath: string): OracleTable[] {
  // Names and SQL cross as hex: schema text may hold newlines and separators.
  const rows = sqlite3Query(dbPath, "SELECT hex(name), rootpage, hex(sql) FROM sqlite_schema WHERE type = 'table' AND rootpage > 0 ORDER BY name")
    .map(([name, rootPage, sql]) => [unhex(name!), rootPage!, unhex(sql!)]);
  return rows.map(([name, rootPage, sql]) => {
    const withoutRowid = /without\s+rowid\s*$/i.test((sql ?? '').trim().replace(/;$/, ''));
    const xinfo = sqlite3Query(dbPath, `SELECT cid, hex(name), hex(type), pk, hidden, hex(dflt_value) FROM pragma_table_xinfo(${lit(name!)})`)
      .map(([cid, n, type, pk, hidden, dflt]) => [cid!, unhex(n!), unhex(type!), pk!, hidden!, dflt === '' ? '' : unhex(dflt!)]);
    const pkCols = xinfo.filter((c) => Number(c[3]) > 0);
    const aliasCid =
      !withoutRowid && pkCols.length === 1 && /^integer$/i.test(pkCols[0]![2]!.trim()) && !hasDescPk(sql ?? '')
        ? Number(pkCols[0]![0])
        : -1;
    // VIRTUAL generated columns (hidden = 2) are not stored.
    let storedInfo = xinfo.filter((c) => Number(c[4]) !== 2);
    if (withoutRowid) {
      const pkIndex = sqlite3Query(dbPath, `SELECT name FROM pragma_index_list(${lit(name!)}) WHERE origin = 'pk'`)[0]![0]!;
      const order = sqlite3Query(dbPath, `SELECT cid FROM pragma_index_xinfo(${lit(pkIndex)}) WHERE cid >= 0`).map((r) => Number(r[0]));
      storedInfo = order.map((cid) => xinfo.find((c) => Number(c[0]) === cid)!);
    }
    const stored = storedInfo.map((c) => ({
      name: c[1]!,
      cid: Number(c[0]),
      isRowidAlias: Number(c[0]) === aliasCid,
      realAffinity: hasRealAffinity(c[2]!),
    }));
    const defaults = storedInfo.map((c) => {
      const d = c[5];
      if (d === undefined || d === '') return 'N';
      return sqlite3Query(':memory:', `SELECT ${canonicalSql(`(${d})`)}`)[0]![0]!;
    });
    return { name: name!, rootPage: Number(rootPage), withoutRowid, stored, defaults };
  });
}

function hasDescPk(sql: string): boolean {
  // `id INTEGER PRIMARY KEY DESC` is not a rowid alias (a SQLite quirk).
  return /integer\s+primary\s+key\s+desc/i.test(sql);
}

/**
 * Every row of a table in stored-record order, as canonical strings, sorted by key (rowid for
 * rowid tables, the canonical record text otherwise, since callers compare sets).
 */
export function sqlite3Rows(dbPath: string, table: OracleTable): { rowid: string | null; values: string[] }[] {
  const cols = table.stored.map((c) => canonicalSql(q(c.name)));
  // The rowid under a name no column has taken.
  const names = new Set(table.stored.map((c) => c.name.toLowerCase()));
  const rowidName = ['_rowid_', 'rowid', 'oid'].find((n) => !names.has(n)) ?? '_rowid_';
  const rowidExpr = table.withoutRowid ? "''" : `'I:' || ${rowidName}`;
  const rows = sqlite3Query(dbPath, `SELECT ${rowidExpr}, ${cols.join(', ')} FROM ${q(table.name)}`);
  return rows.map((r) => ({ rowid: table.withoutRowid ? null : r[0]!, values: r.slice(1) }));
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

/** Minnow's value in the oracle's canonical form. Text is rendered as UTF-8. */
export function canonical(v: SqlValue): string {
  if (v === null) return 'N';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return `I:${v}`;
    return `R:${v}`;
  }
  if (typeof v === 'bigint') return `I:${v}`;
  if (typeof v === 'string') return `T:${hex(Buffer.from(v, 'utf8'))}`;
  if (v instanceof SqlReal) return `R:${v.value}`;
  return `B:${hex(v)}`;
}

/** Compares canonical strings; reals are compared as doubles (the oracle prints %.17g). */
/** A record's stored value as a column with `column`'s affinity reads it (INTEGER -> REAL). */
export function asColumnReads(value: string, column: OracleColumn): string {
  return column.realAffinity && value.startsWith('I:') ? `R:${Number(value.slice(2))}` : value;
}

/**
 * Compares canonical strings. REALs compare as doubles within a relative 1e-15: sqlite3 3.40
 * prints them with 15 to 20 digits and its conversion is not always correctly rounded in the last
 * digit. (Bit-exactness of stored REALs is checked elsewhere: Minnow's records are compared byte
 * for byte with SQLite's in format/record-sqljs.test.ts, and readers re-read their own files.)
 */
export function sameCanonical(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a.startsWith('R:') || !b.startsWith('R:')) return false;
  const x = Number(a.slice(2));
  const y = Number(b.slice(2));
  if (x === y) return true;
  return Math.abs(x - y) <= 1e-15 * Math.max(Math.abs(x), Math.abs(y));
}
