/** SAVEPOINT / RELEASE / ROLLBACK TO and BEGIN modes against sql.js, sync and yielding storage. */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, oracleOutcomes } from '../../test/sql-oracle-kit.js';

const SCRIPTS: Record<string, string[]> = {
  nested: [
    'CREATE TABLE t(a)',
    'SAVEPOINT one',
    'INSERT INTO t VALUES (1)',
    'SAVEPOINT two',
    'INSERT INTO t VALUES (2)',
    'SAVEPOINT Three',
    'INSERT INTO t VALUES (3)',
    'ROLLBACK TO two',
    'SELECT * FROM t ORDER BY a',
    'INSERT INTO t VALUES (4)',
    'RELEASE three',
    'ROLLBACK TO TWO',
    'SELECT * FROM t ORDER BY a',
    'RELEASE two',
    'SELECT * FROM t ORDER BY a',
    'RELEASE one',
    'COMMIT',
    'SELECT * FROM t ORDER BY a',
    'RELEASE nope',
    'ROLLBACK TO nope',
  ],
  insideBegin: [
    'CREATE TABLE t(a UNIQUE)',
    'BEGIN IMMEDIATE',
    'BEGIN',
    'INSERT INTO t VALUES (1)',
    'SAVEPOINT s',
    'INSERT INTO t VALUES (2)',
    'CREATE TABLE u(x)',
    'ROLLBACK TO s',
    'SELECT * FROM u',
    'SELECT * FROM t',
    'RELEASE s',
    'SELECT * FROM t',
    'COMMIT',
    'COMMIT',
    'ROLLBACK',
    'SELECT * FROM t',
    'BEGIN EXCLUSIVE',
    'SAVEPOINT a',
    'INSERT INTO t VALUES (5)',
    'ROLLBACK',
    'SELECT * FROM t',
    'BEGIN DEFERRED',
    'SAVEPOINT a',
    'SELECT * FROM t',
    'ROLLBACK TO a',
    'INSERT INTO t VALUES (6)',
    'RELEASE a',
    'END',
    'SELECT * FROM t',
    'SAVEPOINT x',
    'SAVEPOINT x',
    'INSERT INTO t VALUES (7)',
    'RELEASE x',
    'INSERT INTO t VALUES (8)',
    'ROLLBACK TO x',
    'RELEASE x',
    'SELECT * FROM t',
  ],
};

for (const backend of BACKENDS) {
  describe(`savepoints over ${backend} storage`, () => {
    for (const [name, script] of Object.entries(SCRIPTS)) {
      it(`${name}: same outcomes as SQLite`, async () => {
        const expected = await oracleOutcomes(script);
        const actual = await minnowOutcomes(script, backend);
        expect(labelled(script, actual)).toEqual(labelled(script, expected));
      });
    }
  });
}
