/**
 * Drivers: run a restartable operation to the end, re-running it each time it stops on
 * IoPending. The operation must be restartable: when it throws IoPending it has made no visible
 * change (it may have warmed caches).
 *
 * - `runSync` is for synchronous backends (memory, sync fs, OPFS sync access handles): no
 *   promise, no allocation; an IoPending there is an API misuse.
 * - `runAsync` awaits each pending completion and retries.
 * - `drive` returns the value directly when nothing pended, else a promise: the fast path of a
 *   synchronous backend under an async API costs no await per page.
 */
import { SqliteError } from '../errors.js';
import { isIoPending } from './io-pending.js';

/** Upper bound on restarts of one operation: each restart must make progress (a page arrives). */
export const MAX_RESTARTS = 1_000_000;

export function runSync<T>(op: () => T): T {
  try {
    return op();
  } catch (e) {
    if (isIoPending(e)) {
      throw new SqliteError('SQLITE_MISUSE', 'asynchronous I/O pending in a synchronous call; use the async API');
    }
    throw e;
  }
}

export async function runAsync<T>(op: () => T): Promise<T> {
  for (let restarts = 0; restarts < MAX_RESTARTS; restarts++) {
    try {
      return op();
    } catch (e) {
      if (!isIoPending(e)) throw e;
      await e.completion.wait();
    }
  }
  throw new SqliteError('SQLITE_INTERNAL', 'operation restarted too many times without finishing');
}

export function drive<T>(op: () => T): T | Promise<T> {
  try {
    return op();
  } catch (e) {
    if (!isIoPending(e)) throw e;
    return e.completion.wait().then(() => runAsync(op));
  }
}
