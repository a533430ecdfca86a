import { describe, expect, it } from 'vitest';
import { writeNewDatabaseHeader } from '../format/database-header.js';
import { JOURNAL_MAGIC, journalRecordChecksum, JOURNAL_NREC_TO_END } from '../format/journal-format.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { memoryMode, patternPage, yieldingMode } from './pager-test-kit.js';

const PAGE = 1024;
const SECTOR = 512;
const NONCE = 0x1234567;

/** Page `pgno` of a test database "as of seed": page 1 keeps a valid header. */
function pageImage(pgno: number, seed: number, pageCount: number): Uint8Array {
  const data = patternPage(PAGE, seed);
  if (pgno === 1) {
    writeNewDatabaseHeader(data, { pageSizeBytes: PAGE, fileFormat: 1, textEncoding: 1 });
    const v = new DataView(data.buffer);
    v.setUint32(24, seed);
    v.setUint32(28, pageCount);
    v.setUint32(92, seed);
  }
  return data;
}

function database(seeds: number[]): Uint8Array {
  const out = new Uint8Array(seeds.length * PAGE);
  seeds.forEach((seed, i) => out.set(pageImage(i + 1, seed, seeds.length), i * PAGE));
  return out;
}

interface Segment {
  recordCount?: number;
  initialPageCount: number;
  records: Array<{ pgno: number; seed: number; badChecksum?: boolean }>;
}

function journal(segments: Segment[], superJournal?: string): Uint8Array {
  const parts: number[] = [];
  const pushU32 = (n: number) => parts.push((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  for (const seg of segments) {
    while (parts.length % SECTOR !== 0) parts.push(0);
    const start = parts.length;
    parts.push(...JOURNAL_MAGIC);
    pushU32(seg.recordCount ?? seg.records.length);
    pushU32(NONCE);
    pushU32(seg.initialPageCount);
    pushU32(SECTOR);
    pushU32(PAGE);
    while (parts.length < start + SECTOR) parts.push(0);
    for (const r of seg.records) {
      const rec = new Uint8Array(8 + PAGE);
      new DataView(rec.buffer).setUint32(0, r.pgno);
      rec.set(pageImage(r.pgno, r.seed, seg.initialPageCount), 4);
      const sum = journalRecordChecksum(rec, PAGE, NONCE) + (r.badChecksum ? 1 : 0);
      new DataView(rec.buffer).setUint32(4 + PAGE, sum >>> 0);
      parts.push(...rec);
    }
  }
  if (superJournal !== undefined) {
    const name = new TextEncoder().encode(superJournal);
    pushU32(Math.floor(0x40000000 / PAGE) + 1);
    parts.push(...name);
    pushU32(name.length);
    pushU32(name.reduce((a, b) => a + b, 0));
    parts.push(...JOURNAL_MAGIC);
  }
  return new Uint8Array(parts);
}

/** The database after the crash: 4 pages with new content (seeds 11..14). */
const CRASHED = [11, 12, 13, 14];

for (const makeMode of [memoryMode, yieldingMode]) {
  describe(`hot journal rollback over ${makeMode(new MemoryStorage()).label} storage`, () => {
    async function rollback(j: Uint8Array, options: { readonly?: boolean } = {}) {
      const m = makeMode(new MemoryStorage());
      m.memory.put('j.db', database(CRASHED));
      m.memory.put('j.db-journal', j);
      const pager = await m.open('j.db', options);
      return { m, pager, db: m.memory.get('j.db')! };
    }

    it('restores first images of pages within the original size and truncates', async () => {
      const { m, pager, db } = await rollback(
        journal([{ initialPageCount: 2, records: [{ pgno: 2, seed: 2 }, { pgno: 1, seed: 1 }, { pgno: 2, seed: 99 }, { pgno: 3, seed: 3 }] }]),
      );
      expect(db).toEqual(database([1, 2]));
      expect(pager.pageCount).toBe(2);
      expect(m.memory.exists('j.db-journal')).toBe(false);
    });

    it('stops at the first record with a bad checksum', async () => {
      const { db } = await rollback(
        journal([{ initialPageCount: 3, records: [{ pgno: 1, seed: 1 }, { pgno: 2, seed: 2, badChecksum: true }, { pgno: 3, seed: 3 }] }]),
      );
      expect(db.length).toBe(3 * PAGE);
      expect(db.subarray(0, PAGE)).toEqual(pageImage(1, 1, 3));
      expect(db.subarray(PAGE, 2 * PAGE)).toEqual(pageImage(2, 12, 4));
    });

    it('plays every segment; the first header gives the original size', async () => {
      const { db } = await rollback(
        journal([
          { initialPageCount: 3, records: [{ pgno: 1, seed: 1 }, { pgno: 2, seed: 2 }] },
          { initialPageCount: 4, records: [{ pgno: 3, seed: 3 }, { pgno: 2, seed: 98 }] },
        ]),
      );
      expect(db.length).toBe(3 * PAGE);
      expect(db.subarray(PAGE, 2 * PAGE)).toEqual(pageImage(2, 2, 3));
      expect(db.subarray(2 * PAGE)).toEqual(pageImage(3, 3, 4));
    });

    it('reads records up to the end of the file when the count is 0xffffffff', async () => {
      const { db } = await rollback(
        journal([{ recordCount: JOURNAL_NREC_TO_END, initialPageCount: 4, records: [{ pgno: 4, seed: 4 }, { pgno: 1, seed: 1 }] }]),
      );
      expect(db.subarray(0, PAGE)).toEqual(pageImage(1, 1, 4));
      expect(db.subarray(3 * PAGE)).toEqual(pageImage(4, 4, 4));
    });

    it('does not play back a journal whose super-journal is gone, but deletes it', async () => {
      const { m, db } = await rollback(journal([{ initialPageCount: 2, records: [{ pgno: 2, seed: 2 }] }], 'gone-super'));
      expect(db).toEqual(database(CRASHED));
      expect(m.memory.exists('j.db-journal')).toBe(false);
    });

    it('plays back a journal whose super-journal still exists', async () => {
      const m = makeMode(new MemoryStorage());
      m.memory.put('j.db', database(CRASHED));
      const records = [{ pgno: 1, seed: 1 }, { pgno: 2, seed: 2 }];
      m.memory.put('j.db-journal', journal([{ initialPageCount: 2, records }], 'super-j'));
      m.memory.put('super-j', new Uint8Array(10));
      await m.open('j.db');
      expect(m.memory.get('j.db')).toEqual(database([1, 2]));
    });

    it('a read-only connection cannot roll back a hot journal', async () => {
      const m = makeMode(new MemoryStorage());
      m.memory.put('j.db', database(CRASHED));
      m.memory.put('j.db-journal', journal([{ initialPageCount: 2, records: [] }]));
      await expect(m.open('j.db', { readonly: true })).rejects.toMatchObject({ code: 'SQLITE_READONLY' });
      expect(m.memory.get('j.db')).toEqual(database(CRASHED));
    });

    it('deletes a journal beside an empty database', async () => {
      const m = makeMode(new MemoryStorage());
      m.memory.put('j.db', new Uint8Array(0));
      m.memory.put('j.db-journal', journal([{ initialPageCount: 2, records: [{ pgno: 2, seed: 2 }] }]));
      const pager = await m.open('j.db');
      expect(pager.pageCount).toBe(0);
      expect(m.memory.exists('j.db-journal')).toBe(false);
    });
  });
}
