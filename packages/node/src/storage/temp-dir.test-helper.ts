/** A scratch directory per test file, with one fresh subdirectory per storage. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class TempDirs {
  readonly root = mkdtempSync(join(tmpdir(), 'minnow-node-storage-'));
  private count = 0;

  /** A new, empty directory. */
  fresh(): string {
    const dir = join(this.root, String(this.count++));
    mkdirSync(dir);
    return dir;
  }

  removeAll(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
