import { describe, expect, it } from 'vitest';
import type { Expr } from './ast-expr.js';
import type { SelectStmt } from './ast-select.js';
import { parse, parseOne } from './parser.js';

/** The first result column's expression of `SELECT <expr>`. */
function expr(sql: string): Expr {
  const stmt = parse(`SELECT ${sql}`)[0] as SelectStmt;
  const col = stmt.body.kind === 'selectCore' ? stmt.body.columns[0] : undefined;
  if (col?.kind !== 'expr') throw new Error('no expression');
  return col.expr;
}

/** A compact, fully parenthesised rendering, to check precedence. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'integer': case 'real': return e.text;
    case 'string': return `'${e.value}'`;
    case 'null': return 'NULL';
    case 'column': return [e.schema, e.table, e.column].filter((x) => x !== null).join('.');
    case 'param': return `${e.text}#${e.index}`;
    case 'unary': return `(${e.op} ${show(e.operand)})`;
    case 'binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'like': return `(${show(e.left)} ${e.not ? 'NOT ' : ''}${e.op} ${show(e.right)}${e.escape ? ` ESCAPE ${show(e.escape)}` : ''})`;
    case 'between': return `(${show(e.operand)} ${e.not ? 'NOT ' : ''}BETWEEN ${show(e.low)} AND ${show(e.high)})`;
    case 'nullTest': return `(${show(e.operand)} ${e.not ? 'NOTNULL' : 'ISNULL'})`;
    case 'collate': return `(${show(e.operand)} COLLATE ${e.collation})`;
    case 'inList': return `(${show(e.operand)} ${e.not ? 'NOT ' : ''}IN [${e.list.map(show).join(', ')}])`;
    case 'function': return `${e.name}(${e.star ? '*' : e.args.map(show).join(', ')})`;
    case 'vector': return `<${e.items.map(show).join(', ')}>`;
    default: return e.kind;
  }
}

describe('expression precedence', () => {
  const cases: [string, string][] = [
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['a OR b AND c', '(a OR (b AND c))'],
    ['NOT a = b', '(NOT (a = b))'],
    ['NOT a AND b', '((NOT a) AND b)'],
    ['a = NOT b = c', '(a = (NOT (b = c)))'],
    ['- a COLLATE x', '((- a) COLLATE x)'],
    ['- NOT a = b', '(- (NOT (a = b)))'],
    ['a || b -> c ->> d', '(((a || b) -> c) ->> d)'],
    ['a < b = c < d', '((a < b) = (c < d))'],
    ['a = b = c', '((a = b) = c)'],
    ['a & b + c', '(a & (b + c))'],
    ['a << 1 < 2', '((a << 1) < 2)'],
    ['a == b <> c != d', '(((a = b) != c) != d)'],
    ['a IS NOT b', '(a IS NOT b)'],
    ['a IS DISTINCT FROM b', '(a IS NOT b)'],
    ['a IS NOT DISTINCT FROM b', '(a IS b)'],
    ['a NOT LIKE b ESCAPE c < d', '(a NOT LIKE b ESCAPE (c < d))'],
    ['a LIKE b = c', '((a LIKE b) = c)'],
    ['a GLOB b AND c REGEXP d', '((a GLOB b) AND (c REGEXP d))'],
    ['a BETWEEN 1 = 1 AND 2', '(a BETWEEN (1 = 1) AND 2)'],
    ['a BETWEEN b AND c AND d', '((a BETWEEN b AND c) AND d)'],
    ['a NOT BETWEEN b + 1 AND c * 2', '(a NOT BETWEEN (b + 1) AND (c * 2))'],
    ['a ISNULL = b NOTNULL', '(((a ISNULL) = b) NOTNULL)'],
    ['a NOT NULL', '(a NOTNULL)'],
    ['a IN (1, 2) = b NOT IN ()', '(((a IN [1, 2]) = b) NOT IN [])'],
    ['a + 1 IN (2) AND b', '(((a + 1) IN [2]) AND b)'],
    ['~ - + 1', '(~ (- (+ 1)))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['(a, b) = (1, 2)', '(<a, b> = <1, 2>)'],
    ['t.a + s.t.b', '(t.a + s.t.b)'],
  ];
  for (const [sql, expected] of cases) {
    it(sql, () => expect(show(expr(sql))).toBe(expected));
  }
});

describe('expression nodes', () => {
  it('keeps literal text and spans', () => {
    expect(expr('0x7FFFFFFFFFFFFFFF')).toEqual({ kind: 'integer', text: '0x7FFFFFFFFFFFFFFF', start: 7, end: 25, height: 1 });
    expect(expr('1e400')).toMatchObject({ kind: 'real', text: '1e400' });
    expect(expr("'it''s'")).toMatchObject({ kind: 'string', value: "it's" });
    expect(expr("x'00Ff'")).toMatchObject({ kind: 'blob', bytes: new Uint8Array([0, 255]) });
    expect(expr('NULL')).toMatchObject({ kind: 'null' });
    expect(expr('current_timestamp')).toMatchObject({ kind: 'currentTime', which: 'CURRENT_TIMESTAMP' });
    // Parentheses are not part of an expression's span.
    expect(expr('(a + b)')).toMatchObject({ start: 8, end: 13 });
  });

  it('marks double-quoted bare identifiers (they may turn into strings)', () => {
    expect(expr('"a"')).toMatchObject({ kind: 'column', column: 'a', doubleQuoted: true });
    expect(expr('[a]')).toMatchObject({ kind: 'column', column: 'a', doubleQuoted: false });
    expect(expr('"t".x')).toMatchObject({ kind: 'column', table: 't', column: 'x', doubleQuoted: false });
    expect(expr("'t'.x")).toMatchObject({ kind: 'column', table: 't', column: 'x' });
    expect(expr('true')).toMatchObject({ kind: 'column', column: 'true' });
  });

  it('reads keywords as column names where SQLite does', () => {
    expect(expr('key')).toMatchObject({ kind: 'column', column: 'key' });
    expect(expr('left')).toMatchObject({ kind: 'column', column: 'left' });
    expect(expr('indexed')).toMatchObject({ kind: 'column', column: 'indexed' });
    expect(expr('replace(a, b, c)')).toMatchObject({ kind: 'function', name: 'replace' });
    expect(expr('like(a, b)')).toMatchObject({ kind: 'function', name: 'like' });
  });

  it('numbers parameters like sqlite3ExprAssignVarNumber', () => {
    const r = parseOne('SELECT ?, :a, ?5, :a, ?, @b, ?2, $c');
    expect(r?.paramCount).toBe(8);
    expect(r?.paramNames).toEqual([null, null, ':a', null, null, '?5', null, '@b', '$c']);
    const s = r?.stmt as SelectStmt;
    const idx = s.body.kind === 'selectCore'
      ? s.body.columns.map((c) => (c.kind === 'expr' && c.expr.kind === 'param' ? c.expr.index : -1))
      : [];
    expect(idx).toEqual([1, 2, 5, 2, 6, 7, 2, 8]);
    expect(parseOne('SELECT ?1, ?1')?.paramNames).toEqual([null, '?1']);
  });

  it('parses function calls with DISTINCT, *, FILTER and OVER', () => {
    expect(expr('count(*)')).toMatchObject({ kind: 'function', name: 'count', star: true, args: [] });
    expect(expr('count(DISTINCT a)')).toMatchObject({ distinct: true, args: [{ column: 'a' }] });
    expect(expr('count(ALL a)')).toMatchObject({ distinct: false });
    expect(expr('random()')).toMatchObject({ args: [], star: false });
    expect(expr('"my func"(1)')).toMatchObject({ name: 'my func' });
    expect(expr('sum(x) FILTER (WHERE x > 0) OVER w')).toMatchObject({
      filter: { kind: 'binary', op: '>' }, over: { kind: 'windowRef', name: 'w' },
    });
    expect(expr('sum(x) OVER (w PARTITION BY a, b ORDER BY c DESC ROWS BETWEEN 2 PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES)')).toMatchObject({
      over: {
        kind: 'windowSpec', base: 'w', partitionBy: [{ column: 'a' }, { column: 'b' }],
        orderBy: [{ expr: { column: 'c' }, direction: 'DESC' }],
        frame: {
          units: 'ROWS', start: { kind: 'preceding', offset: { text: '2' } },
          end: { kind: 'unboundedFollowing' }, exclude: 'TIES',
        },
      },
    });
    expect(expr('rank() OVER (RANGE CURRENT ROW)')).toMatchObject({
      over: { base: null, frame: { units: 'RANGE', start: { kind: 'currentRow' }, end: { kind: 'currentRow' }, exclude: null } },
    });
  });

  it('parses CAST with SQLite type names', () => {
    expect(expr('CAST(a AS VARCHAR(10))')).toMatchObject({ kind: 'cast', typeName: 'VARCHAR(10)' });
    expect(expr('CAST(a AS unsigned big int)')).toMatchObject({ typeName: 'unsigned big int' });
    expect(expr('CAST(a AS)')).toMatchObject({ kind: 'cast', typeName: null });
    expect(expr('CAST(a AS "text")')).toMatchObject({ typeName: 'text' });
  });

  it('parses CASE, EXISTS, subqueries, IN forms and RAISE', () => {
    expect(expr('CASE a WHEN 1 THEN 2 ELSE 3 END')).toMatchObject({
      kind: 'case', operand: { column: 'a' }, whens: [{ when: { text: '1' }, then: { text: '2' } }], else: { text: '3' },
    });
    expect(expr('CASE WHEN a THEN b END')).toMatchObject({ operand: null, else: null });
    expect(expr('EXISTS (SELECT 1)')).toMatchObject({ kind: 'exists', select: { kind: 'select' } });
    expect(expr('(SELECT 1)')).toMatchObject({ kind: 'subquery' });
    expect(expr('(VALUES (1))')).toMatchObject({ kind: 'subquery', select: { body: { kind: 'values' } } });
    expect(expr('a IN (SELECT b FROM t)')).toMatchObject({ kind: 'inSelect', not: false });
    expect(expr('a NOT IN main.t')).toMatchObject({ kind: 'inTable', not: true, schema: 'main', table: 't', args: null });
    expect(expr('a IN json_each(?)')).toMatchObject({ kind: 'inTable', table: 'json_each', args: [{ kind: 'param' }] });
    expect(expr('RAISE(IGNORE)')).toMatchObject({ kind: 'raise', action: 'IGNORE', message: null });
    expect(expr("RAISE(FAIL, 'boom')")).toMatchObject({ kind: 'raise', action: 'FAIL', message: 'boom' });
  });

  it('computes heights like SQLite (Expr.nHeight)', () => {
    expect(expr('a').height).toBe(1);
    expect(expr('t.a').height).toBe(2);
    expect(expr('s.t.a').height).toBe(3);
    expect(expr('1 + 2 * 3').height).toBe(3);
    expect(expr('abs(1 + 2)').height).toBe(3);
    expect(expr('a NOT LIKE b').height).toBe(3);
    expect(expr('a LIKE b').height).toBe(2);
    expect(expr('(SELECT 1 + 2)').height).toBe(3);
    expect(expr('((((1))))').height).toBe(1);
  });
});
