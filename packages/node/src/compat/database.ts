/**
 * `new Database(path)`: the better-sqlite3-style synchronous API over Minnow. ':memory:' (or
 * '') is a private in-memory database; anything else is a file, through NodeSyncStorage.
 */
import { basename, dirname, resolve } from 'node:path';
import { MemoryStorage, SqliteError, type Storage } from '@minnow/core';
import { NodeSyncStorage } from '../storage/node-sync-storage.js';
import { Connection } from './engine.js';
import { Statement } from './statement.js';
import { warmCompatOnce } from './warmup.js';

export interface DatabaseOptions {
  readonly?: boolean;
}

export class Database {
  readonly name: string;
  readonly memory: boolean;
  private readonly conn: Connection;
  private isOpen = true;
  /** Shared with statements: the last rowid inserted through this connection. */
  private readonly shared = { lastInsertRowid: 0 as number | bigint, defaultSafeIntegers: false };

  constructor(path = ':memory:', options: DatabaseOptions = {}) {
    this.name = path;
    this.memory = path === ':memory:' || path === '';
    let storage: Storage;
    let file: string;
    if (this.memory) {
      storage = new MemoryStorage();
      file = 'memory.db';
    } else {
      const abs = resolve(path);
      storage = new NodeSyncStorage(dirname(abs));
      file = basename(abs);
    }
    this.conn = Connection.openSync(storage, file, options.readonly === true ? { readonly: true } : {});
    warmCompatOnce(() => new Database(':memory:'));
  }

  get open(): boolean {
    return this.isOpen;
  }

  get inTransaction(): boolean {
    return this.conn.inTransaction;
  }

  prepare(sql: string): Statement {
    this.checkOpen();
    const stmt = this.conn.prepare(sql);
    if (stmt === null) throw new RangeError('The supplied SQL string contains no statements');
    return new Statement(stmt, sql, this.shared);
  }

  exec(sql: string): this {
    this.checkOpen();
    this.conn.exec(sql);
    return this;
  }

  /** Default for statements prepared later. */
  defaultSafeIntegers(toggle = true): this {
    this.shared.defaultSafeIntegers = toggle;
    return this;
  }

  close(): this {
    if (this.isOpen) {
      this.isOpen = false;
      this.conn.closeSync();
    }
    return this;
  }

  private checkOpen(): void {
    if (!this.isOpen) throw new TypeError('The database connection is not open');
  }
}

export { SqliteError };
