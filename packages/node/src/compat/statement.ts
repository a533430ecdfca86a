/**
 * A better-sqlite3-style statement: run/get/all/iterate with bound arguments, and the raw,
 * pluck and safeIntegers modes. Each call binds, steps synchronously, and resets.
 */
import type { SqlValue } from '@minnow/core';
import type { EngineStatement } from './engine.js';
import { bindArgs, fromSqlValue } from './values.js';

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface ColumnDefinition {
  name: string;
  column: string | null;
  table: string | null;
  database: string | null;
  type: string | null;
}

export class Statement {
  private rawMode = false;
  /** Positional values of the current call (bindArgs reuses it). */
  private readonly bindScratch: SqlValue[] = [];
  private pluckMode = false;
  private safeInts: boolean;

  constructor(
    private readonly stmt: EngineStatement,
    readonly source: string,
    private readonly db: { lastInsertRowid: number | bigint; defaultSafeIntegers: boolean },
  ) {
    this.safeInts = db.defaultSafeIntegers;
  }

  /** Whether the statement returns data. */
  get reader(): boolean {
    return this.stmt.columnNames().length > 0;
  }

  get readonly(): boolean {
    return this.stmt.readonly;
  }

  raw(toggle = true): this {
    this.expectReader('raw');
    this.rawMode = toggle;
    if (toggle) this.pluckMode = false;
    return this;
  }

  pluck(toggle = true): this {
    this.expectReader('pluck');
    this.pluckMode = toggle;
    if (toggle) this.rawMode = false;
    return this;
  }

  safeIntegers(toggle = true): this {
    this.safeInts = toggle;
    return this;
  }

  columns(): ColumnDefinition[] {
    this.expectReader('columns');
    return this.stmt.columnNames().map((name) => ({ name, column: null, table: null, database: 'main', type: null }));
  }

  run(...args: unknown[]): RunResult {
    this.start(args);
    let changes: number;
    try {
      this.stmt.runSync();
      changes = this.stmt.changes;
      const id = this.stmt.lastInsertRowid;
      if (id !== null) this.db.lastInsertRowid = id;
    } finally {
      this.stmt.reset();
    }
    const last = this.db.lastInsertRowid;
    return { changes, lastInsertRowid: this.safeInts ? BigInt(last) : Number(last) };
  }

  get(...args: unknown[]): unknown {
    this.expectReader('get');
    this.start(args);
    try {
      const r = this.stepRow();
      return r === null ? undefined : this.shape(r);
    } finally {
      this.stmt.reset();
    }
  }

  all(...args: unknown[]): unknown[] {
    this.expectReader('all');
    this.start(args);
    try {
      return this.stmt.runSync().map((r) => this.shape(r));
    } finally {
      this.stmt.reset();
    }
  }

  *iterate(...args: unknown[]): IterableIterator<unknown> {
    this.expectReader('iterate');
    this.start(args);
    try {
      for (let r = this.stepRow(); r !== null; r = this.stepRow()) yield this.shape(r);
    } finally {
      this.stmt.reset();
    }
  }

  private start(args: unknown[]): void {
    this.stmt.reset();
    this.stmt.bind(bindArgs(args, this.bindScratch));
  }

  private stepRow(): SqlValue[] | null {
    const r = this.stmt.step();
    if (r === 'row') return this.stmt.row();
    if (r === 'io') throw new TypeError('asynchronous I/O in the synchronous API');
    return null;
  }

  private shape(row: SqlValue[]): unknown {
    const safe = this.safeInts;
    if (this.pluckMode) return fromSqlValue(row[0] ?? null, safe);
    if (this.rawMode) return row.map((v) => fromSqlValue(v, safe));
    const names = this.stmt.columnNames();
    const out: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) out[names[i]!] = fromSqlValue(row[i]!, safe);
    return out;
  }

  private expectReader(method: string): void {
    if (!this.reader) throw new TypeError(`The ${method}() method is only for statements that return data`);
  }
}
