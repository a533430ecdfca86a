/**
 * A prepared statement on the page: the same names and shapes as `@minnow/node`'s promise API,
 * every call a promise answered by the worker. Row shaping (`raw`, `pluck`, `safeIntegers`)
 * is set here, synchronously and chainably, and applied in the worker before rows cross.
 */
import { SqliteError } from '@minnow/core';
import type { RowShape, RunInfo } from '../worker/wire-types.js';
import { normalizeParams } from './params.js';
import type { Database } from './database.js';

export interface ColumnInfo {
  name: string;
  column: string | null;
  table: string | null;
  database: string | null;
  type: string | null;
}

export class Statement {
  private readonly shape: RowShape = { raw: false, pluck: false, safeIntegers: false };
  private bound: unknown[] | null = null;
  private finalized = false;

  /** @internal made by Database.prepare */
  constructor(
    private readonly db: Database,
    private readonly id: string,
    /** The SQL text. */
    readonly source: string,
    private readonly columnNames: readonly string[],
    /** Whether it returns rows. */
    readonly reader: boolean,
    /** Whether running it leaves the database unchanged. */
    readonly readonly: boolean,
  ) {}

  /** Rows as arrays of values instead of objects. */
  raw(on = true): this {
    this.shape.raw = on;
    if (on) this.shape.pluck = false;
    return this;
  }

  /** Only the first column's value of each row. */
  pluck(on = true): this {
    this.shape.pluck = on;
    if (on) this.shape.raw = false;
    return this;
  }

  /** INTEGERs as bigints. */
  safeIntegers(on = true): this {
    this.shape.safeIntegers = on;
    return this;
  }

  /** Binds parameters for every later call (which then must not pass their own). */
  bind(...params: unknown[]): this {
    if (this.bound !== null) throw new TypeError('The bind() method can only be invoked once per statement object');
    this.bound = params;
    return this;
  }

  columns(): ColumnInfo[] {
    return this.columnNames.map((name) => ({ name, column: null, table: null, database: null, type: null }));
  }

  run(...params: unknown[]): Promise<RunInfo> {
    return this.call('run', params).then((r) => (r as { run: RunInfo }).run);
  }

  get(...params: unknown[]): Promise<unknown> {
    return this.call('get', params).then((r) => (r as { row: unknown }).row);
  }

  all(...params: unknown[]): Promise<unknown[]> {
    return this.call('all', params).then((r) => (r as { rows: unknown[] }).rows);
  }

  /** Rows one by one; they are fetched together in one call to the worker. */
  async *iterate(...params: unknown[]): AsyncGenerator<unknown, void, undefined> {
    for (const row of await this.all(...params)) yield row;
  }

  /** Frees the statement in the worker; later calls fail. */
  async close(): Promise<void> {
    if (this.finalized) return;
    this.finalized = true;
    this.db.forget(this);
    await this.db.request({ op: 'finalize', id: this.id });
  }

  finalize(): Promise<void> {
    return this.close();
  }

  private call(mode: 'run' | 'get' | 'all', params: unknown[]) {
    if (this.finalized) return Promise.reject(new SqliteError('SQLITE_MISUSE', 'The statement has been finalized'));
    if (this.bound !== null && params.length > 0) return Promise.reject(new TypeError('This statement already has bound parameters'));
    const wire = normalizeParams(this.bound ?? params);
    return this.db.request({ op: 'stmt', id: this.id, sql: this.source, mode, params: wire, shape: { ...this.shape } });
  }
}
