/**
 * The promise API's Database: one engine connection and the queue that serialises every call
 * on it (serial-queue.ts). Calls made inside a transaction function run on that transaction's
 * own queue (found through AsyncLocalStorage), so they proceed while calls from elsewhere wait
 * for the transaction to end instead of slipping into it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { runAsync, type Connection } from '@minnow/core';
import { isMemoryPath, openConnection, type OpenedConnection, type OpenOptions } from './open-connection.js';
import { SerialQueue } from './serial-queue.js';
import { Statement, type RunResult, type StatementHost } from './statement.js';
import { transactionFunction, type TransactionFunction } from './transaction.js';

export type ConnectOptions = OpenOptions;

export interface PragmaOptions {
  /** Return the first column of the first row instead of all rows. */
  simple?: boolean;
}

/** A queue scope: the root one, or one per running transaction function. */
export interface QueueScope {
  readonly queue: SerialQueue;
  /** False once its transaction has ended: later calls fall back to the enclosing scope. */
  active: boolean;
  readonly parent: QueueScope | null;
}

export class Database {
  private readonly opened: OpenedConnection;
  private readonly root: QueueScope = { queue: new SerialQueue(), active: true, parent: null };
  /** @internal */
  readonly scopes = new AsyncLocalStorage<QueueScope>();
  private state: 'open' | 'closing' | 'closed' = 'open';
  /** Settles when close() has finished. */
  private closedPromise: Promise<void> = Promise.resolve();
  private readonly host: StatementHost;
  private safeDefault = false;
  private readonly isReadonly: boolean;

  /** @internal Use connect(). */
  constructor(
    /** The path given to connect(). */
    readonly name: string,
    opened: OpenedConnection,
    options: ConnectOptions,
  ) {
    this.opened = opened;
    this.isReadonly = opened.readonly;
    const asyncIo = !opened.memory && options.backend !== 'sync';
    const self = this;
    this.host = {
      conn: opened.conn,
      asyncIo,
      lastInsertRowid: 0,
      get defaultSafeIntegers() {
        return self.safeDefault;
      },
      schedule: (op) => this.schedule(op),
      checkOpen: () => this.checkOpen(),
    };
  }

  get open(): boolean {
    return this.state === 'open';
  }

  get readonly(): boolean {
    return this.isReadonly;
  }

  get memory(): boolean {
    return this.opened.memory;
  }

  get inTransaction(): boolean {
    return this.state !== 'closed' && this.opened.conn.inTransaction;
  }

  /** @internal The engine connection (for the shell and tests). */
  get connection(): Connection {
    return this.opened.conn;
  }

  prepare(sql: string): Statement {
    this.checkOpen();
    return new Statement(this.host, sql);
  }

  /** Runs every statement in `sql`, discarding rows. */
  exec(sql: string): Promise<this> {
    return this.schedule(async () => {
      const conn = this.opened.conn;
      let offset = 0;
      // Each round consumes one statement, so the loop ends within sql.length rounds.
      for (let round = 0; round <= sql.length; round++) {
        const stmt = await conn.prepareAsync(sql, offset);
        if (stmt === null) break;
        try {
          while ((await stmt.stepAsync()) === 'row');
          const id = stmt.lastInsertRowid;
          if (id !== null) this.host.lastInsertRowid = id;
        } finally {
          stmt.finalize();
        }
        offset += stmt.sql.length;
      }
      return this;
    });
  }

  run(sql: string, ...params: unknown[]): Promise<RunResult> {
    return this.oneShot(sql, (s) => s.run(...params));
  }

  get<Row = unknown>(sql: string, ...params: unknown[]): Promise<Row | undefined> {
    return this.oneShot(sql, (s) => s.get<Row>(...params));
  }

  all<Row = unknown>(sql: string, ...params: unknown[]): Promise<Row[]> {
    return this.oneShot(sql, (s) => s.all<Row>(...params));
  }

  async *iterate<Row = unknown>(sql: string, ...params: unknown[]): AsyncGenerator<Row, void, undefined> {
    yield* this.prepare(sql).iterate<Row>(...params);
  }

  /**
   * Wraps `fn` in BEGIN ... COMMIT (ROLLBACK when it throws or rejects); called inside another
   * transaction it uses a savepoint. `.deferred`, `.immediate`, `.exclusive` pick BEGIN's mode.
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>): TransactionFunction<A, R> {
    if (typeof fn !== 'function') throw new TypeError('Expected first argument to be a function');
    return transactionFunction(this, fn);
  }

  /** Runs `PRAGMA <source>`: all rows, or with `simple` the first column of the first row. */
  async pragma(source: string, options: PragmaOptions = {}): Promise<unknown> {
    if (typeof source !== 'string') throw new TypeError('Expected first argument to be a string');
    const stmt = this.prepare(`PRAGMA ${source}`);
    return options.simple === true ? stmt.pluck().get() : stmt.all();
  }

  /** Default of safeIntegers() for statements prepared from now on. */
  defaultSafeIntegers(toggle = true): this {
    this.safeDefault = toggle;
    return this;
  }

  /** Waits for calls already made to finish, then closes. Later calls are refused. */
  async close(): Promise<void> {
    if (this.state !== 'open') return this.closedPromise;
    const scope = this.scopes.getStore();
    if (scope !== undefined && scope.active) throw new TypeError('A database cannot be closed inside its own transaction function');
    this.state = 'closing';
    this.closedPromise = this.root.queue.run(async () => {
      try {
        await this.opened.close();
      } finally {
        this.state = 'closed';
      }
    });
    return this.closedPromise;
  }


  // ---- internals ------------------------------------------------------------------------------

  /** @internal Queues `op` in the current scope; reloads a dropped schema after it. */
  schedule<T>(op: () => Promise<T>): Promise<T> {
    if (this.state !== 'open') {
      // Steps of statements queued before close() still finish; new work is refused.
      const scope = this.scopes.getStore();
      if (scope === undefined || !scope.active) return Promise.reject(new TypeError('The database connection is not open'));
    }
    return this.scopeNow().queue.run(async () => {
      if (this.isClosed()) throw new TypeError('The database connection is not open');
      try {
        return await op();
      } finally {
        const conn = this.opened.conn;
        if (conn.schema === null && !this.isClosed()) await runAsync(() => conn.loadSchemaOp()).catch(() => undefined);
      }
    });
  }

  /** @internal The innermost active scope of the caller. */
  scopeNow(): QueueScope {
    let scope = this.scopes.getStore();
    while (scope !== undefined && !scope.active) scope = scope.parent ?? undefined;
    return scope ?? this.root;
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private checkOpen(): void {
    if (this.state !== 'open') throw new TypeError('The database connection is not open');
  }

  private async oneShot<T>(sql: string, use: (s: Statement) => Promise<T>): Promise<T> {
    return use(this.prepare(sql));
  }
}

/** Opens a database: ':memory:' or a file path (created unless `fileMustExist` or `readonly`). */
export async function connect(path: string, options: ConnectOptions = {}): Promise<Database> {
  if (typeof path !== 'string') throw new TypeError('Expected first argument to be a string');
  const opened = await openConnection(path, options);
  return new Database(isMemoryPath(path) ? ':memory:' : path, opened, options);
}
