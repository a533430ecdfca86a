/**
 * Compares SQL expressions between Minnow and sql.js (real SQLite): each `SELECT <expr>` (or
 * whole statement) must give the same values with the same storage classes, or the same
 * error text. Used by the built-in function tests.
 */
import { Connection } from '../src/engine/connection.js';
import { SqliteError } from '../src/errors.js';
import { intValue, realValue, SqlReal, type SqlValue } from '../src/format/sql-value.js';
import { MemoryStorage } from '../src/io/memory-storage.js';
import { YieldingStorage } from '../src/io/yielding-storage.js';

interface SqlJsStmt {
  step(): boolean;
  get(params: null, config: { useBigInt: boolean }): unknown[];
  free(): boolean;
}
interface SqlJsDb {
  prepare(sql: string): SqlJsStmt;
  run(sql: string): unknown;
  close(): void;
}
interface SqlJsModule {
  Database: new () => SqlJsDb;
}

const SQL_JS = 'sql.js';
let loading: Promise<SqlJsModule> | undefined;

/** sql.js without its legacy extension functions, so the math functions are SQLite's own. */
function loadOracle(): Promise<SqlJsModule> {
  loading ??= (import(/* @vite-ignore */ SQL_JS) as Promise<{ default: (o: object) => Promise<SqlJsModule> }>).then((m) =>
    m.default({ useOldExtensionFunctions: false }),
  );
  return loading;
}

function show(v: SqlValue): string {
  if (v === null) return 'NULL';
  if (v instanceof SqlReal) return `real:${Object.is(v.value, -0) ? '-0' : v.value}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `int:${v}` : `real:${v}`;
  if (typeof v === 'bigint') return `int:${v}`;
  if (typeof v === 'string') return `text:${JSON.stringify(v)}`;
  return `blob:${Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function fromSqlJs(v: unknown): SqlValue {
  if (v === null || typeof v === 'string' || v instanceof Uint8Array) return v;
  if (typeof v === 'bigint') return intValue(v);
  return realValue(v as number);
}

export type Outcome = string;

export class FunctionOracle {
  private constructor(
    private readonly db: SqlJsDb,
    private readonly conn: Connection,
    private readonly async: boolean,
  ) {}

  static async open(yielding = false): Promise<FunctionOracle> {
    const SQL = await loadOracle();
    const storage = yielding ? new YieldingStorage(new MemoryStorage()) : new MemoryStorage();
    const conn = yielding ? await Connection.open(storage, 'fn.db') : Connection.openSync(storage, 'fn.db');
    return new FunctionOracle(new SQL.Database(), conn, yielding);
  }

  expected(sql: string): Outcome {
    try {
      const stmt = this.db.prepare(sql);
      const rows: string[] = [];
      try {
        while (stmt.step()) rows.push(stmt.get(null, { useBigInt: true }).map((v) => show(fromSqlJs(v))).join(' | '));
      } finally {
        stmt.free();
      }
      return rows.join('\n');
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  }

  async actual(sql: string): Promise<Outcome> {
    try {
      const stmt = this.async ? (await this.conn.prepareAsync(sql))! : this.conn.prepare(sql)!;
      try {
        const rows = this.async ? await stmt.runAsync() : stmt.runSync();
        return rows.map((r) => r.map(show).join(' | ')).join('\n');
      } finally {
        stmt.finalize();
      }
    } catch (e) {
      if (e instanceof SqliteError) return `error: ${e.message}`;
      throw e;
    }
  }

  /** Runs setup SQL in both engines. */
  async exec(sql: string): Promise<void> {
    this.db.run(sql);
    if (this.async) await this.conn.execAsync(sql);
    else this.conn.exec(sql);
  }

  /** The statements whose outcome differs, as "sql\n  want ...\n  got  ..." lines. */
  async mismatches(statements: readonly string[]): Promise<string[]> {
    const bad: string[] = [];
    for (const sql of statements) {
      const want = this.expected(sql);
      const got = await this.actual(sql);
      if (want !== got) bad.push(`${sql}\n  want ${want}\n  got  ${got}`);
    }
    return bad;
  }

  /**
   * Like `check`, but REAL results may differ in the last few bits: the math functions come
   * from the platform's libm in SQLite (emscripten's in sql.js), whose last-ulp rounding is
   * not specified. Types, NULLs, errors and all other values must still match exactly.
   */
  async checkApprox(statements: readonly string[], show = 4): Promise<(string | number)[]> {
    const bad: string[] = [];
    for (const sql of statements) {
      const want = this.expected(sql);
      const got = await this.actual(sql);
      if (want !== got && !nearlyEqual(want, got)) bad.push(`${sql}\n  want ${want}\n  got  ${got}`);
    }
    return bad.length === 0 ? [] : [`${bad.length} of ${statements.length} differ`, ...bad.slice(0, show)];
  }

  /** Like `mismatches`, summarized: [] when all agree, else the count and the first few. */
  async check(statements: readonly string[], show = 4): Promise<(string | number)[]> {
    const bad = await this.mismatches(statements);
    return bad.length === 0 ? [] : [`${bad.length} of ${statements.length} differ`, ...bad.slice(0, show)];
  }

  async close(): Promise<void> {
    this.db.close();
    await this.conn.close();
  }
}

function nearlyEqual(want: string, got: string): boolean {
  const a = want.split(' | ');
  const b = got.split(' | ');
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    if (x === y) return true;
    if (!x.startsWith('real:') || !y.startsWith('real:')) return false;
    const p = Number(x.slice(5));
    const q = Number(y.slice(5));
    return Math.abs(p - q) <= Math.abs(p) * 2 ** -49;
  });
}

/** Every `SELECT name(a, b, ...)` for the argument tuples of `pools` (cartesian product). */
export function calls(name: string, ...pools: readonly string[][]): string[] {
  let tuples: string[][] = [[]];
  for (const pool of pools) tuples = tuples.flatMap((t) => pool.map((a) => [...t, a]));
  return tuples.map((t) => `SELECT ${name}(${t.join(', ')})`);
}

/** A small deterministic PRNG (mulberry32) for generated inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
