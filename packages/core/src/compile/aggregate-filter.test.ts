/**
 * FILTER (WHERE ...) on ordinary (non-window) aggregates, with and without GROUP BY, against
 * sql.js over memory and yielding storage.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, oracleOutcomes } from '../../test/sql-oracle-kit.js';

const SCRIPT = [
  'CREATE TABLE t(g TEXT, a INT, b REAL)',
  "INSERT INTO t VALUES ('x', 1, 1.5), ('x', 2, NULL), ('y', 3, 2.5), ('y', NULL, 4.0), ('z', 5, 0.5)",
  'SELECT count(*) FILTER (WHERE a > 1), count(*) FROM t',
  'SELECT sum(a) FILTER (WHERE b IS NOT NULL), avg(b) FILTER (WHERE a < 5), total(a) FILTER (WHERE 0) FROM t',
  'SELECT g, count(*) FILTER (WHERE a > 1), max(b) FILTER (WHERE a IS NULL), group_concat(a) FILTER (WHERE a % 2 = 1) FROM t GROUP BY g ORDER BY g',
  'SELECT g, count(DISTINCT a) FILTER (WHERE b > 1) FROM t GROUP BY g ORDER BY g',
  // (A bare column beside a filtered min() whose group has no qualifying row differs from
  // SQLite, which takes the group's last row: a known difference listed in docs/COMPAT.md.)
  'SELECT g, min(b) FILTER (WHERE a >= 2) FROM t GROUP BY g ORDER BY g',
  'SELECT g FROM t GROUP BY g HAVING count(*) FILTER (WHERE b > 1) > 0 ORDER BY g',
  'SELECT count(*) FILTER (WHERE NULL) FROM t',
];

for (const backend of BACKENDS) {
  describe(`aggregate FILTER over ${backend} storage`, () => {
    it('matches sql.js', async () => {
      expect(labelled(SCRIPT, await minnowOutcomes(SCRIPT, backend))).toEqual(labelled(SCRIPT, await oracleOutcomes(SCRIPT)));
    });
  });
}
