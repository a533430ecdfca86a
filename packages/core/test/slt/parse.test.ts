import { describe, expect, it } from 'vitest';
import { appliesTo, parseScript, type QueryRecord, type StatementRecord } from './parse.js';

describe('parseScript', () => {
  it('reads statements and queries with their lines', () => {
    const records = parseScript(
      [
        'statement ok',
        'CREATE TABLE t1(a INTEGER,',
        '  b TEXT)',
        '',
        'statement error',
        'SELECT * FROM nowhere',
        '',
        'query IT rowsort',
        'SELECT a, b',
        '  FROM t1',
        '----',
        '1',
        'x',
        '',
      ].join('\n'),
    );
    expect(records).toHaveLength(3);
    const [create, bad, q] = records as [StatementRecord, StatementRecord, QueryRecord];
    expect(create).toMatchObject({ kind: 'statement', line: 1, expectError: false, sql: 'CREATE TABLE t1(a INTEGER,\n  b TEXT)' });
    expect(bad).toMatchObject({ kind: 'statement', line: 5, expectError: true, sql: 'SELECT * FROM nowhere' });
    expect(q).toMatchObject({ kind: 'query', line: 8, types: 'IT', sort: 'rowsort', label: undefined, sql: 'SELECT a, b\n  FROM t1', expected: ['1', 'x'] });
  });

  it('defaults to nosort and reads a label after the sort mode', () => {
    const [a, b] = parseScript('query I\nSELECT 1\n----\n1\n\nquery II valuesort label-7\nSELECT 1, 2\n----\n1\n2\n') as QueryRecord[];
    expect(a).toMatchObject({ sort: 'nosort', label: undefined });
    expect(b).toMatchObject({ sort: 'valuesort', label: 'label-7', types: 'II' });
  });

  it('keeps a hashed expected section as its one line', () => {
    const [q] = parseScript('query I rowsort\nSELECT x FROM t\n----\n30 values hashing to 3c13dee48d9356ae19af2515e05e6b54\n') as QueryRecord[];
    expect(q!.expected).toEqual(['30 values hashing to 3c13dee48d9356ae19af2515e05e6b54']);
  });

  it('a query without ---- has no expected section; an empty result has an empty one', () => {
    const [a, b] = parseScript('query I\nSELECT 1\n\nquery I\nSELECT 1 WHERE 0\n----\n') as QueryRecord[];
    expect(a!.expected).toBeUndefined();
    expect(b!.expected).toEqual([]);
  });

  it('drops comment lines anywhere and reads CRLF files like LF ones', () => {
    const script = '# header\r\nstatement ok\r\n# inside\r\nCREATE TABLE t(x)\r\n\r\nquery I nosort\r\nSELECT 1\r\n----\r\n1\r\n';
    const records = parseScript(script);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ kind: 'statement', line: 2, sql: 'CREATE TABLE t(x)' });
    expect(records[1]).toMatchObject({ kind: 'query', line: 6, sort: 'nosort', expected: ['1'] });
  });

  it('treats whitespace-only lines as record separators', () => {
    expect(parseScript('statement ok\nSELECT 1\n   \t\nstatement ok\nSELECT 2\n')).toHaveLength(2);
  });

  it('reads conditions, ignoring trailing words', () => {
    const [r] = parseScript('skipif mysql # not compatible\nonlyif sqlite\nstatement ok\nSELECT 1\n');
    expect(r!.conditions).toEqual([
      { kind: 'skipif', engine: 'mysql' },
      { kind: 'onlyif', engine: 'sqlite' },
    ]);
    expect(r!.line).toBe(3);
  });

  it('reads hash-threshold and halt', () => {
    const records = parseScript('hash-threshold 8\n\nonlyif mssql\nhalt\n\nhalt\n');
    expect(records).toEqual([
      { kind: 'hash-threshold', line: 1, conditions: [], threshold: 8 },
      { kind: 'halt', line: 4, conditions: [{ kind: 'onlyif', engine: 'mssql' }] },
      { kind: 'halt', line: 6, conditions: [] },
    ]);
  });

  it('turns malformed records into invalid records without losing the rest', () => {
    const records = parseScript(
      'statement maybe\nSELECT 1\n\nquery IX\nSELECT 1\n\nquery I sideways\nSELECT 1\n\nfrobnicate\n\nquery I\n----\n1\n\nstatement ok\nSELECT 1\n',
    );
    expect(records.map((r) => r.kind)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'statement']);
    expect(records[0]).toMatchObject({ message: "unknown statement expectation 'maybe'" });
    expect(records[1]).toMatchObject({ message: "bad column types 'IX'" });
    expect(records[2]).toMatchObject({ message: "unknown sort mode 'sideways'" });
    expect(records[4]).toMatchObject({ message: 'query without SQL' });
  });
});

describe('appliesTo', () => {
  it('skipif excludes the named engine only; onlyif includes it only', () => {
    expect(appliesTo([], 'sqlite')).toBe(true);
    expect(appliesTo([{ kind: 'skipif', engine: 'sqlite' }], 'sqlite')).toBe(false);
    expect(appliesTo([{ kind: 'skipif', engine: 'mysql' }], 'sqlite')).toBe(true);
    expect(appliesTo([{ kind: 'onlyif', engine: 'sqlite' }], 'sqlite')).toBe(true);
    expect(appliesTo([{ kind: 'onlyif', engine: 'mssql' }], 'sqlite')).toBe(false);
    expect(appliesTo([{ kind: 'onlyif', engine: 'sqlite' }, { kind: 'skipif', engine: 'sqlite' }], 'sqlite')).toBe(false);
  });
});
