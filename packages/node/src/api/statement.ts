/**
 * A prepared statement of the promise API. Every execution (run/get/all, and each step of
 * iterate) is queued on its Database, so calls never interleave inside the engine.
 *
 * Row types: `get<Row>()`, `all<Row>()` and `iterate<Row>()` take the row type the caller
 * expects (unchecked, as in better-sqlite3's typings).
 *
 * Compiling needs the schema. It is normally cached (the Database reloads it after each call
 * that dropped it), so prepare() compiles at once and reports "no such table" there; if it is
 * not (a schema change still in flight over asynchronous storage), the statement compiles at
 * its first execution instead.
 */
import { parser, runAsync, type Connection, type Statement as EngineStatement, type SqlValue } from '@minnow/core';
import { bindSlots, fromSqlValue } from './values.js';

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

/** What a Statement needs from its Database. */
export interface StatementHost {
  readonly conn: Connection;
  /** Storage may pend (the FileHandle backend): the schema cannot be read synchronously. */
  readonly asyncIo: boolean;
  schedule<T>(op: () => Promise<T>): Promise<T>;
  lastInsertRowid: number | bigint;
  readonly defaultSafeIntegers: boolean;
  checkOpen(): void;
}

const DONE = Symbol('done');

/** Resetting a statement stopped early may commit what ran beside it: that I/O may pend. */
function resetStatement(e: EngineStatement): Promise<unknown> {
  return runAsync(() => e.reset());
}

export class Statement {
  private engine: EngineStatement | null = null;
  private rawMode = false;
  private pluckMode = false;
  private safeInts: boolean;
  private bound: SqlValue[] | null = null;
  private iterating = false;

  /** @internal Use Database.prepare. */
  constructor(
    private readonly host: StatementHost,
    /** The SQL text this statement was prepared from. */
    readonly source: string,
  ) {
    this.safeInts = host.defaultSafeIntegers;
    const conn = host.conn;
    if (conn.schema !== null || !host.asyncIo) {
      this.engine = this.compileNow();
    } else {
      // Syntax errors and empty SQL are still reported now: parsing needs no I/O.
      if (parser.parseOne(source) === null) throw new RangeError('The supplied SQL string contains no statements');
    }
  }

  /** Whether the statement returns rows. */
  get reader(): boolean {
    return this.compiled().columnNames().length > 0;
  }

  /** Whether running it leaves the database unchanged. */
  get readonly(): boolean {
    return this.compiled().readonly;
  }

  /** Rows come back as arrays of values. */
  raw(toggle = true): this {
    this.expectReader('raw');
    this.rawMode = toggle;
    if (toggle) this.pluckMode = false;
    return this;
  }

  /** Rows come back as their first column's value. */
  pluck(toggle = true): this {
    this.expectReader('pluck');
    this.pluckMode = toggle;
    if (toggle) this.rawMode = false;
    return this;
  }

  /** INTEGER values (and lastInsertRowid) come back as bigint. */
  safeIntegers(toggle = true): this {
    this.safeInts = toggle;
    return this;
  }

  columns(): ColumnDefinition[] {
    this.expectReader('columns');
    return this.compiled().columnNames().map((name) => ({ name, column: null, table: null, database: 'main', type: null }));
  }

  /** Binds parameters for good: later calls take no arguments. */
  bind(...args: unknown[]): this {
    if (this.bound !== null) throw new TypeError('The bind() method can only be invoked once per statement object');
    const e = this.compiled();
    this.bound = bindSlots(args, e.paramNames, e.paramCount);
    return this;
  }

  run(...args: unknown[]): Promise<RunResult> {
    return this.host.schedule(async () => {
      const e = await this.start(args);
      let changes: number;
      try {
        while ((await e.stepAsync()) === 'row');
        changes = e.changes;
        const id = e.lastInsertRowid;
        if (id !== null) this.host.lastInsertRowid = id;
      } finally {
        await resetStatement(e);
      }
      const last = this.host.lastInsertRowid;
      return { changes, lastInsertRowid: this.safeInts ? BigInt(last) : Number(last) };
    });
  }

  /** The first row, or undefined. */
  get<Row = unknown>(...args: unknown[]): Promise<Row | undefined> {
    return this.host.schedule(async () => {
      const e = await this.start(args, 'get');
      try {
        return (await e.stepAsync()) === 'row' ? (this.shape(e) as Row) : undefined;
      } finally {
        await resetStatement(e);
      }
    });
  }

  all<Row = unknown>(...args: unknown[]): Promise<Row[]> {
    return this.host.schedule(async () => {
      const e = await this.start(args, 'all');
      const rows: Row[] = [];
      try {
        while ((await e.stepAsync()) === 'row') rows.push(this.shape(e) as Row);
      } finally {
        await resetStatement(e);
      }
      return rows;
    });
  }

  /**
   * The rows one at a time. Each step is queued separately, so other calls on the database may
   * run between rows; leaving the loop early (break, throw) resets the statement.
   */
  async *iterate<Row = unknown>(...args: unknown[]): AsyncGenerator<Row, void, undefined> {
    // Marked busy inside the queue, so a call queued right behind cannot reset it first.
    const e = await this.host.schedule(async () => {
      const started = await this.start(args, 'iterate');
      this.iterating = true;
      return started;
    });
    try {
      for (;;) {
        const row = await this.host.schedule(async () => ((await e.stepAsync()) === 'row' ? (this.shape(e) as Row) : DONE));
        if (row === DONE) return;
        yield row;
      }
    } finally {
      this.iterating = false;
      // After close() the connection has already ended the statement's transaction.
      try {
        await this.host.schedule(() => resetStatement(e));
      } catch {
        // Closed meanwhile.
      }
    }
  }

  // ---- internals ------------------------------------------------------------------------------

  private compileNow(): EngineStatement {
    const e = this.host.conn.prepare(this.source);
    if (e === null) throw new RangeError('The supplied SQL string contains no statements');
    return e;
  }

  private compiled(): EngineStatement {
    if (this.engine === null) {
      if (this.host.conn.schema === null && this.host.asyncIo) {
        throw new TypeError('The statement is not compiled yet (a schema change is in flight); await a call on it first');
      }
      this.engine = this.compileNow();
    }
    return this.engine;
  }

  /** Inside the queue: compiles if needed, resets and binds. */
  private async start(args: readonly unknown[], readerMethod?: string): Promise<EngineStatement> {
    if (this.iterating) throw new TypeError('This statement is busy executing a query');
    if (this.engine === null) {
      const e = await this.host.conn.prepareAsync(this.source);
      if (e === null) throw new RangeError('The supplied SQL string contains no statements');
      this.engine = e;
    }
    if (readerMethod !== undefined) this.expectReader(readerMethod);
    const e = this.engine;
    await resetStatement(e);
    if (this.bound !== null) {
      if (args.length > 0) throw new TypeError('This statement already has bound parameters');
      e.bind(this.bound);
    } else {
      e.bind(bindSlots(args, e.paramNames, e.paramCount));
    }
    return e;
  }

  private shape(e: EngineStatement): unknown {
    const row = e.row();
    const safe = this.safeInts;
    if (this.pluckMode) return fromSqlValue(row[0] ?? null, safe);
    if (this.rawMode) return row.map((v) => fromSqlValue(v, safe));
    const names = e.columnNames();
    const out: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) out[names[i]!] = fromSqlValue(row[i]!, safe);
    return out;
  }

  private expectReader(method: string): void {
    if (!this.reader) throw new TypeError(`The ${method}() method is only for statements that return data`);
  }
}
