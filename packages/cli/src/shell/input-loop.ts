/**
 * Where the shell's input comes from.
 *
 * - A terminal: node:readline with line editing and a history file (~/.minnow_history, or
 *   $MINNOW_HISTORY), the prompt `minnow> ` and `   ...> ` inside a statement. Ctrl-C drops
 *   the line being typed and any unfinished statement; Ctrl-D (end of input) leaves.
 * - Anything else (a pipe, a file): lines are read and run in order, no prompt; errors name
 *   their line, and the exit status is 1 if any statement failed.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Shell } from './shell.js';

const PROMPT = 'minnow> ';
const CONTINUE_PROMPT = '   ...> ';
const HISTORY_LIMIT = 1000;

export function historyPath(): string {
  return process.env.MINNOW_HISTORY ?? join(homedir(), '.minnow_history');
}

function loadHistory(path: string): string[] {
  try {
    // readline wants the newest entry first.
    return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').slice(-HISTORY_LIMIT).reverse();
  } catch {
    return [];
  }
}

/** Reads lines from a non-terminal stdin; resolves when input ends or the shell quits. */
export async function runPiped(shell: Shell): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  let lineNo = 0;
  for await (const line of rl) {
    if ((await shell.feedLine(line, ++lineNo)) === 'quit') {
      rl.close();
      return;
    }
  }
  await shell.endInput();
}

export async function runInteractive(shell: Shell): Promise<void> {
  const file = historyPath();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true, history: loadHistory(file), historySize: HISTORY_LIMIT, removeHistoryDuplicates: true });
  rl.setPrompt(PROMPT);
  let lineNo = 0;
  let busy: Promise<void> = Promise.resolve();
  const done = new Promise<void>((resolve) => {
    rl.on('SIGINT', () => {
      // Ctrl-C: forget the current line and unfinished statement; stay in the shell.
      shell.cancelPending();
      (rl as unknown as { line: string }).line = '';
      process.stdout.write('^C\n');
      rl.setPrompt(PROMPT);
      rl.prompt();
    });
    rl.on('close', () => {
      void busy.then(resolve);
    });
    rl.on('line', (line) => {
      if (line.trim() !== '') {
        try {
          appendFileSync(file, `${line}\n`);
        } catch {
          // No writable history file: editing still works, history is just not kept.
        }
      }
      rl.pause();
      busy = busy.then(async () => {
        const r = await shell.feedLine(line, ++lineNo);
        if (r === 'quit') {
          rl.close();
          return;
        }
        rl.setPrompt(shell.pending ? CONTINUE_PROMPT : PROMPT);
        rl.resume();
        rl.prompt();
      });
    });
  });
  rl.prompt();
  await done;
}
