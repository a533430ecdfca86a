/**
 * LEFT JOIN ON terms that hold subqueries stay with their own join, even when later LEFT
 * JOINs follow (found by the differential test: the term used to be tested as the last
 * join's ON, so it filtered nothing). Checked against sql.js over memory and yielding storage.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, oracleOutcomes } from '../../test/sql-oracle-kit.js';

const SCRIPT = [
  'CREATE TABLE a(x)',
  'CREATE TABLE b(y)',
  'CREATE TABLE c(z)',
  'INSERT INTO a VALUES (1), (2)',
  'INSERT INTO b VALUES (10), (20)',
  'INSERT INTO c VALUES (5)',
  'SELECT * FROM a LEFT JOIN b ON a.x IN (SELECT 5)',
  'SELECT * FROM a LEFT JOIN b ON a.x IN (SELECT 5) LEFT JOIN c ON b.y <= 5',
  'SELECT * FROM a LEFT JOIN b ON a.x IN (SELECT 2) LEFT JOIN c ON c.z < b.y',
  'SELECT * FROM a LEFT JOIN b ON EXISTS (SELECT 1 FROM c WHERE c.z = a.x * 5) LEFT JOIN c ON 1',
  'SELECT * FROM a LEFT JOIN b ON b.y = (SELECT max(y) FROM b) LEFT JOIN c ON (SELECT count(*) FROM b) = 3',
];

for (const backend of BACKENDS) {
  describe(`LEFT JOIN ON terms with subqueries over ${backend} storage`, () => {
    it('match sql.js', async () => {
      expect(labelled(SCRIPT, await minnowOutcomes(SCRIPT, backend))).toEqual(labelled(SCRIPT, await oracleOutcomes(SCRIPT)));
    });
  });
}
