/**
 * changes(), total_changes() and last_insert_rowid(): they read counters the connection
 * keeps, so each connection gets its own registry with these bound to its counters
 * (FunctionRegistry.forConnection).
 */
import { OPFLAG_NCHANGE, Op } from '../opcodes.js';
import type { Program } from '../program.js';
import type { Vm } from '../vm.js';
import type { ScalarDef } from './function-def.js';

export class ConnectionCounters {
  /** Rowid of the most recent successful INSERT into a rowid table on this connection. */
  lastInsertRowid: number | bigint = 0;
  /** Rows changed by the most recently completed INSERT, UPDATE or DELETE. */
  changes = 0;
  /** Rows changed by every INSERT, UPDATE and DELETE since the connection opened. */
  totalChanges = 0;

  private readonly dml = new WeakMap<Program, boolean>();

  /** Records a statement that ran to completion. */
  statementDone(vm: Vm): void {
    if (vm.lastInsertRowid !== null) this.lastInsertRowid = vm.lastInsertRowid;
    if (this.isDml(vm.program)) {
      this.changes = vm.changes;
      this.totalChanges += vm.changes;
    }
  }

  /** DML programs count rows (OPFLAG_NCHANGE); DDL and queries leave changes() alone. */
  private isDml(p: Program): boolean {
    let known = this.dml.get(p);
    if (known === undefined) {
      known = p.instructions.some((ins) => (ins.opcode === Op.Insert || ins.opcode === Op.Delete) && (ins.p5 & OPFLAG_NCHANGE) !== 0);
      this.dml.set(p, known);
    }
    return known;
  }
}

export function connectionScalars(c: ConnectionCounters): ScalarDef[] {
  return [
    { name: 'changes', minArgs: 0, maxArgs: 0, deterministic: false, call: () => c.changes },
    { name: 'total_changes', minArgs: 0, maxArgs: 0, deterministic: false, call: () => c.totalChanges },
    { name: 'last_insert_rowid', minArgs: 0, maxArgs: 0, deterministic: false, call: () => c.lastInsertRowid },
  ];
}
