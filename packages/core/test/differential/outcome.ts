/**
 * Running one statement on each engine and describing what happened in comparable form:
 * rows of encoded values (storage class + exact value), an error message, or — Minnow only —
 * a crash (an exception that is not a SqliteError: a bug however the SQL looks).
 *
 * Encoding: NULL; i:<integer>; r:<double, exact, -0 kept>; t:<json text>; b:<hex>. REALs
 * print with JavaScript's shortest round-trip form, so two REALs encode alike only when they
 * are the same double.
 */
import { SqliteError } from '../../src/errors.js';
import { SqlReal, type SqlValue } from '../../src/format/sql-value.js';
import { MemoryStorage } from '../../src/io/memory-storage.js';
import { YieldingStorage } from '../../src/io/yielding-storage.js';
import { Connection } from '../../src/engine/connection.js';
import { loadSqlJs, type SqlJsDatabase } from '../slt/adapters/sqljs.js';

export type Outcome = { kind: 'rows'; rows: string[][] } | { kind: 'error'; message: string } | { kind: 'crash'; message: string };

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

function encodeReal(r: number): string {
  return `r:${Object.is(r, -0) ? '-0' : String(r)}`;
}

/** A Minnow value, encoded. */
export function encodeValue(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return Number.isInteger(v) ? `i:${v}` : encodeReal(v);
  if (typeof v === 'bigint') return `i:${v}`;
  if (typeof v === 'string') return `t:${JSON.stringify(v)}`;
  if (v instanceof SqlReal) return encodeReal(v.value);
  return `b:${hex(v)}`;
}

/** A sql.js value (bigint for INTEGER, number for REAL with useBigInt), encoded. */
function encodeSqlJs(v: unknown): string {
  if (v === null) return 'NULL';
  if (typeof v === 'bigint') return `i:${v}`;
  if (typeof v === 'number') return encodeReal(v);
  if (typeof v === 'string') return `t:${JSON.stringify(v)}`;
  if (v instanceof Uint8Array) return `b:${hex(v)}`;
  throw new Error(`unexpected sql.js value ${String(v)}`);
}

export interface Engine {
  run(sql: string): Promise<Outcome>;
  close(): Promise<void>;
}

export class OracleEngine implements Engine {
  private constructor(private readonly db: SqlJsDatabase) {}

  static async open(): Promise<OracleEngine> {
    const SQL = await loadSqlJs();
    return new OracleEngine(new SQL.Database());
  }

  run(sql: string): Promise<Outcome> {
    try {
      const stmt = this.db.prepare(sql);
      const rows: string[][] = [];
      try {
        while (stmt.step()) rows.push(stmt.get(null, { useBigInt: true }).map(encodeSqlJs));
      } finally {
        stmt.free();
      }
      return Promise.resolve({ kind: 'rows', rows });
    } catch (e) {
      return Promise.resolve({ kind: 'error', message: (e as Error).message });
    }
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

export class MinnowEngine implements Engine {
  private constructor(
    private readonly conn: Connection,
    private readonly async: boolean,
  ) {}

  /** `async`: over YieldingStorage, where every read pends and the statement is resumed. */
  static async open(async: boolean): Promise<MinnowEngine> {
    const conn = async ? await Connection.open(new YieldingStorage(new MemoryStorage()), 'diff.db') : Connection.openSync(new MemoryStorage(), 'diff.db');
    return new MinnowEngine(conn, async);
  }

  async run(sql: string): Promise<Outcome> {
    try {
      const stmt = this.async ? await this.conn.prepareAsync(sql) : this.conn.prepare(sql);
      if (stmt === null) return { kind: 'rows', rows: [] };
      try {
        const rows = this.async ? await stmt.runAsync() : stmt.runSync();
        return { kind: 'rows', rows: rows.map((r) => r.map(encodeValue)) };
      } finally {
        stmt.finalize();
      }
    } catch (e) {
      if (e instanceof SqliteError) return { kind: 'error', message: e.message };
      return { kind: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
  }

  async close(): Promise<void> {
    try {
      await this.conn.close();
    } catch {
      // A crashed statement may leave the connection unusable; the comparison already failed.
    }
  }
}
