/**
 * The nine MCP tools over one open database.
 */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { openConnection, type OpenedConnection, type OpenOptions } from '@minnow/node';
import type { SqlValue } from '@minnow/core';
import { describeTable, tableNames } from '../schema-info.js';
import { renderBox } from '../shell/output-modes.js';
import { refusal, type ToolName } from './query-kind.js';

function text(t: string): CallToolResult {
  return { content: [{ type: 'text', text: t }] };
}

function failure(t: string): CallToolResult {
  return { content: [{ type: 'text', text: t }], isError: true };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A readable ASCII table of a result set. */
export function textTable(cols: readonly string[], rows: readonly SqlValue[][]): string {
  return renderBox(cols, rows, { mode: 'table', headers: true, nullValue: 'NULL', separator: '|' });
}

export class DatabaseTools {
  private db: OpenedConnection | null = null;
  private name = ':memory:';

  constructor(private readonly options: OpenOptions) {}

  /** Closes the current database, then opens `path`; if that fails, the previous one is reopened. */
  async open(path: string): Promise<void> {
    const previous = this.db === null ? null : this.name;
    await this.close();
    try {
      this.db = await openConnection(path, this.options);
    } catch (e) {
      if (previous !== null) this.db = await openConnection(previous, this.options).catch(() => openConnection(':memory:'));
      this.name = this.db?.path ?? ':memory:';
      throw e;
    }
    this.name = this.db.path ?? ':memory:';
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db !== null) await db.close();
  }

  private get conn() {
    if (this.db === null) throw new Error('No database is open; call open_database first.');
    return this.db.conn;
  }

  /** Runs one statement: its column names, rows, and changes. */
  private async runOne(sql: string): Promise<{ cols: readonly string[]; rows: SqlValue[][]; changes: number; lastInsertRowid: number | bigint | null }> {
    const stmt = await this.conn.prepareAsync(sql);
    if (stmt === null) throw new Error('No SQL statement was given.');
    try {
      const rows: SqlValue[][] = [];
      while ((await stmt.stepAsync()) === 'row') rows.push(stmt.row());
      return { cols: stmt.columnNames(), rows, changes: stmt.changes, lastInsertRowid: stmt.lastInsertRowid };
    } finally {
      stmt.finalize();
    }
  }

  private async guarded(op: () => Promise<CallToolResult>): Promise<CallToolResult> {
    try {
      return await op();
    } catch (e) {
      return failure(`Error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private statementTool(tool: ToolName, done: (r: Awaited<ReturnType<DatabaseTools['runOne']>>) => string) {
    return ({ query }: { query: string }) =>
      this.guarded(async () => {
        const why = refusal(tool, query);
        if (why !== null) return failure(why);
        return text(done(await this.runOne(query)));
      });
  }

  register(server: McpServer): void {
    const query = { query: z.string().describe('One SQL statement') };
    server.registerTool('open_database', { description: 'Open (or create) an SQLite database file; later calls use it.', inputSchema: { path: z.string().describe('Path of the database file, or :memory:') } }, ({ path }) =>
      this.guarded(async () => {
        await this.open(path);
        return text(`Opened database: ${this.name}`);
      }),
    );
    server.registerTool('current_database', { description: 'Show which database is open.', inputSchema: {} }, () => this.guarded(async () => text(`Current database: ${this.name}`)));
    server.registerTool('list_tables', { description: 'List the tables of the open database.', inputSchema: {} }, () =>
      this.guarded(async () => {
        const names = await tableNames(this.conn);
        return text(names.length === 0 ? 'No tables found.' : names.join('\n'));
      }),
    );
    server.registerTool('describe_table', { description: "Show a table's columns: name, declared type, NOT NULL, default, primary key.", inputSchema: { table_name: z.string().describe('Table name') } }, ({ table_name }) =>
      this.guarded(async () => {
        const cols = await describeTable(this.conn, table_name);
        if (cols === null) return failure(`Error: no such table: ${table_name}`);
        const rows = cols.map((c): SqlValue[] => [c.name, c.type, c.notNull ? 'YES' : 'NO', c.defaultValue, c.primaryKey ? 'YES' : 'NO']);
        return text(`Table ${table_name}:\n${textTable(['column', 'type', 'not null', 'default', 'primary key'], rows)}`);
      }),
    );
    server.registerTool('execute_query', { description: 'Run exactly one SELECT and return its rows as a table.', inputSchema: query }, this.statementTool('execute_query', (r) =>
      r.rows.length === 0 ? `No rows (columns: ${r.cols.join(', ')}).` : `${textTable(r.cols, r.rows)}(${plural(r.rows.length, 'row')})`,
    ));
    server.registerTool('insert_data', { description: 'Run exactly one INSERT.', inputSchema: query }, this.statementTool('insert_data', (r) =>
      `Inserted ${plural(r.changes, 'row')}${r.lastInsertRowid !== null && r.changes > 0 ? ` (last rowid ${r.lastInsertRowid})` : ''}.`,
    ));
    server.registerTool('update_data', { description: 'Run exactly one UPDATE.', inputSchema: query }, this.statementTool('update_data', (r) => `Updated ${plural(r.changes, 'row')}.`));
    server.registerTool('delete_data', { description: 'Run exactly one DELETE.', inputSchema: query }, this.statementTool('delete_data', (r) => `Deleted ${plural(r.changes, 'row')}.`));
    server.registerTool('schema_change', { description: 'Run exactly one CREATE, DROP or ALTER statement.', inputSchema: query }, this.statementTool('schema_change', () => 'Schema change applied.'));
  }
}
