/**
 * A connection: one database file, its pager and B-tree context, the cached schema, and the
 * transaction state that statements share.
 *
 * Transactions: outside BEGIN (autocommit) a statement's Transaction opcode opens a read or
 * write transaction, and the transaction ends (commit, or end of read) when the last active
 * statement finishes; a statement that fails rolls it back. Inside BEGIN ... COMMIT the
 * transaction is shared, and each writing statement runs in a pager savepoint so that an
 * error (a constraint failure) undoes that statement only, as SQLite's default ABORT does.
 *
 * The schema is loaded lazily (prepare/step) and reloaded after anything that may change it:
 * a schema-changing statement (ParseSchema) or a rollback. Statements compiled against an
 * older schema recompile before their next run.
 */
import { BtreeContext } from '../btree/btree-context.js';
import type { Schema } from '../compile/schema.js';
import { isIoPending } from '../io/io-pending.js';
import { SqliteError } from '../errors.js';
import type { TextEncoding } from '../format/text-codec.js';
import { runAsync, runSync } from '../io/driver.js';
import type { Storage } from '../io/file.js';
import { Pager } from '../pager/pager.js';
import type { PagerOptions } from '../pager/pager-open.js';
import { parseOne } from '../parser/parser.js';
import { BUILTIN_FUNCTIONS, type FunctionRegistry } from '../vdbe/functions/registry.js';
import { ConnectionCounters } from '../vdbe/functions/scalar-connection.js';
import type { Vm } from '../vdbe/vm.js';
import type { VmHost } from '../vdbe/vm-host.js';
import { SAVEPOINT_BEGIN, SAVEPOINT_RELEASE } from '../compile/transaction.js';
import type { SqlValue } from '../format/sql-value.js';
import { connectionSetting } from './connection-settings.js';
import { NamedSavepoints } from './named-savepoints.js';
import { loadSchema } from './schema-loader.js';
import { Statement } from './statement.js';
import { StableSet } from '../stable-set.js';

/** Halt P2 of a ROLLBACK conflict action (compile/constraint-checks.ts). */
const OE_ROLLBACK_ACTION = 1;

/** Per-VM transaction bookkeeping (kept in vm.hostState). */
interface VmTxn {
  savepoint: number;
  /** Halt ran (an error after it, OR FAIL, keeps what the statement did). */
  ended?: boolean;
  /**
   * A writer inside BEGIN that skipped its statement savepoint (Program.failsOnlyBeforeWriting):
   * the B-tree mutation epoch when it started, to tell whether it wrote before failing; else -1.
   */
  unjournaledFrom: number;
  /**
   * Another statement became active while this unjournaled one ran: the epoch may have moved
   * for its writes, so whether this one wrote is judged by its own change count instead.
   */
  shared?: boolean;
}

export class Connection implements VmHost {
  readonly ctx: BtreeContext;
  /** changes(), total_changes(), last_insert_rowid(). */
  readonly counters = new ConnectionCounters();
  readonly functions: FunctionRegistry = BUILTIN_FUNCTIONS.forConnection(this.counters);
  private cachedSchema: Schema | null = null;
  /** Bumped each time the cached schema is dropped; statements remember the one they used. */
  schemaGeneration = 0;
  autocommit = true;
  private readonly active = new StableSet<Vm>();
  private closed = false;
  private readonly named: NamedSavepoints;
  private readonly settings = new Map<string, SqlValue>();

  constructor(readonly pager: Pager) {
    this.ctx = new BtreeContext(pager);
    this.named = new NamedSavepoints(pager);
  }

  static openSync(storage: Storage, name: string, options: PagerOptions = {}): Connection {
    return new Connection(Pager.openSync(storage, name, options));
  }

  static async open(storage: Storage, name: string, options: PagerOptions = {}): Promise<Connection> {
    return new Connection(await Pager.openAsync(storage, name, options));
  }

  get textEncoding(): TextEncoding {
    return this.pager.textEncoding;
  }

  get inTransaction(): boolean {
    return !this.autocommit;
  }

  // ---- Schema ---------------------------------------------------------------------------------

  /** The schema if loaded and current, else null (call `loadSchemaOp` through a driver). */
  get schema(): Schema | null {
    return this.cachedSchema;
  }

  /** Restartable: loads the schema if it is not cached. */
  loadSchemaOp(): Schema {
    if (this.cachedSchema === null) this.cachedSchema = loadSchema(this.pager, this.ctx).schema;
    return this.cachedSchema;
  }

  schemaChanged(): void {
    this.cachedSchema = null;
    this.schemaGeneration++;
  }

  // ---- Statements -----------------------------------------------------------------------------

  /** Prepares the first statement of `sql` (sync storage: the schema is read synchronously). */
  prepare(sql: string, offset = 0): Statement | null {
    this.checkOpen();
    const parsed = parseOne(sql, offset);
    if (parsed === null) return null;
    const schema = runSync(() => this.loadSchemaOp());
    return new Statement(this, sql.slice(offset, parsed.next), parsed, schema);
  }

  async prepareAsync(sql: string, offset = 0): Promise<Statement | null> {
    this.checkOpen();
    const parsed = parseOne(sql, offset);
    if (parsed === null) return null;
    const schema = await runAsync(() => this.loadSchemaOp());
    this.pager.trim();
    return new Statement(this, sql.slice(offset, parsed.next), parsed, schema);
  }

  /** Runs every statement in `sql` (sync storage). */
  exec(sql: string): void {
    let offset = 0;
    for (;;) {
      const parsed = parseOne(sql, offset);
      if (parsed === null) return;
      const stmt = this.prepare(sql, offset)!;
      try {
        stmt.runSync();
      } finally {
        stmt.finalize();
      }
      offset = parsed.next;
    }
  }

  async execAsync(sql: string): Promise<void> {
    let offset = 0;
    for (;;) {
      const parsed = parseOne(sql, offset);
      if (parsed === null) return;
      const stmt = (await this.prepareAsync(sql, offset))!;
      try {
        await stmt.runAsync();
      } finally {
        stmt.finalize();
      }
      offset = parsed.next;
    }
  }

  // ---- VmHost: transactions -------------------------------------------------------------------

  beginTransaction(vm: Vm, write: boolean): void {
    const pager = this.pager;
    if (write && !pager.inWriteTransaction) {
      pager.beginWrite();
      this.named.writeBegan();
    } else if (!pager.inReadTransaction && !pager.inWriteTransaction) pager.beginRead();
    this.active.add(vm);
    if (this.active.size > 1) {
      for (let i = 0; i < this.active.size; i++) {
        const other = this.active.at(i).hostState as VmTxn | null;
        if (other !== null && other.unjournaledFrom >= 0) other.shared = true;
      }
    }
    const state: VmTxn = { savepoint: -1, unjournaledFrom: -1 };
    // Inside BEGIN, or beside other running statements, a writer gets a statement savepoint,
    // unless it can only fail before its first write (alone inside BEGIN).
    if (write && (!this.autocommit || this.active.size > 1)) {
      if (vm.program.failsOnlyBeforeWriting === true && !this.autocommit && this.active.size === 1) {
        state.unjournaledFrom = this.ctx.mutationEpoch;
      } else state.savepoint = pager.openSavepoint();
    }
    vm.hostState = state;
  }

  halt(vm: Vm): void {
    const state = vm.hostState as VmTxn | null;
    if (state !== null && state.savepoint >= 0) {
      this.pager.releaseSavepoint(state.savepoint);
      state.savepoint = -1;
    }
    if (state !== null) state.ended = true;
    this.active.delete(vm);
    if (this.autocommit && this.active.size === 0) {
      try {
        this.endTransaction();
      } catch (e) {
        // A commit that failed (disk full, I/O error) is rolled back, as SQLite does in
        // autocommit mode; a pending one is resumed by re-running Halt.
        if (!isIoPending(e)) this.rollbackAll();
        throw e;
      }
    }
    // Last, so that a commit resumed after IoPending does not count the statement twice.
    this.counters.statementDone(vm);
  }

  /** Commits (or ends the read of) the current transaction. Restartable (commit resumes). */
  private endTransaction(): void {
    const pager = this.pager;
    if (pager.inWriteTransaction) {
      this.ctx.invalidateCursors();
      pager.commit();
    } else if (pager.inReadTransaction) {
      this.ctx.invalidateCursors();
      pager.endRead();
    }
  }

  autoCommit(vm: Vm, begin: boolean, rollback: boolean): void {
    if (begin) {
      if (!this.autocommit) throw new SqliteError('SQLITE_ERROR', 'cannot start a transaction within a transaction');
      this.autocommit = false;
      return;
    }
    if (this.autocommit) {
      throw new SqliteError('SQLITE_ERROR', rollback ? 'cannot rollback - no transaction is active' : 'cannot commit - no transaction is active');
    }
    if (rollback) {
      this.rollbackAll();
      this.active.clear();
    }
    this.named.clear();
    this.autocommit = true;
    void vm;
  }

  /** PragmaFlag opcode: settings that only live in the connection (foreign_keys, cache_size, ...). */
  pragmaFlag(name: string, value: SqlValue | undefined): SqlValue {
    if (name === 'file') return this.pager.name;
    return connectionSetting(this.settings, name, value, this.textEncoding);
  }

  /** Savepoint opcode (SAVEPOINT, RELEASE, ROLLBACK TO). */
  savepoint(vm: Vm, op: number, name: string): void {
    void vm;
    if (op === SAVEPOINT_BEGIN) {
      const starts = this.autocommit;
      this.autocommit = false;
      this.named.push(name, starts);
      return;
    }
    if (this.autocommit) throw new SqliteError('SQLITE_ERROR', `no such savepoint: ${name}`);
    if (op === SAVEPOINT_RELEASE) {
      // Releasing the savepoint that opened the transaction commits it (at Halt).
      if (this.named.release(name)) this.autocommit = true;
      return;
    }
    if (this.named.rollbackTo(name)) {
      this.ctx.invalidateCursors();
      this.schemaChanged();
    }
  }

  /** A statement failed: undo it (statement savepoint), or the whole autocommit transaction. */
  statementFailed(vm: Vm): void {
    const state = vm.hostState as VmTxn | null;
    if (state?.ended === true) return;
    this.active.delete(vm);
    const pager = this.pager;
    // Its first write is the table row (counted in vm.changes); the epoch also catches a
    // failure in the middle of that write, when no other statement can have moved it.
    const wroteUnjournaled =
      state !== null &&
      state.unjournaledFrom >= 0 &&
      (state.shared === true ? vm.changes > 0 : state.unjournaledFrom !== this.ctx.mutationEpoch);
    if (vm.errorAction === OE_ROLLBACK_ACTION || wroteUnjournaled) {
      // ON CONFLICT ROLLBACK / RAISE(ROLLBACK): the whole transaction goes. So does a statement
      // without a savepoint that failed after writing (an I/O error, say), as in SQLite.
      this.rollbackAll();
      this.active.clear();
      this.named.clear();
      this.autocommit = true;
    } else if (state !== null && state.savepoint >= 0 && pager.inWriteTransaction) {
      pager.rollbackToSavepoint(state.savepoint);
      pager.releaseSavepoint(state.savepoint);
      state.savepoint = -1;
      this.ctx.invalidateCursors();
      this.schemaChanged();
    } else if (this.autocommit && this.active.size === 0) {
      this.rollbackAll();
    }
    vm.hostState = null;
  }

  /**
   * A statement was reset before finishing: like an error for writers, an end for readers. A
   * reader undoes nothing: what writers that ran beside it did stays, and commits now if no
   * statement is left running. Restartable: the commit may pend before anything changes.
   */
  statementAbandoned(vm: Vm): void {
    if (!this.active.has(vm)) return;
    const pager = this.pager;
    if (this.autocommit && this.active.size === 1 && !pager.inWriteTransaction) {
      this.active.delete(vm);
      this.endTransaction();
      return;
    }
    if (!vm.program.writes) {
      if (this.autocommit && this.active.size === 1) {
        try {
          this.endTransaction();
        } catch (e) {
          // As at Halt: a failed commit is rolled back; a pending one resumes on the next reset.
          if (!isIoPending(e)) {
            this.active.delete(vm);
            vm.hostState = null;
            this.rollbackAll();
          }
          throw e;
        }
      }
      this.active.delete(vm);
      vm.hostState = null;
      return;
    }
    this.statementFailed(vm);
  }

  private rollbackAll(): void {
    this.ctx.invalidateCursors();
    if (this.pager.inWriteTransaction) {
      this.pager.rollback();
      this.schemaChanged();
    } else if (this.pager.inReadTransaction) {
      this.pager.endRead();
    }
  }

  // ---- Closing --------------------------------------------------------------------------------

  closeSync(): void {
    if (this.closed) return;
    this.rollbackOpen();
    this.closed = true;
    this.ctx.invalidateCursors();
    runSync(() => this.pager.close());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.rollbackOpen();
    this.closed = true;
    this.ctx.invalidateCursors();
    await runAsync(() => this.pager.close());
  }

  private rollbackOpen(): void {
    this.active.clear();
    this.named.clear();
    this.autocommit = true;
    this.rollbackAll();
  }

  private checkOpen(): void {
    if (this.closed) throw new SqliteError('SQLITE_MISUSE', 'The database connection is not open');
  }
}
