/**
 * Aggregates against sql.js over generated tables of mixed storage classes, over
 * MemoryStorage and YieldingStorage: count, sum (incl. integer overflow), total, avg, min,
 * max, group_concat, string_agg, with GROUP BY and DISTINCT.
 */
import { describe, expect, it } from 'vitest';
import { FunctionOracle, prng } from '../../../test/function-oracle.js';

function randomValue(rand: () => number): string {
  const r = rand();
  if (r < 0.1) return 'NULL';
  if (r < 0.45) return String(Math.floor((rand() - 0.5) * 1000));
  if (r < 0.7) return ((rand() - 0.5) * 10 ** Math.floor(rand() * 8)).toPrecision(1 + Math.floor(rand() * 15));
  if (r < 0.8) return `'${Math.floor(rand() * 100)}'`;
  if (r < 0.9) return `'t${Math.floor(rand() * 10)}'`;
  return `x'${Math.floor(rand() * 256).toString(16).padStart(2, '0')}'`;
}

for (const yielding of [false, true]) {
  describe(`aggregates over ${yielding ? 'yielding' : 'memory'} storage`, () => {
    it('match SQLite on generated tables', async () => {
      const oracle = await FunctionOracle.open(yielding);
      try {
        const rand = prng(yielding ? 31 : 17);
        await oracle.exec('CREATE TABLE a(g INT, v, w REAL)');
        const rows: string[] = [];
        for (let i = 0; i < 300; i++) rows.push(`(${Math.floor(rand() * 6)}, ${randomValue(rand)}, ${(rand() * 100).toFixed(2)})`);
        await oracle.exec(`INSERT INTO a VALUES ${rows.join(', ')}`);
        await oracle.exec('CREATE TABLE big(k, x)');
        await oracle.exec('INSERT INTO big VALUES (0, 9223372036854775807), (1, 1), (3, 1.0), (4, NULL), (5, 0.1), (6, 0.2), (7, 0.3), (8, -0.6)');
        const sql = [
          'SELECT g, count(*), count(v), sum(v), total(v), avg(v), min(v), max(v), sum(w), avg(w) FROM a GROUP BY g ORDER BY g',
          "SELECT g, group_concat(v), group_concat(v, '|'), string_agg(w, ';') FROM a GROUP BY g ORDER BY g",
          'SELECT count(DISTINCT v), sum(DISTINCT g), total(DISTINCT w) FROM a',
          'SELECT sum(v), total(v), avg(v), min(v), max(v) FROM a WHERE typeof(v) = \'integer\'',
          'SELECT sum(x), total(x), avg(x) FROM big WHERE k < 2',
          'SELECT sum(x), avg(x) FROM big WHERE k IN (1, 3)',
          'SELECT sum(x), total(x), avg(x), min(x), max(x), count(x), group_concat(x) FROM big WHERE k = 4',
          'SELECT sum(x), total(x), avg(x) FROM big WHERE k >= 5',
        ];
        expect(await oracle.check(sql)).toEqual([]);
      } finally {
        await oracle.close();
      }
    });
  });
}
