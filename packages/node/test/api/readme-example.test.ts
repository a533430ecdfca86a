/**
 * Acceptance 5: the README's Node example, exactly as written there, run the way the README
 * says (a script in the repository, loaded by tsx), prints what the README says it prints.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../../..');

/** The body of the first ```lang block after `heading` in the README. */
function block(readme: string, heading: string, lang: string, from = 0): { body: string; end: number } {
  const at = readme.indexOf(heading, from);
  expect(at).toBeGreaterThanOrEqual(0);
  const open = readme.indexOf(`\`\`\`${lang}\n`, at);
  const close = readme.indexOf('\n```', open + 1);
  expect(open).toBeGreaterThan(at);
  return { body: readme.slice(open + lang.length + 4, close + 1), end: close };
}

describe('README Node example', () => {
  it('runs and prints what the README says', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const code = block(readme, '## Node: the promise API', 'js');
    const printed = block(readme, 'it prints:', 'text', code.end);
    expect(code.body).toContain("from '@minnow/node'");
    const dir = mkdtempSync(join(ROOT, '.readme-example-'));
    try {
      writeFileSync(join(dir, 'example.mjs'), code.body);
      // Twice: the example must also work on the database its first run left behind.
      for (let run = 0; run < 2; run++) {
        const r = spawnSync(process.execPath, ['--import', 'tsx', 'example.mjs'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
        expect(r.stderr).toBe('');
        expect(r.stdout).toBe(printed.body);
        expect(r.status).toBe(0);
      }
      expect(spawnSync('sqlite3', [join(dir, 'app.db'), 'SELECT name FROM users ORDER BY id; PRAGMA integrity_check'], { encoding: 'utf8' }).stdout).toBe('alice\nbob\nok\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
