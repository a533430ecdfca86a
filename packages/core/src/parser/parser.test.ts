import { describe, expect, it } from 'vitest';
import type { Statement } from './ast-stmt.js';
import { parse, parseOne } from './parser.js';

function one(sql: string): Statement {
  const stmts = parse(sql);
  expect(stmts).toHaveLength(1);
  return stmts[0] as Statement;
}

describe('parseOne', () => {
  it('returns the statement and where the rest begins, like sqlite3_prepare', () => {
    // Offsets checked against sqlite3_prepare_v2's pzTail in SQLite 3.40.1.
    const sql = ';;; SELECT 1; SELECT 2';
    const first = parseOne(sql);
    expect(first?.stmt).toMatchObject({ kind: 'select', start: 4, end: 12 });
    expect(first?.next).toBe(13);
    const second = parseOne(sql, 13);
    expect(second?.stmt).toMatchObject({ kind: 'select', start: 14, end: 22 });
    expect(second?.next).toBe(22);
    expect(parseOne(sql, 22)).toBeNull();
    expect(parseOne('SELECT 1 -- c')?.next).toBe(13);
    expect(parseOne('SELECT 1 /* x */ ; /* y */')?.next).toBe(18);
    expect(parseOne('  -- only a comment\n')).toBeNull();
    expect(parseOne(';;')).toBeNull();
    expect(parseOne('')).toBeNull();
  });

  it('stops at a NUL character like SQLite', () => {
    expect(parseOne('SELECT 1\u0000SELECT 2')?.next).toBe(8);
    expect(parse('SELECT 1\u0000SELECT 2')).toHaveLength(1);
  });

  it('parses every statement of a script', () => {
    expect(parse('CREATE TABLE t(a); INSERT INTO t VALUES (1);\nSELECT * FROM t;').map((s) => s.kind)).toEqual([
      'createTable', 'insert', 'select',
    ]);
  });
});

describe('transaction and utility statements', () => {
  it('parses BEGIN / COMMIT / ROLLBACK / SAVEPOINT / RELEASE', () => {
    expect(one('BEGIN')).toMatchObject({ kind: 'begin', mode: null });
    expect(one('BEGIN IMMEDIATE TRANSACTION')).toMatchObject({ mode: 'IMMEDIATE' });
    expect(one('BEGIN EXCLUSIVE TRANSACTION tx')).toMatchObject({ mode: 'EXCLUSIVE' });
    expect(one('BEGIN DEFERRED')).toMatchObject({ mode: 'DEFERRED' });
    expect(one('BEGIN CONCURRENT')).toMatchObject({ mode: 'CONCURRENT' });
    expect(one('COMMIT TRANSACTION')).toMatchObject({ kind: 'commit' });
    expect(one('END')).toMatchObject({ kind: 'commit' });
    expect(one('ROLLBACK')).toMatchObject({ kind: 'rollback', savepoint: null });
    expect(one('ROLLBACK TRANSACTION TO SAVEPOINT sp')).toMatchObject({ savepoint: 'sp' });
    expect(one('ROLLBACK TO sp')).toMatchObject({ savepoint: 'sp' });
    // After TRANSACTION, "savepoint" is a transaction name (SQLite's fallback rule).
    expect(one('ROLLBACK TRANSACTION savepoint')).toMatchObject({ savepoint: null });
    expect(one('SAVEPOINT "my sp"')).toMatchObject({ kind: 'savepoint', name: 'my sp' });
    expect(one('RELEASE SAVEPOINT sp')).toMatchObject({ kind: 'release', name: 'sp' });
    expect(one('RELEASE sp')).toMatchObject({ name: 'sp' });
  });

  it('parses PRAGMA values as SQLite passes them', () => {
    expect(one('PRAGMA cache_size')).toMatchObject({ kind: 'pragma', schema: null, name: 'cache_size', value: null });
    expect(one('PRAGMA main.cache_size = -2000')).toMatchObject({ schema: 'main', value: '-2000' });
    expect(one('PRAGMA user_version = +5')).toMatchObject({ value: '5' });
    expect(one("PRAGMA journal_mode = 'wal'")).toMatchObject({ value: 'wal' });
    expect(one('PRAGMA foreign_keys = ON')).toMatchObject({ value: 'ON' });
    expect(one('PRAGMA journal_mode = DELETE')).toMatchObject({ value: 'DELETE' });
    expect(one('PRAGMA table_info(t)')).toMatchObject({ name: 'table_info', value: 't' });
    expect(one('PRAGMA x(-1.5)')).toMatchObject({ value: '-1.5' });
  });

  it('parses ATTACH, DETACH, VACUUM, REINDEX, ANALYZE and EXPLAIN', () => {
    expect(one("ATTACH DATABASE 'f.db' AS aux KEY 'k'")).toMatchObject({
      kind: 'attach', file: { kind: 'string', value: 'f.db' }, schema: { kind: 'column', column: 'aux' }, key: { value: 'k' },
    });
    expect(one("ATTACH 'f.db' AS aux")).toMatchObject({ key: null });
    expect(one('DETACH aux')).toMatchObject({ kind: 'detach', schema: { column: 'aux' } });
    expect(one('VACUUM')).toMatchObject({ kind: 'vacuum', schema: null, into: null });
    expect(one("VACUUM main INTO 'b.db'")).toMatchObject({ schema: 'main', into: { value: 'b.db' } });
    expect(one("VACUUM INTO 'b.db'")).toMatchObject({ schema: null, into: { value: 'b.db' } });
    expect(one('REINDEX')).toMatchObject({ kind: 'reindex', name: null });
    expect(one('REINDEX main.i')).toMatchObject({ name: { schema: 'main', name: 'i' } });
    expect(one('ANALYZE t')).toMatchObject({ kind: 'analyze', name: { schema: null, name: 't' } });
    expect(one('EXPLAIN SELECT 1')).toMatchObject({ kind: 'explain', queryPlan: false, stmt: { kind: 'select' } });
    expect(one('EXPLAIN QUERY PLAN DELETE FROM t')).toMatchObject({ kind: 'explain', queryPlan: true, stmt: { kind: 'delete' } });
  });
});
