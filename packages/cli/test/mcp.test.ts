/**
 * `minnow --mcp`: JSON-RPC lines piped into the real binary, and the SDK's own Client talking
 * to it over stdio.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN, minnow, REPO_ROOT, Scratch, sqlite3 } from './run-cli.test-helper.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

interface Reply {
  jsonrpc: string;
  id: number;
  result?: { content?: { type: string; text: string }[]; isError?: boolean; protocolVersion?: string; serverInfo?: { name: string }; tools?: { name: string }[] };
  error?: unknown;
}

const initialize = (version: string) => ({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'client', version: '1.0' } } });
const call = (id: number, name: string, args: Record<string, unknown> = {}) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } });

function replies(stdout: string): Reply[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Reply);
}

function textOf(r: Reply): string {
  return r.result!.content!.map((c) => c.text).join('');
}

describe('minnow --mcp', () => {
  it('acceptance 2: five piped requests get five answers', () => {
    const lines = [
      initialize('2024-11-05'),
      call(2, 'schema_change', { query: 'CREATE TABLE users (id INTEGER, name TEXT, email TEXT)' }),
      call(3, 'list_tables'),
      call(4, 'insert_data', { query: "INSERT INTO users VALUES (1, 'Alice', 'alice@example.com')" }),
      call(5, 'execute_query', { query: 'SELECT * FROM users' }),
    ];
    const r = spawnSync('pnpm', ['exec', 'minnow', '--mcp'], { input: lines.map((l) => JSON.stringify(l)).join('\n') + '\n', cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const out = replies(r.stdout);
    expect(out.map((o) => o.id)).toEqual([1, 2, 3, 4, 5]);
    expect(out[0]!.result!.protocolVersion).toBe('2024-11-05');
    expect(out[0]!.result!.serverInfo!.name).toBe('minnow');
    for (const o of out.slice(1)) expect(o.result!.isError).toBeUndefined();
    expect(textOf(out[1]!)).toBe('Schema change applied.');
    expect(textOf(out[2]!)).toBe('users');
    expect(textOf(out[3]!)).toBe('Inserted 1 row (last rowid 1).');
    expect(textOf(out[4]!)).toBe(
      '+----+-------+-------------------+\n' +
        '| id | name  |       email       |\n' +
        '+----+-------+-------------------+\n' +
        '| 1  | Alice | alice@example.com |\n' +
        '+----+-------+-------------------+\n' +
        '(1 row)',
    );
  });

  it('refuses wrong kinds and several statements, and serves every tool on a file', () => {
    const dir = scratch.fresh();
    const db = join(dir, 'mcp.db');
    const other = join(dir, 'other.db');
    const lines = [
      initialize('2025-06-18'),
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      call(3, 'schema_change', { query: "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL DEFAULT 0)" }),
      call(4, 'execute_query', { query: "INSERT INTO items(name) VALUES ('x')" }),
      call(5, 'execute_query', { query: 'SELECT 1; SELECT 2' }),
      call(6, 'schema_change', { query: 'SELECT * FROM items' }),
      call(7, 'insert_data', { query: "INSERT INTO items(name, price) VALUES ('pen', 1.5), ('ink', 4), ('pad', NULL)" }),
      call(8, 'update_data', { query: 'UPDATE items SET price = price * 2 WHERE price IS NOT NULL' }),
      call(9, 'delete_data', { query: "DELETE FROM items WHERE name = 'pad'" }),
      call(10, 'execute_query', { query: 'SELECT name, price FROM items ORDER BY id' }),
      call(11, 'describe_table', { table_name: 'items' }),
      call(12, 'describe_table', { table_name: 'nope' }),
      call(13, 'execute_query', { query: 'SELECT * FROM nope' }),
      call(14, 'current_database'),
      call(15, 'open_database', { path: other }),
      call(16, 'list_tables'),
      call(17, 'current_database'),
      call(18, 'execute_query', { query: 'SELECT 1 WHERE 0' }),
      call(19, 'open_database', { path: dir }),
      call(20, 'current_database'),
    ];
    const r = minnow([db, '--mcp'], lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect(r.status).toBe(0);
    const out = replies(r.stdout);
    expect(out.map((o) => o.id)).toEqual([1, ...Array.from({ length: 19 }, (_, i) => i + 2)]);
    const byId = new Map(out.map((o) => [o.id, o]));
    expect(byId.get(1)!.result!.protocolVersion).toBe('2025-06-18');
    expect(byId.get(2)!.result!.tools!.map((t) => t.name).sort()).toEqual(
      ['current_database', 'delete_data', 'describe_table', 'execute_query', 'insert_data', 'list_tables', 'open_database', 'schema_change', 'update_data'],
    );
    const refused = (id: number, text: string) => {
      expect(byId.get(id)!.result!.isError).toBe(true);
      expect(textOf(byId.get(id)!)).toBe(text);
    };
    refused(4, 'execute_query only runs a SELECT statement; this is an INSERT statement. Use insert_data for it.');
    refused(5, 'execute_query runs exactly one statement; this query has 2. Send them one call at a time.');
    refused(6, 'schema_change only runs a CREATE, DROP or ALTER statement; this is a SELECT statement. Use execute_query for it.');
    expect(textOf(byId.get(7)!)).toBe('Inserted 3 rows (last rowid 3).');
    expect(textOf(byId.get(8)!)).toBe('Updated 2 rows.');
    expect(textOf(byId.get(9)!)).toBe('Deleted 1 row.');
    expect(textOf(byId.get(10)!)).toBe('+------+-------+\n| name | price |\n+------+-------+\n| pen  | 3.0   |\n| ink  | 8.0   |\n+------+-------+\n(2 rows)');
    expect(textOf(byId.get(11)!)).toBe(
      'Table items:\n' +
        '+--------+---------+----------+---------+-------------+\n' +
        '| column |  type   | not null | default | primary key |\n' +
        '+--------+---------+----------+---------+-------------+\n' +
        '| id     | INTEGER | NO       | NULL    | YES         |\n' +
        '| name   | TEXT    | YES      | NULL    | NO          |\n' +
        '| price  | REAL    | NO       | 0       | NO          |\n' +
        '+--------+---------+----------+---------+-------------+\n',
    );
    refused(12, 'Error: no such table: nope');
    refused(13, 'Error: no such table: nope');
    expect(textOf(byId.get(14)!)).toBe(`Current database: ${db}`);
    expect(textOf(byId.get(15)!)).toBe(`Opened database: ${other}`);
    expect(textOf(byId.get(16)!)).toBe('No tables found.');
    expect(textOf(byId.get(17)!)).toBe(`Current database: ${other}`);
    expect(textOf(byId.get(18)!)).toBe('No rows (columns: 1).');
    refused(19, 'Error: unable to open database file');
    expect(textOf(byId.get(20)!)).toBe(`Current database: ${other}`);
    // The work landed in the file, which sqlite3 reads.
    expect(sqlite3([db, 'SELECT name, price FROM items ORDER BY id; PRAGMA integrity_check'], '').stdout).toBe('pen|3.0\nink|8.0\nok\n');
  });

  it("answers the SDK's own Client over stdio", async () => {
    const client = new Client({ name: 'test-client', version: '1.0.0' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, '--mcp'], cwd: REPO_ROOT, stderr: 'pipe' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(9);
      const schema = tools.find((t) => t.name === 'execute_query')!.inputSchema as { properties: Record<string, unknown>; required: string[] };
      expect(Object.keys(schema.properties)).toEqual(['query']);
      expect(schema.required).toEqual(['query']);
      const res = await client.callTool({ name: 'execute_query', arguments: { query: "SELECT 1 AS one, 'two' AS two" } });
      expect(res.isError).toBeUndefined();
      expect((res.content as { text: string }[])[0]!.text).toBe('+-----+-----+\n| one | two |\n+-----+-----+\n| 1   | two |\n+-----+-----+\n(1 row)');
      const bad = await client.callTool({ name: 'delete_data', arguments: { query: 'DROP TABLE x' } });
      expect(bad.isError).toBe(true);
    } finally {
      await client.close();
    }
  });
});
