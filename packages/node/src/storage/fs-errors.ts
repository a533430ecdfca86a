/**
 * Node file-system errors (errno codes) to SqliteErrors. The message stays SQLite's own wording;
 * the Node error, with its path and errno, is kept as `cause` for debugging.
 *
 *   errno                              open               other calls
 *   ---------------------------------  -----------------  ---------------------------------
 *   ENOSPC, EDQUOT                     SQLITE_FULL        SQLITE_FULL
 *   EROFS, EACCES, EPERM               SQLITE_CANTOPEN    SQLITE_READONLY (write, truncate)
 *   anything else                      SQLITE_CANTOPEN    SQLITE_IOERR_<call>
 */
import { ioErrorCodeFor, SqliteError, type ErrorCodeName, type StorageCall } from '@minnow/core';

export type FsCall = StorageCall;

/** Codes that mean "no permission to change this file". */
export const PERMISSION_CODES: ReadonlySet<string> = new Set(['EROFS', 'EACCES', 'EPERM']);

export function errnoOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The SqliteError for a failed file-system call; a SqliteError passes through unchanged. */
export function fsError(e: unknown, call: FsCall): SqliteError {
  if (e instanceof SqliteError) return e;
  const errno = errnoOf(e);
  let code: ErrorCodeName;
  if (errno === 'ENOSPC' || errno === 'EDQUOT') code = 'SQLITE_FULL';
  else if ((call === 'write' || call === 'truncate') && errno !== undefined && PERMISSION_CODES.has(errno)) code = 'SQLITE_READONLY';
  else code = ioErrorCodeFor(call);
  const err = new SqliteError(code);
  err.cause = e;
  return err;
}
