/**
 * Test support: runs a script statement by statement on Minnow and on sql.js (real SQLite)
 * and reports, per statement, the rows (with storage classes), the error text, and for
 * INSERT/UPDATE/DELETE/REPLACE the changes count, so a test compares the two outcomes.
 * Works over MemoryStorage (sync path) and YieldingStorage (every read pends).
 */
import { intValue, realValue, SqlReal, type SqlValue } from '../src/format/sql-value.js';
import { MemoryStorage } from '../src/io/memory-storage.js';
import { YieldingStorage } from '../src/io/yielding-storage.js';
import { loadSqlJs, type SqlJsStatic } from './slt/adapters/sqljs.js';
import { SqliteError } from '../src/errors.js';
import { Connection } from '../src/engine/connection.js';

export type Backend = 'memory' | 'yielding';
export const BACKENDS: readonly Backend[] = ['memory', 'yielding'];

type Row = SqlValue[];

function sqljsValue(v: unknown): SqlValue {
  if (v === null || typeof v === 'string' || v instanceof Uint8Array) return v;
  if (typeof v === 'bigint') return intValue(v);
  return realValue(v as number);
}

function normalize(rows: Row[]): string[] {
  return rows.map((r) =>
    JSON.stringify(
      r.map((v) =>
        v instanceof SqlReal ? `real:${v.value}` : typeof v === 'number' && !Number.isInteger(v) ? `real:${v}` : v instanceof Uint8Array ? `blob:${Array.from(v).join(',')}` : typeof v === 'bigint' ? `int:${v}` : v,
      ),
    ),
  );
}

const COUNTS_CHANGES = /^\s*(INSERT|UPDATE|DELETE|REPLACE|WITH)\b/i;

/** One statement's outcome, as a comparable string. */
function describe(sql: string, rows: Row[] | null, error: string | null, changes: number): string {
  if (error !== null) return `error: ${error}`;
  const body = normalize(rows!);
  if (!/ORDER BY/i.test(sql) && !/RETURNING/i.test(sql)) body.sort();
  return `${body.join('\n')}${COUNTS_CHANGES.test(sql) ? `\nchanges=${changes}` : ''}`;
}

let sqlJs: SqlJsStatic | null = null;

export async function oracleOutcomes(script: readonly string[]): Promise<string[]> {
  sqlJs ??= await loadSqlJs();
  const db = new sqlJs.Database();
  const out: string[] = [];
  for (const sql of script) {
    try {
      const stmt = db.prepare(sql);
      const rows: Row[] = [];
      try {
        while (stmt.step()) rows.push(stmt.get(null, { useBigInt: true }).map(sqljsValue));
      } finally {
        stmt.free();
      }
      const changes = (db as unknown as { getRowsModified(): number }).getRowsModified();
      out.push(describe(sql, rows, null, changes));
    } catch (e) {
      out.push(describe(sql, null, (e as Error).message, 0));
    }
  }
  db.close();
  return out;
}

export async function openConnection(backend: Backend): Promise<Connection> {
  return backend === 'yielding' ? Connection.open(new YieldingStorage(new MemoryStorage()), 'kit.db') : Connection.openSync(new MemoryStorage(), 'kit.db');
}

/** Runs one statement; returns its rows, or throws its SqliteError. */
export async function run(conn: Connection, sql: string, backend: Backend): Promise<{ rows: Row[]; changes: number }> {
  const async = backend === 'yielding';
  const stmt = async ? (await conn.prepareAsync(sql))! : conn.prepare(sql)!;
  try {
    const rows = async ? await stmt.runAsync() : stmt.runSync();
    return { rows, changes: stmt.changes };
  } finally {
    stmt.finalize();
  }
}

export async function minnowOutcomes(script: readonly string[], backend: Backend, conn?: Connection): Promise<string[]> {
  const c = conn ?? (await openConnection(backend));
  const out: string[] = [];
  for (const sql of script) {
    try {
      const { rows, changes } = await run(c, sql, backend);
      out.push(describe(sql, rows, null, changes));
    } catch (e) {
      if (!(e instanceof SqliteError)) throw e;
      out.push(describe(sql, null, e.message, 0));
    }
  }
  if (conn === undefined) await c.close();
  return out;
}

/** Pairs each statement with its outcome, for readable test failures. */
export function labelled(script: readonly string[], outcomes: readonly string[]): string[] {
  return script.map((sql, i) => `${sql}\n  -> ${outcomes[i]}`);
}
