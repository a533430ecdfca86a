/**
 * PRAGMA integrity_check's index-versus-table checks on a database whose indexes do not match
 * their tables (made with sql.js: index definitions swapped through writable_schema), compared
 * with SQLite's own report on the same file.
 */
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../test/slt/adapters/sqljs.js';
import { MemoryBlob, MemoryStorage } from '../io/memory-storage.js';
import { Connection } from '../engine/connection.js';

const SETUP = [
  'create table t(a, b)',
  "insert into t values (1, 'x'), (2, 'y'), (3, 'z')",
  'create index i on t(a)',
  "create index j on t(b) where b > 'x'",
  'create index k on t(b)',
  'create index m on t(a)',
  'pragma writable_schema = on',
  "update sqlite_schema set sql = 'CREATE INDEX i on t(b)' where name = 'i'",
  "update sqlite_schema set sql = 'CREATE INDEX j on t(b) where b >= ''x''' where name = 'j'",
  "update sqlite_schema set sql = 'CREATE INDEX m on t(a) where a > 1' where name = 'm'",
  'pragma writable_schema = off',
];

describe('integrity_check index checks', () => {
  it('reports missing entries and wrong counts as SQLite does', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    for (const sql of SETUP) db.run(sql);
    const bytes = (db as unknown as { export(): Uint8Array }).export();
    const Ctor = SQL.Database as unknown as new (data: Uint8Array) => { exec(sql: string): { values: unknown[][] }[]; close(): void };
    const fresh = new Ctor(bytes);
    const want = fresh.exec('pragma integrity_check')[0]!.values.map((r) => r[0]);
    fresh.close();
    db.close();

    const storage = new MemoryStorage();
    const blob = new MemoryBlob();
    blob.write(0, bytes);
    storage.files.set('c.db', blob);
    const conn = Connection.openSync(storage, 'c.db');
    const stmt = conn.prepare('pragma integrity_check')!;
    const got = stmt.runSync().map((r) => r[0]);
    stmt.finalize();
    conn.closeSync();
    expect(want.length).toBeGreaterThan(1);
    expect(got).toEqual(want);
  });
});
