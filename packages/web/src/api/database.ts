/**
 * A database connection on the page, the same names and shapes as `@minnow/node`'s promise
 * API, every call a promise; the engine runs in a worker (worker/worker-host.ts). Calls are
 * sent in order and answered in order.
 */
import type { Remote } from 'comlink';
import { SqliteError } from '@minnow/core';
import type { Request, Result, RunInfo, StorageKind } from '../worker/wire-types.js';
import type { WorkerHost } from '../worker/worker-host.js';
import { normalizeParams } from './params.js';
import { unwrap } from './remote-error.js';
import { Statement } from './statement.js';

const DEFAULT_SHAPE = { raw: false, pluck: false, safeIntegers: false };

export type TransactionFunction<A extends unknown[], R> = ((...args: A) => Promise<R>) & {
  deferred: (...args: A) => Promise<R>;
  immediate: (...args: A) => Promise<R>;
  exclusive: (...args: A) => Promise<R>;
};

export class Database {
  private isOpen = true;
  private txn = false;
  private nextStatement = 1;
  /** Statements dropped without close() are freed in the worker once collected. */
  private readonly unreferenced = new FinalizationRegistry<string>((id) => {
    if (this.isOpen) this.host.call(this.session, { op: 'finalize', id }).catch(() => undefined);
  });

  /** @internal made by connect() */
  constructor(
    private readonly host: Remote<WorkerHost>,
    private readonly session: string,
    /** The database's name (its file name in OPFS, its IndexedDB database's suffix). */
    readonly name: string,
    /** Where it is stored: 'opfs', 'idb' or 'memory' (what `storage: 'auto'` chose). */
    readonly storage: StorageKind,
    /** Whether this tab's worker owns the file (else another tab does and calls go through it). */
    readonly owner: boolean,
  ) {}

  get open(): boolean {
    return this.isOpen;
  }

  get inTransaction(): boolean {
    return this.txn;
  }

  get memory(): boolean {
    return this.storage === 'memory';
  }

  get readonly(): boolean {
    return false;
  }

  /** @internal a statement closed explicitly needs no finalizing when collected. */
  forget(stmt: Statement): void {
    this.unreferenced.unregister(stmt);
  }

  /** @internal one call to the worker; throws its SqliteError. */
  async request(req: Request): Promise<Result & { ok: true }> {
    if (!this.isOpen) throw new SqliteError('SQLITE_MISUSE', 'The database connection is not open');
    const result = await this.host.call(this.session, req);
    if (result.inTransaction !== undefined) this.txn = result.inTransaction;
    return unwrap(result);
  }

  async prepare(sql: string): Promise<Statement> {
    const id = String(this.nextStatement++);
    const r = (await this.request({ op: 'prepare', id, sql })) as { prepared: { columns: string[]; reader: boolean; readonly: boolean } };
    const p = r.prepared;
    const stmt = new Statement(this, id, sql, p.columns, p.reader, p.readonly);
    this.unreferenced.register(stmt, id, stmt);
    return stmt;
  }

  /** Runs every statement in `sql`. */
  async exec(sql: string): Promise<void> {
    await this.request({ op: 'exec', sql });
  }

  async run(sql: string, ...params: unknown[]): Promise<RunInfo> {
    const r = await this.request({ op: 'query', sql, mode: 'run', params: normalizeParams(params), shape: DEFAULT_SHAPE });
    return (r as { run: RunInfo }).run;
  }

  async get(sql: string, ...params: unknown[]): Promise<unknown> {
    const r = await this.request({ op: 'query', sql, mode: 'get', params: normalizeParams(params), shape: DEFAULT_SHAPE });
    return (r as { row: unknown }).row;
  }

  async all(sql: string, ...params: unknown[]): Promise<unknown[]> {
    const r = await this.request({ op: 'query', sql, mode: 'all', params: normalizeParams(params), shape: DEFAULT_SHAPE });
    return (r as { rows: unknown[] }).rows;
  }

  async *iterate(sql: string, ...params: unknown[]): AsyncGenerator<unknown, void, undefined> {
    for (const row of await this.all(sql, ...params)) yield row;
  }

  /** `PRAGMA source`: all rows, or with `{ simple: true }` the first row's first value. */
  async pragma(source: string, options: { simple?: boolean } = {}): Promise<unknown> {
    const rows = (await this.all(`PRAGMA ${source}`)) as Record<string, unknown>[];
    if (options.simple !== true) return rows;
    const first = rows[0];
    return first === undefined ? undefined : Object.values(first)[0];
  }

  /**
   * Wraps `fn` in BEGIN ... COMMIT; a throw (or rejection) rolls back and rethrows. `fn` runs on
   * the page and may await this database's calls; the worker holds the transaction between
   * them, and other tabs wait. Inside a transaction already, `fn` just runs.
   */
  transaction<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>): TransactionFunction<A, R> {
    if (typeof fn !== 'function') throw new TypeError('Expected first argument to be a function');
    const wrap =
      (begin: string) =>
      async (...args: A): Promise<R> => {
        if (this.txn) return fn(...args);
        await this.exec(begin);
        let result: R;
        try {
          result = await fn(...args);
        } catch (e) {
          if (this.txn) await this.exec('ROLLBACK').catch(() => undefined);
          throw e;
        }
        await this.exec('COMMIT');
        return result;
      };
    return Object.assign(wrap('BEGIN'), {
      deferred: wrap('BEGIN DEFERRED'),
      immediate: wrap('BEGIN IMMEDIATE'),
      exclusive: wrap('BEGIN EXCLUSIVE'),
    });
  }

  /** The whole database as the bytes of a `.db` file (what sqlite3 reads). */
  async export(): Promise<Uint8Array> {
    const r = await this.request({ op: 'export' });
    return (r as { bytes: Uint8Array }).bytes;
  }

  /** Closes the connection; an open transaction is rolled back. */
  async close(): Promise<void> {
    if (!this.isOpen) return;
    this.isOpen = false;
    unwrap(await this.host.close(this.session));
  }
}
