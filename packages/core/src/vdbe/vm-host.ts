/**
 * What the VM needs from the connection running it: the B-tree context, and the transaction
 * and schema hooks behind Transaction, Halt, AutoCommit, SetCookie and ParseSchema. Keeping
 * them behind this interface leaves the VM free of connection state (autocommit, statement
 * savepoints), which lives in engine/.
 *
 * Each hook is restartable like an opcode: if it throws IoPending it has changed nothing
 * visible (or, for commit, it resumes its own procedure when called again).
 */
import type { BtreeContext } from '../btree/btree-context.js';
import type { SqlValue } from '../format/sql-value.js';
import type { TextEncoding } from '../format/text-codec.js';
import type { Vm } from './vm.js';

export interface VmHost {
  readonly ctx: BtreeContext;
  readonly textEncoding: TextEncoding;
  /** Transaction opcode: make sure a read or write transaction is open for `vm`. */
  beginTransaction(vm: Vm, write: boolean): void;
  /** Halt without error: end the statement (commits in autocommit mode). */
  halt(vm: Vm): void;
  /** AutoCommit opcode: BEGIN, COMMIT or ROLLBACK. */
  autoCommit(vm: Vm, begin: boolean, rollback: boolean): void;
  /** The schema changed in this transaction: reload it before compiling anything else. */
  schemaChanged(): void;
  /** Savepoint opcode: SAVEPOINT (op 0), RELEASE (1) or ROLLBACK TO (2) `name`. */
  savepoint(vm: Vm, op: number, name: string): void;
  /** PragmaFlag opcode: a connection setting's value, after setting it when `value` is given. */
  pragmaFlag(name: string, value: SqlValue | undefined): SqlValue;
}
