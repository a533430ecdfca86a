/**
 * Opcode bodies the main loop rarely meets: savepoints, database-header fields, connection
 * settings (PRAGMA), the integrity check, index membership for constraint checks, pseudo
 * cursors over registers, and TEMP views. Kept here so vm.ts holds the hot loop.
 *
 * I/O contract: ReadHeader/WriteHeader and IdxFound make their storage call before writing any
 * register; IntegrityCheck keeps its restartable checker in `opState` (by address) across
 * IoPending re-runs and drops it when it completes.
 */
import { IntegrityChecker } from '../btree/integrity-check.js';
import { SqliteError } from '../errors.js';
import type { IndexVdbeCursor } from './btree-cursors.js';
import type { SorterCursor } from './memory-cursors.js';
import { Op } from './opcodes.js';
import { readHeaderField, writeHeaderField } from './pragma-ops.js';
import type { Instruction, P4 } from './program.js';
import { PseudoRowCursor } from './pseudo-cursor.js';
import { tempViewsOf } from './temp-views.js';
import type { Vm } from './vm.js';
import type { VmHost } from './vm-host.js';

function valueP4(ins: Instruction): string {
  return (ins.p4 as Extract<P4, { kind: 'value' }>).value as string;
}

/** Runs one of the opcodes above; returns the next pc. */
export function execSchemaOp(vm: Vm, host: VmHost, opState: Map<number, unknown>, ins: Instruction, pc: number): number {
  const regs = vm.regs;
  switch (ins.opcode) {
    case Op.Savepoint:
      host.savepoint(vm, ins.p1, valueP4(ins));
      return pc + 1;
    case Op.ReadHeader:
      regs[ins.p2] = readHeaderField(host.ctx.pager, ins.p3);
      return pc + 1;
    case Op.WriteHeader:
      writeHeaderField(host.ctx.pager, ins.p3, regs[ins.p1]!);
      return pc + 1;
    case Op.PragmaFlag:
      regs[ins.p2] = host.pragmaFlag(valueP4(ins), ins.p1 !== 0 ? regs[ins.p1]! : undefined);
      return pc + 1;
    case Op.IntegrityCheck: {
      let checker = opState.get(pc) as IntegrityChecker | undefined;
      if (checker === undefined) {
        checker = new IntegrityChecker(host.ctx.pager, (ins.p4 as Extract<P4, { kind: 'trees' }>).trees, ins.p3);
        opState.set(pc, checker);
      }
      const messages = checker.run();
      opState.delete(pc);
      for (const m of messages) (vm.cursors[ins.p1] as SorterCursor).insert([m]);
      return pc + 1;
    }
    case Op.OpenPseudo:
      vm.cursors[ins.p1] = new PseudoRowCursor(regs, ins.p2, ins.p3, ins.p5);
      return pc + 1;
    case Op.IdxFound: {
      const c = vm.cursors[ins.p1] as IndexVdbeCursor;
      const found = c.cursor.seek(regs.slice(ins.p3, ins.p3 + ins.p5), 'eq');
      c.moved();
      return found ? ins.p2 : pc + 1;
    }
    case Op.TempView: {
      const views = tempViewsOf(host.ctx);
      const name = valueP4(ins);
      if (ins.p1 === 1) views.set(name, regs[ins.p2] as string);
      else views.delete(name);
      return pc + 1;
    }
    default:
      throw new SqliteError('SQLITE_INTERNAL', `not a schema opcode: ${ins.opcode}`);
  }
}
