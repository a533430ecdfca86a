import { describe, expect, it } from 'vitest';
import { SqlReal, type SqlValue } from '../../src/format/sql-value.js';
import { createMinnowEngine } from './adapters/minnow.js';
import { createSqlJsEngine } from './adapters/sqljs.js';
import { SltSqlError, type QueryResult, type SltEngine, type SltSession } from './engine.js';
import { runScript } from './run-file.js';

const sqljs = createSqlJsEngine();
const script = (...records: string[]) => records.join('\n\n') + '\n';

/** Two records on lines 1-5; a record after them starts on line 7. */
const SETUP = [
  'statement ok\nCREATE TABLE t(x INTEGER, y TEXT, z REAL)',
  "statement ok\nINSERT INTO t VALUES(1, 'one', 1.5); INSERT INTO t VALUES(2, '', NULL); INSERT INTO t VALUES(3, 'three', 2.0625)",
];

describe('runScript on sql.js', () => {
  it('passes a well-formed script and counts every record', async () => {
    const r = await runScript(
      script(
          ...SETUP,
          'statement error\nINSERT INTO nowhere VALUES(1)',
          'query ITR nosort\nSELECT x, y, z FROM t WHERE x < 3 ORDER BY x\n----\n1\none\n1.500\n2\n(empty)\nNULL',
          'query R nosort\nSELECT z FROM t WHERE x = 3\n----\n2.063',
          'query I rowsort\nSELECT x FROM t\n----\n1\n2\n3',
          'query IT valuesort\nSELECT x, y FROM t WHERE x < 3\n----\n(empty)\n1\n2\none',
          'query T nosort\nSELECT z * 1e20 FROM t WHERE x = 3\n----\n2.0625e+20',
          'query I nosort\nWITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c WHERE n<10) SELECT n FROM c\n----\n10 values hashing to 3b0332e02daabf31651a5a0d81ba830a',
          'skipif sqlite\nquery I nosort\nSELECT 1\n----\n2',
          'onlyif mysql\nstatement ok\nTHIS IS NOT SQL',
          'onlyif sqlite\nquery I nosort\nSELECT 7\n----\n7',
        ),
      sqljs,
    );
    expect(r.failures).toEqual([]);
    expect({ passed: r.passed, failed: r.failed, skipped: r.skipped }).toEqual({ passed: 10, failed: 0, skipped: 2 });
  });

  it('hash-threshold changes when results are hashed', async () => {
    const r = await runScript(
      script('hash-threshold 2', 'query I nosort\nVALUES(1),(2),(3)\n----\n3 values hashing to c0710d6b4f15dfa88f600b0e6b624077', 'hash-threshold 0', 'query I nosort\nVALUES(1),(2),(3)\n----\n1\n2\n3'),
      sqljs,
    );
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(2);
  });

  it('reports each kind of failure with its line', async () => {
    const r = await runScript(
      script(
          ...SETUP,
          'statement ok\nINSERT INTO nowhere VALUES(1)', // line 7
          'statement error\nSELECT 1', // line 10
          'query I nosort\nSELECT x FROM t ORDER BY x DESC\n----\n1\n2\n3', // line 13: order matters with nosort
          'query I nosort\nSELECT x FROM t ORDER BY x\n----\n1\n2', // line 20: an extra row
          'query II nosort\nSELECT x FROM t WHERE x = 1\n----\n1\n1', // line 26: one column, not two
          'query I nosort\nSELECT no_such_column FROM t\n----\n1', // line 32
          'query I nosort\nVALUES(1),(2),(3),(4),(5),(6),(7),(8),(9),(10)\n----\n10 values hashing to 00000000000000000000000000000000', // line 37
        ),
      sqljs,
    );
    expect({ passed: r.passed, failed: r.failed }).toEqual({ passed: 2, failed: 7 });
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [7, 'statement failed: no such table: nowhere'],
      [10, 'statement succeeded but an error was expected'],
      [13, "line 1 of the result: expected '1', got '3'"],
      [20, "expected 2 lines, got 3: extra '3'"],
      [26, 'expected 2 result columns, got 1'],
      [32, 'query failed: no such column: no_such_column'],
      [37, "line 1 of the result: expected '10 values hashing to 00000000000000000000000000000000', got '10 values hashing to 3b0332e02daabf31651a5a0d81ba830a'"],
    ]);
    expect(r.failures[2]).toMatchObject({ sql: 'SELECT x FROM t ORDER BY x DESC', expected: ['1', '2', '3'], actual: ['3', '2', '1'] });
    expect(r.failures[6]!.values).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('queries sharing a label must give the same result', async () => {
    const r = await runScript(
      script(
          ...SETUP,
          'query I rowsort label-1\nSELECT x FROM t\n----\n1\n2\n3', // line 7
          'query I rowsort label-1\nSELECT x FROM t ORDER BY x DESC\n----\n1\n2\n3', // same after sorting
          'query I rowsort label-1\nSELECT x + 1 FROM t', // line 21: no expected section; label decides
        ),
      sqljs,
    );
    expect({ passed: r.passed, failed: r.failed }).toEqual({ passed: 4, failed: 1 });
    expect(r.failures[0]).toMatchObject({ line: 21, message: 'label label-1: result differs from the query at line 7 with the same label' });
  });

  it('keeps the rows produced before a query fails while stepping', async () => {
    const r = await runScript(
      script(
          ...SETUP,
          'query I nosort\nSELECT CASE WHEN x < 3 THEN x ELSE abs(-9223372036854775808) END FROM t\n----\n1\n2',
          'query I nosort\nSELECT CASE WHEN x < 3 THEN x ELSE abs(-9223372036854775808) END FROM t\n----\n1\n2\n3',
        ),
      sqljs,
    );
    expect({ passed: r.passed, failed: r.failed }).toEqual({ passed: 3, failed: 1 });
    expect(r.failures[0]!.message).toBe("expected 3 lines, got 2: missing '3' (query stopped with an error: integer overflow)");
  });

  it('stops at an applicable halt only', async () => {
    const r = await runScript(script('onlyif mssql\nhalt', 'statement ok\nSELECT 1', 'halt', 'statement ok\nSELECT 1'), sqljs);
    expect({ passed: r.passed, haltedAt: r.haltedAt }).toEqual({ passed: 1, haltedAt: 7 });
  });

  it('stops at the first failure with failFast, and can list every outcome', async () => {
    const text = script('statement ok\nSELECT 1', 'skipif sqlite\nstatement ok\nSELECT 1', 'statement ok\nBOGUS', 'statement ok\nSELECT 1');
    const all = await runScript(text, sqljs, { keepOutcomes: true });
    expect(all.outcomes).toEqual([
      { line: 1, status: 'passed' },
      { line: 5, status: 'skipped' },
      { line: 8, status: 'failed' },
      { line: 11, status: 'passed' },
    ]);
    const fast = await runScript(text, sqljs, { failFast: true });
    expect({ passed: fast.passed, failed: fast.failed, skipped: fast.skipped }).toEqual({ passed: 1, failed: 1, skipped: 1 });
  });

  it('counts malformed records as failures', async () => {
    const r = await runScript(script('query IQ\nSELECT 1\n----\n1', 'statement ok\nSELECT 1'), sqljs);
    expect(r.failures).toEqual([{ line: 1, kind: 'invalid', message: "malformed record: bad column types 'IQ'" }]);
    expect(r.passed).toBe(1);
  });
});

/** An engine answering every query with fixed values, for formatting and error paths. */
function cannedEngine(columns: string[], rows: SqlValue[][], execError?: unknown): SltEngine {
  const session: SltSession = {
    exec() {
      if (execError !== undefined) throw execError;
    },
    query: (): QueryResult => ({ columns, rows }),
    close() {},
  };
  return { name: 'canned', open: () => session };
}

/** The same engine with every method answering through a promise. */
function asAsync(engine: SltEngine): SltEngine {
  return {
    name: `async ${engine.name}`,
    async open() {
      const s = await engine.open();
      return {
        exec: async (sql: string) => s.exec(sql),
        query: async (sql: string) => s.query(sql),
        close: async () => s.close(),
      };
    },
  };
}

describe('runScript with other engines', () => {
  it('formats the raw values an engine returns (storage class decides)', async () => {
    const engine = cannedEngine(['a', 'b', 'c', 'd'], [[new SqlReal(1e20), 3.75, '7x', new Uint8Array([0x68, 0x0a, 0x69])]]);
    const text = script('query TIRT nosort\nSELECT\n----\n1.0e+20\n3\n7.000\nh@i');
    const r = await runScript(text, engine);
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(1);
  });

  it('an engine crash fails even a record that expects an error', async () => {
    const crash = await runScript(script('statement error\nSELECT 1'), cannedEngine([], [], new TypeError('oops')));
    expect(crash.failed).toBe(1);
    expect(crash.failures[0]!.message).toMatch(/^engine crashed: TypeError: oops/);
    const sqlError = await runScript(script('statement error\nSELECT 1'), cannedEngine([], [], new SltSqlError('no')));
    expect(sqlError.passed).toBe(1);
  });

  it('drives engines that answer with promises', async () => {
    const text = script(...SETUP, 'statement error\nBOGUS', 'query I rowsort\nSELECT x FROM t\n----\n1\n2\n3', 'query I nosort\nSELECT x FROM t\n----\n9');
    const r = await runScript(text, asAsync(sqljs));
    expect({ passed: r.passed, failed: r.failed }).toEqual({ passed: 4, failed: 1 });
  });

  it('the minnow engine runs records and reports failures like any engine', async () => {
    const r = await runScript(
      script('statement ok\nSELECT 1', 'skipif sqlite\nstatement ok\nSELECT 1', 'query I\nSELECT 1\n----\n1', 'query I\nSELECT 2\n----\n3'),
      createMinnowEngine(),
    );
    expect({ passed: r.passed, failed: r.failed, skipped: r.skipped }).toEqual({ passed: 2, failed: 1, skipped: 1 });
    expect(r.failures).toHaveLength(1);
  });
});
