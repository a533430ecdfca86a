/**
 * OPFS failures (DOMExceptions, by `name`) to SqliteErrors. The original error is kept as
 * `cause`.
 *
 *   DOMException name              open              delete            file calls
 *   -----------------------------  ----------------  ----------------  --------------------
 *   QuotaExceededError             SQLITE_FULL       SQLITE_FULL       SQLITE_FULL
 *   NoModificationAllowedError     SQLITE_BUSY       SQLITE_BUSY       SQLITE_IOERR_<call>
 *   anything else                  SQLITE_CANTOPEN   SQLITE_IOERR_...  SQLITE_IOERR_<call>
 *
 * NoModificationAllowedError means another sync access handle holds the file: another tab or
 * worker has the database open. That is SQLite's "database is locked", and retrying can work.
 */
import { ioErrorCodeFor, SqliteError, type ErrorCodeName, type StorageCall } from '@minnow/core';

export type OpfsCall = StorageCall;

export function domErrorName(e: unknown): string | undefined {
  const name = (e as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}

export function opfsError(e: unknown, call: OpfsCall): SqliteError {
  if (e instanceof SqliteError) return e;
  const name = domErrorName(e);
  let code: ErrorCodeName;
  if (name === 'QuotaExceededError') code = 'SQLITE_FULL';
  else if (name === 'NoModificationAllowedError' && (call === 'open' || call === 'delete')) code = 'SQLITE_BUSY';
  else code = ioErrorCodeFor(call);
  const err = new SqliteError(code);
  err.cause = e;
  return err;
}
