/** Triggers against sql.js: firing order, NEW/OLD, WHEN, UPDATE OF, RAISE, nesting; sync and yielding storage. */
import { describe, expect, it } from 'vitest';
import { BACKENDS, labelled, minnowOutcomes, oracleOutcomes } from '../../test/sql-oracle-kit.js';

const SCRIPTS: Record<string, string[]> = {
  basic: [
    'create table t(id integer primary key, a INT, b)',
    'create table log(x, y, z)',
    "create trigger tb before insert on t begin insert into log values('bi', new.id, typeof(new.a)); end",
    "create trigger ta after insert on t when new.a > 0 begin insert into log values('ai', new.id, new.rowid); end",
    "insert into t(a,b) values ('5', 1)",
    'insert into t values (10, -1, 2)',
    "create trigger tu before update of a on t begin insert into log values ('bu', old.a, new.a); end",
    "create trigger tu2 after update on t for each row begin insert into log values ('au', old.b, new.b); end",
    'update t set b = 3',
    'update t set a = a + 1',
    "create trigger td after delete on t begin select raise(abort, 'no way') where old.a = 0; insert into log values ('ad', old.id, (select count(*) from t)); end",
    'delete from t where id = 10',
    'delete from t where id = 1',
    'select * from log',
    'select * from t',
    'select type, name, tbl_name, rootpage, sql from sqlite_schema where type = \'trigger\' order by name',
    'create trigger tb before insert on t begin select 1; end',
    'create trigger if not exists tb before insert on t begin select 1; end',
    'drop trigger tb',
    'drop trigger tb',
    'drop trigger if exists tb',
    'create trigger x instead of insert on t begin select 1; end',
    'create trigger x after insert on nope begin select 1; end',
    'create trigger x after insert on sqlite_master begin select 1; end',
    'select raise(ignore)',
    'drop table t',
    'select name from sqlite_schema order by name',
  ],
  raise: [
    'create table acct(id integer primary key, bal INT)',
    'create table audit(msg)',
    "create trigger nonneg before update on acct when new.bal < 0 begin select raise(ignore); end",
    "create trigger big before insert on acct when new.bal > 1000 begin select raise(fail, 'too big'); end",
    "create trigger aud after update on acct begin insert into audit values ('upd ' || new.id || ' ' || new.bal); end",
    'insert into acct values (1, 100), (2, 50)',
    'update acct set bal = bal - 75',
    'select * from acct order by id',
    'insert into acct values (3, 10), (4, 5000), (5, 1)',
    'select * from acct order by id',
    'select * from audit',
    'create table c(n)',
    'create trigger ci after insert on c when new.n < 5 begin insert into c values (new.n + 1); end',
    'insert into c values (1)',
    'select * from c',
    'create table d(n)',
    'create trigger di after insert on d begin insert into c values (100 + new.n); end',
    'create trigger ci2 after insert on c begin insert into audit values (new.n); end',
    'insert into d values (1), (2)',
    'select * from c order by n',
    'select * from audit',
    'create table kv(k primary key, v)',
    "create trigger kvu after update on kv begin insert into audit values ('kv ' || old.v || '->' || new.v); end",
    "create trigger kvi after insert on kv begin insert into audit values ('kv new ' || new.k); end",
    "insert into kv values ('a', 1)",
    "insert into kv values ('a', 2) on conflict(k) do update set v = excluded.v",
    "insert into kv values ('a', 3) on conflict do nothing",
    "select * from audit where msg like 'kv%'",
  ],
};

for (const backend of BACKENDS) {
  describe(`triggers over ${backend} storage`, () => {
    for (const [name, script] of Object.entries(SCRIPTS)) {
      it(`${name}: same outcomes as SQLite`, async () => {
        const expected = await oracleOutcomes(script);
        const actual = await minnowOutcomes(script, backend);
        expect(labelled(script, actual)).toEqual(labelled(script, expected));
      });
    }
  });
}
