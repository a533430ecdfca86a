import { describe, expect, it } from 'vitest';
import type { CreateTableStmt, Statement } from './ast-stmt.js';
import { parse } from './parser.js';

function one(sql: string): Statement {
  const stmts = parse(sql);
  expect(stmts).toHaveLength(1);
  return stmts[0] as Statement;
}

/** CREATE statements and the sqlite_schema.sql text SQLite 3.40.1 stored for them. */
const STORED_SQL: [string, string][] = [
  ["create   table  IF  NOT EXISTS  main.t1 ( a  INT , b  VARCHAR ( 10 ) ) /* trailing */ ;", "CREATE TABLE t1 ( a  INT , b  VARCHAR ( 10 ) )"],
  ["CREATE TEMP TABLE t2(x)", "CREATE TABLE t2(x)"],
  ["  create\ttable\n t4(x) -- c", "CREATE TABLE t4(x)"],
  ["create table t9(x primary key) without rowid ;", "CREATE TABLE t9(x primary key) without rowid "],
  ["create table t9(x primary key) without rowid", "CREATE TABLE t9(x primary key) without rowid"],
  ["create table t9(x primary key) without rowid /* c */", "CREATE TABLE t9(x primary key) without rowid /* c */"],
  ["create table t9(x primary key) without rowid /* c */ ;", "CREATE TABLE t9(x primary key) without rowid /* c */ "],
  ["create table t10(x INT primary key) strict, without  rowid   ;", "CREATE TABLE t10(x INT primary key) strict, without  rowid   "],
  ["create table \"my table\"(x)", "CREATE TABLE \"my table\"(x)"],
  ["create table [t11](x) /* c */", "CREATE TABLE [t11](x)"],
  ["create unique index  i1 on t ( x )", "CREATE UNIQUE INDEX i1 on t ( x )"],
  ["create unique index  i1 on t ( x ) ;", "CREATE UNIQUE INDEX i1 on t ( x ) "],
  ["create index main.i3 on t(x) -- c", "CREATE INDEX i3 on t(x) -- c"],
  ["create index i4 on t(x /* in */ ) /* after */", "CREATE INDEX i4 on t(x /* in */ ) /* after */"],
  ["create index i5 on t(x) where x > 0   ", "CREATE INDEX i5 on t(x) where x > 0   "],
  ["create index i5 on t(x) where x > 0   ;", "CREATE INDEX i5 on t(x) where x > 0   "],
  ["create view main.v3 as select 1 /* after */ ;", "CREATE VIEW v3 as select 1 /* after */"],
  ["create view v4 as select 1 -- after", "CREATE VIEW v4 as select 1 -- after"],
  ["create view v5(a,b) as select 1, 2     ", "CREATE VIEW v5(a,b) as select 1, 2"],
  ["create temp view v6 as select 1   ;   ", "CREATE VIEW v6 as select 1"],
  ["create trigger main.tr2 before delete on t for each row when 1 begin delete from t; end /* c */", "CREATE TRIGGER tr2 before delete on t for each row when 1 begin delete from t; end"],
  ["create temp trigger tr3 after update of x on t begin select 1; end;", "CREATE TRIGGER tr3 after update of x on t begin select 1; end"],
  ["create virtual table main.vt2 using fts5(a)", "CREATE VIRTUAL TABLE vt2 using fts5(a)"],
  ["create virtual table vt3 using fts5 ( a , b ) /*c*/", "CREATE VIRTUAL TABLE vt3 using fts5 ( a , b )"],
  ["create virtual table vt4 using fts5 (a, b, tokenize = 'porter' )  ", "CREATE VIRTUAL TABLE vt4 using fts5 (a, b, tokenize = 'porter' )"],
];

/** A table and what PRAGMA table_info reported for it in SQLite 3.40.1: [name, type, dflt_value]. */
const TABLE_INFO_SQL = "CREATE TABLE q(a DEFAULT +  1, b DEFAULT - 1, c DEFAULT ( 1 + 2 ), d DEFAULT foo, e DEFAULT true, f DEFAULT \"bar\", g DEFAULT 'x''y', h DEFAULT current_time, i DEFAULT x'AB', j DEFAULT -0x10, k DEFAULT NULL, l DEFAULT 1.5e3, m DEFAULT (x'00'), n default \"true\", o default [baz], p default indexed, q default -'x', r DOUBLE   PRECISION, s  unsigned  big int, t 'quoted type', u VARCHAR(10 , 5), v numeric(+10,-3), w \"a\" \"b\", x VARCHAR ( 10 ), y default ( /*c*/ 5 /*d*/ ), z INT key)";
const TABLE_INFO: [string, string, string | null][] = [["a","","+  1"],["b","","- 1"],["c","","1 + 2"],["d","","foo"],["e","","true"],["f","","\"bar\""],["g","","'x''y'"],["h","","current_time"],["i","","x'AB'"],["j","","-0x10"],["k","","NULL"],["l","","1.5e3"],["m","","x'00'"],["n","","\"true\""],["o","","[baz]"],["p","","indexed"],["q","","-'x'"],["r","DOUBLE   PRECISION",null],["s","unsigned  big int",null],["t","quoted type",null],["u","VARCHAR(10 , 5)",null],["v","numeric(+10,-3)",null],["w","a",null],["x","VARCHAR ( 10 )",null],["y","","/*c*/ 5 /*d*/"],["z","INT key",null]];

describe('stored schema text', () => {
  for (const [sql, stored] of STORED_SQL) {
    it(JSON.stringify(sql), () => {
      expect((one(sql) as { storedSql: string | null }).storedSql).toBe(stored);
    });
  }

  it('is null for CREATE TABLE ... AS SELECT (SQLite synthesises it)', () => {
    expect(one('CREATE TABLE t AS SELECT 1 AS a')).toMatchObject({ kind: 'createTable', asSelect: { kind: 'select' }, storedSql: null });
  });
});

describe('CREATE TABLE', () => {
  it('records declared types and default texts as PRAGMA table_info shows them', () => {
    const t = one(TABLE_INFO_SQL) as CreateTableStmt;
    const got = t.columns.map((c) => {
      const d = c.constraints.find((k) => k.kind === 'default');
      return [c.name, c.typeName ?? '', d?.kind === 'default' ? d.text : null];
    });
    expect(got).toEqual(TABLE_INFO);
  });

  it('builds default-value expressions like SQLite', () => {
    const t = one("CREATE TABLE q(a DEFAULT -1, b DEFAULT +2, c DEFAULT foo, d DEFAULT true, e DEFAULT \"false\", f DEFAULT (1 + 2), g DEFAULT CURRENT_DATE)") as CreateTableStmt;
    const dflt = t.columns.map((c) => c.constraints[0]);
    expect(dflt).toMatchObject([
      { kind: 'default', expr: { kind: 'unary', op: '-', operand: { text: '1' } } },
      { kind: 'default', expr: { kind: 'integer', text: '2' } },
      { kind: 'default', expr: { kind: 'string', value: 'foo' } },
      { kind: 'default', expr: { kind: 'integer', text: '1' } },
      { kind: 'default', expr: { kind: 'string', value: 'false' } },
      { kind: 'default', expr: { kind: 'binary', op: '+' } },
      { kind: 'default', expr: { kind: 'currentTime', which: 'CURRENT_DATE' } },
    ]);
  });

  it('parses every column and table constraint', () => {
    const t = one(`CREATE TEMP TABLE IF NOT EXISTS main.t (
      a INTEGER CONSTRAINT pk PRIMARY KEY DESC ON CONFLICT ROLLBACK AUTOINCREMENT,
      b TEXT NOT NULL ON CONFLICT FAIL UNIQUE COLLATE nocase CHECK (b <> ''),
      c REFERENCES p (x) ON DELETE CASCADE ON UPDATE SET NULL MATCH simple DEFERRABLE INITIALLY DEFERRED,
      d AS (a + 1) STORED, e INT GENERATED ALWAYS AS (a * 2), f NULL,
      CONSTRAINT u1 UNIQUE (b, c DESC) ON CONFLICT IGNORE,
      PRIMARY KEY (a AUTOINCREMENT) CHECK (a > 0)
      FOREIGN KEY (c, d) REFERENCES p (x, y) ON DELETE NO ACTION NOT DEFERRABLE
    ) WITHOUT ROWID, STRICT`) as CreateTableStmt;
    expect(t).toMatchObject({ kind: 'createTable', temp: true, ifNotExists: true, schema: 'main', name: 't', withoutRowid: true, strict: true });
    expect(t.columns.map((c) => [c.name, c.typeName, c.constraints.map((k) => k.kind)])).toEqual([
      ['a', 'INTEGER', ['primaryKey']],
      ['b', 'TEXT', ['notNull', 'unique', 'collate', 'check']],
      ['c', null, ['references']],
      ['d', null, ['generated']],
      ['e', 'INT', ['generated']],
      ['f', null, []],
    ]);
    expect(t.columns[0]?.constraints[0]).toEqual({
      name: 'pk', kind: 'primaryKey', direction: 'DESC', onConflict: 'ROLLBACK', autoincrement: true,
    });
    expect(t.columns[1]?.constraints[0]).toEqual({ name: null, kind: 'notNull', onConflict: 'FAIL' });
    expect(t.columns[2]?.constraints[0]).toMatchObject({
      kind: 'references',
      foreignKey: { table: 'p', columns: ['x'], onDelete: 'CASCADE', onUpdate: 'SET NULL', match: 'simple', deferred: true },
    });
    expect(t.columns[3]?.constraints[0]).toMatchObject({ kind: 'generated', storage: 'STORED' });
    expect(t.columns[4]?.constraints[0]).toMatchObject({ kind: 'generated', storage: 'VIRTUAL' });
    expect(t.constraints).toMatchObject([
      { name: 'u1', kind: 'unique', columns: [{ expr: { column: 'b' } }, { expr: { column: 'c' }, direction: 'DESC' }], onConflict: 'IGNORE' },
      { name: null, kind: 'primaryKey', autoincrement: true },
      { name: null, kind: 'check' },
      { name: null, kind: 'foreignKey', columns: ['c', 'd'], foreignKey: { table: 'p', columns: ['x', 'y'], onDelete: 'NO ACTION', deferred: false } },
    ]);
  });

  it('accepts keywords as column names where SQLite does', () => {
    const t = one('CREATE TABLE t(key, action, replace, left, indexed, "select", over, window, filter)') as CreateTableStmt;
    expect(t.columns.map((c) => c.name)).toEqual(['key', 'action', 'replace', 'left', 'indexed', 'select', 'over', 'window', 'filter']);
  });
});

describe('other DDL', () => {
  it('parses CREATE INDEX', () => {
    expect(one('CREATE UNIQUE INDEX IF NOT EXISTS s.i ON t (a COLLATE nocase DESC, b + 1) WHERE a NOT NULL')).toMatchObject({
      kind: 'createIndex', unique: true, ifNotExists: true, schema: 's', name: 'i', table: 't',
      columns: [{ expr: { kind: 'collate', collation: 'nocase' }, direction: 'DESC' }, { expr: { kind: 'binary' } }],
      where: { kind: 'nullTest', not: true },
    });
  });

  it('parses CREATE VIEW, including Turso materialized views', () => {
    expect(one('CREATE TEMP VIEW IF NOT EXISTS v (a, b) AS SELECT 1, 2')).toMatchObject({
      kind: 'createView', temp: true, materialized: false, ifNotExists: true, name: 'v', columns: ['a', 'b'],
      select: { kind: 'select' },
    });
    expect(one('CREATE MATERIALIZED VIEW mv AS SELECT a, count(*) FROM t GROUP BY a')).toMatchObject({
      kind: 'createView', materialized: true, name: 'mv', storedSql: 'CREATE MATERIALIZED VIEW mv AS SELECT a, count(*) FROM t GROUP BY a',
    });
  });

  it('parses CREATE TRIGGER with every step kind', () => {
    expect(one(`CREATE TEMP TRIGGER IF NOT EXISTS tr INSTEAD OF UPDATE OF a, b ON main.v FOR EACH ROW WHEN new.a > 0 BEGIN
      INSERT OR IGNORE INTO log (x) VALUES (new.a) ON CONFLICT DO NOTHING;
      UPDATE t SET a = old.a FROM u WHERE t.id = u.id;
      DELETE FROM t WHERE id = old.id;
      SELECT RAISE(ABORT, 'no');
      WITH q AS (SELECT 1) SELECT * FROM q;
    END`)).toMatchObject({
      kind: 'createTrigger', temp: true, ifNotExists: true, name: 'tr', time: 'INSTEAD OF',
      event: { kind: 'UPDATE', columns: ['a', 'b'] }, table: { schema: 'main', name: 'v' }, forEachRow: true,
      when: { kind: 'binary' },
      body: [{ kind: 'insert', onConflict: 'IGNORE', upsert: [{}] }, { kind: 'update', from: {} }, { kind: 'delete' }, { kind: 'select' }, { kind: 'select', with: {} }],
    });
    expect(one('CREATE TRIGGER tr DELETE ON t BEGIN SELECT 1; END')).toMatchObject({ time: null, event: { kind: 'DELETE' }, forEachRow: false, when: null });
  });

  it('keeps virtual table arguments as raw text', () => {
    expect(one("CREATE VIRTUAL TABLE IF NOT EXISTS s.v USING fts5(a, b UNINDEXED, tokenize = 'porter ascii', x(1, 2),, )")).toMatchObject({
      kind: 'createVirtualTable', ifNotExists: true, schema: 's', name: 'v', module: 'fts5',
      args: ['a', 'b UNINDEXED', "tokenize = 'porter ascii'", 'x(1, 2)'],
    });
    expect(one('CREATE VIRTUAL TABLE v USING m')).toMatchObject({ args: [], storedSql: 'CREATE VIRTUAL TABLE v USING m' });
  });

  it('parses DROP', () => {
    for (const object of ['TABLE', 'INDEX', 'VIEW', 'TRIGGER'] as const) {
      expect(one(`DROP ${object} IF EXISTS s.x`)).toMatchObject({ kind: 'drop', object, ifExists: true, name: { schema: 's', name: 'x' } });
    }
    expect(one('DROP TABLE x')).toMatchObject({ ifExists: false, name: { schema: null, name: 'x' } });
  });

  it('parses every ALTER TABLE form', () => {
    expect(one('ALTER TABLE s.t RENAME TO u')).toMatchObject({ table: { schema: 's', name: 't' }, action: { kind: 'renameTable', newName: 'u' } });
    expect(one('ALTER TABLE t RENAME COLUMN a TO b')).toMatchObject({ action: { kind: 'renameColumn', column: 'a', newName: 'b' } });
    expect(one('ALTER TABLE t RENAME a TO b')).toMatchObject({ action: { kind: 'renameColumn', column: 'a', newName: 'b' } });
    expect(one('ALTER TABLE t ADD COLUMN c INT DEFAULT 0 ;')).toMatchObject({
      action: { kind: 'addColumn', column: { name: 'c', typeName: 'INT' }, columnText: 'c INT DEFAULT 0' },
    });
    expect(one('ALTER TABLE t ADD c -- note\n')).toMatchObject({ action: { kind: 'addColumn', columnText: 'c -- note' } });
    expect(one('ALTER TABLE t DROP COLUMN c')).toMatchObject({ action: { kind: 'dropColumn', column: 'c' } });
    expect(one('ALTER TABLE t ALTER COLUMN c TO d TEXT NOT NULL')).toMatchObject({
      action: { kind: 'alterColumn', column: 'c', definition: { name: 'd', typeName: 'TEXT', constraints: [{ kind: 'notNull' }] }, columnText: 'd TEXT NOT NULL' },
    });
  });
});
