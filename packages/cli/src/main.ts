/**
 * The `minnow` binary: the shell, or with --mcp the MCP server.
 */
import { parseArgs, USAGE } from './args.js';
import { runInteractive, runPiped } from './shell/input-loop.js';
import { Shell } from './shell/shell.js';

export const VERSION = '0.1.0';

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`minnow: ${(e as Error).message}\n${USAGE}`);
    return 1;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.version) {
    process.stdout.write(`minnow ${VERSION}\n`);
    return 0;
  }
  const openOptions = { readonly: args.readonly, backend: args.backend };
  if (args.mcp) {
    // Loaded only here: the SDK is most of the shell's start-up time.
    const { runMcpServer } = await import('./mcp/server.js');
    await runMcpServer(args.database, openOptions);
    return 0;
  }
  const interactive = process.stdin.isTTY === true && args.commands.length === 0;
  const shell = new Shell({ interactive, bail: args.bail, openOptions });
  try {
    await shell.open(args.database);
  } catch (e) {
    process.stderr.write(`Error: unable to open database "${args.database}": ${(e as Error).message}\n`);
    await shell.close();
    return 1;
  }
  if (args.mode !== null) await shell.feedLine(`.mode ${args.mode}`, 0);
  if (args.headers !== null) shell.settings.headers = args.headers;
  try {
    if (args.commands.length > 0) {
      for (const cmd of args.commands) {
        if ((await shell.feedLine(cmd, 1)) === 'quit') break;
        await shell.endInput();
      }
    } else if (interactive) {
      process.stdout.write(`Minnow ${VERSION}\n`);
      if (args.database === ':memory:') {
        process.stdout.write('Connected to a transient in-memory database.\nUse ".open FILENAME" to reopen on a persistent database\n');
      }
      process.stdout.write('Enter ".help" for usage hints.\n');
      await runInteractive(shell);
    } else {
      await runPiped(shell);
    }
  } finally {
    await shell.close();
  }
  if (shell.exitCode !== null && shell.exitCode !== 0) return shell.exitCode;
  return shell.failed && !interactive ? 1 : (shell.exitCode ?? 0);
}

// Killed politely: exit through process.exit so the lock files of open databases are removed
// (a terminal's Ctrl-C is readline's, not a signal).
for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
  process.once(signal, () => process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15)));
}

// A reader that stops early (`minnow db .dump | head`) is not an error, as with sqlite3.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
