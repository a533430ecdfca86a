/**
 * The shell at a terminal: run inside a pseudo-terminal (util-linux `script`), typed at the way
 * a person types, waiting for each prompt. Greeting, continuation prompt, Ctrl-C dropping the
 * unfinished statement, Ctrl-D leaving, and the history file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, Scratch } from './run-cli.test-helper.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

const haveScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!haveScript)('minnow shell at a terminal', () => {
  it('greets, continues statements, cancels with Ctrl-C, leaves with Ctrl-D, keeps history', async () => {
    const dir = scratch.fresh();
    const history = join(dir, 'history');
    const child = spawn('script', ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`, '/dev/null'], {
      env: { ...process.env, MINNOW_HISTORY: history, TERM: 'dumb' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    let seen = 0;
    /** Waits until `text` appears after what was already consumed. */
    const waitFor = async (text: string) => {
      for (let i = 0; i < 600; i++) {
        const at = out.indexOf(text, seen);
        if (at >= 0) {
          seen = at + text.length;
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`never saw ${JSON.stringify(text)} in ${JSON.stringify(out)}`);
    };
    await waitFor('Enter ".help" for usage hints.');
    await waitFor('minnow> ');
    child.stdin.write('SELECT 40\r');
    await waitFor('   ...> ');
    child.stdin.write('+ 2;\r');
    await waitFor('42');
    await waitFor('minnow> ');
    child.stdin.write("SELECT 'never");
    await waitFor("SELECT 'never");
    child.stdin.write('\x03');
    await waitFor('minnow> ');
    child.stdin.write("SELECT 'after ctrl-c';\r");
    await waitFor('after ctrl-c\r\n');
    await waitFor('minnow> ');
    child.stdin.write('\x04');
    expect(await exited).toBe(0);
    expect(out).toContain('Connected to a transient in-memory database.\r\nUse ".open FILENAME" to reopen on a persistent database\r\nEnter ".help" for usage hints.');
    expect(out).not.toContain('never\r\n');
    expect(readFileSync(history, 'utf8')).toBe("SELECT 40\n+ 2;\nSELECT 'after ctrl-c';\n");
  });
});
