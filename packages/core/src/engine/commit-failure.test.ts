/**
 * A commit that fails with a storage error (here: disk full while appending to the WAL) rolls
 * the autocommit transaction back, as SQLite does: the failed statement's rows are gone, the
 * connection is usable, and the next statement does not try to commit the stale pages again.
 */
import { expect, it } from 'vitest';
import { SqliteError } from '../errors.js';
import type { DbFile, OpenOptions, Storage } from '../io/file.js';
import type { Io } from '../io/completion.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { Connection } from './connection.js';

/** Memory storage whose writes fail with SQLITE_FULL past `limit` bytes over all open files. */
class QuotaStorage implements Storage {
  private readonly inner = new MemoryStorage();
  private readonly files = new Set<DbFile>();
  constructor(public limit: number) {}

  private used(): number {
    let n = 0;
    for (const f of this.files) n += f.size() as number;
    return n;
  }

  open(name: string, options: OpenOptions): Io<DbFile> {
    const file = this.inner.open(name, options) as DbFile;
    this.files.add(file);
    const self = this;
    return {
      name,
      read: (o, into) => file.read(o, into),
      write(o, data) {
        const grow = Math.max(0, o + data.length - (file.size() as number));
        if (self.used() + grow > self.limit) throw new SqliteError('SQLITE_FULL');
        return file.write(o, data);
      },
      sync: () => file.sync(),
      truncate: (n) => file.truncate(n),
      size: () => file.size(),
      close: () => {
        self.files.delete(file);
        return file.close();
      },
    };
  }
  delete(name: string): Io<void> {
    return this.inner.delete(name);
  }
  exists(name: string): Io<boolean> {
    return this.inner.exists(name);
  }
}

it('a commit failing with SQLITE_FULL is rolled back and the connection goes on', () => {
  const storage = new QuotaStorage(128 * 1024);
  const conn = Connection.openSync(storage, 'full.db');
  const run = (sql: string) => conn.prepare(sql)!.runSync();
  run('CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)');
  let committed = 0;
  let error: unknown = null;
  for (let i = 0; i < 1000 && error === null; i++) {
    try {
      run(`INSERT INTO t(v) VALUES ('${'x'.repeat(1000)}')`);
      committed++;
    } catch (e) {
      error = e;
    }
  }
  expect(error).toBeInstanceOf(SqliteError);
  expect((error as SqliteError).code).toBe('SQLITE_FULL');
  expect(committed).toBeGreaterThan(10);
  expect(run('SELECT count(*) FROM t')).toEqual([[committed]]);
  storage.limit = 1 << 30;
  run("INSERT INTO t(v) VALUES ('after')");
  expect(run('SELECT count(*) FROM t')).toEqual([[committed + 1]]);
  conn.closeSync();
  const again = Connection.openSync(storage, 'full.db');
  expect(again.prepare('SELECT count(*) FROM t')!.runSync()).toEqual([[committed + 1]]);
  again.closeSync();
});
