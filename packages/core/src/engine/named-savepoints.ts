/**
 * SAVEPOINT / RELEASE / ROLLBACK TO: the connection's stack of named savepoints, mapped onto
 * the pager's savepoint depths.
 *
 * A savepoint taken before the transaction has written anything has no pager savepoint yet
 * (the pager only has them inside a write transaction); it gets one when the write transaction
 * begins, which is the same state. SAVEPOINT outside a transaction starts one, and releasing
 * that outermost savepoint commits it, as in SQLite. Names match case-insensitively, the most
 * recent first.
 */
import { SqliteError } from '../errors.js';
import type { Pager } from '../pager/pager.js';

interface NamedSavepoint {
  readonly name: string;
  /** Pager savepoint depth, or null while the transaction has not begun writing. */
  depth: number | null;
}

export class NamedSavepoints {
  private readonly stack: NamedSavepoint[] = [];
  /** The transaction was opened by SAVEPOINT (its outermost RELEASE commits). */
  openedTransaction = false;

  constructor(private readonly pager: Pager) {}

  get size(): number {
    return this.stack.length;
  }

  clear(): void {
    this.stack.length = 0;
    this.openedTransaction = false;
  }

  push(name: string, startsTransaction: boolean): void {
    if (startsTransaction) this.openedTransaction = true;
    this.stack.push({ name, depth: this.pager.inWriteTransaction ? this.pager.openSavepoint() : null });
  }

  /** The write transaction just began: give the waiting savepoints their pager savepoints. */
  writeBegan(): void {
    for (const s of this.stack) if (s.depth === null) s.depth = this.pager.openSavepoint();
  }

  private find(name: string): number {
    const lower = name.toLowerCase();
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i]!.name.toLowerCase() === lower) return i;
    throw new SqliteError('SQLITE_ERROR', `no such savepoint: ${name}`);
  }

  /** RELEASE: returns true when the transaction should now commit. */
  release(name: string): boolean {
    const i = this.find(name);
    const depth = this.stack[i]!.depth;
    if (depth !== null && this.pager.inWriteTransaction) this.pager.releaseSavepoint(depth);
    this.stack.length = i;
    if (i === 0 && this.openedTransaction) {
      this.openedTransaction = false;
      return true;
    }
    return false;
  }

  /** ROLLBACK TO: undoes the changes since the savepoint, which stays; returns whether pages changed. */
  rollbackTo(name: string): boolean {
    const i = this.find(name);
    const depth = this.stack[i]!.depth;
    this.stack.length = i + 1;
    if (depth === null || !this.pager.inWriteTransaction) return false;
    this.pager.rollbackToSavepoint(depth);
    return true;
  }
}
