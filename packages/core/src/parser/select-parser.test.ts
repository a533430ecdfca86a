import { describe, expect, it } from 'vitest';
import type { FromClause, SelectCore, SelectStmt } from './ast-select.js';
import { parse } from './parser.js';

function select(sql: string): SelectStmt {
  const stmts = parse(sql);
  expect(stmts).toHaveLength(1);
  const s = stmts[0];
  if (s?.kind !== 'select') throw new Error(`not a select: ${s?.kind}`);
  return s;
}

function core(sql: string): SelectCore {
  const b = select(sql).body;
  if (b.kind !== 'selectCore') throw new Error('not a core');
  return b;
}

function from(sql: string): FromClause {
  const f = core(sql).from;
  if (f === null) throw new Error('no FROM');
  return f;
}

describe('SELECT', () => {
  it('parses every clause of a core', () => {
    const s = select('SELECT DISTINCT a, b AS x, c y FROM t WHERE a > 1 GROUP BY a, b HAVING count(*) > 2 WINDOW w AS (ORDER BY a) ORDER BY 1 DESC NULLS LAST, b LIMIT 10 OFFSET 5');
    expect(s.body).toMatchObject({
      kind: 'selectCore', distinct: 'DISTINCT',
      columns: [
        { kind: 'expr', alias: null, span: 'a' },
        { kind: 'expr', alias: 'x', span: 'b' },
        { kind: 'expr', alias: 'y', span: 'c' },
      ],
      where: { kind: 'binary', op: '>' },
      groupBy: [{ column: 'a' }, { column: 'b' }],
      having: { kind: 'binary' },
      windows: [{ name: 'w', window: { kind: 'windowSpec', orderBy: [{ expr: { column: 'a' } }] } }],
    });
    expect(s.orderBy).toMatchObject([
      { expr: { text: '1' }, direction: 'DESC', nulls: 'LAST' },
      { expr: { column: 'b' }, direction: null, nulls: null },
    ]);
    expect(s.limit).toMatchObject({ limit: { text: '10' }, offset: { text: '5' } });
  });

  it('reads LIMIT a, b as offset a, limit b', () => {
    expect(select('SELECT 1 LIMIT 3, 4').limit).toMatchObject({ limit: { text: '4' }, offset: { text: '3' } });
  });

  it('keeps result-column spans as SQLite names columns', () => {
    const cols = core('SELECT ( 1 ) , 1+1 /*c*/, t.*, *, a AS "q" FROM t').columns;
    expect(cols).toMatchObject([
      { kind: 'expr', span: '( 1 )' },
      { kind: 'expr', span: '1+1 /*c*/' },
      { kind: 'tableStar', table: 't' },
      { kind: 'star' },
      { kind: 'expr', alias: 'q' },
    ]);
    expect(core("SELECT 1 'alias'").columns[0]).toMatchObject({ alias: 'alias' });
    expect(core('SELECT 2  -- x\n').columns[0]).toMatchObject({ span: '2  -- x' });
  });

  it('accepts keywords as aliases where SQLite falls back to identifiers', () => {
    expect(core('SELECT a offset, b window, c abort FROM t').columns.map((c) => (c.kind === 'expr' ? c.alias : null)))
      .toEqual(['offset', 'window', 'abort']);
    expect(from('SELECT * FROM t like').items[0]?.alias).toBe('like');
    expect(from('SELECT * FROM t AS left').items[0]?.alias).toBe('left');
  });

  it('keeps compound selects flat with their operators', () => {
    const s = select('SELECT 1 UNION SELECT 2 UNION ALL SELECT 3 INTERSECT VALUES (4), (5) EXCEPT SELECT 6 ORDER BY 1 LIMIT 2');
    expect(s.body).toMatchObject({ kind: 'selectCore' });
    expect(s.compound.map((c) => [c.op, c.core.kind])).toEqual([
      ['UNION', 'selectCore'], ['UNION ALL', 'selectCore'], ['INTERSECT', 'values'], ['EXCEPT', 'selectCore'],
    ]);
    expect(s.orderBy).toHaveLength(1);
    expect(s.limit).not.toBeNull();
  });

  it('parses VALUES and WITH', () => {
    expect(select('VALUES (1, 2), (3, 4)').body).toMatchObject({ kind: 'values', rows: [[{ text: '1' }, { text: '2' }], [{ text: '3' }, { text: '4' }]] });
    const s = select('WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c), d AS MATERIALIZED (SELECT 2), e AS NOT MATERIALIZED (SELECT 3) SELECT * FROM c');
    expect(s.with).toMatchObject({
      recursive: true,
      ctes: [
        { name: 'c', columns: ['n'], materialized: null, select: { compound: [{ op: 'UNION ALL' }] } },
        { name: 'd', columns: null, materialized: 'MATERIALIZED' },
        { name: 'e', materialized: 'NOT MATERIALIZED' },
      ],
    });
  });
});

describe('FROM', () => {
  it('parses every join operator', () => {
    const f = from('SELECT * FROM a, b JOIN c CROSS JOIN d NATURAL JOIN e LEFT JOIN f LEFT OUTER JOIN g RIGHT JOIN h FULL OUTER JOIN i INNER JOIN j NATURAL LEFT JOIN k LEFT RIGHT JOIN l');
    expect(f.items.map((i) => i.join)).toEqual([
      null,
      { type: 'comma', natural: false },
      { type: 'inner', natural: false },
      { type: 'cross', natural: false },
      { type: 'inner', natural: true },
      { type: 'left', natural: false },
      { type: 'left', natural: false },
      { type: 'right', natural: false },
      { type: 'full', natural: false },
      { type: 'inner', natural: false },
      { type: 'left', natural: true },
      { type: 'full', natural: false },
    ]);
  });

  it('parses ON, USING, index hints, table functions and subqueries', () => {
    const f = from('SELECT * FROM main.t AS x INDEXED BY i JOIN u NOT INDEXED ON x.a = u.a JOIN v USING (a, b) JOIN json_each(?) j JOIN (SELECT 1) AS s ON 1');
    expect(f.items).toMatchObject([
      { source: { kind: 'table', schema: 'main', name: 't' }, alias: 'x', indexed: { kind: 'indexedBy', index: 'i' } },
      { source: { kind: 'table', name: 'u' }, indexed: { kind: 'notIndexed' }, on: { kind: 'binary' } },
      { source: { kind: 'table', name: 'v' }, using: ['a', 'b'] },
      { source: { kind: 'tableFunction', name: 'json_each', args: [{ kind: 'param' }] }, alias: 'j' },
      { source: { kind: 'subquery' }, alias: 's', on: { kind: 'integer' } },
    ]);
    expect(from('SELECT * FROM f()').items[0]?.source).toMatchObject({ kind: 'tableFunction', args: [] });
  });

  it('rewrites parenthesised FROM lists as SQLite does', () => {
    // First item, no alias, no ON/USING: spliced in.
    expect(from('SELECT * FROM (a JOIN b ON 1) JOIN c').items.map((i) => i.source)).toMatchObject([
      { name: 'a' }, { name: 'b' }, { name: 'c' },
    ]);
    // A single parenthesised item becomes that item; the outer alias applies.
    expect(from('SELECT * FROM t JOIN (u AS inner_alias) AS outer_alias').items[1]).toMatchObject({
      source: { kind: 'table', name: 'u' }, alias: 'outer_alias',
    });
    // Otherwise a nested join.
    expect(from('SELECT * FROM t JOIN (u, v) ON 1').items[1]).toMatchObject({
      source: { kind: 'nested', from: { items: [{ source: { name: 'u' } }, { source: { name: 'v' } }] } },
      on: { kind: 'integer' },
    });
  });
});
