/**
 * A prepared statement: the parsed SQL, its compiled program, bindings, and the VM running it.
 *
 *   step()       'row' | 'done' | 'io': 'io' means storage pends; await `pendingIo()` and
 *                call step() again (runAsync/stepAsync do that)
 *   row()        the current row's values (SqlValue[])
 *   reset()      back to the start, bindings kept
 *   bind(...)    positional values (slot 1 first) or named ones (`{ name: value }`, matched
 *                without the ':', '@' or '$' prefix)
 *
 * A statement compiled against an older schema recompiles before its next run. Errors are
 * SqliteErrors; a failed step rolls back what the statement did (connection.ts).
 */
import { compileStatement } from '../compile/compile.js';
import type { Schema } from '../compile/schema.js';
import { SqliteError } from '../errors.js';
import type { SqlValue } from '../format/sql-value.js';
import type { Completion } from '../io/completion.js';
import { isIoPending } from '../io/io-pending.js';
import type { ParsedStatement } from '../parser/parser.js';
import { EXPLAIN_COLUMNS, explainRows } from '../vdbe/explain.js';
import type { Program } from '../vdbe/program.js';
import { newStep } from '../vdbe/functions/statement-clock.js';
import { type StepResult, Vm } from '../vdbe/vm.js';
import type { Connection } from './connection.js';

export class Statement {
  private program: Program;
  private vm: Vm;
  private generation: number;
  private readonly params: SqlValue[] = [];
  /** EXPLAIN: rows served from memory instead of running a program. */
  private explain: SqlValue[][] | null = null;
  private explainPos = -1;
  private pending: Completion<unknown> | null = null;
  private finalized = false;
  /** Phase of the current run: 'idle' before the first step, 'running', 'done'. */
  private phase: 'idle' | 'running' | 'done' = 'idle';

  constructor(
    private readonly conn: Connection,
    readonly sql: string,
    private readonly parsed: ParsedStatement,
    schema: Schema,
  ) {
    this.generation = conn.schemaGeneration;
    this.program = this.compile(schema);
    this.vm = new Vm(this.program, conn);
  }

  private compile(schema: Schema): Program {
    const stmt = this.parsed.stmt;
    if (stmt.kind === 'explain') {
      const inner = compileStatement(stmt.stmt, schema, this.conn.functions, this.parsed.paramNames);
      if (stmt.queryPlan) {
        this.explain = (inner.queryPlan ?? []).map((detail, i) => [i + 2, 0, 0, detail]);
        return { ...inner, columnNames: ['id', 'parent', 'notused', 'detail'] };
      }
      this.explain = explainRows(inner);
      return { ...inner, columnNames: [...EXPLAIN_COLUMNS] };
    }
    return compileStatement(stmt, schema, this.conn.functions, this.parsed.paramNames);
  }

  get paramCount(): number {
    return this.parsed.paramCount;
  }

  /** Name of each parameter slot, 1..paramCount (null for an anonymous `?`). */
  get paramNames(): readonly (string | null)[] {
    return this.parsed.paramNames;
  }

  /** Whether running it leaves the database unchanged. */
  get readonly(): boolean {
    return this.explain !== null || (!this.program.writes && !this.program.transactionControl && !isSchemaStmt(this.parsed.stmt.kind));
  }

  columnNames(): readonly string[] {
    return this.program.columnNames;
  }

  /** Rows changed by the last run. */
  get changes(): number {
    return this.vm.changes;
  }

  get lastInsertRowid(): number | bigint | null {
    return this.vm.lastInsertRowid;
  }

  bind(values: readonly SqlValue[] | Readonly<Record<string, SqlValue>>): this {
    if (this.phase === 'running') throw new SqliteError('SQLITE_MISUSE', 'bind on a running statement; reset it first');
    const n = this.parsed.paramCount;
    const params = this.params;
    // Slots 0..n, all set (NULL when unbound): a dense array of constant length, so binding in a
    // loop neither reallocates it nor makes it holey.
    if (params.length !== n + 1) {
      params.length = 0;
      for (let i = 0; i <= n; i++) params.push(null);
    }
    if (Array.isArray(values)) {
      const list = values as readonly SqlValue[];
      if (list.length > n) throw new SqliteError('SQLITE_RANGE', 'column index out of range');
      for (let i = 1; i <= n; i++) params[i] = i <= list.length ? list[i - 1]! : null;
    } else {
      for (let i = 1; i <= n; i++) params[i] = null;
      const named = values as Readonly<Record<string, SqlValue>>;
      for (let i = 1; i <= n; i++) {
        const name = this.parsed.paramNames[i];
        if (name === null || name === undefined) continue;
        const bare = name.slice(1);
        if (bare in named) this.params[i] = named[bare]!;
        else if (name in named) this.params[i] = named[name]!;
        else throw new SqliteError('SQLITE_RANGE', `missing named parameter "${bare}"`);
      }
    }
    return this;
  }

  /** Runs until a row, the end, or pending I/O. */
  step(): StepResult {
    if (this.finalized) throw new SqliteError('SQLITE_MISUSE', 'statement has been finalized');
    if (this.explain !== null) return this.stepExplain();
    if (this.phase === 'done') return 'done';
    if (this.phase === 'idle') {
      if (this.generation !== this.conn.schemaGeneration) {
        let schema: Schema;
        try {
          schema = this.conn.loadSchemaOp();
        } catch (e) {
          if (isIoPending(e)) {
            this.pending = e.completion;
            return 'io';
          }
          throw e;
        }
        this.generation = this.conn.schemaGeneration;
        this.program = this.compile(schema);
        this.vm = new Vm(this.program, this.conn);
      }
      this.vm.params = this.params;
      this.phase = 'running';
    }
    let result: StepResult;
    // A new step (not a resume after pending I/O) reads the clock afresh for 'now'.
    if (this.pending === null) newStep();
    try {
      result = this.vm.step();
    } catch (e) {
      this.phase = 'done';
      this.conn.statementFailed(this.vm);
      this.conn.pager.trim();
      throw e;
    }
    if (result === 'io') {
      this.pending = this.vm.pendingIo;
      return 'io';
    }
    this.pending = null;
    if (result === 'done') this.phase = 'done';
    this.conn.pager.trim();
    return result;
  }

  private stepExplain(): StepResult {
    this.explainPos++;
    return this.explainPos < this.explain!.length ? 'row' : 'done';
  }

  /** The completion to await after step() returned 'io'. */
  pendingIo(): Completion<unknown> | null {
    return this.pending;
  }

  row(): SqlValue[] {
    if (this.explain !== null) return this.explain[this.explainPos]!;
    return this.vm.row();
  }

  reset(): this {
    // Idle means the VM has not run since it was built or last reset: nothing to undo. (The
    // compat API resets before and after every call, so this halves its resets.)
    if (this.phase === 'idle' && this.explainPos === -1 && this.pending === null) return this;
    if (this.phase === 'running') this.conn.statementAbandoned(this.vm);
    this.vm.reset();
    this.phase = 'idle';
    this.explainPos = -1;
    this.pending = null;
    return this;
  }

  finalize(): void {
    if (this.finalized) return;
    this.reset();
    this.finalized = true;
  }

  /** Steps to the end over synchronous storage; returns the rows. */
  runSync(): SqlValue[][] {
    const rows: SqlValue[][] = [];
    for (;;) {
      const r = this.step();
      if (r === 'done') return rows;
      if (r === 'io') {
        this.reset();
        throw new SqliteError('SQLITE_MISUSE', 'asynchronous I/O pending in a synchronous call; use the async API');
      }
      rows.push(this.row());
    }
  }

  /** One step over any storage, awaiting pending I/O. */
  async stepAsync(): Promise<'row' | 'done'> {
    for (;;) {
      const r = this.step();
      if (r !== 'io') return r;
      await this.pending!.wait();
    }
  }

  async runAsync(): Promise<SqlValue[][]> {
    const rows: SqlValue[][] = [];
    for (;;) {
      const r = await this.stepAsync();
      if (r === 'done') return rows;
      rows.push(this.row());
    }
  }
}

function isSchemaStmt(kind: string): boolean {
  return kind === 'createTable' || kind === 'createIndex' || kind === 'drop' || kind === 'alterTable' || kind === 'createTrigger';
}
