import { describe, expect, it } from 'vitest';
import type { Statement } from './ast-stmt.js';
import { parse } from './parser.js';

function one(sql: string): Statement {
  const stmts = parse(sql);
  expect(stmts).toHaveLength(1);
  return stmts[0] as Statement;
}

describe('INSERT', () => {
  it('parses columns, VALUES and conflict clauses', () => {
    expect(one('INSERT OR IGNORE INTO main.t AS z (a, b) VALUES (1, 2), (3, 4)')).toMatchObject({
      kind: 'insert', verb: 'INSERT', onConflict: 'IGNORE', table: { schema: 'main', name: 't' }, alias: 'z',
      columns: ['a', 'b'],
      source: { kind: 'select', select: { body: { kind: 'values', rows: [[{}, {}], [{}, {}]] } } },
      upsert: [], returning: null,
    });
    expect(one('REPLACE INTO t SELECT * FROM u')).toMatchObject({
      verb: 'REPLACE', onConflict: 'REPLACE', columns: null, source: { select: { body: { kind: 'selectCore' } } },
    });
    expect(one('INSERT INTO t DEFAULT VALUES RETURNING *, a AS b')).toMatchObject({
      source: { kind: 'defaultValues' }, returning: [{ kind: 'star' }, { kind: 'expr', alias: 'b' }],
    });
    expect(one('WITH c AS (SELECT 1) INSERT INTO t SELECT * FROM c')).toMatchObject({
      kind: 'insert', with: { ctes: [{ name: 'c' }] },
    });
  });

  it('parses several upsert clauses and RETURNING', () => {
    expect(one('INSERT INTO t VALUES (1) ON CONFLICT (a, b COLLATE nocase) WHERE a > 0 DO UPDATE SET c = excluded.c, (d, e) = (1, 2) WHERE c < 5 ON CONFLICT DO NOTHING RETURNING a')).toMatchObject({
      upsert: [
        {
          target: { columns: [{ expr: { column: 'a' } }, { expr: { kind: 'collate' } }], where: { op: '>' } },
          action: {
            kind: 'update',
            set: [
              { columns: ['c'], vector: false, expr: { table: 'excluded', column: 'c' } },
              { columns: ['d', 'e'], vector: true, expr: { kind: 'vector' } },
            ],
            where: { op: '<' },
          },
        },
        { target: null, action: { kind: 'nothing' } },
      ],
      returning: [{ kind: 'expr', expr: { column: 'a' } }],
    });
  });

  it('reads ON after a FROM in INSERT ... SELECT as a join constraint, as SQLite does', () => {
    expect(() => parse('INSERT INTO t SELECT * FROM u ON CONFLICT DO NOTHING')).toThrow('near "DO": syntax error');
    expect(one('INSERT INTO t SELECT * FROM u WHERE true ON CONFLICT DO NOTHING')).toMatchObject({
      upsert: [{ target: null, action: { kind: 'nothing' } }],
    });
  });
});

describe('UPDATE and DELETE', () => {
  it('parses UPDATE with every clause', () => {
    expect(one('WITH q AS (SELECT 1) UPDATE OR ROLLBACK t AS z INDEXED BY i SET a = 1, (b, c) = (SELECT 1, 2) FROM u WHERE u.x = z.x RETURNING * ORDER BY a LIMIT 1 OFFSET 2')).toMatchObject({
      kind: 'update', with: { ctes: [{ name: 'q' }] }, onConflict: 'ROLLBACK', table: { name: 't' }, alias: 'z',
      indexed: { kind: 'indexedBy', index: 'i' },
      set: [{ columns: ['a'] }, { columns: ['b', 'c'], vector: true, expr: { kind: 'subquery' } }],
      from: { items: [{ source: { name: 'u' } }] }, where: { op: '=' }, returning: [{ kind: 'star' }],
      orderBy: [{ expr: { column: 'a' } }], limit: { limit: { text: '1' }, offset: { text: '2' } },
    });
  });

  it('checks vector assignment widths at parse time', () => {
    expect(() => parse('UPDATE t SET (a, b) = (1, 2, 3)')).toThrow('2 columns assigned 3 values');
    expect(() => parse('UPDATE t SET (a, b) = 1')).toThrow('2 columns assigned 1 values');
    expect(one('UPDATE t SET (a) = 1')).toMatchObject({ set: [{ columns: ['a'], vector: true }] });
  });

  it('parses DELETE', () => {
    expect(one('DELETE FROM main.t AS z NOT INDEXED WHERE a RETURNING a ORDER BY a LIMIT 5')).toMatchObject({
      kind: 'delete', table: { schema: 'main', name: 't' }, alias: 'z', indexed: { kind: 'notIndexed' },
      where: { column: 'a' }, returning: [{}], orderBy: [{}], limit: { limit: { text: '5' }, offset: null },
    });
    expect(one('DELETE FROM t')).toMatchObject({ where: null, returning: null, orderBy: null, limit: null });
  });
});
