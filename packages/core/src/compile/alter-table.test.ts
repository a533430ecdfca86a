/** ALTER TABLE against sql.js: stored SQL, data, errors; sync and yielding storage. */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, oracleOutcomes } from '../../test/sql-oracle-kit.js';

const SCHEMA = 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name';

const SCRIPTS: Record<string, string[]> = {
  rename: [
    "create table t(a INT primary key, b TEXT, c, check(b != 'a'), UNIQUE(c))",
    'create index ti on t(b, a)',
    'create table u(x REFERENCES t(a), y)',
    "INSERT INTO t VALUES (1, 'x', 2), (2, 'y', 3)",
    "create trigger trc after update of b on t when new.b <> old.b begin insert into u values (new.a, old.c); end",
    'alter table t rename column a to aa',
    'alter table t rename column b to [select]',
    SCHEMA,
    "update t set \"select\" = 'w' where aa = 2",
    'select * from u',
    'drop trigger trc',
    "create trigger tr after insert on u begin insert into t(aa, c) values (new.x, new.y); update t set c = 1 where t.aa = new.x; delete from main.t where 0; end",
    'alter table t rename to t_new',
    'insert into u values (7, 8)',
    'select * from t_new order by aa',
    SCHEMA,
    'SELECT * FROM t_new ORDER BY aa',
    'SELECT "select" FROM t_new WHERE "select" = \'y\'',
    "INSERT INTO t_new VALUES (3, 'a', 4)",
    "INSERT INTO t_new VALUES (3, 'z', 4)",
    'alter table t_new rename to u',
    'alter table nope rename to x',
    'alter table t_new rename column nope to x',
    'alter table t_new rename column c to aa',
    'alter table sqlite_schema rename to x',
    'alter table u rename to sqlite_x',
    'alter table t_new rename to "weird name"',
    SCHEMA,
    'PRAGMA integrity_check',
  ],
  addDrop: [
    'create table t(a INT primary key, b UNIQUE, c CHECK(c>0), d, e, f)',
    'create index i on t(d)',
    'alter table t drop column b',
    'alter table t drop column d',
    'alter table t drop column a',
    "INSERT INTO t VALUES (1, 'b', 5, 'd', 'e', 'f'), (2, 'b2', 6, 'd2', 'e2', 'f2')",
    'alter table t drop column c',
    'alter table t drop column f',
    SCHEMA,
    'SELECT * FROM t ORDER BY a',
    'alter table t add column g INT DEFAULT 3',
    'alter table t add column g3 DEFAULT (2 * 3 + length(\'ab\'))',
    'alter table t add g2 NOT NULL',
    "alter table t add g2 NOT NULL DEFAULT 'z'",
    'alter table t add h default CURRENT_TIME',
    'alter table t add h PRIMARY KEY',
    'alter table t add h UNIQUE',
    'alter table t add column g text',
    'alter table t add  w4 text   ;',
    SCHEMA,
    'SELECT * FROM t ORDER BY a',
    "INSERT INTO t(a, b) VALUES (3, 'b3')",
    'SELECT * FROM t ORDER BY a',
    'create table ai(id integer primary key autoincrement, v)',
    'insert into ai(v) values (1)',
    'alter table ai rename to ai2',
    'select * from sqlite_sequence',
    'create table one(x)',
    'alter table one drop column x',
    'create table two(x, y, CHECK(y > x))',
    'alter table two drop column x',
    'alter table two drop column y',
    'PRAGMA integrity_check',
  ],
};

for (const backend of BACKENDS) {
  describe(`ALTER TABLE over ${backend} storage`, () => {
    for (const [name, script] of Object.entries(SCRIPTS)) {
      it(`${name}: same outcomes as SQLite`, async () => {
        const expected = await oracleOutcomes(script);
        const actual = await minnowOutcomes(script, backend);
        expect(labelled(script, actual)).toEqual(labelled(script, expected));
      });
    }
  });
}
