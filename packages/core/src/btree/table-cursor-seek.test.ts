import { describe, expect, it } from 'vitest';
import { btreeModes, Prng } from './btree-test-kit.js';

/**
 * Seeks from a positioned cursor reuse its leaf (rowid inside the leaf's range) or the upper
 * levels of its path. Whatever the previous position, a seek must land where a seek from a
 * fresh cursor lands.
 */
for (const m of btreeModes()) {
  describe(`table cursor seeks from a position over ${m.label} storage`, () => {
    it('agree with a fresh cursor for increasing, nearby and random targets', async () => {
      const db = await m.open('seek-reuse.db', { pageSizeBytes: 512, cacheSizePages: 6 });
      const keys: number[] = [];
      for (let k = -500; k <= 6000; k += 3) keys.push(k);
      const root = await db.write(async () => {
        const root = await db.createTable('t', 'CREATE TABLE t(x)');
        const c = db.tableCursor(root);
        for (const k of keys) await m.run(db, () => c.insert(k, new Uint8Array(20).fill(k & 0xff)));
        c.close();
        return root;
      });
      await db.read(async () => {
        const c = db.tableCursor(root);
        const rng = new Prng(11);
        const targets: number[] = [];
        for (let t = -520; t <= 6020; t += 1 + rng.int(12)) targets.push(t); // increasing
        for (let i = 0; i < 400; i++) targets.push(targets[targets.length - 1]! + rng.int(40) - 20); // nearby
        for (let i = 0; i < 400; i++) targets.push(-520 + rng.int(6600)); // random
        for (const target of targets) {
          const got = await m.run(db, () => c.seek(target));
          const fresh = db.tableCursor(root);
          const want = await m.run(db, () => fresh.seek(target));
          expect(got).toBe(want);
          expect(c.rowid()).toBe(fresh.rowid());
          fresh.close();
          // Stepping on from the reused position walks to the same next row.
          if (target % 5 === 0) {
            const before = c.rowid() as number;
            const after = keys.find((k) => k > before);
            expect(await m.run(db, () => c.next())).toBe(after !== undefined);
            if (after !== undefined) expect(c.rowid()).toBe(after);
          }
        }
        c.close();
      });
    });
  });
}
