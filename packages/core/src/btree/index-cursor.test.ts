import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../format/record.js';
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import type { BtreeDatabase } from './btree-database.js';
import { btreeModes, Prng, type BtreeMode } from './btree-test-kit.js';
import { NOCASE } from './collation.js';
import type { IndexCursor } from './index-cursor.js';
import { compareKeyToRecord, compareRecords, type KeyInfo } from './key-compare.js';
import type { SeekOp } from './seek-op.js';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function randomValue(rng: Prng, pageSize: number): SqlValue {
  const r = rng.next();
  if (r < 0.1) return null;
  if (r < 0.4) return rng.int(200) - 50;
  if (r < 0.5) return new SqlReal(rng.int(100)) ;
  if (r < 0.55) return rng.int(1000) / 7;
  if (r < 0.9) {
    const len = rng.next() < 0.1 ? pageSize + rng.int(2 * pageSize) : 1 + rng.int(30);
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(65 + rng.int(6) + (rng.next() < 0.5 ? 32 : 0));
    return s;
  }
  return rng.bytes(rng.int(20));
}

/** Sorted records under `keyInfo`; full records are unique (they end with a rowid). */
class IndexModel {
  readonly records: Uint8Array[] = [];
  constructor(private readonly keyInfo: KeyInfo) {}
  private cmp(a: Uint8Array, b: Uint8Array): number {
    return compareRecords(a, 0, a.length, b, 0, b.length, this.keyInfo);
  }
  /** First position whose record is >= rec. */
  lowerBound(rec: Uint8Array): number {
    let lo = 0;
    let hi = this.records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(this.records[mid]!, rec) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  insert(rec: Uint8Array): void {
    const i = this.lowerBound(rec);
    if (i < this.records.length && this.cmp(this.records[i]!, rec) === 0) this.records[i] = rec;
    else this.records.splice(i, 0, rec);
  }
  remove(rec: Uint8Array): void {
    const i = this.lowerBound(rec);
    expect(this.cmp(this.records[i]!, rec)).toBe(0);
    this.records.splice(i, 1);
  }
  /** Expected record for a seek of the unpacked `key` with `op`, or undefined. */
  expectSeek(key: SqlValue[], op: SeekOp): Uint8Array | undefined {
    const c = (r: Uint8Array) => compareKeyToRecord(key, r, 0, r.length, this.keyInfo);
    const recs = this.records;
    switch (op) {
      case 'ge':
        return recs.find((r) => c(r) <= 0);
      case 'gt':
        return recs.find((r) => c(r) < 0);
      case 'eq':
        return recs.find((r) => c(r) === 0);
      case 'le':
        return [...recs].reverse().find((r) => c(r) >= 0);
      case 'lt':
        return [...recs].reverse().find((r) => c(r) > 0);
    }
  }
}

async function scan(m: BtreeMode, db: BtreeDatabase, c: IndexCursor, forward: boolean): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  let ok = await m.run(db, () => (forward ? c.first() : c.last()));
  while (ok) {
    out.push(await m.run(db, () => c.key().slice()));
    ok = await m.run(db, () => (forward ? c.next() : c.prev()));
  }
  return out;
}

async function verify(m: BtreeMode, db: BtreeDatabase, root: number, keyInfo: KeyInfo, model: IndexModel): Promise<void> {
  const c = db.indexCursor(root, keyInfo);
  const fwd = await scan(m, db, c, true);
  expect(fwd.length).toBe(model.records.length);
  fwd.forEach((r, i) => {
    if (!sameBytes(r, model.records[i]!)) expect.fail(`entry ${i} differs`);
  });
  const back = await scan(m, db, c, false);
  expect(back.length).toBe(model.records.length);
  back.reverse().forEach((r, i) => {
    if (!sameBytes(r, model.records[i]!)) expect.fail(`entry ${i} differs backwards`);
  });
  c.close();
}

const keyInfos: [string, KeyInfo][] = [
  ['binary ascending', { collations: [], desc: [] }],
  ['nocase descending', { collations: [NOCASE], desc: [true, false] }],
];

for (const m of btreeModes()) {
  describe(`index b-tree over ${m.label} storage`, () => {
    for (const pageSize of [512, 1024, 4096, 65536]) {
      for (const [label, keyInfo] of keyInfos) {
        if (pageSize === 65536 && label !== 'binary ascending') continue;
        it(`random inserts and deletes match a sorted array (page size ${pageSize}, ${label})`, async () => {
          const name = `i${pageSize}${label}.db`;
          let db = await m.open(name, { pageSizeBytes: pageSize, cacheSizePages: 8 });
          const rng = new Prng(pageSize + label.length);
          const model = new IndexModel(keyInfo);
          const ops = m.label === 'memory' ? 2000 : 600;
          const root = await db.write(() => db.createIndex('i', 't', null));
          for (let txn = 0; txn < 4; txn++) {
            await db.write(async () => {
              const c = db.indexCursor(root, keyInfo);
              for (let i = 0; i < ops / 4; i++) {
                if (rng.next() < 0.2 + txn * 0.12 && model.records.length > 0) {
                  const rec = model.records[rng.int(model.records.length)]!;
                  expect(await m.run(db, () => c.seekRecord(rec, 'eq'))).toBe(true);
                  await m.run(db, () => c.delete());
                  model.remove(rec);
                } else {
                  const rec = encodeRecord([randomValue(rng, pageSize), rng.int(100)]);
                  await m.run(db, () => c.insert(rec));
                  model.insert(rec);
                }
              }
              // Partial-key seeks against the model.
              for (let i = 0; i < 40; i++) {
                const key = [randomValue(rng, 64)];
                for (const op of ['ge', 'gt', 'le', 'lt', 'eq'] as SeekOp[]) {
                  const want = model.expectSeek(key, op);
                  const found = await m.run(db, () => c.seek(key, op));
                  expect(found, `seek ${op} ${String(key[0])}`).toBe(want !== undefined);
                  if (want !== undefined && !sameBytes(await m.run(db, () => c.key()), want)) {
                    expect.fail(`seek ${op} landed on the wrong entry`);
                  }
                }
              }
              c.close();
            });
            expect(await db.integrityCheck({ keyInfoFor: () => keyInfo })).toEqual([]);
            if (txn === 1) db = await m.open(name, { cacheSizePages: 8 });
            await db.read(() => verify(m, db, root, keyInfo, model));
          }
          // Drain the index from the middle outwards with one cursor.
          await db.write(async () => {
            const c = db.indexCursor(root, keyInfo);
            const mid = model.records[model.records.length >> 1]!;
            let ok = await m.run(db, () => c.seekRecord(mid, 'ge'));
            while (ok) {
              await m.run(db, () => c.delete());
              ok = await m.run(db, () => c.next());
            }
            ok = await m.run(db, () => c.last());
            while (ok) {
              await m.run(db, () => c.delete());
              ok = await m.run(db, () => c.prev());
            }
            expect(await m.run(db, () => c.first())).toBe(false);
          });
          model.records.length = 0;
          expect(await db.integrityCheck({ keyInfoFor: () => keyInfo })).toEqual([]);
          await db.read(() => verify(m, db, root, keyInfo, model));
        });
      }
    }

    it('an equal entry is replaced, not duplicated', async () => {
      const db = await m.open('dup.db', { pageSizeBytes: 512 });
      await db.write(async () => {
        const root = await db.createIndex('i', 't', null);
        const c = db.indexCursor(root);
        for (let round = 0; round < 3; round++) {
          for (let k = 0; k < 300; k++) await m.run(db, () => c.insert(encodeRecord([`k${k % 50}`, k])));
        }
        const all = await scan(m, db, c, true);
        expect(all.length).toBe(300);
        expect(await m.run(db, () => c.seek(['k7'], 'eq'))).toBe(true);
        let n = 0;
        for (let ok = true; ok; ok = await m.run(db, () => c.next())) {
          if (compareKeyToRecord(['k7'], c.key(), 0, c.key().length, { collations: [], desc: [] }) !== 0) break;
          n++;
        }
        expect(n).toBe(6);
      });
      expect(await db.integrityCheck()).toEqual([]);
    });
  });
}
