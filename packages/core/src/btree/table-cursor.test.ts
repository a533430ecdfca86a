import { describe, expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import type { BtreeDatabase } from './btree-database.js';
import { btreeModes, Prng, runCountingRestarts, type BtreeMode } from './btree-test-kit.js';
import type { TableCursor } from './table-cursor.js';

type Rowid = number | bigint;

/** Byte equality without vitest's (slow, for big arrays) deep comparison. */
function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function cmp(a: Rowid, b: Rowid): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A model of a table: rowid -> payload, with sorted keys on demand. */
class TableModel {
  readonly rows = new Map<Rowid, Uint8Array>();
  sortedKeys(): Rowid[] {
    return [...this.rows.keys()].sort(cmp);
  }
}

function randomRowid(rng: Prng): Rowid {
  const r = rng.next();
  if (r < 0.85) return rng.int(4000);
  if (r < 0.92) return -rng.int(1000);
  if (r < 0.97) return 2 ** 40 + rng.int(1000);
  return (1n << 62n) + BigInt(rng.int(1000)) * (rng.next() < 0.5 ? 1n : -3n);
}

function randomPayload(rng: Prng, pageSize: number): Uint8Array {
  const r = rng.next();
  if (r < 0.05) return new Uint8Array(0);
  if (r < 0.8) return rng.bytes(1 + rng.int(40));
  if (r < 0.95) return rng.bytes(40 + rng.int(pageSize / 2));
  return rng.bytes(pageSize + rng.int(3 * pageSize)); // spills to overflow pages
}

async function scanForward(m: BtreeMode, db: BtreeDatabase, c: TableCursor): Promise<[Rowid, Uint8Array][]> {
  const out: [Rowid, Uint8Array][] = [];
  for (let ok = await m.run(db, () => c.first()); ok; ok = await m.run(db, () => c.next())) {
    out.push([await m.run(db, () => c.rowid()), await m.run(db, () => c.payload().slice())]);
  }
  return out;
}

async function scanBackward(m: BtreeMode, db: BtreeDatabase, c: TableCursor): Promise<Rowid[]> {
  const out: Rowid[] = [];
  for (let ok = await m.run(db, () => c.last()); ok; ok = await m.run(db, () => c.prev())) {
    out.push(await m.run(db, () => c.rowid()));
  }
  return out;
}

async function verify(m: BtreeMode, db: BtreeDatabase, root: number, model: TableModel): Promise<void> {
  const c = db.tableCursor(root);
  const keys = model.sortedKeys();
  const rows = await scanForward(m, db, c);
  expect(rows.map((r) => r[0])).toEqual(keys);
  for (const [k, v] of rows) if (!sameBytes(v, model.rows.get(k))) expect.fail(`payload of row ${k} differs`);
  expect(await scanBackward(m, db, c)).toEqual([...keys].reverse());
  c.close();
}

for (const m of btreeModes()) {
  describe(`table b-tree over ${m.label} storage`, () => {
    for (const pageSize of [512, 1024, 4096, 65536]) {
      it(`random inserts, replaces and deletes match a Map (page size ${pageSize})`, async () => {
        const name = `t${pageSize}.db`;
        let db = await m.open(name, { pageSizeBytes: pageSize, cacheSizePages: 8 });
        const rng = new Prng(pageSize);
        const model = new TableModel();
        const ops = m.label === 'memory' ? 2500 : 1200;
        const root = await db.write(() => db.createTable('t', 'CREATE TABLE t(x)'));
        for (let txn = 0; txn < 5; txn++) {
          await db.write(async () => {
            const c = db.tableCursor(root);
            for (let i = 0; i < ops / 5; i++) {
              const r = rng.next();
              // Deletes grow in the later transactions so trees shrink back as well.
              if (r < 0.25 + txn * 0.1 && model.rows.size > 0) {
                const keys = model.sortedKeys();
                const k = keys[rng.int(keys.length)]!;
                expect(await m.run(db, () => c.seek(k))).toBe(0);
                await m.run(db, () => c.delete());
                model.rows.delete(k);
              } else {
                const k = randomRowid(rng);
                const v = randomPayload(rng, pageSize);
                await m.run(db, () => c.insert(k, v));
                model.rows.set(k, v);
              }
            }
            c.close();
          });
          expect(await db.integrityCheck()).toEqual([]);
          if (txn === 2) {
            // Reopen: everything is read back through the storage (and the WAL).
            db = await m.open(name, { cacheSizePages: 8 });
          }
          await db.read(() => verify(m, db, root, model));
        }
        // Delete everything left through one cursor walking the table.
        await db.write(async () => {
          const c = db.tableCursor(root);
          let ok = await m.run(db, () => c.first());
          while (ok) {
            await m.run(db, () => c.delete());
            ok = await m.run(db, () => c.next());
          }
          expect(await m.run(db, () => c.first())).toBe(false);
        });
        model.rows.clear();
        expect(await db.integrityCheck()).toEqual([]);
        await db.read(() => verify(m, db, root, model));
      });
    }

    it('seek ops find the right neighbours', async () => {
      const db = await m.open('seek.db', { pageSizeBytes: 512, cacheSizePages: 8 });
      const keys: number[] = [];
      for (let k = -300; k <= 3000; k += 7) keys.push(k);
      const root = await db.write(async () => {
        const root = await db.createTable('t', 'CREATE TABLE t(x)');
        const c = db.tableCursor(root);
        for (const k of keys) await m.run(db, () => c.insert(k, new Uint8Array([k & 0xff])));
        return root;
      });
      await db.read(async () => {
        const c = db.tableCursor(root);
        const rng = new Prng(7);
        for (let i = 0; i < 300; i++) {
          const target = -320 + rng.int(3350);
          const ge = keys.find((k) => k >= target);
          const gt = keys.find((k) => k > target);
          const le = [...keys].reverse().find((k) => k <= target);
          const lt = [...keys].reverse().find((k) => k < target);
          const expectOp = async (op: 'ge' | 'gt' | 'le' | 'lt' | 'eq', want: number | undefined) => {
            const found = await m.run(db, () => c.seekOp(target, op));
            expect(found).toBe(want !== undefined);
            if (want !== undefined) expect(c.rowid()).toBe(want);
          };
          await expectOp('ge', ge);
          await expectOp('gt', gt);
          await expectOp('le', le);
          await expectOp('lt', lt);
          await expectOp('eq', keys.includes(target) ? target : undefined);
          const near = await m.run(db, () => c.seek(target));
          const at = c.rowid() as number;
          expect(Math.sign(near)).toBe(Math.sign(at - target));
        }
      });
    });

    it('a cursor keeps its place while another cursor changes the tree', async () => {
      const db = await m.open('two.db', { pageSizeBytes: 512, cacheSizePages: 4 });
      const model = new TableModel();
      const root = await db.write(async () => {
        const root = await db.createTable('t', 'CREATE TABLE t(x)');
        const c = db.tableCursor(root);
        for (let k = 1; k <= 600; k++) {
          const v = new Uint8Array(30).fill(k & 0xff);
          await m.run(db, () => c.insert(k, v));
          model.rows.set(k, v);
        }
        return root;
      });
      await db.write(async () => {
        const a = db.tableCursor(root);
        const b = db.tableCursor(root);
        expect(await m.run(db, () => a.seek(300))).toBe(0);
        // b deletes every even row and inserts big rows between the odd ones: many splits
        // and merges around a's position.
        for (let k = 2; k <= 600; k += 2) {
          expect(await m.run(db, () => b.seek(k))).toBe(0);
          await m.run(db, () => b.delete());
          model.rows.delete(k);
        }
        for (let k = 1001; k <= 1100; k++) {
          const v = new Uint8Array(200).fill(7);
          await m.run(db, () => b.insert(k, v));
          model.rows.set(k, v);
        }
        // a sat on 300, now deleted: next is 301, prev from there 299.
        expect(await m.run(db, () => a.next())).toBe(true);
        expect(await m.run(db, () => a.rowid())).toBe(301);
        expect(await m.run(db, () => a.prev())).toBe(true);
        expect(await m.run(db, () => a.rowid())).toBe(299);
        // b deletes the row a is on: a reads on from its neighbours.
        expect(await m.run(db, () => b.seek(299))).toBe(0);
        await m.run(db, () => b.delete());
        model.rows.delete(299);
        expect(await m.run(db, () => a.prev())).toBe(true);
        expect(await m.run(db, () => a.rowid())).toBe(297);
        const rest: Rowid[] = [];
        for (let ok = await m.run(db, () => a.next()); ok; ok = await m.run(db, () => a.next())) {
          rest.push(await m.run(db, () => a.rowid()));
        }
        expect(rest).toEqual(model.sortedKeys().filter((k) => k > 297));
      });
      expect(await db.integrityCheck()).toEqual([]);
    });

    it('deleting while iterating visits every row once', async () => {
      const db = await m.open('del.db', { pageSizeBytes: 1024, cacheSizePages: 6 });
      const root = await db.write(async () => {
        const root = await db.createTable('t', 'CREATE TABLE t(x)');
        const c = db.tableCursor(root);
        for (let k = 1; k <= 2000; k++) await m.run(db, () => c.insert(k, new Uint8Array(k % 97)));
        return root;
      });
      const seen: Rowid[] = [];
      await db.write(async () => {
        const c = db.tableCursor(root);
        for (let ok = await m.run(db, () => c.first()); ok; ok = await m.run(db, () => c.next())) {
          const k = await m.run(db, () => c.rowid());
          seen.push(k);
          if ((k as number) % 3 !== 0) await m.run(db, () => c.delete());
        }
      });
      expect(seen.length).toBe(2000);
      expect(await db.integrityCheck()).toEqual([]);
      await db.read(async () => {
        const c = db.tableCursor(root);
        const left = (await scanForward(m, db, c)).map((r) => r[0]);
        expect(left).toEqual(Array.from({ length: 666 }, (_, i) => (i + 1) * 3));
      });
    });

    it('an empty tree reports eof everywhere', async () => {
      const db = await m.open('empty.db');
      await db.read(async () => {
        const c = db.tableCursor(1);
        expect(await m.run(db, () => c.first())).toBe(false);
        expect(await m.run(db, () => c.last())).toBe(false);
        expect(c.eof).toBe(true);
        expect(await m.run(db, () => c.seekOp(5, 'ge'))).toBe(false);
        expect(await m.run(db, () => c.next())).toBe(false);
      });
      expect(await db.integrityCheck()).toEqual([]);
    });

    it('deleting a row that another cursor removed is reported', async () => {
      const db = await m.open('gone.db');
      await db.write(async () => {
        const root = await db.createTable('t', 'CREATE TABLE t(x)');
        const a = db.tableCursor(root);
        const b = db.tableCursor(root);
        await m.run(db, () => a.insert(1, new Uint8Array(1)));
        await m.run(db, () => a.insert(2, new Uint8Array(1)));
        expect(await m.run(db, () => a.seek(1))).toBe(0);
        expect(await m.run(db, () => b.seek(1))).toBe(0);
        await m.run(db, () => b.delete());
        await expect(m.run(db, () => a.delete())).rejects.toThrow(SqliteError);
      });
      expect(await db.integrityCheck()).toEqual([]);
    });

    it('writes over a cold cache restart on pending reads and still complete', async () => {
      const name = 'cold.db';
      let db = await m.open(name, { pageSizeBytes: 512, cacheSizePages: 4 });
      const root = await db.write(async () => {
        const root = await db.createTable('t', 'CREATE TABLE t(x)');
        const c = db.tableCursor(root);
        for (let k = 0; k < 1500; k++) await m.run(db, () => c.insert(k * 2, new Uint8Array(20 + (k % 50))));
        return root;
      });
      db = await m.open(name, { cacheSizePages: 4 });
      let restarts = 0;
      await db.write(async () => {
        const c = db.tableCursor(root);
        const rng = new Prng(3);
        for (let i = 0; i < 300; i++) {
          const k = rng.int(3000);
          const row = new Uint8Array(100 + rng.int(300));
          const op = rng.next() < 0.5 ? () => c.insert(k, row) : () => (c.seek(k) === 0 ? c.delete() : undefined);
          const r = await runCountingRestarts(op);
          db.pager.trim();
          restarts += r.restarts;
        }
      });
      if (m.label === 'yielding') expect(restarts).toBeGreaterThan(50);
      else expect(restarts).toBe(0);
      expect(await db.integrityCheck()).toEqual([]);
    });
  });
}
