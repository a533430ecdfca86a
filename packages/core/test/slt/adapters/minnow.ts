/**
 * PLACEHOLDER: the Minnow engine adapter. Minnow's SQL layer (parser -> compile -> vdbe) has
 * not landed yet, so `open()` throws and every record of every file counts as failed.
 *
 * When it lands, implement SltSession over Minnow's statement API:
 *   exec(sql)   run each statement of `sql` in turn (like sqlite3_exec); convert a thrown
 *               SqliteError into SltSqlError; let any other exception through (a crash).
 *   query(sql)  prepare the first statement (SqliteError -> SltSqlError), step it, collect
 *               rows as SqlValue[]; if stepping throws a SqliteError, return the rows so far
 *               with `error` set.
 *   close()     close the connection.
 * on a fresh in-memory database per `open()`.
 */
import type { SltEngine } from '../engine.js';

export const MINNOW_NOT_IMPLEMENTED = 'the minnow engine adapter is not implemented yet (Minnow has no SQL engine to run)';

export function createMinnowEngine(): SltEngine {
  return {
    name: 'minnow',
    open() {
      throw new Error(MINNOW_NOT_IMPLEMENTED);
    },
  };
}
