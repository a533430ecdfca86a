/** Spawning the real `minnow` binary (and sqlite3, the oracle) with piped stdin. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const BIN = join(REPO_ROOT, 'packages/cli/bin/minnow.mjs');

export interface Ran {
  stdout: string;
  stderr: string;
  status: number | null;
}

export function minnow(args: string[], input: string, cwd = REPO_ROOT): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, cwd, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

export function sqlite3(args: string[], input: string, cwd = REPO_ROOT): Ran {
  const r = spawnSync('sqlite3', args, { input, cwd, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

export class Scratch {
  readonly root = mkdtempSync(join(tmpdir(), 'minnow-cli-'));
  private n = 0;
  fresh(): string {
    const d = join(this.root, String(this.n++));
    mkdirSync(d);
    return d;
  }
  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
