/**
 * Corrupt files: every malformed structure the B-tree meets must surface as SQLITE_CORRUPT
 * ("database disk image is malformed"), never as a hang, an assertion failure or an exception
 * from a typed array, and a failed write must leave the database as it was.
 */
import { describe, expect, it } from 'vitest';
import { btreeHeaderOffset, cellOffset, get32, put16, put32 } from '../format/btree-page.js';
import { CellInfo, parseCell } from '../format/cell.js';
import { HeaderOffset } from '../format/database-header.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { YieldingStorage } from '../io/yielding-storage.js';
import type { PagerOptions } from '../pager/pager-open.js';
import { BtreeDatabase } from './btree-database.js';
import { TRUNK_LEAF_COUNT, TRUNK_NEXT } from './freelist.js';
import { expectCorruptAsync } from '../../test/expect-corrupt.js';

const PAGE = 1024;

interface Built {
  memory: MemoryStorage;
  root: number;
}

type Opener = (memory: MemoryStorage, options?: PagerOptions) => Promise<BtreeDatabase>;

const openers: [string, Opener][] = [
  ['memory', async (memory, options) => BtreeDatabase.openSync(memory, 'c.db', options)],
  ['yielding', (memory, options) => BtreeDatabase.open(new YieldingStorage(memory), 'c.db', options)],
];

/** A table of 400 rows (a 2-level tree); row 7 spills over 3 overflow pages; 20 free pages. */
async function build(openDb: Opener): Promise<Built> {
  const memory = new MemoryStorage();
  const db = await openDb(memory, { pageSizeBytes: PAGE });
  const root = await db.write(async () => {
    const root = await db.createTable('t', 'CREATE TABLE t(x)');
    const junk = await db.createTable('junk', 'CREATE TABLE junk(x)');
    const c = db.tableCursor(root);
    for (let k = 1; k <= 400; k++) await db.run(() => c.insert(k, new Uint8Array(k === 7 ? 3 * PAGE : 40).fill(k)));
    const j = db.tableCursor(junk);
    for (let k = 1; k <= 20; k++) await db.run(() => j.insert(k, new Uint8Array(900)));
    return root;
  });
  await db.write(() => db.dropTable('junk'));
  await db.close();
  return { memory, root };
}

function pageOf(bytes: Uint8Array, pgno: number): Uint8Array {
  return bytes.subarray((pgno - 1) * PAGE, pgno * PAGE);
}

/** Opens the damaged file with `openDb`. */
function reopen(openDb: Opener, memory: MemoryStorage, bytes: Uint8Array): Promise<BtreeDatabase> {
  memory.put('c.db', bytes);
  memory.delete('c.db-wal');
  return openDb(memory, { cacheSizePages: 4 });
}

/** Leaf page and cell offset of row `rowid`, found by walking the intact file. */
function locateRow(bytes: Uint8Array, root: number, rowid: number): { pgno: number; cell: CellInfo } {
  let pgno = root;
  const info = new CellInfo();
  for (;;) {
    const data = pageOf(bytes, pgno);
    const hdr = btreeHeaderOffset(pgno);
    const type = data[hdr]!;
    const n = (data[hdr + 3]! << 8) | data[hdr + 4]!;
    if (type === 13) {
      for (let i = 0; i < n; i++) {
        parseCell(data, cellOffset(data, hdr, type, i, PAGE), type, PAGE, info);
        if (info.rowid === rowid) return { pgno, cell: info };
      }
      throw new Error('row not found');
    }
    let next = get32(data, hdr + 8);
    for (let i = 0; i < n; i++) {
      parseCell(data, cellOffset(data, hdr, type, i, PAGE), type, PAGE, info);
      if ((info.rowid as number) >= rowid) {
        next = info.childPgno;
        break;
      }
    }
    pgno = next;
  }
}

for (const [label, openDb] of openers) {
describe(`corrupt b-tree pages over ${label} storage`, () => {
  const open = (memory: MemoryStorage, bytes: Uint8Array) => reopen(openDb, memory, bytes);
  it('a child pointer looping back to the root', async () => {
    const { memory, root } = await build(openDb);
    const bytes = memory.get('c.db')!;
    put32(pageOf(bytes, root), 8, root);
    const db = await open(memory, bytes);
    await db.read(async () => {
      const c = db.tableCursor(root);
      await expectCorruptAsync(db.run(() => c.last()));
      expect(await db.run(() => c.first())).toBe(true);
    });
    expect((await db.integrityCheck()).length).toBeGreaterThan(0);
  });

  it('a cell pointer outside the content area', async () => {
    const { memory, root } = await build(openDb);
    const bytes = memory.get('c.db')!;
    const { pgno } = locateRow(bytes, root, 1);
    put16(pageOf(bytes, pgno), 8, 5);
    const db = await open(memory, bytes);
    await db.read(async () => {
      const c = db.tableCursor(root);
      await expectCorruptAsync(db.run(() => c.first() && c.rowid()));
      await expectCorruptAsync(db.run(() => c.seek(1)));
    });
    await db.write(async () => {
      const c = db.tableCursor(root);
      await expectCorruptAsync(db.run(() => c.insert(0, new Uint8Array(10))));
    });
  });

  it('a bad page type', async () => {
    const { memory, root } = await build(openDb);
    const bytes = memory.get('c.db')!;
    const { pgno } = locateRow(bytes, root, 200);
    pageOf(bytes, pgno)[0] = 0x07;
    const db = await open(memory, bytes);
    await db.read(async () => {
      const c = db.tableCursor(root);
      await expectCorruptAsync(db.run(() => c.seek(200)));
      // Walking the whole table reaches the page too.
      await expectCorruptAsync(db.run(() => {
        for (let ok = c.first(); ok; ok = c.next());
      }));
    });
    expect((await db.integrityCheck()).some((m) => m.includes(`page ${pgno}`))).toBe(true);
  });

  it('overflow chains that loop or leave the database', async () => {
    const { memory, root } = await build(openDb);
    const intact = memory.get('c.db')!;
    const { cell } = locateRow(intact, root, 7);
    const first = cell.overflowPgno;
    for (const next of [first, 5000]) {
      const bytes = intact.slice();
      put32(pageOf(bytes, first), 0, next);
      const db = await open(memory, bytes);
      await db.read(async () => {
        const c = db.tableCursor(root);
        expect(await db.run(() => c.seek(7))).toBe(0);
        await expectCorruptAsync(db.run(() => c.payload()));
      });
      // Deleting the row must free the chain: refused, and nothing changes.
      await expectCorruptAsync(db.write(async () => {
        const c = db.tableCursor(root);
        expect(await db.run(() => c.seek(7))).toBe(0);
        await db.run(() => c.delete());
      }));
      await db.read(async () => {
        const c = db.tableCursor(root);
        expect(await db.run(() => c.seek(7))).toBe(0);
      });
      expect((await db.integrityCheck()).length).toBeGreaterThan(0);
    }
  });

  it('a freeblock chain going backwards', async () => {
    const { memory, root } = await build(openDb);
    const intact = memory.get('c.db')!;
    const { pgno } = locateRow(intact, root, 100);
    // Make a freeblock by deleting a row with our B-tree, then corrupt its next pointer.
    const db0 = await open(memory, intact);
    await db0.write(async () => {
      const c = db0.tableCursor(root);
      expect(await db0.run(() => c.seek(100))).toBe(0);
      await db0.run(() => c.delete());
    });
    await db0.close();
    const bytes = memory.get('c.db')!;
    const page = pageOf(bytes, pgno);
    const firstFree = (page[1]! << 8) | page[2]!;
    expect(firstFree).toBeGreaterThan(0);
    put16(page, firstFree, firstFree - 40);
    const db = await open(memory, bytes);
    await expectCorruptAsync(db.write(async () => {
      const c = db.tableCursor(root);
      await db.run(() => c.insert(100, new Uint8Array(40)));
    }));
  });

  it('freelist trunks with too many leaves, or looping', async () => {
    const { memory, root } = await build(openDb);
    const intact = memory.get('c.db')!;
    const trunk = get32(pageOf(intact, 1), HeaderOffset.firstFreelistTrunk);
    expect(trunk).toBeGreaterThan(0);
    const tooMany = intact.slice();
    put32(pageOf(tooMany, trunk), TRUNK_LEAF_COUNT, 5000);
    const loop = intact.slice();
    put32(pageOf(loop, trunk), TRUNK_LEAF_COUNT, 0);
    put32(pageOf(loop, trunk), TRUNK_NEXT, trunk);
    for (const bytes of [tooMany, loop]) {
      const db = await open(memory, bytes);
      // Growing row 1 to several overflow pages needs pages from the freelist.
      await expectCorruptAsync(db.write(async () => {
        const c = db.tableCursor(root);
        await db.run(() => c.insert(1, new Uint8Array(20 * PAGE)));
      }));
      expect((await db.integrityCheck()).some((m) => m.startsWith('Freelist'))).toBe(true);
    }
  });
});
}
