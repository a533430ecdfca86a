/**
 * A thin facade over pager + B-tree for tests, the web worker and acceptance tests: open a
 * database, run read and write transactions, create and drop tables and indexes, open
 * cursors, check integrity. It does not parse SQL; `sql` strings are stored as given.
 *
 * Every B-tree call is one restartable operation; `run` drives it to the end (awaiting
 * pending I/O and re-running it) and trims the page cache afterwards, the only point where
 * clean pages may be evicted. Cursors belong to the transaction they were opened in.
 */
import { SqliteError } from '../errors.js';
import { runAsync, runSync } from '../io/driver.js';
import type { Storage } from '../io/file.js';
import { Pager } from '../pager/pager.js';
import type { PagerOptions } from '../pager/pager-open.js';
import { BtreeContext } from './btree-context.js';
import { IndexCursor } from './index-cursor.js';
import { IntegrityChecker, type TreeToCheck } from './integrity-check.js';
import type { KeyInfo } from './key-compare.js';
import {
  deleteSchemaEntry,
  nextSchemaRowid,
  readSchemaEntries,
  SCHEMA_ROOT_PGNO,
  writeSchemaEntry,
  type SchemaEntry,
} from './schema-table.js';
import { TableCursor } from './table-cursor.js';
import { bumpSchemaCookie, clearTree, createTree } from './tree-writer.js';

const DEFAULT_KEY_INFO: KeyInfo = { collations: [], desc: [] };

export interface IntegrityCheckOptions {
  /** Stop after this many messages (default 100). */
  maxErrors?: number;
  /** The ordering of an index (or WITHOUT ROWID table); null skips its key-order checks. */
  keyInfoFor?: (entry: SchemaEntry) => KeyInfo | null | undefined;
}

export class BtreeDatabase {
  readonly ctx: BtreeContext;

  constructor(readonly pager: Pager) {
    this.ctx = new BtreeContext(pager);
  }

  static async open(storage: Storage, name: string, options: PagerOptions = {}): Promise<BtreeDatabase> {
    return new BtreeDatabase(await Pager.open(storage, name, options));
  }

  static openSync(storage: Storage, name: string, options: PagerOptions = {}): BtreeDatabase {
    return new BtreeDatabase(Pager.openSync(storage, name, options));
  }

  /** Runs one restartable operation to the end, then trims the cache. */
  async run<T>(op: () => T): Promise<T> {
    const result = await runAsync(op);
    this.pager.trim();
    return result;
  }

  /** As `run`, for synchronous storage (SQLITE_MISUSE if anything pends). */
  runSync<T>(op: () => T): T {
    const result = runSync(op);
    this.pager.trim();
    return result;
  }

  async read<T>(fn: () => T | Promise<T>): Promise<T> {
    this.pager.beginRead();
    try {
      return await fn();
    } finally {
      this.ctx.invalidateCursors();
      this.pager.endRead();
    }
  }

  /** Runs `fn` in a write transaction: committed when it returns, rolled back if it throws. */
  async write<T>(fn: () => T | Promise<T>): Promise<T> {
    this.pager.beginWrite();
    let result: T;
    try {
      result = await fn();
      this.ctx.invalidateCursors();
      await this.run(() => this.pager.commit());
    } catch (e) {
      this.ctx.invalidateCursors();
      if (this.pager.inWriteTransaction) this.pager.rollback();
      throw e;
    }
    return result;
  }

  tableCursor(rootPgno: number): TableCursor {
    return new TableCursor(this.ctx, rootPgno);
  }

  indexCursor(rootPgno: number, keyInfo: KeyInfo = DEFAULT_KEY_INFO): IndexCursor {
    return new IndexCursor(this.ctx, rootPgno, keyInfo);
  }

  /** The rows of sqlite_schema (inside a transaction). */
  schema(): Promise<SchemaEntry[]> {
    return this.run(() => readSchemaEntries(this.ctx));
  }

  /** Creates a table B-tree and its schema row; returns the root page. Inside `write`. */
  createTable(name: string, sql: string): Promise<number> {
    return this.createObject('table', name, name, sql, true);
  }

  /** Creates an index B-tree on `tblName` and its schema row; returns the root page. */
  createIndex(name: string, tblName: string, sql: string | null): Promise<number> {
    return this.createObject('index', name, tblName, sql, false);
  }

  private async createObject(type: 'table' | 'index', name: string, tblName: string, sql: string | null, isTable: boolean): Promise<number> {
    const existing = await this.schema();
    if (existing.some((e) => e.name.toLowerCase() === name.toLowerCase())) {
      throw new SqliteError('SQLITE_ERROR', `${type} ${name} already exists`);
    }
    const root = await this.run(() => createTree(this.ctx, isTable));
    const rowid = await this.run(() => nextSchemaRowid(this.ctx));
    await this.run(() => writeSchemaEntry(this.ctx, rowid, type, name, tblName, root, sql));
    await this.run(() => bumpSchemaCookie(this.ctx));
    return root;
  }

  /** Drops a table with its indexes and triggers (their trees freed, rows deleted). */
  async dropTable(name: string): Promise<void> {
    const entries = await this.schema();
    const lower = name.toLowerCase();
    const table = entries.find((e) => e.type === 'table' && e.name.toLowerCase() === lower);
    if (table === undefined) throw new SqliteError('SQLITE_ERROR', `no such table: ${name}`);
    for (const e of entries) {
      if (e.tblName.toLowerCase() === lower && e !== table) await this.dropEntry(e);
    }
    await this.dropEntry(table);
    await this.run(() => bumpSchemaCookie(this.ctx));
  }

  async dropIndex(name: string): Promise<void> {
    const entries = await this.schema();
    const index = entries.find((e) => e.type === 'index' && e.name.toLowerCase() === name.toLowerCase());
    if (index === undefined) throw new SqliteError('SQLITE_ERROR', `no such index: ${name}`);
    await this.dropEntry(index);
    await this.run(() => bumpSchemaCookie(this.ctx));
  }

  private async dropEntry(e: SchemaEntry): Promise<void> {
    if (e.rootPage > 1) {
      this.ctx.invalidateTree(e.rootPage);
      await this.run(() => clearTree(this.ctx, e.rootPage, isRowidTable(e), false));
    }
    await this.run(() => deleteSchemaEntry(this.ctx, e.rowid));
  }

  /** Deletes every row of the tree at `rootPgno` (DELETE without WHERE); the root stays. */
  clear(rootPgno: number, isTable: boolean): Promise<void> {
    this.ctx.invalidateTree(rootPgno);
    return this.run(() => clearTree(this.ctx, rootPgno, isTable, true));
  }

  /**
   * PRAGMA integrity_check at the B-tree level: [] when all is well. Index key order is
   * checked with `options.keyInfoFor(entry)` when given (null: skip); otherwise for indexes
   * whose ordering is plain BINARY ascending (no COLLATE or DESC in their SQL or their
   * table's), the only ones this layer can order without the SQL layer.
   */
  async integrityCheck(options: IntegrityCheckOptions = {}): Promise<string[]> {
    const maxErrors = options.maxErrors ?? 100;
    return this.read(async () => {
      let entries: SchemaEntry[];
      try {
        entries = await this.schema();
      } catch (e) {
        if (e instanceof SqliteError) return [`sqlite_schema: ${e.message}`];
        throw e;
      }
      const byName = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
      const trees: TreeToCheck[] = [{ rootPgno: SCHEMA_ROOT_PGNO, isTable: true, keyInfo: null }];
      for (const e of entries) {
        if (e.rootPage <= 0 || (e.type !== 'table' && e.type !== 'index')) continue;
        const isTable = isRowidTable(e);
        const table = byName.get(e.tblName.toLowerCase());
        const plain = !isTable && e.type === 'index' && !/\b(collate|desc)\b/i.test(e.sql ?? '') &&
          !/\bcollate\b/i.test(table?.sql ?? '');
        const given = options.keyInfoFor?.(e);
        const keyInfo = given !== undefined ? given : plain ? DEFAULT_KEY_INFO : null;
        trees.push({ rootPgno: e.rootPage, isTable, keyInfo: isTable ? null : keyInfo });
      }
      const checker = new IntegrityChecker(this.pager, trees, maxErrors);
      return this.run(() => checker.run());
    });
  }

  async close(): Promise<void> {
    this.ctx.invalidateCursors();
    await runAsync(() => this.pager.close());
  }
}

/** Whether a schema entry's tree is a table B-tree (a rowid table, not WITHOUT ROWID). */
export function isRowidTable(e: SchemaEntry): boolean {
  return e.type === 'table' && !/\bwithout\s+rowid\b/i.test(e.sql ?? '');
}
