/** CREATE TABLE ... AS SELECT and AUTOINCREMENT against sql.js, sync and yielding storage. */
import { describe, expect, it, vi } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, openConnection, oracleOutcomes, run } from '../../test/sql-oracle-kit.js';

const SCRIPTS: Record<string, string[]> = {
  createAs: [
    'create table s(a INT, b TEXT, c REAL, d, e NUMERIC, f varchar(3))',
    "insert into s values (1,'x',2.5,x'00',5,'abc'), (2, 'y', 3, NULL, '7', 12)",
    "create table t as select a, b, c, d, e, f, a+1, cast(a as text) as ct, 'lit', 3 as n, s.a as aa from s",
    "select sql from sqlite_schema where name = 't'",
    'select * from t',
    'select typeof(a), typeof(e), typeof(f), typeof(ct) from t',
    'create table u as select * from s where a > 1',
    "select sql from sqlite_schema where name = 'u'",
    'select * from u',
    'create table t as select 1',
    'create table if not exists t as select 1',
    'create table "my table" as select 1 as "select", 2 as x',
    'select sql from sqlite_schema where name = \'my table\'',
    'PRAGMA integrity_check',
  ],
  autoincrement: [
    'create table seqt(id integer primary key autoincrement, v)',
    'select name, sql from sqlite_schema order by name',
    'insert into seqt(v) values (1),(2)',
    'select * from sqlite_sequence',
    'insert into seqt values (10, 3)',
    'delete from seqt where id = 10',
    'insert into seqt(v) values (4)',
    'select * from seqt',
    'select * from sqlite_sequence',
    'create table other(id integer primary key autoincrement, w)',
    'insert into other(w) values (1)',
    'delete from other',
    'insert into other(w) values (2)',
    'select * from other',
    'select * from sqlite_sequence order by name',
    'create table bad(id int primary key autoincrement)',
    'drop table seqt',
    'select * from sqlite_sequence',
    'PRAGMA integrity_check',
  ],
  generated: [
    "create table g(a INT, b TEXT AS (a * 2) STORED, c AS (b || 'x') stored, d)",
    'insert into g values (1, 5)',
    'insert into g(a) values (2)',
    'insert into g(b) values (1)',
    'insert into g values (1,2,3,4)',
    'update g set b = 1',
    'update g set a = 10 where a = 1',
    'select *, typeof(b) from g order by a',
    'pragma table_info(g)',
    'pragma table_xinfo(g)',
    'create table gg(a, b as (a) stored primary key)',
    'create table gu(a, b as (a + 1) stored unique)',
    'insert into gu(a) values (1), (2)',
    'insert into gu(a) values (0)',
    'insert into gu(a) values (1) on conflict(b) do update set a = 100',
    'select * from gu order by a',
    'pragma integrity_check',
  ],
  reindex: [
    'create table r(a, b TEXT COLLATE NOCASE, c UNIQUE)',
    'create index ra on r(a)',
    'create index rb on r(b)',
    "insert into r values (1, 'x', 1), (2, 'Y', 2), (NULL, 'z', 3)",
    'reindex',
    'reindex r',
    'reindex rb',
    'reindex nocase',
    'reindex main.ra',
    'reindex nope',
    "select a from r where b = 'y'",
    'select c from r where a = 2',
    'PRAGMA integrity_check',
  ],
};

for (const backend of BACKENDS) {
  describe(`CREATE TABLE extras over ${backend} storage`, () => {
    for (const [name, script] of Object.entries(SCRIPTS)) {
      it(`${name}: same outcomes as SQLite`, async () => {
        const expected = await oracleOutcomes(script);
        const actual = await minnowOutcomes(script, backend);
        expect(labelled(script, actual)).toEqual(labelled(script, expected));
      });
    }
  });
}

describe('VACUUM', () => {
  it('is refused with a clear error, leaving the database as it was', async () => {
    const conn = await openConnection('memory');
    await run(conn, 'CREATE TABLE v(x)', 'memory');
    await expect(run(conn, 'VACUUM', 'memory')).rejects.toThrow('VACUUM is not supported yet');
    await expect(run(conn, "VACUUM INTO 'x.db'", 'memory')).rejects.toThrow('VACUUM INTO is not supported yet');
    expect((await run(conn, 'PRAGMA integrity_check', 'memory')).rows).toEqual([['ok']]);
    await conn.close();
  });
});

describe('CURRENT_TIMESTAMP defaults', () => {
  it('are read when the row is written, also by a prepared statement run again later', async () => {
    const conn = await openConnection('memory');
    await run(conn, "CREATE TABLE ev(id INTEGER PRIMARY KEY, at TEXT DEFAULT CURRENT_TIMESTAMP, d DEFAULT CURRENT_DATE, t DEFAULT CURRENT_TIME)", 'memory');
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2024-05-06T07:08:09Z'));
      const stmt = conn.prepare('INSERT INTO ev(id) VALUES (NULL)')!;
      stmt.runSync();
      stmt.reset();
      vi.setSystemTime(new Date('2025-01-02T03:04:05Z'));
      stmt.runSync();
      stmt.finalize();
    } finally {
      vi.useRealTimers();
    }
    expect((await run(conn, 'SELECT at, d, t FROM ev ORDER BY id', 'memory')).rows).toEqual([
      ['2024-05-06 07:08:09', '2024-05-06', '07:08:09'],
      ['2025-01-02 03:04:05', '2025-01-02', '03:04:05'],
    ]);
    await conn.close();
  });
});
