/**
 * The shell's dot-commands. Each handler returns true on success; a false return (after
 * printing why) counts as an error, like a failed statement.
 */
import { readFileSync, rmSync } from 'node:fs';
import { likeMatch, printedSql, schemaObjects } from '../schema-info.js';
import { dumpDatabase } from './dump.js';
import { importCsv } from './csv-import.js';
import { MODES, type Mode } from './output-modes.js';
import type { Shell } from './shell.js';

type Handler = (shell: Shell, args: string[], lineNo: number) => Promise<boolean> | boolean;

const HELP: [string, string][] = [
  ['.dump ?TABLE?', 'Write the database (or matching tables) as SQL text'],
  ['.exit ?CODE?', 'Leave the shell with exit status CODE (default 0)'],
  ['.headers on|off', 'Show or hide column names above results'],
  ['.help', 'Show this list'],
  ['.import FILE TABLE', 'Load CSV rows from FILE into TABLE (options: --csv, --skip N)'],
  ['.indexes ?TABLE?', 'List indexes (of tables matching TABLE)'],
  ['.mode MODE', `Set the output mode: ${MODES.join(', ')}`],
  ['.nullvalue TEXT', 'Print NULL values as TEXT'],
  ['.open ?FILE?', 'Close this database and open FILE (options: --readonly, --new)'],
  ['.output ?FILE?', 'Send results to FILE, or back to the screen'],
  ['.print TEXT...', 'Print the words of TEXT'],
  ['.quit', 'Leave the shell'],
  ['.read FILE', 'Run the SQL and dot-commands in FILE'],
  ['.schema ?PATTERN?', 'Show the CREATE statements (of tables matching PATTERN)'],
  ['.separator SEP', 'Column separator of list mode'],
  ['.show', 'Show the current settings'],
  ['.tables ?PATTERN?', 'List tables and views (matching PATTERN)'],
  ['.timer on|off', 'Show the time each statement took'],
];

/** Splits a dot-command line into words; '...' and "..." group words with spaces. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (let m = re.exec(line); m !== null && m[0] !== ''; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

function parseBool(word: string | undefined): boolean | null {
  const w = (word ?? '').toLowerCase();
  if (['on', 'yes', 'true', '1'].includes(w)) return true;
  if (['off', 'no', 'false', '0'].includes(w)) return false;
  return null;
}

function usage(shell: Shell, text: string): false {
  shell.error(`Usage: ${text}`);
  return false;
}

/** Names laid out in columns, as sqlite3's .tables prints them (column-major, 80 wide). */
function inColumns(names: string[]): string {
  if (names.length === 0) return '';
  const w = Math.max(...names.map((n) => n.length));
  const perRow = Math.max(1, Math.floor(80 / (w + 2)));
  const rows = Math.ceil(names.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = r; c < names.length; c += rows) cells.push(names[c]!.padEnd(w));
    out += `${cells.join('  ')}\n`;
  }
  return out;
}

const setting = (name: 'headers' | 'timer'): Handler => (shell, args) => {
  const b = parseBool(args[0]);
  if (b === null) return usage(shell, `.${name} on|off`);
  if (name === 'headers') shell.settings.headers = b;
  else shell.timer = b;
  return true;
};

const COMMANDS: Record<string, Handler> = {
  help: (shell) => {
    const w = Math.max(...HELP.map(([c]) => c.length));
    shell.write(HELP.map(([c, d]) => `${c.padEnd(w)}  ${d}\n`).join(''));
    return true;
  },
  quit: (shell) => {
    shell.exitCode = 0;
    return true;
  },
  exit: (shell, args) => {
    shell.exitCode = args[0] === undefined ? 0 : Number.parseInt(args[0], 10) || 0;
    return true;
  },
  headers: setting('headers'),
  header: setting('headers'),
  timer: setting('timer'),
  nullvalue: (shell, args) => {
    if (args.length !== 1) return usage(shell, '.nullvalue TEXT');
    shell.settings.nullValue = args[0]!;
    return true;
  },
  separator: (shell, args) => {
    if (args.length < 1) return usage(shell, '.separator SEP');
    shell.settings.separator = args[0]!.replaceAll('\\t', '\t');
    return true;
  },
  mode: (shell, args) => {
    if (args.length === 0) {
      shell.write(`current output mode: ${shell.settings.mode}\n`);
      return true;
    }
    const mode = args[0]!.toLowerCase() as Mode;
    if (!MODES.includes(mode)) {
      shell.error(`Error: mode should be one of: ${MODES.join(' ')}`);
      return false;
    }
    shell.settings.mode = mode;
    // Columnar modes show their header, as sqlite3's do.
    if (mode === 'column' || mode === 'box' || mode === 'table' || mode === 'markdown') shell.settings.headers = true;
    return true;
  },
  print: (shell, args) => {
    shell.write(`${args.join(' ')}\n`);
    return true;
  },
  show: (shell) => {
    const s = shell.settings;
    const lines: [string, string][] = [
      ['headers', s.headers ? 'on' : 'off'],
      ['mode', s.mode],
      ['nullvalue', JSON.stringify(s.nullValue)],
      ['separator', JSON.stringify(s.separator)],
      ['timer', shell.timer ? 'on' : 'off'],
      ['filename', shell.dbName],
    ];
    shell.write(lines.map(([k, v]) => `${k.padStart(10)}: ${v}\n`).join(''));
    return true;
  },
  open: async (shell, args) => {
    let readonly = false;
    let fresh = false;
    let file: string | null = null;
    for (const a of args) {
      if (a === '--readonly') readonly = true;
      else if (a === '--new') fresh = true;
      else if (a.startsWith('-')) return usage(shell, '.open ?--readonly? ?--new? ?FILE?');
      else file = a;
    }
    const path = file ?? ':memory:';
    if (fresh && file !== null) for (const suffix of ['', '-wal', '-journal']) rmSync(`${file}${suffix}`, { force: true });
    try {
      await shell.open(path, { ...shell.options.openOptions, readonly });
    } catch (e) {
      shell.error(`Error: unable to open database "${path}": ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    return true;
  },
  tables: async (shell, args) => {
    const names = (await schemaObjects(shell.conn))
      .filter((o) => (o.type === 'table' || o.type === 'view') && !o.name.startsWith('sqlite_'))
      .filter((o) => args[0] === undefined || likeMatch(args[0], o.name))
      .map((o) => o.name)
      .sort();
    shell.write(inColumns(names));
    return true;
  },
  indexes: async (shell, args) => {
    const names = (await schemaObjects(shell.conn))
      .filter((o) => o.type === 'index' && (args[0] === undefined || likeMatch(args[0], o.tableName)))
      .map((o) => o.name)
      .sort();
    shell.write(inColumns(names));
    return true;
  },
  schema: async (shell, args) => {
    for (const o of await schemaObjects(shell.conn)) {
      if (o.sql === null) continue;
      if (args[0] !== undefined && !likeMatch(args[0], o.tableName) && !likeMatch(args[0], o.name)) continue;
      shell.write(`${printedSql(o)};\n`);
    }
    return true;
  },
  dump: async (shell, args) => {
    await dumpDatabase(shell.conn, (t) => shell.write(t), args[0]);
    return true;
  },
  read: async (shell, args) => {
    if (args.length !== 1) return usage(shell, '.read FILE');
    let text: string;
    try {
      text = readFileSync(args[0]!, 'utf8');
    } catch {
      shell.error(`Error: cannot open "${args[0]}"`);
      return false;
    }
    const lines = text.split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    let ok = true;
    for (let i = 0; i < lines.length && shell.exitCode === null; i++) {
      const failedBefore = shell.failed;
      shell.failed = false;
      if ((await shell.feedLine(lines[i]!, i + 1)) === 'quit') break;
      if (shell.failed) ok = false;
      shell.failed ||= failedBefore;
    }
    await shell.endInput();
    return ok;
  },
  output: (shell, args) => {
    shell.setOutput(args[0] ?? null);
    return true;
  },
  import: async (shell, args) => importCsv(shell, args),
};

export async function runDotCommand(shell: Shell, line: string, lineNo: number): Promise<boolean> {
  const words = splitArgs(line.slice(1));
  const name = (words[0] ?? '').toLowerCase();
  const handler = Object.hasOwn(COMMANDS, name) ? COMMANDS[name]! : undefined;
  if (handler === undefined) {
    shell.error(`Error: unknown command or invalid arguments:  "${name}". Enter ".help" for help`);
    return false;
  }
  return handler(shell, words.slice(1), lineNo);
}
