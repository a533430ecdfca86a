/**
 * RAISE(IGNORE | ROLLBACK | ABORT | FAIL, message) inside trigger programs. ABORT, FAIL and
 * ROLLBACK end the statement with SQLITE_CONSTRAINT_TRIGGER and the message, the Halt
 * carrying the action like a constraint conflict (constraint-checks.ts). IGNORE abandons the
 * trigger program and the row of the statement that fired it: it jumps to that row's end,
 * a label the trigger compiler registers here while it compiles the program.
 */
import { SqliteError } from '../errors.js';
import type { RaiseExpr } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';

const ignoreTargets = new WeakMap<ProgramBuilder, number[]>();

/** Runs `body` with `label` as the target of RAISE(IGNORE). */
export function withRaiseTarget(b: ProgramBuilder, label: number, body: () => void): void {
  let stack = ignoreTargets.get(b);
  if (stack === undefined) {
    stack = [];
    ignoreTargets.set(b, stack);
  }
  stack.push(label);
  try {
    body();
  } finally {
    stack.pop();
  }
}

export function emitRaise(b: ProgramBuilder, e: RaiseExpr, target: number): void {
  const stack = ignoreTargets.get(b);
  if (stack === undefined || stack.length === 0) throw new SqliteError('SQLITE_ERROR', 'RAISE() may only be used within a trigger-program');
  if (e.action === 'IGNORE') {
    b.emit(Op.Goto, 0, stack[stack.length - 1]!);
  } else {
    const addr = b.emitError('SQLITE_CONSTRAINT_TRIGGER', e.message ?? '');
    b.code[addr]!.p2 = e.action === 'ROLLBACK' ? 1 : e.action === 'FAIL' ? 3 : 2;
  }
  // RAISE has no value; the register is left NULL for the expression around it.
  b.emit(Op.Null, 0, target);
}
