/** Partial indexes and indexes on expressions against sql.js, sync and yielding storage. */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, oracleOutcomes } from '../../test/sql-oracle-kit.js';

const SCRIPTS: Record<string, string[]> = {
  partial: [
    'create table p(id integer primary key, email TEXT, active INT, n INT)',
    "insert into p values (1, 'a@x', 1, 5), (2, 'a@x', 0, 6), (3, 'b@x', 1, NULL)",
    'create unique index p_email on p(email) where active = 1',
    'create index p_n on p(n) where n is not null',
    "insert into p values (4, 'a@x', 0, 7)",
    "insert into p values (5, 'a@x', 1, 8)",
    "insert or replace into p values (6, 'b@x', 1, 9)",
    'select * from p order by id',
    "update p set active = 1 where id = 2",
    "update p set email = 'c@x' where id = 2",
    "update p set active = 1 where id = 2",
    'delete from p where id = 1',
    'select * from p where n = 9',
    "select id from p where email = 'c@x'",
    'pragma index_list(p)',
    'pragma integrity_check',
    'reindex p',
    'pragma integrity_check',
    "select sql from sqlite_schema where name = 'p_email'",
  ],
  expression: [
    'create table e(id integer primary key, name TEXT, a INT, b INT)',
    "insert into e values (1, 'Alice', 1, 2), (2, 'bob', 3, 4)",
    'create unique index e_lower on e(lower(name))',
    'create index e_sum on e(a + b, id)',
    "insert into e values (3, 'ALICE', 0, 0)",
    "insert into e values (3, 'carol', 0, 0)",
    "update e set name = 'BOB' where id = 1",
    "update e set a = 10 where id = 2",
    'select * from e order by id',
    'pragma index_info(e_sum)',
    'pragma index_xinfo(e_lower)',
    'pragma integrity_check',
    'delete from e where a + b = 0',
    'pragma integrity_check',
    'select count(*) from e',
  ],
};

for (const backend of BACKENDS) {
  describe(`partial and expression indexes over ${backend} storage`, () => {
    for (const [name, script] of Object.entries(SCRIPTS)) {
      it(`${name}: same outcomes as SQLite`, async () => {
        const expected = await oracleOutcomes(script);
        const actual = await minnowOutcomes(script, backend);
        expect(labelled(script, actual)).toEqual(labelled(script, expected));
      });
    }
  });
}
