/**
 * ProgramBuilder: emits instructions, allocates registers, cursors and aggregate slots, and
 * resolves forward jumps through labels.
 *
 * A label is a negative number handed out by `newLabel()`; a jump operand holding a label is
 * patched to the label's address when the program is finished. Every program has SQLite's
 * shape:
 *
 *   0      Init       -> prologue
 *   1..    body
 *          Halt
 *   prologue: Transaction (if the body touches the database), then Goto 1
 */
import { assert } from '../assert.js';
import type { ErrorCodeName } from '../errors.js';
import type { SqlValue } from '../format/sql-value.js';
import { Op } from '../vdbe/opcodes.js';
import type { Instruction, P4, Program } from '../vdbe/program.js';

/** Opcodes whose P2 is a jump target. */
const JUMPS_P2 = new Set<number>([
  Op.Init, Op.Goto, Op.Gosub, Op.Rewind, Op.Last, Op.Next, Op.SorterSort, Op.SorterNext,
  Op.Eq, Op.Ne, Op.Lt, Op.Le, Op.Gt, Op.Ge, Op.If, Op.IfNot, Op.IsNull, Op.NotNull,
  Op.SeekRowid, Op.NotExists, Op.SeekGE, Op.IdxGT, Op.NoConflict, Op.Found, Op.NotFound,
  Op.MustBeInt, Op.DecrJumpZero, Op.IfPos, Op.Once,
  // planner seeks
  Op.SeekGT, Op.SeekLE, Op.SeekLT, Op.IdxGE, Op.IdxLT, Op.IdxLE, Op.Prev, Op.RowidSeek, Op.RowidCmpJump,
  Op.InitCoroutine, Op.QueuePop,
  Op.IdxFound,
  Op.EphFound,
]);

export class ProgramBuilder {
  readonly code: Instruction[] = [];
  private readonly labels: number[] = [];
  private regCount = 0;
  private cursorCount = 0;
  private aggCount = 0;
  /** Whether the program reads (0), or writes (1) the database; null: no transaction. */
  transaction: 0 | 1 | null = null;
  transactionControl = false;
  /** See Program.failsOnlyBeforeWriting. */
  failsOnlyBeforeWriting = false;
  /** EXPLAIN QUERY PLAN lines, in the order the planner chose the loops. */
  readonly queryPlan: string[] = [];

  constructor() {
    this.emit(Op.Init, 0, this.newLabel());
  }

  emit(opcode: number, p1 = 0, p2 = 0, p3 = 0, p4: P4 | null = null, p5 = 0, comment = ''): number {
    this.code.push({ opcode, p1, p2, p3, p4, p5, comment });
    return this.code.length - 1;
  }

  emitValue(opcode: number, value: SqlValue, target: number): number {
    return this.emit(opcode, 0, target, 0, { kind: 'value', value });
  }

  emitError(code: ErrorCodeName, message: string, opcode: number = Op.Halt, p3 = 0): number {
    return this.emit(opcode, opcode === Op.Halt ? 1 : 0, 0, p3, { kind: 'error', code, message });
  }

  get addr(): number {
    return this.code.length;
  }

  newLabel(): number {
    this.labels.push(-1);
    return -this.labels.length;
  }

  /** Binds `label` to the next instruction's address. */
  resolve(label: number): void {
    assert(label < 0 && this.labels[-label - 1] === -1, 'label resolved twice');
    this.labels[-label - 1] = this.code.length;
  }

  reg(n = 1): number {
    const first = this.regCount + 1;
    this.regCount += n;
    return first;
  }

  cursor(): number {
    return this.cursorCount++;
  }

  aggSlot(): number {
    return this.aggCount++;
  }

  needTransaction(write: boolean): void {
    const level = write ? 1 : 0;
    if (this.transaction === null || this.transaction < level) this.transaction = level;
  }

  private target(v: number): number {
    if (v >= 0) return v;
    const addr = this.labels[-v - 1];
    assert(addr !== undefined && addr >= 0, 'jump to an unresolved label');
    return addr;
  }

  finish(columnNames: readonly string[], paramNames: readonly (string | null)[]): Program {
    this.emit(Op.Halt);
    this.resolve(-1);
    if (this.transaction !== null) this.emit(Op.Transaction, 0, this.transaction);
    this.emit(Op.Goto, 0, 1);
    for (const ins of this.code) {
      if (ins.opcode === Op.Jump) {
        ins.p1 = this.target(ins.p1);
        ins.p2 = this.target(ins.p2);
        ins.p3 = this.target(ins.p3);
      } else if (JUMPS_P2.has(ins.opcode) && ins.p2 < 0) {
        ins.p2 = this.target(ins.p2);
      }
    }
    return {
      instructions: this.code,
      registerCount: this.regCount,
      cursorCount: this.cursorCount,
      aggregateCount: this.aggCount,
      columnNames,
      paramNames,
      writes: this.transaction === 1,
      transactionControl: this.transactionControl,
      failsOnlyBeforeWriting: this.failsOnlyBeforeWriting,
      queryPlan: this.queryPlan,
    };
  }
}
