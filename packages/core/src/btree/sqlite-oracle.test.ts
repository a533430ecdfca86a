/**
 * sqlite3 as the oracle: files written by Minnow's B-tree must pass `PRAGMA integrity_check`
 * and hold exactly the rows we wrote; files written by SQLite must read back identically and
 * pass Minnow's integrity check; corrupt files must give SQLITE_CORRUPT (or integrity
 * messages), never another exception or a hang.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import { decodeRecord, encodeRecord } from '../format/record.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { BtreeDatabase } from './btree-database.js';
import { btreeModes, Prng } from './btree-test-kit.js';

const FIXTURES = '/work/shared/fixtures/dbfiles';

function sqlite3(file: string, sql: string): string {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
}

function tempFile(name: string, bytes?: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'minnow-btree-')), name);
  if (bytes !== undefined) writeFileSync(file, bytes);
  return file;
}

for (const m of btreeModes()) {
  describe(`files written by Minnow over ${m.label} storage`, () => {
    for (const pageSize of [512, 4096, 65536]) {
      it(`pass sqlite3's integrity_check and hold the rows written (page size ${pageSize})`, async () => {
        const name = `w${pageSize}.db`;
        const db = await m.open(name, { pageSizeBytes: pageSize, cacheSizePages: 16 });
        const rng = new Prng(pageSize * 3);
        const rows = new Map<number, [number, string]>();
        const n = m.label === 'memory' ? (pageSize === 65536 ? 600 : 1500) : pageSize === 512 ? 400 : 500;
        const [t1, i1, t2] = await db.write(async () => {
          const t1 = await db.createTable('t1', 'CREATE TABLE t1(a INTEGER, b TEXT)');
          const i1 = await db.createIndex('i1', 't1', 'CREATE INDEX i1 ON t1(b)');
          const t2 = await db.createTable('t2', 'CREATE TABLE t2(x BLOB)');
          const t3 = await db.createTable('t3', 'CREATE TABLE t3(y)');
          const c1 = db.tableCursor(t1);
          const ci = db.indexCursor(i1);
          const c2 = db.tableCursor(t2);
          const c3 = db.tableCursor(t3);
          for (let k = 1; k <= n; k++) {
            const a = rng.int(1_000_000) - 500_000;
            const b = 'v'.repeat(rng.next() < 0.05 ? 2 * pageSize : rng.int(50)) + k;
            await m.run(db, () => c1.insert(k, encodeRecord([a, b])));
            await m.run(db, () => ci.insert(encodeRecord([b, k])));
            rows.set(k, [a, b]);
            const blob = rng.bytes(rng.next() < 0.1 ? 3 * pageSize : rng.int(100));
            await m.run(db, () => c2.insert(k, encodeRecord([blob])));
            await m.run(db, () => c3.insert(k, encodeRecord([rng.bytes(200)])));
          }
          return [t1, i1, t2];
        });
        await db.write(async () => {
          // Delete a third of t1 (row and index entry), and drop t3: pages go to the freelist.
          const c1 = db.tableCursor(t1);
          const ci = db.indexCursor(i1);
          for (let k = 1; k <= n; k += 3) {
            const [, b] = rows.get(k)!;
            expect(await m.run(db, () => c1.seek(k))).toBe(0);
            await m.run(db, () => c1.delete());
            expect(await m.run(db, () => ci.seekRecord(encodeRecord([b, k]), 'eq'))).toBe(true);
            await m.run(db, () => ci.delete());
            rows.delete(k);
          }
          await db.dropTable('t3');
        });
        await db.write(async () => {
          // New rows reuse freelist pages.
          const c2 = db.tableCursor(t2);
          for (let k = n + 1; k <= n + 200; k++) await m.run(db, () => c2.insert(k, encodeRecord([rng.bytes(300)])));
        });
        expect(await db.integrityCheck()).toEqual([]);
        await db.close();
        const file = tempFile(name, m.memory.get(name)!);
        expect(sqlite3(file, 'PRAGMA integrity_check')).toBe('ok');
        expect(sqlite3(file, 'SELECT count(*) FROM t1; SELECT count(*) FROM t2')).toBe(`${rows.size}\n${n + 200}`);
        let sum = 0;
        for (const [a] of rows.values()) sum += a;
        expect(sqlite3(file, 'SELECT total(a) FROM t1')).toBe(`${sum}.0`);
        // The index agrees with the table (sqlite3 checks that in integrity_check too).
        expect(sqlite3(file, "SELECT count(*) FROM t1 INDEXED BY i1 WHERE b > ''")).toBe(`${rows.size}`);
        expect(sqlite3(file, "SELECT name FROM sqlite_schema ORDER BY name")).toBe('i1\nt1\nt2');
        void i1;
        void t2;
      });
    }
  });
}

describe('files written by sqlite3', () => {
  it('read back row for row, pass our integrity check, and stay valid after our writes', async () => {
    const file = tempFile('native.db');
    sqlite3(
      file,
      `PRAGMA page_size=1024;
       CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c BLOB);
       CREATE INDEX tb ON t(b);
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
       INSERT INTO t SELECT i, printf('row %d %s', i, substr(hex(randomblob(40)), 1, i % 60)),
         CASE WHEN i % 50 = 0 THEN randomblob(5000) ELSE randomblob(i % 20) END FROM n;
       DELETE FROM t WHERE a % 7 = 0;`,
    );
    const memory = new MemoryStorage();
    memory.put('native.db', new Uint8Array(readFileSync(file)));
    const db = BtreeDatabase.openSync(memory, 'native.db', { cacheSizePages: 16 });
    const schema = await db.read(() => db.schema());
    const t = schema.find((e) => e.name === 't')!;
    const tb = schema.find((e) => e.name === 'tb')!;
    expect(await db.integrityCheck()).toEqual([]);
    const expected = sqlite3(file, "SELECT a || ':' || length(b) || ':' || length(c) FROM t ORDER BY a").split('\n');
    const got: string[] = [];
    await db.read(async () => {
      const c = db.tableCursor(t.rootPage);
      for (let ok = await db.run(() => c.first()); ok; ok = await db.run(() => c.next())) {
        const [, b, blob] = decodeRecord(await db.run(() => c.payload().slice()));
        got.push(`${c.rowid()}:${(b as string).length}:${(blob as Uint8Array).length}`);
      }
    });
    expect(got).toEqual(expected);
    // Our writes on SQLite's tree: delete and insert rows and index entries.
    await db.write(async () => {
      const c = db.tableCursor(t.rootPage);
      const ci = db.indexCursor(tb.rootPage);
      for (let k = 1; k <= 3000; k += 5) {
        if ((await db.run(() => c.seek(k))) !== 0) continue;
        const [, b] = decodeRecord(await db.run(() => c.payload().slice()));
        await db.run(() => c.delete());
        expect(await db.run(() => ci.seekRecord(encodeRecord([b!, k]), 'eq'))).toBe(true);
        await db.run(() => ci.delete());
      }
      for (let k = 5000; k < 5300; k++) {
        const b = `new ${k}`;
        await db.run(() => c.insert(k, encodeRecord([null, b, new Uint8Array(k % 3 === 0 ? 2000 : 10)])));
        await db.run(() => ci.insert(encodeRecord([b, k])));
      }
    });
    expect(await db.integrityCheck()).toEqual([]);
    await db.close();
    const out = tempFile('native-after.db', memory.get('native.db')!);
    expect(sqlite3(out, 'PRAGMA integrity_check')).toBe('ok');
    expect(sqlite3(out, "SELECT count(*) FROM t WHERE b LIKE 'new %'")).toBe('300');
  });
});

describe('pages with reserved bytes at the end', () => {
  it('are written within the usable size only', async () => {
    const file = tempFile('reserved.db');
    execFileSync('sqlite3', [file, '.filectrl reserve_bytes 40', 'PRAGMA page_size=1024; CREATE TABLE t(a INTEGER PRIMARY KEY, b); CREATE INDEX tb ON t(b);']);
    const memory = new MemoryStorage();
    memory.put('r.db', new Uint8Array(readFileSync(file)));
    const db = BtreeDatabase.openSync(memory, 'r.db');
    expect(db.pager.usableSizeBytes).toBe(1024 - 40);
    const schema = await db.read(() => db.schema());
    const t = schema.find((e) => e.name === 't')!.rootPage;
    const tb = schema.find((e) => e.name === 'tb')!.rootPage;
    const rng = new Prng(40);
    await db.write(async () => {
      const c = db.tableCursor(t);
      const ci = db.indexCursor(tb);
      for (let k = 1; k <= 800; k++) {
        const b = 'r'.repeat(rng.next() < 0.1 ? 1500 : rng.int(80));
        await db.run(() => c.insert(k, encodeRecord([null, b])));
        await db.run(() => ci.insert(encodeRecord([b, k])));
      }
      for (let k = 1; k <= 800; k += 4) {
        expect(await db.run(() => c.seek(k))).toBe(0);
        const [, b] = decodeRecord(await db.run(() => c.payload().slice()));
        await db.run(() => c.delete());
        expect(await db.run(() => ci.seekRecord(encodeRecord([b!, k]), 'eq'))).toBe(true);
        await db.run(() => ci.delete());
      }
    });
    expect(await db.integrityCheck()).toEqual([]);
    await db.close();
    const out = tempFile('reserved-after.db', memory.get('r.db')!);
    expect(sqlite3(out, 'PRAGMA integrity_check')).toBe('ok');
    expect(sqlite3(out, 'SELECT count(*) FROM t')).toBe('600');
  });
});

describe('fixture databases', () => {
  const dir = join(FIXTURES, 'testdata');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && !f.startsWith('journal_hot'));
  for (const f of files) {
    it(`${f}: our verdict agrees with sqlite3's`, async () => {
      const path = join(dir, f);
      let native: string;
      try {
        native = execFileSync('sqlite3', ['-readonly', path, 'PRAGMA integrity_check'], { encoding: 'utf8', stdio: 'pipe' }).trim();
      } catch {
        native = 'error';
      }
      const memory = new MemoryStorage();
      memory.put('f.db', new Uint8Array(readFileSync(path)));
      const wal = join(dir, `${f}-wal`);
      try {
        memory.put('f.db-wal', new Uint8Array(readFileSync(wal)));
      } catch {
        // no WAL beside it
      }
      let ours: string[];
      try {
        const db = BtreeDatabase.openSync(memory, 'f.db', { readonly: true });
        ours = await db.integrityCheck();
      } catch (e) {
        if (!(e instanceof SqliteError)) throw e;
        ours = [e.code];
      }
      if (native === 'ok') expect(ours).toEqual([]);
      else expect(ours.length).toBeGreaterThan(0);
    });
  }
});

describe('corrupt fixture corpus', () => {
  const dir = join(FIXTURES, 'corpus');
  for (const f of readdirSync(dir)) {
    it(`${f}: only SqliteErrors or integrity messages`, async () => {
      const memory = new MemoryStorage();
      memory.put('c.db', new Uint8Array(readFileSync(join(dir, f))));
      try {
        const db = BtreeDatabase.openSync(memory, 'c.db', { readonly: true });
        await db.integrityCheck();
        // Also walk every tree with cursors, both directions.
        await db.read(async () => {
          const schema = await db.schema();
          for (const e of schema) {
            if (e.rootPage < 2) continue;
            const c = e.type === 'table' ? db.tableCursor(e.rootPage) : db.indexCursor(e.rootPage);
            for (let ok = db.runSync(() => c.first()), n = 0; ok && n < 100000; ok = db.runSync(() => c.next()), n++);
            for (let ok = db.runSync(() => c.last()), n = 0; ok && n < 100000; ok = db.runSync(() => c.prev()), n++);
          }
        });
      } catch (e) {
        if (!(e instanceof SqliteError)) throw e;
      }
    });
  }
});
