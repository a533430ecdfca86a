/**
 * The better-sqlite3-style API: statements, argument forms, result modes, errors, and a file
 * database that sqlite3 accepts (integrity_check, same .schema) and that reopens with its data.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { TempDirs } from '../storage/temp-dir.test-helper.js';
import { Database, SqliteError } from './index.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

function sqlite3(path: string, ...args: string[]): string {
  return execFileSync('sqlite3', [path, ...args], { encoding: 'utf8' }).trim();
}

describe('compat Database', () => {
  it('runs statements with every argument form and result mode', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)');
    const ins = db.prepare('INSERT INTO t(name, score, data) VALUES (?, ?, ?)');
    expect(ins.reader).toBe(false);
    expect(ins.run('a', 1.5, Buffer.from([1, 2]))).toEqual({ changes: 1, lastInsertRowid: 1 });
    expect(ins.run(['b', 2, null])).toEqual({ changes: 1, lastInsertRowid: 2 });
    expect(db.prepare('INSERT INTO t(name, score) VALUES (:n, @s)').run({ n: 'c', s: true })).toEqual({ changes: 1, lastInsertRowid: 3 });
    const sel = db.prepare('SELECT id, name, score, data FROM t WHERE id = ?');
    expect(sel.reader).toBe(true);
    expect(sel.get(1)).toEqual({ id: 1, name: 'a', score: 1.5, data: Buffer.from([1, 2]) });
    expect(sel.get(99)).toBeUndefined();
    expect(sel.raw().get(2)).toEqual([2, 'b', 2, null]);
    expect(db.prepare('SELECT name FROM t ORDER BY id').pluck().all()).toEqual(['a', 'b', 'c']);
    expect([...db.prepare('SELECT id FROM t WHERE id > ?').pluck().iterate(1)]).toEqual([2, 3]);
    expect(db.prepare('SELECT id FROM t').safeIntegers().pluck().all()).toEqual([1n, 2n, 3n]);
    expect(db.prepare('SELECT 9223372036854775807').safeIntegers().pluck().get()).toBe(9223372036854775807n);
    expect(db.prepare('SELECT id, name FROM t').columns().map((c) => c.name)).toEqual(['id', 'name']);
    expect(() => ins.get()).toThrow(TypeError);
    db.close();
    expect(db.open).toBe(false);
  });

  it('reports errors as SqliteError with SQLite code and message', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t(a UNIQUE)');
    db.prepare('INSERT INTO t VALUES (?)').run(1);
    let err: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (?)').run(1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SqliteError);
    expect((err as SqliteError).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect((err as SqliteError).message).toBe('UNIQUE constraint failed: t.a');
    expect(() => db.prepare('SELECT * FROM nope')).toThrow('no such table: nope');
    db.close();
  });

  it('builds a file sqlite3 accepts, with the schema text sqlite3 would store', () => {
    const dir = dirs.fresh();
    const path = join(dir, 'built.db');
    const ddl = [
      'CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT COLLATE NOCASE, age INT DEFAULT 0)',
      'CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, title TEXT, body TEXT, UNIQUE(user_id, title))',
      'CREATE INDEX posts_user ON posts(user_id DESC, title)',
      'CREATE UNIQUE INDEX users_name ON users(name)',
    ];
    const db = new Database(path);
    db.exec(ddl.join(';\n'));
    db.exec('BEGIN');
    const addUser = db.prepare('INSERT INTO users(email, name, age) VALUES (?, ?, ?)');
    const addPost = db.prepare('INSERT INTO posts(user_id, title, body) VALUES (?, ?, ?)');
    for (let i = 0; i < 300; i++) {
      addUser.run(`u${i}@example.com`, `User ${i}`, i % 90);
      for (let j = 0; j < 3; j++) addPost.run(i + 1, `post ${j}`, 'x'.repeat((i * 7 + j) % 500));
    }
    db.exec('COMMIT');
    db.exec('DELETE FROM posts WHERE user_id % 5 = 0; UPDATE users SET age = age + 1 WHERE id < 50');
    db.close();
    expect(sqlite3(path, 'PRAGMA integrity_check')).toBe('ok');
    // Same schema text as sqlite3 itself stores for the same DDL.
    const reference = join(dir, 'reference.db');
    sqlite3(reference, ddl.join(';\n'));
    expect(sqlite3(path, '.schema')).toBe(sqlite3(reference, '.schema'));
    expect(sqlite3(path, "SELECT name, rootpage FROM sqlite_schema ORDER BY rowid")).toBe(sqlite3(reference, 'SELECT name, rootpage FROM sqlite_schema ORDER BY rowid'));
    // ages: 3 * (0 + ... + 89) + (0 + ... + 29) = 12450, plus 1 for each of ids 1..49.
    expect(sqlite3(path, 'SELECT count(*), sum(age) FROM users; SELECT count(*) FROM posts')).toBe('300|12499\n720');
    const again = new Database(path);
    expect(again.prepare('SELECT count(*) FROM posts WHERE user_id = 7').pluck().get()).toBe(3);
    expect(again.prepare("SELECT id FROM users WHERE name = 'user 12'").pluck().get()).toBe(13);
    again.close();
  });
});
