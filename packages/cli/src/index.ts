/**
 * @minnow/cli as a library: the shell and the MCP tools, for embedding or testing. The binary
 * is bin/minnow.mjs (src/main.ts).
 */
export { Shell, type ShellOptions } from './shell/shell.js';
export { render, MODES, type Mode, type OutputSettings } from './shell/output-modes.js';
export { dumpDatabase } from './shell/dump.js';
export { DatabaseTools, textTable } from './mcp/tools.js';
export { runMcpServer } from './mcp/server.js';
export { parseArgs, type CliArgs } from './args.js';
