/**
 * db.transaction(fn): a function that runs `fn` atomically.
 *
 * The whole transaction is one operation on the caller's queue, so no other call can slip in
 * between BEGIN and COMMIT; `fn`'s own calls run on a fresh queue scope (AsyncLocalStorage), in
 * order, and COMMIT waits for all of them, even ones `fn` did not await. Inside an enclosing
 * transaction (a transaction function, or a BEGIN the caller issued) it runs as a savepoint.
 */
import type { Database, QueueScope } from './database.js';
import { SerialQueue } from './serial-queue.js';

export type TransactionMode = 'deferred' | 'immediate' | 'exclusive';

export interface TransactionFunction<A extends unknown[], R> {
  (...args: A): Promise<R>;
  deferred(...args: A): Promise<R>;
  immediate(...args: A): Promise<R>;
  exclusive(...args: A): Promise<R>;
}

let savepointCounter = 0;

async function runIn<A extends unknown[], R>(db: Database, mode: TransactionMode, fn: (...args: A) => R | Promise<R>, args: A): Promise<R> {
  const parent = db.scopeNow();
  return parent.queue.run(async () => {
    const nested = db.inTransaction;
    const savepoint = `minnow_txn_${++savepointCounter}`;
    await runStatement(db, parent, nested ? `SAVEPOINT ${savepoint}` : `BEGIN ${mode.toUpperCase()}`);
    const scope: QueueScope = { queue: new SerialQueue(), active: true, parent };
    let result: R;
    try {
      result = await db.scopes.run(scope, async () => {
        const r = await fn(...args);
        await scope.queue.idle();
        return r;
      });
    } catch (e) {
      await scope.queue.idle().catch(() => undefined);
      scope.active = false;
      if (db.inTransaction) {
        await runStatement(db, parent, nested ? `ROLLBACK TO ${savepoint}` : 'ROLLBACK');
        if (nested) await runStatement(db, parent, `RELEASE ${savepoint}`);
      }
      throw e;
    }
    scope.active = false;
    await runStatement(db, parent, nested ? `RELEASE ${savepoint}` : 'COMMIT');
    return result;
  });
}

/** Runs one statement while already holding `parent`'s queue (not queued again). */
async function runStatement(db: Database, parent: QueueScope, sql: string): Promise<void> {
  // A scope of its own whose queue is idle: the statement runs immediately.
  const direct: QueueScope = { queue: new SerialQueue(), active: true, parent };
  try {
    await db.scopes.run(direct, () => db.exec(sql));
  } finally {
    direct.active = false;
  }
}

export function transactionFunction<A extends unknown[], R>(db: Database, fn: (...args: A) => R | Promise<R>): TransactionFunction<A, R> {
  const make = (mode: TransactionMode) => (...args: A): Promise<R> => runIn(db, mode, fn, args);
  const tx = make('deferred') as TransactionFunction<A, R>;
  tx.deferred = make('deferred');
  tx.immediate = make('immediate');
  tx.exclusive = make('exclusive');
  return tx;
}
