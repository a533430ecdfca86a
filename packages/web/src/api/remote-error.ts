/** Errors from the worker become SqliteErrors again on the page, code and SQL offset kept. */
import { SqliteError, type ErrorCodeName } from '@minnow/core';
import type { Result, WireError } from '../worker/wire-types.js';

export function toSqliteError(e: WireError): SqliteError {
  const err = new SqliteError(e.code as ErrorCodeName, e.message);
  if (e.offset !== undefined) (err as SqliteError & { offset?: number }).offset = e.offset;
  return err;
}

/** The result's body, or its error thrown. */
export function unwrap<R extends Result>(r: R): Extract<R, { ok: true }> {
  if (!r.ok) throw toSqliteError(r.error);
  return r as Extract<R, { ok: true }>;
}
