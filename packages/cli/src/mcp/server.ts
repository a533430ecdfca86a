/**
 * `minnow [DATABASE] --mcp`: a Model Context Protocol server over stdio (the official SDK),
 * with tools to open and inspect a database and to run one statement of a given kind per call.
 * Results come back as plain-text tables. Requests are handled one at a time, in order
 * (ordered-transport.ts); when stdin ends, the server finishes what it received, closes the
 * database (checkpointing it) and exits.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { OpenOptions } from '@minnow/node';
import { OrderedTransport } from './ordered-transport.js';
import { DatabaseTools } from './tools.js';

export async function runMcpServer(database: string, options: OpenOptions): Promise<void> {
  const tools = new DatabaseTools(options);
  await tools.open(database);
  const server = new McpServer({ name: 'minnow', version: '0.1.0' }, { capabilities: { tools: {} } });
  tools.register(server);
  const transport = new OrderedTransport(new StdioServerTransport());
  const ended = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
  });
  await server.connect(transport);
  await ended;
  await transport.idle();
  await tools.close();
  await server.close();
}
