/**
 * Picks the storage for a database: OPFS (sync access handles; dedicated workers only), else
 * IndexedDB (private browsing, older engines), else memory; `auto` says which it chose.
 * One storage object per kind per worker, so every connection of the worker shares its
 * open-file registry (OPFS grants one sync access handle per file).
 */
import { MemoryStorage, SqliteError, type Storage } from '@minnow/core';
import { IdbStorage } from '../storage/idb-storage.js';
import { OpfsStorage } from '../storage/opfs-storage.js';
import type { StorageKind } from './wire-types.js';

export type StorageChoice = StorageKind | 'auto';

/** The OPFS directory and the IndexedDB database-name prefix Minnow's databases live under. */
export const OPFS_DIRECTORY = 'minnow';
export const IDB_PREFIX = 'minnow:';

let opfs: Promise<OpfsStorage> | null = null;
const idb = new Map<string, IdbStorage>();
const memory = new MemoryStorage();

export function opfsAvailable(): boolean {
  return typeof (globalThis as { FileSystemSyncAccessHandle?: unknown }).FileSystemSyncAccessHandle === 'function' &&
    typeof navigator !== 'undefined' && typeof navigator.storage?.getDirectory === 'function';
}

export function idbAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

/** The storage of one kind holding database `name` (IndexedDB: one IDB database per name). */
export async function storageFor(kind: StorageKind, name: string): Promise<Storage> {
  switch (kind) {
    case 'opfs': {
      if (!opfsAvailable()) throw new SqliteError('SQLITE_CANTOPEN', 'unable to open database file: this browser has no OPFS sync access handles');
      opfs ??= OpfsStorage.at([OPFS_DIRECTORY]);
      try {
        return await opfs;
      } catch (e) {
        opfs = null;
        const err = new SqliteError('SQLITE_CANTOPEN', `unable to open database file: OPFS is not usable here (${String(e)})`);
        err.cause = e;
        throw err;
      }
    }
    case 'idb': {
      if (!idbAvailable()) throw new SqliteError('SQLITE_CANTOPEN', 'unable to open database file: this browser has no IndexedDB');
      let s = idb.get(name);
      if (s === undefined) {
        s = new IdbStorage(IDB_PREFIX + name);
        idb.set(name, s);
      }
      return s;
    }
    case 'memory':
      return memory;
  }
}

/** The kinds to try for a choice, best first. */
export function candidates(choice: StorageChoice): StorageKind[] {
  if (choice !== 'auto') return [choice];
  const out: StorageKind[] = [];
  if (opfsAvailable()) out.push('opfs');
  if (idbAvailable()) out.push('idb');
  out.push('memory');
  return out;
}
