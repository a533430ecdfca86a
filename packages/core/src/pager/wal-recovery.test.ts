import { describe, expect, it } from 'vitest';
import { encodeWalHeader, sealWalFrame, WAL_FRAME_HEADER_SIZE_BYTES, WAL_HEADER_SIZE_BYTES } from '../format/wal-format.js';
import { MemoryStorage } from '../io/memory-storage.js';
import type { Pager } from './pager.js';
import { fillPattern, memoryMode, patternPage, yieldingMode, type StorageMode } from './pager-test-kit.js';

const PAGE = 4096;
const FRAME = WAL_FRAME_HEADER_SIZE_BYTES + PAGE;

/** T1: pages 2, 3 (seeds 2, 3). T2: page 2 := seed 20, page 4 appended (seed 4). */
async function twoCommits(m: StorageMode): Promise<void> {
  const pager = await m.open('w.db');
  await m.run(() => pager.beginWrite());
  fillPattern(pager.appendPage().data, 2);
  fillPattern(pager.appendPage().data, 3);
  await m.run(() => pager.commit()); // frames 1 (page 1), 2, 3
  await m.run(() => pager.beginWrite());
  const two = await m.run(() => pager.get(2));
  pager.markDirty(two);
  fillPattern(two.data, 20);
  fillPattern(pager.appendPage().data, 4);
  await m.run(() => pager.commit()); // frames 4 (page 1), 5 (page 2), 6 (page 4)
}

async function pageOf(m: StorageMode, pager: Pager, pgno: number): Promise<Uint8Array> {
  return m.run(() => pager.get(pgno).data.slice());
}

async function expectT1(m: StorageMode, pager: Pager): Promise<void> {
  expect(pager.pageCount).toBe(3);
  expect(await pageOf(m, pager, 2)).toEqual(patternPage(PAGE, 2));
  expect(await pageOf(m, pager, 3)).toEqual(patternPage(PAGE, 3));
}

async function expectT2(m: StorageMode, pager: Pager): Promise<void> {
  expect(pager.pageCount).toBe(4);
  expect(await pageOf(m, pager, 2)).toEqual(patternPage(PAGE, 20));
  expect(await pageOf(m, pager, 4)).toEqual(patternPage(PAGE, 4));
}

function cutFile(storage: MemoryStorage, name: string, sizeBytes: number): void {
  storage.put(name, storage.get(name)!.subarray(0, sizeBytes));
}

for (const makeMode of [memoryMode, yieldingMode]) {
  describe(`WAL recovery over ${makeMode(new MemoryStorage()).label} storage`, () => {
    it('keeps both commits when the WAL is intact', async () => {
      const m = makeMode(new MemoryStorage());
      await twoCommits(m);
      await expectT2(m, await m.open('w.db'));
    });

    it('drops a commit whose last frame was cut mid-frame', async () => {
      const m = makeMode(new MemoryStorage());
      await twoCommits(m);
      cutFile(m.memory, 'w.db-wal', WAL_HEADER_SIZE_BYTES + 5 * FRAME + 100);
      await expectT1(m, await m.open('w.db'));
    });

    it('stops at a frame with a bad checksum', async () => {
      const m = makeMode(new MemoryStorage());
      await twoCommits(m);
      const wal = m.memory.get('w.db-wal')!;
      wal[WAL_HEADER_SIZE_BYTES + 4 * FRAME + WAL_FRAME_HEADER_SIZE_BYTES + 7] ^= 1; // frame 5's page
      m.memory.put('w.db-wal', wal);
      await expectT1(m, await m.open('w.db'));
      wal[WAL_HEADER_SIZE_BYTES + 1 * FRAME + WAL_FRAME_HEADER_SIZE_BYTES + 7] ^= 1; // frame 2's page
      m.memory.put('w.db-wal', wal);
      const empty = await m.open('w.db');
      expect(empty.pageCount).toBe(1); // only the initial page 1 in the database file
    });

    it('ignores a WAL with a corrupt header', async () => {
      const m = makeMode(new MemoryStorage());
      await twoCommits(m);
      const wal = m.memory.get('w.db-wal')!;
      wal[17] ^= 1; // salt-1 no longer matches the header checksum
      m.memory.put('w.db-wal', wal);
      expect((await m.open('w.db')).pageCount).toBe(1);
    });

    it('ignores frames that no commit frame closes', async () => {
      const m = makeMode(new MemoryStorage());
      const pager = await m.open('n.db');
      await m.run(() => pager.beginWrite());
      await m.run(() => pager.commit()); // database file + WAL with page 1
      const committedWal = m.memory.get('n.db-wal')!;
      // Append two valid frames (right salts, chained checksums) without a commit frame.
      const header = {
        bigEndianChecksum: false,
        pageSizeBytes: PAGE,
        salt1: new DataView(committedWal.buffer).getUint32(16),
        salt2: new DataView(committedWal.buffer).getUint32(20),
      };
      const dv = new DataView(committedWal.buffer, WAL_HEADER_SIZE_BYTES + 16);
      let sum = { s0: dv.getUint32(0), s1: dv.getUint32(4) };
      const extra = new Uint8Array(2 * FRAME);
      for (let i = 0; i < 2; i++) {
        extra.set(patternPage(PAGE, 9), i * FRAME + WAL_FRAME_HEADER_SIZE_BYTES);
        sum = sealWalFrame(extra, i * FRAME, 2 + i, 0, header, PAGE, sum);
      }
      const wal = new Uint8Array(committedWal.length + extra.length);
      wal.set(committedWal);
      wal.set(extra, committedWal.length);
      m.memory.put('n.db-wal', wal);
      const reopened = await m.open('n.db');
      expect(reopened.pageCount).toBe(1);
      expect(reopened.walFrameCount).toBe(1);
      // The next commit overwrites the uncommitted tail and chains on from frame 1.
      await m.run(() => reopened.beginWrite());
      fillPattern(reopened.appendPage().data, 5);
      await m.run(() => reopened.commit());
      const again = await m.open('n.db');
      expect(again.pageCount).toBe(2);
      expect(await pageOf(m, again, 2)).toEqual(patternPage(PAGE, 5));
    });

    it('a WAL of a brand-new header and no frames means the database file alone', async () => {
      const m = makeMode(new MemoryStorage());
      await twoCommits(m);
      const p = await m.open('w.db');
      await m.run(() => p.checkpoint());
      const header = new Uint8Array(WAL_HEADER_SIZE_BYTES);
      encodeWalHeader(header, { bigEndianChecksum: true, pageSizeBytes: PAGE, checkpointSeq: 9, salt1: 1, salt2: 2 });
      m.memory.put('w.db-wal', header);
      await expectT2(m, await m.open('w.db'));
    });

    it('commits after recovery continue the log and survive another reopen', async () => {
      const m = makeMode(new MemoryStorage());
      await twoCommits(m);
      cutFile(m.memory, 'w.db-wal', WAL_HEADER_SIZE_BYTES + 5 * FRAME);
      const p = await m.open('w.db');
      await expectT1(m, p);
      await m.run(() => p.beginWrite());
      const three = await m.run(() => p.get(3));
      p.markDirty(three);
      fillPattern(three.data, 30);
      await m.run(() => p.commit());
      const q = await m.open('w.db');
      expect(q.pageCount).toBe(3);
      expect(await pageOf(m, q, 2)).toEqual(patternPage(PAGE, 2));
      expect(await pageOf(m, q, 3)).toEqual(patternPage(PAGE, 30));
    });

    it('restarts the WAL after a checkpoint with new salts; old frames become invalid', async () => {
      const m = makeMode(new MemoryStorage());
      await twoCommits(m);
      const p = await m.open('w.db');
      await m.run(() => p.checkpoint());
      const oldWal = m.memory.get('w.db-wal')!;
      await m.run(() => p.beginWrite());
      const three = await m.run(() => p.get(3));
      p.markDirty(three);
      fillPattern(three.data, 33);
      await m.run(() => p.commit());
      const newWal = m.memory.get('w.db-wal')!;
      const salt = (b: Uint8Array) => new DataView(b.buffer).getUint32(16);
      expect(salt(newWal)).toBe((salt(oldWal) + 1) >>> 0);
      expect(new DataView(newWal.buffer).getUint32(12)).toBe(new DataView(oldWal.buffer).getUint32(12) + 1);
      expect(p.walFrameCount).toBe(1);
      const q = await m.open('w.db');
      expect(q.walFrameCount).toBe(1); // frames 2..6 of the old log have stale salts
      expect(q.pageCount).toBe(4);
      expect(await pageOf(m, q, 2)).toEqual(patternPage(PAGE, 20));
      expect(await pageOf(m, q, 3)).toEqual(patternPage(PAGE, 33));
    });

    it('checkpoints automatically once the WAL passes the threshold', async () => {
      const m = makeMode(new MemoryStorage());
      const p = await m.open('a.db', { autoCheckpointFrames: 5 });
      for (let i = 0; i < 4; i++) {
        await m.run(() => p.beginWrite());
        fillPattern(p.appendPage().data, 40 + i);
        await m.run(() => p.commit());
      }
      // Commits of 2 frames each (page 1 + new page): the third commit reached 6 >= 5 frames.
      expect(p.walFrameCount).toBe(2);
      expect(m.memory.get('a.db')!.length).toBe(4 * PAGE);
      const q = await m.open('a.db');
      expect(q.pageCount).toBe(5);
      for (let i = 0; i < 4; i++) expect(await pageOf(m, q, 2 + i)).toEqual(patternPage(PAGE, 40 + i));
    });
  });
}
