/**
 * Transaction control: BEGIN [DEFERRED|IMMEDIATE|EXCLUSIVE], COMMIT/END, ROLLBACK,
 * SAVEPOINT, RELEASE and ROLLBACK TO. These programs run outside the statement-transaction
 * logic (`transactionControl`); the connection does the work (AutoCommit, Savepoint opcodes).
 * IMMEDIATE and EXCLUSIVE open the write transaction at once.
 */
import type { BeginStmt, ReleaseStmt, RollbackStmt, SavepointStmt } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';

/** Savepoint opcode P1 values. */
export const SAVEPOINT_BEGIN = 0;
export const SAVEPOINT_RELEASE = 1;
export const SAVEPOINT_ROLLBACK = 2;

export function compileBegin(b: ProgramBuilder, stmt: BeginStmt): void {
  b.transactionControl = true;
  b.emit(Op.AutoCommit, 0, 0);
  if (stmt.mode === 'IMMEDIATE' || stmt.mode === 'EXCLUSIVE') b.emit(Op.Transaction, 0, 1);
}

export function compileRollback(b: ProgramBuilder, stmt: RollbackStmt): void {
  b.transactionControl = true;
  if (stmt.savepoint !== null) b.emit(Op.Savepoint, SAVEPOINT_ROLLBACK, 0, 0, { kind: 'value', value: stmt.savepoint });
  else b.emit(Op.AutoCommit, 1, 1);
}

export function compileSavepoint(b: ProgramBuilder, stmt: SavepointStmt | ReleaseStmt): void {
  b.transactionControl = true;
  b.emit(Op.Savepoint, stmt.kind === 'savepoint' ? SAVEPOINT_BEGIN : SAVEPOINT_RELEASE, 0, 0, { kind: 'value', value: stmt.name });
}
