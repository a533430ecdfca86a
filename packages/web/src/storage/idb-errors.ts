/**
 * IndexedDB failures (DOMExceptions, by `name`) to SqliteErrors; the original is kept as
 * `cause`. SqliteErrors (a corrupt record, say) pass through unchanged.
 *
 *   DOMException name     open              every other call
 *   --------------------  ----------------  ----------------------------------
 *   QuotaExceededError    SQLITE_FULL       SQLITE_FULL
 *   anything else         SQLITE_CANTOPEN   ioErrorCodeFor(call): SQLITE_IOERR_*
 *
 * A transaction aborted for lack of quota reports QuotaExceededError as its `error`, so a sync
 * that does not fit says SQLITE_FULL, and nothing of it was stored (the transaction is atomic).
 */
import { ioErrorCodeFor, SqliteError, type StorageCall } from '@minnow/core';

function errorName(e: unknown): string | undefined {
  const name = (e as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

export function idbError(e: unknown, call: StorageCall): SqliteError {
  if (e instanceof SqliteError) return e;
  const err = new SqliteError(errorName(e) === 'QuotaExceededError' ? 'SQLITE_FULL' : ioErrorCodeFor(call));
  err.cause = e;
  return err;
}
