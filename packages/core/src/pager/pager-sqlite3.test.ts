/**
 * Files written by the pager, checked by the real sqlite3: `PRAGMA integrity_check` must print
 * `ok` with committed frames still in the WAL (no checkpoint) and after close.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeVarint } from '../format/varint.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { Pager } from './pager.js';

const scratch = mkdtempSync(join(tmpdir(), 'minnow-pager-sqlite3-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function sqlite3(path: string, sql: string): string {
  return execFileSync('sqlite3', [path, sql], { encoding: 'utf8' }).trim();
}

/** Copies the storage's files to a fresh directory (as they would be after a crash). */
function toDisk(storage: MemoryStorage, name: string): string {
  const dir = mkdtempSync(join(scratch, 'db-'));
  for (const [file, blob] of storage.files) writeFileSync(join(dir, file), blob.snapshot());
  return join(dir, name);
}

/** A record of text/integer values (SQLite record format), hand-built for the test. */
function record(values: Array<string | number>): Uint8Array {
  const encoder = new TextEncoder();
  const bodies = values.map((v) => (typeof v === 'string' ? encoder.encode(v) : new Uint8Array([v])));
  const types = values.map((v, i) => (typeof v === 'string' ? bodies[i]!.length * 2 + 13 : 1));
  const header = new Uint8Array(64);
  let n = 1;
  for (const t of types) n += writeVarint(header, n, t);
  header[0] = n;
  const out = new Uint8Array(n + bodies.reduce((a, b) => a + b.length, 0));
  out.set(header.subarray(0, n));
  let at = n;
  for (const b of bodies) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** Rewrites a table-leaf page (header at `base`) to hold `rows` (rowid 1..n), cells at the end. */
function writeLeaf(page: Uint8Array, base: number, rows: Uint8Array[]): void {
  page.fill(0, base);
  page[base] = 0x0d;
  let contentStart = page.length;
  rows.forEach((payload, i) => {
    const cell = new Uint8Array(payload.length + 18);
    let n = writeVarint(cell, 0, payload.length);
    n += writeVarint(cell, n, i + 1);
    cell.set(payload, n);
    contentStart -= n + payload.length;
    page.set(cell.subarray(0, n + payload.length), contentStart);
    const ptr = base + 8 + 2 * i;
    page[ptr] = contentStart >> 8;
    page[ptr + 1] = contentStart & 0xff;
  });
  page[base + 3] = rows.length >> 8;
  page[base + 4] = rows.length & 0xff;
  page[base + 5] = contentStart >> 8;
  page[base + 6] = contentStart & 0xff;
}

function createTables(pager: Pager, names: string[]): void {
  pager.beginWrite();
  const page1 = pager.get(1);
  pager.markDirty(page1);
  const rows = names.map((name, i) => record(['table', name, name, 2 + i, `CREATE TABLE ${name}(x)`]));
  for (let i = pager.pageCount; i < 1 + names.length; i++) writeLeaf(pager.appendPage().data, 0, []);
  writeLeaf(page1.data, 100, rows);
  const view = new DataView(page1.data.buffer);
  view.setUint32(40, view.getUint32(40) + 1); // schema cookie
  pager.commit();
}

describe('pager output checked by sqlite3', () => {
  it('an empty database (page 1 only) is ok, in the WAL and after close', () => {
    const storage = new MemoryStorage();
    const pager = Pager.openSync(storage, 'e.db');
    pager.beginWrite();
    pager.commit();
    expect(storage.get('e.db-wal')!.length).toBeGreaterThan(32);
    expect(sqlite3(toDisk(storage, 'e.db'), 'PRAGMA integrity_check')).toBe('ok');
    pager.close();
    expect(storage.exists('e.db-wal')).toBe(false);
    expect(sqlite3(toDisk(storage, 'e.db'), 'PRAGMA integrity_check')).toBe('ok');
  });

  for (const pageSizeBytes of [512, 4096, 65536]) {
    it(`tables created over several commits are ok while in the WAL and after close (${pageSizeBytes}-byte pages)`, () => {
      const storage = new MemoryStorage();
      const pager = Pager.openSync(storage, 't.db', { pageSizeBytes });
      createTables(pager, ['a']);
      createTables(pager, ['a', 'b', 'c']);
      const inWal = toDisk(storage, 't.db');
      expect(sqlite3(inWal, 'PRAGMA integrity_check')).toBe('ok');
      expect(sqlite3(inWal, "SELECT group_concat(name) FROM sqlite_schema")).toBe('a,b,c');
      expect(sqlite3(inWal, 'PRAGMA page_count')).toBe('4');
      expect(sqlite3(inWal, 'PRAGMA journal_mode')).toBe('wal');
      pager.close();
      const closed = toDisk(storage, 't.db');
      expect(sqlite3(closed, 'PRAGMA integrity_check')).toBe('ok');
      expect(sqlite3(closed, "SELECT group_concat(name) FROM sqlite_schema")).toBe('a,b,c');
      expect(sqlite3(closed, 'PRAGMA page_size')).toBe(String(pageSizeBytes));
    });
  }

  it('a database sqlite3 wrote in rollback mode is converted to WAL on the first write', () => {
    const dir = mkdtempSync(join(scratch, 'conv-'));
    const path = join(dir, 'r.db');
    sqlite3(path, 'CREATE TABLE t(x); INSERT INTO t VALUES (1),(2);');
    const storage = new MemoryStorage();
    storage.put('r.db', new Uint8Array(readFileSync(path)));
    const pager = Pager.openSync(storage, 'r.db');
    pager.beginWrite();
    const two = pager.get(2);
    pager.markDirty(two);
    pager.commit();
    const inWal = toDisk(storage, 'r.db');
    expect(sqlite3(inWal, 'PRAGMA journal_mode')).toBe('wal');
    expect(sqlite3(inWal, 'SELECT sum(x) FROM t')).toBe('3');
    expect(sqlite3(inWal, 'PRAGMA integrity_check')).toBe('ok');
  });
});
