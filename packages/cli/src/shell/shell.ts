/**
 * The shell's state and its two kinds of work: running SQL text (each statement's rows printed
 * in the current output mode) and running dot-commands (dot-commands.ts). Input arrives line by
 * line through `feedLine` from a terminal, a pipe, `.read` or the command line.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { SqliteError, ResultCode, type Connection } from '@minnow/core';
import { openConnection, type OpenedConnection, type OpenOptions } from '@minnow/node';
import { runDotCommand } from './dot-commands.js';
import { render, type OutputSettings } from './output-modes.js';
import { isBlankSql, isCompleteSql } from './statement-buffer.js';

export interface ShellOptions {
  /** Errors say "near line N" (input from a pipe or file) or not (a terminal). */
  interactive: boolean;
  /** Stop at the first error. */
  bail?: boolean;
  openOptions?: OpenOptions;
}

export type LineResult = 'continue' | 'quit';

export class Shell {
  db!: OpenedConnection;
  /** The name the database was opened with (':memory:' when transient). */
  dbName = ':memory:';
  readonly settings: OutputSettings = { mode: 'list', headers: false, nullValue: '', separator: '|' };
  timer = false;
  /** Set by any failed statement or command; the exit status of a non-interactive run. */
  failed = false;
  exitCode: number | null = null;
  private outFd: number | null = null;
  private buffer = '';
  private bufferLine = 0;

  constructor(readonly options: ShellOptions) {}

  get conn(): Connection {
    return this.db.conn;
  }

  /**
   * Closes the current database and opens `path`. The old one is closed first so the same file
   * can be reopened (its lock is ours); if `path` fails, the shell is left on a transient
   * in-memory database, as sqlite3 leaves it, and the error is rethrown.
   */
  async open(path: string, options: OpenOptions = this.options.openOptions ?? {}): Promise<void> {
    if (this.db !== undefined) await this.db.close();
    try {
      this.db = await openConnection(path, options);
      this.dbName = this.db.memory ? ':memory:' : path;
    } catch (e) {
      this.db = await openConnection(':memory:');
      this.dbName = ':memory:';
      throw e;
    }
  }

  async close(): Promise<void> {
    this.setOutput(null);
    if (this.db !== undefined) await this.db.close();
  }

  // ---- output ---------------------------------------------------------------------------------

  write(text: string): void {
    if (text === '') return;
    if (this.outFd !== null) writeSync(this.outFd, text);
    else process.stdout.write(text);
  }

  error(text: string): void {
    process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Sends results to a file (truncated), or back to stdout with null. */
  setOutput(path: string | null): void {
    if (this.outFd !== null) closeSync(this.outFd);
    this.outFd = path === null ? null : openSync(path, 'w');
  }

  // ---- input ----------------------------------------------------------------------------------

  /** True while a statement has started but not ended (the prompt shows continuation). */
  get pending(): boolean {
    return this.buffer !== '';
  }

  /** Forgets a half-typed statement (Ctrl-C). */
  cancelPending(): void {
    this.buffer = '';
  }

  async feedLine(line: string, lineNo: number): Promise<LineResult> {
    if (this.buffer === '' && line.trimStart().startsWith('.')) {
      const ok = await this.guard(() => runDotCommand(this, line.trim(), lineNo), lineNo);
      if (!ok) return this.afterError();
      return this.exitCode !== null ? 'quit' : 'continue';
    }
    if (this.buffer === '') {
      if (isBlankSql(line)) return 'continue';
      this.bufferLine = lineNo;
    }
    this.buffer += `${line}\n`;
    if (!isCompleteSql(this.buffer)) return 'continue';
    const sql = this.buffer;
    this.buffer = '';
    return (await this.runSql(sql, this.bufferLine)) ? 'continue' : this.afterError();
  }

  /** End of input: an unfinished statement still runs (its error, if any, is reported). */
  async endInput(): Promise<void> {
    if (this.buffer === '') return;
    const sql = this.buffer;
    this.buffer = '';
    if (!isBlankSql(sql) && !(await this.runSql(sql, this.bufferLine))) this.afterError();
  }

  /** Runs every statement in `sql`, printing rows; stops at the first error. */
  async runSql(sql: string, firstLine: number): Promise<boolean> {
    const conn = this.conn;
    let offset = 0;
    // Each round consumes one statement.
    for (let round = 0; round <= sql.length; round++) {
      const line = firstLine + lineOffset(sql, offset);
      let stmt;
      try {
        stmt = await conn.prepareAsync(sql, offset);
      } catch (e) {
        this.report('Parse error', e, line);
        return false;
      }
      if (stmt === null) return true;
      const started = performance.now();
      const cpu = process.cpuUsage();
      const rows = [];
      try {
        while ((await stmt.stepAsync()) === 'row') rows.push(stmt.row());
      } catch (e) {
        this.report('Runtime error', e, line);
        return false;
      } finally {
        stmt.finalize();
      }
      const cols = stmt.columnNames();
      if (cols.length > 0) this.write(render(cols, rows, this.settings));
      if (this.timer) {
        const used = process.cpuUsage(cpu);
        this.write(`Run Time: real ${((performance.now() - started) / 1000).toFixed(3)} user ${(used.user / 1e6).toFixed(6)} sys ${(used.system / 1e6).toFixed(6)}\n`);
      }
      offset += stmt.sql.length;
    }
    return true;
  }

  private afterError(): LineResult {
    this.failed = true;
    if (this.options.bail === true) {
      this.exitCode = 1;
      return 'quit';
    }
    return 'continue';
  }

  /** Runs a dot-command, reporting what it throws. */
  private async guard(op: () => Promise<boolean>, lineNo: number): Promise<boolean> {
    try {
      return await op();
    } catch (e) {
      this.report('Error', e, lineNo);
      return false;
    }
  }

  report(kind: string, e: unknown, lineNo: number): void {
    const where = this.options.interactive ? '' : ` near line ${lineNo}`;
    if (e instanceof SqliteError) {
      const rc = kind === 'Runtime error' ? ` (${ResultCode[e.primaryCode]})` : '';
      this.error(`${kind}${where}: ${e.message}${rc}`);
    } else {
      this.error(`${kind}${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** Line of `sql` (0-based) where the statement starting at `offset` begins. */
function lineOffset(sql: string, offset: number): number {
  let i = offset;
  while (i < sql.length && /\s/.test(sql[i]!)) i++;
  let lines = 0;
  for (let j = 0; j < i; j++) if (sql.charCodeAt(j) === 10) lines++;
  return lines;
}
