/**
 * Test support: runs SQL through Minnow and through sql.js (real SQLite) and returns
 * comparable outcomes (rows with storage classes, or the error text).
 */
import { intValue, realValue, SqlReal, type SqlValue } from '../src/format/sql-value.js';
import { MemoryStorage } from '../src/io/memory-storage.js';
import { YieldingStorage } from '../src/io/yielding-storage.js';
import { loadSqlJs, type SqlJsStatic } from './slt/adapters/sqljs.js';
import { SqliteError } from '../src/errors.js';
import { Connection } from '../src/engine/connection.js';

type Row = SqlValue[];
export type Outcome = { rows: string[]; columns?: string[] } | { error: string };

function sqljsValue(v: unknown): SqlValue {
  if (v === null || typeof v === 'string' || v instanceof Uint8Array) return v;
  if (typeof v === 'bigint') return intValue(v);
  return realValue(v as number);
}

function show(v: SqlValue): unknown {
  if (v instanceof SqlReal) return `real:${v.value}`;
  if (typeof v === 'number' && !Number.isInteger(v)) return `real:${v}`;
  if (v instanceof Uint8Array) return `blob:${Array.from(v).join(',')}`;
  if (typeof v === 'bigint') return `int:${v}`;
  return v;
}

function rowsOf(rows: Row[], ordered: boolean): string[] {
  const list = rows.map((r) => JSON.stringify(r.map(show)));
  return ordered ? list : list.sort();
}

export class Oracle {
  private constructor(
    private readonly sqljs: InstanceType<SqlJsStatic['Database']>,
    private readonly conn: Connection,
    private readonly async: boolean,
  ) {}

  static async open(async: boolean): Promise<Oracle> {
    const SQL = await loadSqlJs();
    const storage = async ? new YieldingStorage(new MemoryStorage()) : new MemoryStorage();
    const conn = async ? await Connection.open(storage, 'oracle.db') : Connection.openSync(storage, 'oracle.db');
    return new Oracle(new SQL.Database(), conn, async);
  }

  expected(sql: string, ordered: boolean): Outcome {
    try {
      const stmt = this.sqljs.prepare(sql);
      const rows: Row[] = [];
      try {
        while (stmt.step()) rows.push(stmt.get(null, { useBigInt: true }).map(sqljsValue));
        return { rows: rowsOf(rows, ordered), columns: stmt.getColumnNames() };
      } finally {
        stmt.free();
      }
    } catch (e) {
      return { error: (e as Error).message };
    }
  }

  async actual(sql: string, ordered: boolean): Promise<Outcome> {
    try {
      const stmt = this.async ? (await this.conn.prepareAsync(sql))! : this.conn.prepare(sql)!;
      try {
        const rows = this.async ? await stmt.runAsync() : stmt.runSync();
        return { rows: rowsOf(rows, ordered), columns: [...stmt.columnNames()] };
      } finally {
        stmt.finalize();
      }
    } catch (e) {
      if (e instanceof SqliteError) return { error: e.message };
      throw e;
    }
  }

  async close(): Promise<void> {
    this.sqljs.close();
    await this.conn.close();
  }
}
