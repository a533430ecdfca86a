/**
 * The calls of the Storage/DbFile interface by name, and the SQLite I/O error code each one
 * reports when a backend call fails for a reason of its own (not "disk full" or "read-only",
 * which backends map first). Shared by every backend so they report failures alike.
 */
import type { ErrorCodeName } from '../errors.js';

export type StorageCall = 'open' | 'read' | 'write' | 'sync' | 'truncate' | 'size' | 'delete' | 'exists' | 'close';

const IOERR_OF: Record<Exclude<StorageCall, 'open'>, ErrorCodeName> = {
  read: 'SQLITE_IOERR_READ',
  write: 'SQLITE_IOERR_WRITE',
  sync: 'SQLITE_IOERR_FSYNC',
  truncate: 'SQLITE_IOERR_TRUNCATE',
  size: 'SQLITE_IOERR_FSTAT',
  delete: 'SQLITE_IOERR_DELETE',
  exists: 'SQLITE_IOERR',
  close: 'SQLITE_IOERR',
};

/** SQLITE_CANTOPEN for `open`, else the call's SQLITE_IOERR_* code. */
export function ioErrorCodeFor(call: StorageCall): ErrorCodeName {
  return call === 'open' ? 'SQLITE_CANTOPEN' : IOERR_OF[call];
}
