import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_PER_FILE_SECONDS, parseCliArgs } from './cli-options.js';
import { collectTestFiles, runAll, type RunConfig } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'slt-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const GOOD = 'statement ok\nCREATE TABLE t(x)\n\nstatement ok\nINSERT INTO t VALUES(1),(2)\n\nquery I rowsort\nSELECT x FROM t\n----\n1\n2\n';
const BAD = 'statement ok\nCREATE TABLE t(x)\n\nquery I nosort\nSELECT count(*) FROM t\n----\n5\n\nskipif sqlite\nstatement ok\nSELECT 1\n';
const HANG =
  'statement ok\nCREATE TABLE t(x)\n\n' +
  'query I nosort\nWITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(*) FROM c\n----\n1\n\n' +
  'statement ok\nSELECT 1\n';

const good = write('a/good.test', GOOD);
const bad = write('a/b/bad.test', BAD);
write('a/notes.txt', 'not a test');
const hang = write('hang/hang.test', HANG);

async function run(config: Partial<RunConfig> & Pick<RunConfig, 'paths'>): Promise<{ summary: Awaited<ReturnType<typeof runAll>>; lines: string[] }> {
  const lines: string[] = [];
  const summary = await runAll({ engine: 'sqljs', jobs: 1, failFast: false, verbose: false, timeoutPerFileMs: 0, print: (l) => lines.push(l), ...config });
  return { summary, lines };
}

describe('parseCliArgs', () => {
  it('has defaults', () => {
    const c = parseCliArgs(['x']);
    expect(c).toMatchObject({ paths: ['x'], engine: 'sqljs', failFast: false, verbose: false, timeoutPerFileMs: DEFAULT_TIMEOUT_PER_FILE_SECONDS * 1000 });
  });
  it('reads every option, with separate or inline values', () => {
    expect(parseCliArgs(['--engine', 'minnow', '--jobs=3', '--fail-fast', '--verbose', '--timeout-per-file', '2.5', 'a', 'b'])).toEqual({
      paths: ['a', 'b'],
      engine: 'minnow',
      jobs: 3,
      failFast: true,
      verbose: true,
      timeoutPerFileMs: 2500,
    });
  });
  it('rejects bad arguments', () => {
    expect(parseCliArgs(['--engine', 'postgres', 'x'])).toEqual({ error: "unknown engine 'postgres' (one of: sqljs, minnow)" });
    expect(parseCliArgs([])).toEqual({ error: 'no test files or directories given' });
    expect(parseCliArgs(['--jobs', '0', 'x'])).toEqual({ error: '--jobs needs a positive integer' });
    expect(parseCliArgs(['--frobnicate', 'x'])).toEqual({ error: 'unknown option --frobnicate' });
  });
});

describe('collectTestFiles', () => {
  it('finds *.test files under directories, biggest first, and takes named files as they are', async () => {
    expect(await collectTestFiles([join(dir, 'a')])).toEqual([good, bad]);
    expect(await collectTestFiles([join(dir, 'a/notes.txt')])).toEqual([join(dir, 'a/notes.txt')]);
  });
});

describe('runAll', () => {
  it('in process: sums records over files and ends with the closing line', async () => {
    const { summary, lines } = await run({ paths: [join(dir, 'a')] });
    expect(summary).toMatchObject({ files: 2, passed: 4, failed: 1, skipped: 1 });
    expect(lines.at(-1)).toBe('4 passed, 1 failed');
    expect(lines).toContain("  line 4: query: line 1 of the result: expected '5', got '0'");
  });

  it('verbose output shows the SQL, expected and actual lines', async () => {
    const { lines } = await run({ paths: [bad], verbose: true });
    const at = lines.indexOf("  line 4: query: line 1 of the result: expected '5', got '0'");
    expect(lines.slice(at + 1, at + 7)).toEqual(['    sql:', '      SELECT count(*) FROM t', '    expected:', '      5', '    actual:', '      0']);
  });

  it('--engine minnow runs a file through Minnow', async () => {
    const { summary } = await run({ paths: [good], engine: 'minnow' });
    expect(summary).toMatchObject({ passed: 3, failed: 0 });
  });

  it('in child processes: a hanging file times out and counts as failed; the others still run', async () => {
    // The limit covers a child's start (loading the engine through tsx), slow on a busy machine.
    const { summary, lines } = await run({ paths: [join(dir, 'a'), hang], jobs: 2, timeoutPerFileMs: 10_000 });
    expect(summary).toMatchObject({ files: 3, passed: 4, failed: 1 + 3, skipped: 1 });
    expect(lines.some((l) => l.includes('hang.test: 0 passed, 3 failed'))).toBe(true);
    expect(lines).toContain('  file: timed out after 10s');
  }, 60_000);

  it('fail-fast stops at the first failing file', async () => {
    // Biggest files run first: the padded failing file comes before the passing one.
    const badFirst = write('ff/bad.test', BAD + '\n# padding\n'.repeat(50));
    const { summary } = await run({ paths: [badFirst, good], failFast: true });
    expect(summary).toMatchObject({ files: 1, failed: 1 });
    const pooled = await run({ paths: [badFirst, good], failFast: true, jobs: 1, timeoutPerFileMs: 60_000 });
    expect(pooled.summary).toMatchObject({ files: 1, failed: 1 });
  }, 30_000);
});
