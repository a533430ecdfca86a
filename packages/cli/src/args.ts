/**
 * Command line: `minnow [OPTIONS] [DATABASE] [SQL...]`.
 */
import type { Mode } from './shell/output-modes.js';

export interface CliArgs {
  database: string;
  commands: string[];
  mcp: boolean;
  readonly: boolean;
  bail: boolean;
  mode: Mode | null;
  headers: boolean | null;
  help: boolean;
  version: boolean;
  /** File backend ('async' default). */
  backend: 'async' | 'sync';
}

const MODE_FLAGS = new Set(['list', 'line', 'column', 'box', 'table', 'markdown', 'csv', 'json', 'quote', 'tabs']);

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { database: ':memory:', commands: [], mcp: false, readonly: false, bail: false, mode: null, headers: null, help: false, version: false, backend: 'async' };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-') || a === '-' || positional.length > 0) {
      positional.push(a);
      continue;
    }
    const flag = a.replace(/^--?/, '');
    if (flag === 'mcp') args.mcp = true;
    else if (flag === 'readonly') args.readonly = true;
    else if (flag === 'bail') args.bail = true;
    else if (flag === 'header' || flag === 'headers') args.headers = true;
    else if (flag === 'noheader') args.headers = false;
    else if (flag === 'help' || flag === 'h') args.help = true;
    else if (flag === 'version') args.version = true;
    else if (flag === 'sync') args.backend = 'sync';
    else if (MODE_FLAGS.has(flag)) args.mode = flag as Mode;
    else throw new Error(`unknown option: ${a}`);
  }
  // `--mcp` may also follow the database: `minnow app.db --mcp`.
  const rest = positional.filter((p) => {
    if (p === '--mcp') {
      args.mcp = true;
      return false;
    }
    return true;
  });
  if (rest.length > 0) args.database = rest[0]!;
  args.commands = rest.slice(1);
  return args;
}

export const USAGE = `Usage: minnow [OPTIONS] [DATABASE] [SQL...]
Open DATABASE (a file, created if missing; in memory when omitted) and run SQL, or read
statements and dot-commands from standard input. Enter ".help" in the shell for its commands.

Options:
  --mcp          serve the Model Context Protocol over stdio instead of the shell
  -readonly      open the database read-only
  -bail          stop at the first error
  -header        show column names        -noheader   hide them
  -list -line -column -box -table -markdown -csv -json -quote -tabs   output mode
  -sync          use the synchronous file backend (default: asynchronous FileHandles)
  -version       print the version
  -help          print this text
`;
