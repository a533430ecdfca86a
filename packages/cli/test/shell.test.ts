/**
 * The `minnow` shell, spawned for real with piped stdin. Output modes and schema commands are
 * compared with sqlite3 running the same script.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@minnow/node';
import { minnow, REPO_ROOT, Scratch, sqlite3 } from './run-cli.test-helper.js';

const scratch = new Scratch();
afterAll(() => scratch.remove());

const SETUP = `CREATE TABLE t(a INTEGER, b TEXT, c REAL);
INSERT INTO t VALUES (1, 'x', 2.5);
INSERT INTO t VALUES (22, 'hello world', NULL);
INSERT INTO t VALUES (NULL, 'it''s, "q"', -0.125);
`;

describe('minnow shell', () => {
  it('acceptance 1: pnpm exec minnow prints list-mode rows', () => {
    const input = "CREATE TABLE users (id INT, username TEXT);\nINSERT INTO users VALUES (1, 'alice');\nINSERT INTO users VALUES (2, 'bob');\nSELECT * FROM users;\n";
    const r = spawnSync('pnpm', ['exec', 'minnow'], { input, cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('1|alice\n2|bob\n');
    expect(r.status).toBe(0);
  });

  it('prints every output mode as sqlite3 does', () => {
    const modes = ['list', 'line', 'column', 'box', 'table', 'tabs', 'csv', 'json', 'markdown'];
    let script = SETUP;
    for (const m of modes) script += `.mode ${m}\nSELECT * FROM t;\nSELECT a, b FROM t WHERE a = 1;\n.headers off\nSELECT b FROM t WHERE a = 22;\n.headers on\nSELECT b AS "long name" FROM t WHERE a = 22;\n`;
    script += ".mode quote\nSELECT a, b, x'00ff', NULL FROM t;\n.mode list\n.nullvalue (null)\n.separator ;\nSELECT * FROM t;\n";
    const ours = minnow([], script);
    const theirs = sqlite3([], script);
    expect(theirs.status).toBe(0);
    expect(ours.stderr).toBe('');
    expect(ours.stdout).toBe(theirs.stdout);
    expect(ours.status).toBe(0);
  });

  it('lists tables, schema and indexes as sqlite3 does', () => {
    const script = `CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT UNIQUE, name TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INT, title TEXT);
CREATE INDEX posts_user ON posts(user_id);
CREATE TABLE "odd name"(x);
.tables
.tables p%
.schema
.schema posts
.indexes
.indexes users
`;
    const ours = minnow([], script);
    expect(ours.stderr).toBe('');
    expect(ours.stdout).toBe(sqlite3([], script).stdout);
  });

  it('reports errors with their line, goes on, and exits with status 1; -bail stops', () => {
    const script = 'SELECT 1;\nSELECT * FROM nope;\nSELECT 2;\nCREATE TABLE u(a UNIQUE);\nINSERT INTO u VALUES (1);\n\nINSERT INTO u VALUES\n  (1);\nSELEC 3;\nSELECT 4;\n.bogus\n';
    const r = minnow([], script);
    expect(r.stdout).toBe('1\n2\n4\n');
    expect(r.stderr).toBe(
      'Parse error near line 2: no such table: nope\n' +
        'Runtime error near line 7: UNIQUE constraint failed: u.a (19)\n' +
        'Parse error near line 9: near "SELEC": syntax error\n' +
        'Error: unknown command or invalid arguments:  "bogus". Enter ".help" for help\n',
    );
    expect(r.status).toBe(1);
    const bail = minnow(['-bail'], script);
    expect(bail.stdout).toBe('1\n');
    expect(bail.status).toBe(1);
    expect(minnow([], 'SELECT 1;\n').status).toBe(0);
  });

  it('joins statements across lines, splits several on one line, runs an unterminated last one', () => {
    const r = minnow([], "SELECT\n  1 + 1\n  AS two;  SELECT 'a;b'; SELECT 3 -- comment ;\n;\n/* c;\n */ SELECT 4\n");
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2\na;b\n3\n4\n');
  });

  it('runs SQL and dot-commands given on the command line, with mode flags', () => {
    const dir = scratch.fresh();
    const db = join(dir, 'args.db');
    expect(minnow([db, 'CREATE TABLE t(a, b); INSERT INTO t VALUES (1, 2), (3, 4)'], '').status).toBe(0);
    expect(minnow([db, 'SELECT * FROM t'], '').stdout).toBe('1|2\n3|4\n');
    expect(minnow(['-csv', '-header', db, 'SELECT * FROM t'], '').stdout).toBe('a,b\r\n1,2\r\n3,4\r\n');
    expect(minnow([db, '.tables'], '').stdout).toBe('t\n');
    expect(minnow(['-json', db, 'SELECT a FROM t'], '').stdout).toBe('[{"a":1},\n{"a":3}]\n');
    const bad = minnow([db, 'SELECT * FROM nope'], '');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('no such table: nope');
    expect(minnow(['--version'], '').stdout).toMatch(/^minnow \d+\.\d+\.\d+\n$/);
  });

  it('opens, reads, redirects output, times and quits', () => {
    const dir = scratch.fresh();
    const db = join(dir, 'opened.db');
    const sqlFile = join(dir, 'script.sql');
    const outFile = join(dir, 'out.txt');
    writeFileSync(sqlFile, "CREATE TABLE r(x);\nINSERT INTO r VALUES ('from file');\n.mode csv\n");
    const r = minnow([], `.open ${db}\n.read ${sqlFile}\nSELECT x FROM r;\n.output ${outFile}\nSELECT 'to file';\n.output\n.mode list\n.timer on\nSELECT 5;\n.timer off\n.help\n.quit\nSELECT 'not reached';\n`);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('"from file"\r');
    expect(lines[1]).toBe('5');
    expect(lines[2]).toMatch(/^Run Time: real \d+\.\d{3} user \d+\.\d{6} sys \d+\.\d{6}$/);
    for (const cmd of ['.dump', '.exit', '.headers', '.help', '.import', '.indexes', '.mode', '.nullvalue', '.open', '.output', '.quit', '.read', '.schema', '.tables', '.timer']) {
      expect(r.stdout).toContain(`\n${cmd}`);
    }
    expect(r.stdout).not.toContain('not reached');
    expect(readFileSync(outFile, 'utf8')).toBe('"to file"\r\n');
    expect(sqlite3([db, 'SELECT x FROM r'], '').stdout).toBe('from file\n');
    expect(existsSync(`${db}-lock`)).toBe(false);
    expect(minnow([], '.exit 3\n').status).toBe(3);
    // Reopening the open file works (its lock is the shell's own); a bad path leaves memory.
    const reopen = minnow([db], `.open ${db}\nSELECT count(*) FROM r;\n.open ${dir}\n.show\n`);
    expect(reopen.stdout).toContain('1\n');
    expect(reopen.stdout).toContain('  filename: :memory:\n');
    expect(reopen.stderr).toBe(`Error: unable to open database "${dir}": unable to open database file\n`);
    expect(reopen.status).toBe(1);
  });

  it('acceptance 3: .dump of a Minnow database loads into sqlite3 with the same rows', () => {
    const dir = scratch.fresh();
    const db = join(dir, 'dumped.db');
    const values = [
      '1, \'plain\', 1.5, x\'00ff10\'',
      "2, 'it''s \"quoted\"', 0.1, NULL",
      "3, 'line\nbreak\ttab', 1e300, x''",
      "4, '', -2.2250738585072014e-308, x'41'",
      "5, 'ünïcødé ✓', 3.0, NULL",
      "9223372036854775807, NULL, 123456789.123456789, NULL",
      "-9223372036854775808, 'min', -0.0, NULL",
      "6, 'big real', 1.7976931348623157e308, NULL",
      "7, 'tiny', 5e-324, NULL",
      "8, 'third', 0.30000000000000004, NULL",
    ];
    const create = 'CREATE TABLE vals(id INTEGER PRIMARY KEY, t TEXT, r REAL, b BLOB);\nCREATE TABLE "odd ""name"""(k TEXT UNIQUE, v);\nCREATE INDEX vals_r ON vals(r DESC);\n';
    const inserts = values.map((v) => `INSERT INTO vals VALUES (${v});`).join('\n') + `\nINSERT INTO "odd ""name""" VALUES ('k1', 42), ('k2', 2.5);\n`;
    expect(minnow([db], create + inserts).stderr).toBe('');
    const dump = minnow([db], '.dump\n');
    expect(dump.status).toBe(0);
    expect(dump.stdout.startsWith('BEGIN TRANSACTION;\nCREATE TABLE vals(')).toBe(true);
    const loaded = join(dir, 'loaded.db');
    const load = sqlite3([loaded], dump.stdout);
    expect(load.stderr).toBe('');
    const check = 'SELECT id, quote(t), quote(r), typeof(r), quote(b) FROM vals ORDER BY id; SELECT * FROM "odd ""name"""; PRAGMA integrity_check; SELECT name FROM sqlite_schema ORDER BY name;';
    const fromOriginal = sqlite3([db, check], '');
    expect(fromOriginal.stdout.split('\n').length).toBeGreaterThan(12);
    expect(sqlite3([loaded, check], '').stdout).toBe(fromOriginal.stdout);
    // The same dump also loads back into Minnow.
    const again = join(dir, 'again.db');
    expect(minnow([again], dump.stdout).stderr).toBe('');
    expect(sqlite3([again, check], '').stdout).toBe(fromOriginal.stdout);
  });

  it('.dump writes every double so that sqlite3 and Minnow read back the same bits', async () => {
    const dir = scratch.fresh();
    const db = join(dir, 'reals.db');
    const bits = new DataView(new ArrayBuffer(8));
    let seed = 20261123;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const values: number[] = [5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, 1e-300, 1e280, 1e-280, 0.1, 1 / 3, 1e20, 1e23, 2 ** 53 + 2, 0.5];
    while (values.length < 3000) {
      bits.setUint32(0, next());
      bits.setUint32(4, next());
      const x = bits.getFloat64(0);
      if (Number.isFinite(x)) values.push(values.length % 3 === 0 ? Number((x % 1e6).toFixed(values.length % 8)) : x);
    }
    const conn = await connect(db);
    await conn.exec('CREATE TABLE r(i INTEGER PRIMARY KEY, v REAL)');
    const ins = conn.prepare('INSERT INTO r VALUES (?, ?)');
    await conn.transaction(async () => {
      for (let i = 0; i < values.length; i++) await ins.run(i, values[i]);
    })();
    await conn.close();
    const dump = minnow([db, '.dump'], '');
    expect(dump.status).toBe(0);
    const readBack = async (path: string) => {
      const c = await connect(path, { readonly: true });
      const got = (await c.prepare('SELECT v FROM r ORDER BY i').pluck().all()) as number[];
      await c.close();
      return got;
    };
    const intoSqlite3 = join(dir, 'sqlite3.db');
    expect(sqlite3([intoSqlite3], dump.stdout).stderr).toBe('');
    const intoMinnow = join(dir, 'minnow.db');
    expect(minnow([intoMinnow], dump.stdout).stderr).toBe('');
    const original = await readBack(db);
    // REAL affinity stores integral values compactly; equal as numbers is what SQL sees.
    expect(original.every((x, i) => x === values[i])).toBe(true);
    for (const got of [await readBack(intoSqlite3), await readBack(intoMinnow)]) {
      const wrong = original.flatMap((x, i) => (Object.is(got[i], x) || (x === 0 && got[i] === 0) ? [] : [[x, got[i]]]));
      expect(wrong).toEqual([]);
    }
  });

  it('acceptance 3: .import --csv loads a CSV with a header row', () => {
    const dir = scratch.fresh();
    const csv = join(dir, 'people.csv');
    writeFileSync(csv, 'name,age,"city, country"\r\nalice,30,"Paris, FR"\r\n"bob ""the builder""",41,Oslo\r\ncarol,,"multi\nline"\r\n');
    const script = `.import --csv ${csv} people\n.mode quote\nSELECT * FROM people;\n.schema people\n`;
    const ours = minnow([], script);
    expect(ours.stderr).toBe('');
    expect(ours.stdout).toBe(sqlite3([], script).stdout);
    // An existing table takes every record as data unless told to skip the header.
    const existing = `CREATE TABLE p(n, a INT, c);\n.import --csv --skip 1 ${csv} p\nSELECT count(*), sum(a), typeof(a) FROM p GROUP BY typeof(a) ORDER BY 3;\n`;
    const into = minnow([], existing);
    expect(into.stderr).toBe('');
    expect(into.stdout).toBe(sqlite3([], existing).stdout);
    expect(into.stdout).toBe('2|71|integer\n1|0.0|text\n');
  });
});
