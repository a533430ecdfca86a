/**
 * One connection per database file: a second process (and a second connection in the same
 * process) is refused with SQLITE_BUSY while the first holds `<db>-lock`; the lock goes away on
 * close, on exit, and is broken when its owner died without cleaning up.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/index.js';
import { TempDirs } from '../../src/storage/temp-dir.test-helper.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

const API = resolve(__dirname, '../../src/index.ts');

/** A child Node process running `body` with `connect` imported; returns its stdout. */
function childScript(dir: string, body: string): string {
  const file = join(dir, `child-${Math.random().toString(36).slice(2)}.mts`);
  writeFileSync(file, `import { connect } from ${JSON.stringify(API)};\n${body}\n`);
  return file;
}

function runChild(dir: string, body: string): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', childScript(dir, body)], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return r.stdout.trim();
}

const TRY_OPEN = `
try { const db = await connect(process.env.DB, { timeout: Number(process.env.TIMEOUT ?? 0) }); console.log('opened'); await db.close(); }
catch (e) { console.log(e.code + ': ' + e.message); }`;

describe('file lock', () => {
  it('refuses a second process, and a second connection in this process, with SQLITE_BUSY', async () => {
    const dir = dirs.fresh();
    const path = join(dir, 'a.db');
    const db = await connect(path);
    await db.exec('CREATE TABLE t(x)');
    expect(existsSync(`${path}-lock`)).toBe(true);
    expect(JSON.parse(readFileSync(`${path}-lock`, 'utf8')).pid).toBe(process.pid);
    process.env.DB = path;
    expect(runChild(dir, TRY_OPEN)).toBe('SQLITE_BUSY: database is locked');
    await expect(connect(path)).rejects.toMatchObject({ code: 'SQLITE_BUSY', message: 'database is locked' });
    await expect(connect(path, { readonly: true })).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    await db.close();
    expect(existsSync(`${path}-lock`)).toBe(false);
    expect(runChild(dir, TRY_OPEN)).toBe('opened');
  });

  it('lets a waiting opener in when the holder closes within its timeout', async () => {
    const dir = dirs.fresh();
    const path = join(dir, 'b.db');
    const db = await connect(path);
    const child = spawn(process.execPath, ['--import', 'tsx', childScript(dir, TRY_OPEN)], { env: { ...process.env, DB: path, TIMEOUT: '20000' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    await new Promise((r) => setTimeout(r, 1500));
    expect(out).toBe('');
    await db.close();
    expect(await exited).toBe(0);
    expect(out.trim()).toBe('opened');
  });

  it('is removed at exit when a connection was left open, and broken when its owner was killed', async () => {
    const dir = dirs.fresh();
    const path = join(dir, 'c.db');
    process.env.DB = path;
    expect(runChild(dir, `const db = await connect(process.env.DB); await db.exec('CREATE TABLE t(x)'); console.log('left open');`)).toBe('left open');
    expect(existsSync(`${path}-lock`)).toBe(false);
    // A holder killed by SIGKILL runs no exit handler: its lock file stays, naming a dead pid.
    const holder = spawn(process.execPath, ['--import', 'tsx', childScript(dir, `const db = await connect(process.env.DB); console.log('holding'); setInterval(() => {}, 1000);`)], {
      env: { ...process.env, DB: path },
    });
    await new Promise<void>((r) => holder.stdout.on('data', () => r()));
    expect(existsSync(`${path}-lock`)).toBe(true);
    await expect(connect(path)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    const died = new Promise((r) => holder.on('exit', r));
    holder.kill('SIGKILL');
    await died;
    expect(existsSync(`${path}-lock`)).toBe(true);
    const db = await connect(path);
    expect(await db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    await db.close();
    expect(existsSync(`${path}-lock`)).toBe(false);
  });

  it('keeps a lock whose owner is alive on another host', async () => {
    const dir = dirs.fresh();
    const path = join(dir, 'd.db');
    writeFileSync(`${path}-lock`, JSON.stringify({ pid: 1, host: 'elsewhere.example', started: 0, token: 'x' }));
    await expect(connect(path)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    // Same host, dead pid: stale.
    writeFileSync(`${path}-lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), started: 0, token: 'y' }));
    const db = await connect(path);
    await db.close();
  });
});
