/**
 * The bodies of the query-intermediate opcodes (OpenEphTable .. QueuePop, see opcodes.ts):
 * materialized subqueries, coroutines and recursive-CTE queues. None of them does I/O, so each
 * completes; the caller sets the program counter to the value returned.
 */
import { assert } from '../assert.js';
import type { SqlValue } from '../format/sql-value.js';
import { Op } from './opcodes.js';
import type { Instruction, P4 } from './program.js';
import { CoroutineCursor, EphemeralTable } from './query-cursors.js';
import { runWindows } from './window-exec.js';

/** What these opcodes need from the VM. */
export interface QueryOpState {
  readonly regs: SqlValue[];
  readonly cursors: unknown[];
}

export function execQueryOp(vm: QueryOpState, ins: Instruction, pc: number): number {
  const regs = vm.regs;
  switch (ins.opcode) {
    case Op.OpenEphTable: {
      const keyInfo = ins.p4 === null ? null : (ins.p4 as Extract<P4, { kind: 'keyInfo' }>).keyInfo;
      vm.cursors[ins.p1] = new EphemeralTable(ins.p2, keyInfo);
      return pc + 1;
    }
    case Op.EphAppend: {
      const t = vm.cursors[ins.p1];
      assert(t instanceof EphemeralTable, 'EphAppend on a cursor that is not an ephemeral table');
      t.insert(regs.slice(ins.p2, ins.p2 + ins.p3));
      return pc + 1;
    }
    case Op.EphUpsert: {
      const t = vm.cursors[ins.p1];
      assert(t instanceof EphemeralTable && t.keyInfo !== null, 'EphUpsert on a cursor that is not a keyed ephemeral table');
      t.upsert(regs.slice(ins.p2, ins.p2 + ins.p3), ins.p5);
      return pc + 1;
    }
    case Op.EphFound: {
      const t = vm.cursors[ins.p1];
      assert(t instanceof EphemeralTable && t.keyInfo !== null, 'EphFound on a cursor that is not a keyed ephemeral table');
      return t.has(regs.slice(ins.p3, ins.p3 + ins.p5)) ? ins.p2 : pc + 1;
    }
    case Op.InitCoroutine:
      vm.cursors[ins.p1] = new CoroutineCursor(ins.p2);
      return pc + 1;
    case Op.Yield: {
      const c = vm.cursors[ins.p1];
      assert(c instanceof CoroutineCursor, 'Yield outside a coroutine');
      c.row = regs.slice(ins.p2, ins.p2 + ins.p3);
      c.resumeAt = pc + 1;
      return c.onRow;
    }
    case Op.EndCoroutine: {
      const c = vm.cursors[ins.p1];
      assert(c instanceof CoroutineCursor, 'EndCoroutine outside a coroutine');
      c.row = undefined;
      c.resumeAt = pc; // a Next after the end finds the end again
      return c.onEnd;
    }
    case Op.QueuePop: {
      const q = vm.cursors[ins.p1];
      const target = vm.cursors[ins.p3];
      assert(q instanceof EphemeralTable && target instanceof EphemeralTable, 'QueuePop on the wrong cursors');
      const row = q.shift();
      if (row === undefined) return ins.p2;
      target.reset();
      // P5 leading columns are the queue's ordering keys, not part of the row.
      target.insert(ins.p5 === 0 ? row : row.slice(ins.p5));
      target.first();
      return pc + 1;
    }
    case Op.Window: {
      const t = vm.cursors[ins.p1];
      assert(t instanceof EphemeralTable, 'Window on a cursor that is not an ephemeral table');
      t.rows = runWindows(t.rows, (ins.p4 as Extract<P4, { kind: 'window' }>).plan, regs);
      return pc + 1;
    }
    default:
      throw new Error(`not a query opcode: ${ins.opcode}`);
  }
}

/** Rewind on a query cursor: the pc to continue at, or -1 when `c` is not one. */
export function queryRewind(c: unknown, pc: number, emptyTarget: number): number {
  if (c instanceof CoroutineCursor) return c.start(pc + 1, emptyTarget);
  if (c instanceof EphemeralTable) return c.first() ? pc + 1 : emptyTarget;
  return -1;
}

/** Next on a query cursor: the pc to continue at, or -1 when `c` is not one. */
export function queryNext(c: unknown, pc: number, rowTarget: number): number {
  if (c instanceof CoroutineCursor) return c.resume(rowTarget, pc + 1);
  if (c instanceof EphemeralTable) return c.next() ? rowTarget : pc + 1;
  return -1;
}

/** NullRow on a query cursor; false when `c` is not one. */
export function queryNullRow(c: unknown): boolean {
  if (c instanceof CoroutineCursor || c instanceof EphemeralTable) {
    c.nullRow = true;
    return true;
  }
  return false;
}
