import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get32 } from '../format/btree-page.js';
import { HeaderOffset } from '../format/database-header.js';
import { encodeRecord } from '../format/record.js';
import type { BtreeDatabase } from './btree-database.js';
import { btreeModes, runCountingRestarts, type BtreeMode } from './btree-test-kit.js';
import { clearTree } from './tree-writer.js';
import { maxTrunkLeaves, TRUNK_LEAF_COUNT, TRUNK_NEXT } from './freelist.js';

async function header(m: BtreeMode, db: BtreeDatabase, offset: number): Promise<number> {
  return db.read(() => m.run(db, () => get32(db.pager.get(1).data, offset)));
}

/** Trunk page numbers and their leaf counts, walking the list. */
async function trunks(m: BtreeMode, db: BtreeDatabase): Promise<number[]> {
  return db.read(() =>
    m.run(db, () => {
      const out: number[] = [];
      let t = get32(db.pager.get(1).data, HeaderOffset.firstFreelistTrunk);
      while (t !== 0 && out.length < 1000) {
        const data = db.pager.get(t).data;
        out.push(get32(data, TRUNK_LEAF_COUNT));
        t = get32(data, TRUNK_NEXT);
      }
      return out;
    }),
  );
}

async function fill(m: BtreeMode, db: BtreeDatabase, root: number, from: number, to: number, size: number): Promise<void> {
  const c = db.tableCursor(root);
  for (let k = from; k <= to; k++) {
    const record = encodeRecord([new Uint8Array(size).fill(k & 0xff)]);
    await m.run(db, () => c.insert(k, record));
  }
  c.close();
}

for (const m of btreeModes()) {
  describe(`freelist over ${m.label} storage`, () => {
    it('deleted rows give their pages to the freelist, and inserts take them back first', async () => {
      const db = await m.open('f1.db', { pageSizeBytes: 512, cacheSizePages: 8 });
      const root = await db.write(async () => {
        const root = await db.createTable('t', 'CREATE TABLE t(x)');
        await fill(m, db, root, 1, 400, 300); // overflow-free rows, ~1 row per page
        await fill(m, db, root, 401, 440, 3000); // 6 overflow pages each
        return root;
      });
      const grown = db.pager.pageCount;
      expect(await header(m, db, HeaderOffset.freelistPageCount)).toBe(0);
      await db.write(async () => {
        const c = db.tableCursor(root);
        let ok = await m.run(db, () => c.first());
        while (ok) {
          await m.run(db, () => c.delete());
          ok = await m.run(db, () => c.next());
        }
      });
      // Only page 1 and the table's root remain in use.
      expect(await header(m, db, HeaderOffset.freelistPageCount)).toBe(grown - 2);
      const list = await trunks(m, db);
      expect(list.length).toBeGreaterThan(1); // 512-byte pages: 120 leaves per trunk
      for (const leaves of list) expect(leaves).toBeLessThanOrEqual(maxTrunkLeaves(512) - 6);
      expect(await db.integrityCheck()).toEqual([]);
      await db.write(() => fill(m, db, root, 1, 400, 300));
      expect(db.pager.pageCount).toBe(grown);
      expect(await header(m, db, HeaderOffset.freelistPageCount)).toBeGreaterThan(0);
      await db.write(() => fill(m, db, root, 401, 440, 3000));
      expect(db.pager.pageCount).toBe(grown);
      expect(await header(m, db, HeaderOffset.freelistPageCount)).toBe(0);
      expect(await db.integrityCheck()).toEqual([]);
    });

    it('a dropped table is freed whole and its pages reused by the next table', async () => {
      const db = await m.open('f2.db', { pageSizeBytes: 1024, cacheSizePages: 8 });
      await db.write(async () => {
        const a = await db.createTable('a', 'CREATE TABLE a(x)');
        const b = await db.createIndex('ab', 'a', 'CREATE INDEX ab ON a(x)');
        await fill(m, db, a, 1, 300, 200);
        const ci = db.indexCursor(b);
        for (let k = 1; k <= 300; k++) await m.run(db, () => ci.insert(encodeRecord([new Uint8Array(200).fill(k & 0xff), k])));
      });
      const size = db.pager.pageCount;
      const cookie = await header(m, db, HeaderOffset.schemaCookie);
      await db.write(() => db.dropTable('a'));
      expect(await header(m, db, HeaderOffset.schemaCookie)).toBeGreaterThan(cookie);
      expect(await header(m, db, HeaderOffset.freelistPageCount)).toBe(size - 1);
      expect(await db.read(() => db.schema())).toEqual([]);
      expect(await db.integrityCheck()).toEqual([]);
      await db.write(async () => {
        const c = await db.createTable('c', 'CREATE TABLE c(x)');
        expect(c).toBeLessThanOrEqual(size);
        await fill(m, db, c, 1, 300, 200);
      });
      expect(db.pager.pageCount).toBe(size);
      expect(await db.integrityCheck()).toEqual([]);
      await db.close();
      const file = join(mkdtempSync(join(tmpdir(), 'minnow-fl-')), 'f2.db');
      writeFileSync(file, m.memory.get('f2.db')!);
      expect(execFileSync('sqlite3', [file, 'PRAGMA integrity_check; SELECT count(*) FROM c'], { encoding: 'utf8' }).trim()).toBe('ok\n300');
    });

    it('clearing a big tree over a cold cache reads each page once, restarting per page', async () => {
      const name = 'f3.db';
      let db = await m.open(name, { pageSizeBytes: 512, cacheSizePages: 4 });
      const root = await db.write(async () => {
        const root = await db.createTable('t', 'CREATE TABLE t(x)');
        await fill(m, db, root, 1, 1500, 100);
        await fill(m, db, root, 1501, 1510, 2000);
        return root;
      });
      const pages = db.pager.pageCount;
      db = await m.open(name, { cacheSizePages: 4 });
      const { restarts } = await db.write(() => runCountingRestarts(() => clearTree(db.ctx, root, true, true)));
      if (m.label === 'yielding') {
        expect(restarts).toBeGreaterThan(pages / 2);
        expect(restarts).toBeLessThan(pages + 10);
      } else {
        expect(restarts).toBe(0);
      }
      expect(await header(m, db, HeaderOffset.freelistPageCount)).toBe(pages - 2);
      expect(await db.integrityCheck()).toEqual([]);
      await db.read(async () => {
        const c = db.tableCursor(root);
        expect(await m.run(db, () => c.first())).toBe(false);
      });
    });
  });
}
