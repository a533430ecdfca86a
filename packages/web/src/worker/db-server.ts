/**
 * One open database and everyone using it: the tabs' sessions (this worker's connections, and
 * other tabs forwarding to this one), their prepared statements, and who holds the
 * transaction.
 *
 * Calls run one at a time, in arrival order, each to its end (a statement never stays open
 * between calls, so no read or write lingers). While a session is inside BEGIN ... COMMIT,
 * only its calls run; others wait, and after the busy timeout get SQLITE_BUSY ("database is
 * locked") rather than waiting for ever. A session that goes away (its tab closed) has its
 * statements finalized and its open transaction rolled back.
 */
import { Connection, parser, SqliteError, type Statement, type Storage } from '@minnow/core';
import { exportDatabase, importDatabase } from './db-bytes.js';
import { drain, runStatement } from './statement-runner.js';
import { toWireError } from './wire-values.js';
import type { DbInfo, Request, Result, StorageKind } from './wire-types.js';

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** Prepared statements kept for repeated `db.run/get/all(sql)` calls. */
const QUERY_CACHE_SIZE = 32;

/** `f(v)` now if `v` is a value, after it if `v` is a promise. */
function then<T, U>(v: T | Promise<T>, f: (t: T) => U | Promise<U>): U | Promise<U> {
  return v instanceof Promise ? v.then(f) : f(v);
}

interface Job {
  session: string;
  req: Request;
  deadline: number;
  resolve: (r: Result) => void;
  onStart: (() => void) | undefined;
}

/** Calls that do not touch the transaction may run while another session holds it. */
function free(req: Request): boolean {
  return req.op === 'finalize' || req.op === 'info' || req.op === 'endSession';
}

export class DbServer {
  private readonly stmts = new Map<string, Statement>();
  private readonly queryCache = new Map<string, Statement>();
  private readonly queue: Job[] = [];
  private running = false;
  private txnSession: string | null = null;
  private readonly lastRowid = { value: 0 as number | bigint };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  private constructor(
    readonly conn: Connection,
    readonly name: string,
    readonly storage: StorageKind,
    readonly busyTimeoutMs: number,
  ) {}

  static async open(storage: Storage, kind: StorageKind, name: string, importBytes: Uint8Array | undefined, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Promise<DbServer> {
    if (importBytes !== undefined) await importDatabase(storage, name, importBytes);
    const conn = await Connection.open(storage, name);
    // Read the schema now: a broken file fails here, at connect, not at the first query.
    const server = new DbServer(conn, name, kind, busyTimeoutMs);
    try {
      await conn.prepareAsync('SELECT 1');
    } catch (e) {
      await conn.close().catch(() => undefined);
      throw e;
    }
    return server;
  }

  /**
   * Queues one call of `session`; never rejects (errors come back as results). `onStart` is
   * told when the call starts running (a forwarding tab then knows it may have had effects).
   */
  handle(session: string, req: Request, onStart?: () => void): Promise<Result> {
    if (this.closed) return Promise.resolve({ ok: false, error: { code: 'SQLITE_MISUSE', message: 'The database connection is not open', moved: true } });
    return new Promise((resolve) => {
      this.queue.push({ session, req, resolve, onStart, deadline: Date.now() + this.busyTimeoutMs });
      this.pump();
    });
  }

  /** The session is gone (tab closed): drop its waiting calls, statements and transaction. */
  sessionGone(session: string): Promise<Result> {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const job = this.queue[i]!;
      if (job.session === session) {
        this.queue.splice(i, 1);
        job.resolve({ ok: false, error: { code: 'SQLITE_ABORT', message: 'the session was closed' } });
      }
    }
    return this.handle(session, { op: 'endSession' });
  }

  get info(): DbInfo {
    return { name: this.name, storage: this.storage, inTransaction: this.conn.inTransaction, owner: true };
  }

  /** Finishes the queued calls, then closes the connection (rolling back an open transaction). */
  async close(): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => {
      const wait = (): void => {
        if (!this.running && this.queue.length === 0) resolve();
        else setTimeout(wait, 5);
      };
      wait();
    });
    this.closed = true;
    for (const stmt of this.stmts.values()) stmt.finalize();
    this.stmts.clear();
    for (const stmt of this.queryCache.values()) stmt.finalize();
    this.queryCache.clear();
    if (this.timer !== null) clearTimeout(this.timer);
    await this.conn.close();
  }

  /**
   * Runs queued calls while one may run. A call that finishes without pending storage is
   * answered at once and the loop goes on, so over OPFS a call costs no extra microtasks.
   */
  private pump(): void {
    // Each pass finishes one call or stops; the queue is finite.
    while (!this.running) {
      if (this.txnSession !== null) this.expire();
      const i = this.nextRunnable();
      if (i < 0) {
        this.armTimer();
        return;
      }
      const job = this.queue.splice(i, 1)[0]!;
      job.onStart?.();
      let outcome: Result | Promise<Result>;
      try {
        outcome = this.execute(job.session, job.req);
      } catch (e) {
        outcome = { ok: false, error: toWireError(e) };
      }
      if (!(outcome instanceof Promise)) {
        this.finish(job, outcome);
        continue;
      }
      this.running = true;
      outcome
        .then(
          (r) => r,
          (e: unknown): Result => ({ ok: false, error: toWireError(e) }),
        )
        .then((result) => {
          this.running = false;
          this.finish(job, result);
          this.pump();
        });
    }
  }

  private nextRunnable(): number {
    if (this.txnSession === null) return this.queue.length > 0 ? 0 : -1;
    return this.queue.findIndex((j) => j.session === this.txnSession || free(j.req));
  }

  private finish(job: Job, result: Result): void {
    if (this.conn.inTransaction) this.txnSession ??= job.session;
    else this.txnSession = null;
    result.inTransaction = this.conn.inTransaction;
    job.resolve(result);
  }

  /** Calls that waited past the busy timeout fail with SQLITE_BUSY. */
  private expire(): void {
    const now = Date.now();
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const job = this.queue[i]!;
      if (job.deadline <= now && job.session !== this.txnSession && !free(job.req)) {
        this.queue.splice(i, 1);
        job.resolve({ ok: false, error: { code: 'SQLITE_BUSY', message: 'database is locked' } });
      }
    }
  }

  private armTimer(): void {
    if (this.timer !== null || this.queue.length === 0) return;
    const next = Math.min(...this.queue.map((j) => j.deadline));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, Math.max(0, next - Date.now()) + 1);
  }

  private key(session: string, id: string): string {
    return `${session}\u0000${id}`;
  }

  private prepare(sql: string): Statement | Promise<Statement> {
    const check = (stmt: Statement | null): Statement => {
      if (stmt === null) throw new SqliteError('SQLITE_MISUSE', 'The supplied SQL string contains no statements');
      return stmt;
    };
    // With the schema in memory, preparing reads nothing: it is synchronous.
    if (this.conn.schema !== null) return check(this.conn.prepare(sql));
    return this.conn.prepareAsync(sql).then(check);
  }

  private statement(session: string, id: string, sql: string): Statement | Promise<Statement> {
    const key = this.key(session, id);
    const stmt = this.stmts.get(key);
    if (stmt !== undefined) return stmt;
    return then(this.prepare(sql), (s) => {
      this.stmts.set(key, s);
      return s;
    });
  }

  /** A statement for a one-off `db.run/get/all(sql)`, reused when the same SQL comes again. */
  private cached(sql: string): Statement | Promise<Statement> {
    const stmt = this.queryCache.get(sql);
    if (stmt !== undefined) {
      // Most recently used last.
      this.queryCache.delete(sql);
      this.queryCache.set(sql, stmt);
      return stmt;
    }
    return then(this.prepare(sql), (s) => {
      this.queryCache.set(sql, s);
      if (this.queryCache.size > QUERY_CACHE_SIZE) {
        const [oldest, old] = this.queryCache.entries().next().value!;
        this.queryCache.delete(oldest);
        old.finalize();
      }
      return s;
    });
  }

  private execute(session: string, req: Request): Result | Promise<Result> {
    switch (req.op) {
      case 'prepare':
        return then(this.statement(session, req.id, req.sql), (stmt) => {
          const columns = [...stmt.columnNames()];
          return { ok: true, prepared: { columns, reader: columns.length > 0, readonly: stmt.readonly, paramCount: stmt.paramCount } } as Result;
        });
      case 'stmt':
        return then(this.statement(session, req.id, req.sql), (stmt) =>
          then(runStatement(stmt, req.mode, req.params, req.shape, this.lastRowid), (o) => this.outcome(o, stmt)),
        );
      case 'query':
        return then(this.cached(req.sql), (stmt) => then(runStatement(stmt, req.mode, req.params, req.shape, this.lastRowid), (o) => this.outcome(o, stmt)));
      case 'finalize': {
        const key = this.key(session, req.id);
        this.stmts.get(key)?.finalize();
        this.stmts.delete(key);
        return { ok: true };
      }
      case 'exec':
        return this.exec(req.sql);
      case 'export':
        return exportDatabase(this.conn).then((bytes): Result => ({ ok: true, bytes }));
      case 'info':
        return { ok: true, info: this.info };
      case 'endSession':
        return this.endSession(session);
    }
  }

  /**
   * Runs every statement of `sql` in turn, synchronously while storage does not pend; from
   * the first statement that pends on, the rest runs asynchronously (a pending step changed
   * nothing, so it is simply stepped again).
   */
  private exec(sql: string, from = 0): Result | Promise<Result> {
    let offset = from;
    // Each pass runs one statement; the text is finite.
    for (let guard = 0; guard <= sql.length; guard++) {
      const parsed = parser.parseOne(sql, offset);
      if (parsed === null) break;
      const next = parsed.next;
      const ran = then(this.prepare(sql.slice(offset, next)), (stmt): void | Promise<void> => {
        let r: void | Promise<void>;
        try {
          r = drain(stmt, () => true);
        } catch (e) {
          stmt.finalize();
          throw e;
        }
        if (r === undefined) return stmt.finalize();
        return r.finally(() => stmt.finalize());
      });
      if (ran instanceof Promise) return ran.then(() => this.exec(sql, next));
      offset = next;
    }
    return { ok: true };
  }

  private outcome(o: Awaited<ReturnType<typeof runStatement>>, stmt: Statement): Result {
    if (o.run !== undefined) return { ok: true, run: o.run };
    if (o.rows !== undefined) return { ok: true, rows: o.rows, columns: [...stmt.columnNames()] };
    return { ok: true, row: o.row };
  }

  private async endSession(session: string): Promise<Result> {
    const prefix = `${session}\u0000`;
    for (const [key, stmt] of this.stmts) {
      if (key.startsWith(prefix)) {
        stmt.finalize();
        this.stmts.delete(key);
      }
    }
    if (this.txnSession === session && this.conn.inTransaction) await this.conn.execAsync('ROLLBACK');
    return { ok: true };
  }
}
