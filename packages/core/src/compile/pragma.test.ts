/** PRAGMAs against sql.js (same rows and column values), sync and yielding storage. */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, openConnection, oracleOutcomes, run } from '../../test/sql-oracle-kit.js';

const SCRIPT = [
  "CREATE TABLE t2(a, b int default (1+2), c TEXT NOT NULL DEFAULT 'x''y', d REAL DEFAULT -1.5, PRIMARY KEY(b,a), UNIQUE(c))",
  'CREATE INDEX i1 ON t2(c DESC, a COLLATE NOCASE)',
  'CREATE TABLE t3(id INTEGER PRIMARY KEY, v)',
  'CREATE INDEX i3 ON t3(v, id)',
  'PRAGMA table_info(t2)',
  'PRAGMA table_xinfo(t2)',
  'PRAGMA table_info=t3',
  'PRAGMA main.table_info(t3)',
  'PRAGMA table_info(nope)',
  'PRAGMA table_info(sqlite_master)',
  'PRAGMA index_list(t2)',
  'PRAGMA index_info(i1)',
  'PRAGMA index_xinfo(i1)',
  'PRAGMA index_xinfo(sqlite_autoindex_t2_1)',
  'PRAGMA index_info(t2)',
  'PRAGMA table_list(t3)',
  'PRAGMA user_version',
  'PRAGMA user_version = 7',
  'PRAGMA user_version',
  'PRAGMA application_id(-5)',
  'PRAGMA application_id',
  'PRAGMA schema_version',
  'PRAGMA page_size',
  'PRAGMA page_count',
  'PRAGMA freelist_count',
  'INSERT INTO t3 VALUES (1, 1), (2, NULL), (3, 3)',
  'INSERT INTO t2(a, b, c) VALUES (1, 2, 3), (4, 5, 6)',
  'PRAGMA integrity_check',
  'PRAGMA quick_check',
  'DROP TABLE t2',
  'PRAGMA freelist_count',
  'PRAGMA page_count',
  'PRAGMA schema_version',
  'PRAGMA foreign_keys',
  'PRAGMA foreign_keys = ON',
  'PRAGMA foreign_keys',
  'PRAGMA cache_size',
  'PRAGMA encoding',
  'PRAGMA nonsense',
  'PRAGMA other.user_version',
  'PRAGMA integrity_check',
  'create table fp(id integer primary key, a, b, unique(a,b))',
  'create table fc(x references fp, y, z, w references fp(id) on delete cascade on update set null, foreign key (y, z) references fp(a, b) match full)',
  'PRAGMA foreign_key_list(fc)',
  'PRAGMA foreign_key_list(fp)',
];

for (const backend of BACKENDS) {
  describe(`PRAGMA over ${backend} storage`, () => {
    it('gives the same rows as SQLite', async () => {
      const expected = await oracleOutcomes(SCRIPT);
      const actual = await minnowOutcomes(SCRIPT, backend);
      expect(labelled(SCRIPT, actual)).toEqual(labelled(SCRIPT, expected));
    });

    it('reports journal_mode wal, database_list and column names', async () => {
      const conn = await openConnection(backend);
      expect((await run(conn, 'PRAGMA journal_mode', backend)).rows).toEqual([['wal']]);
      expect((await run(conn, 'PRAGMA journal_mode = DELETE', backend)).rows).toEqual([['wal']]);
      expect((await run(conn, 'PRAGMA database_list', backend)).rows).toEqual([[0, 'main', 'kit.db']]);
      const stmt = conn.prepare('PRAGMA table_info(x)')!;
      expect(stmt.columnNames()).toEqual(['cid', 'name', 'type', 'notnull', 'dflt_value', 'pk']);
      stmt.finalize();
      await conn.close();
    });
  });
}
