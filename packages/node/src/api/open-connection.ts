/**
 * Opening an engine Connection for a path, the way the promise API, the shell and the MCP
 * server all do it: ':memory:' (or '') is a private in-memory database; anything else is a file
 * guarded by a `<db>-lock` file (file-lock.ts), over the asynchronous FileHandle backend by
 * default or the synchronous fs backend on request.
 */
import { basename, dirname, resolve } from 'node:path';
import { Connection, MemoryStorage, runAsync, type Storage } from '@minnow/core';
import { NodeAsyncStorage } from '../storage/node-async-storage.js';
import { NodeSyncStorage } from '../storage/node-sync-storage.js';
import { FileLock } from './file-lock.js';

export interface OpenOptions {
  /** Open read-only: writes fail with SQLITE_READONLY; a missing file is SQLITE_CANTOPEN. */
  readonly?: boolean;
  /** Fail with SQLITE_CANTOPEN instead of creating a missing file. */
  fileMustExist?: boolean;
  /** How long (ms) to wait for another connection's lock on the file before SQLITE_BUSY. Default 0. */
  timeout?: number;
  /** File backend: 'async' (FileHandle, default) or 'sync' (fs.*Sync). */
  backend?: 'async' | 'sync';
}

export interface OpenedConnection {
  readonly conn: Connection;
  readonly memory: boolean;
  readonly readonly: boolean;
  /** Absolute path of the file, null in memory. */
  readonly path: string | null;
  /** Closes the connection (checkpointing its WAL) and releases the file lock. */
  close(): Promise<void>;
}

export function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '';
}

export async function openConnection(path: string, options: OpenOptions = {}): Promise<OpenedConnection> {
  const readonly = options.readonly === true;
  if (isMemoryPath(path)) {
    const conn = await Connection.open(new MemoryStorage(), 'memory.db', {});
    return { conn, memory: true, readonly, path: null, close: () => conn.close() };
  }
  const abs = resolve(path);
  const lock = await FileLock.acquire(`${abs}-lock`, options.timeout ?? 0, readonly);
  let conn: Connection;
  try {
    const storage: Storage = options.backend === 'sync' ? new NodeSyncStorage(dirname(abs)) : new NodeAsyncStorage(dirname(abs));
    conn = await Connection.open(storage, basename(abs), { readonly, create: !readonly && options.fileMustExist !== true });
  } catch (e) {
    lock.release();
    throw e;
  }
  try {
    // Reading the schema now reports a damaged file at open and lets prepare() compile at once.
    await runAsync(() => conn.loadSchemaOp());
  } catch (e) {
    await conn.close().catch(() => undefined);
    lock.release();
    throw e;
  }
  let closed = false;
  return {
    conn,
    memory: false,
    readonly,
    path: abs,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await conn.close();
      } finally {
        lock.release();
      }
    },
  };
}
