/**
 * Opcode bodies for the planner's seeks: index seeks and bound checks in both directions
 * (over B-tree index cursors and automatic indexes), rowid range seeks, Prev, and the
 * automatic index's build opcodes. Each returns the next pc.
 *
 * I/O contract: every B-tree call here is made before any register is written, and a seek
 * re-run from the start repositions from scratch, so an IoPending leaves nothing half done.
 */
import { compareKeyToRecord, compareValues } from '../btree/key-compare.js';
import type { SeekOp } from '../btree/seek-op.js';
import { SqlReal, type SqlValue } from '../format/sql-value.js';
import type { TextEncoding } from '../format/text-codec.js';
import { AutoIndexCursor } from './auto-index.js';
import { IndexVdbeCursor, TableVdbeCursor } from './btree-cursors.js';
import { Op } from './opcodes.js';
import type { Instruction, P4 } from './program.js';

/** The VM state these bodies use (Vm's public fields). */
export interface SeekVm {
  readonly regs: SqlValue[];
  readonly cursors: unknown[];
}

const SEEK_OPS: Record<number, 'ge' | 'gt' | 'le' | 'lt'> = {
  [Op.SeekGE]: 'ge',
  [Op.SeekGT]: 'gt',
  [Op.SeekLE]: 'le',
  [Op.SeekLT]: 'lt',
};

/** P5 of RowidSeek / RowidCmpJump: which comparison. */
export const ROWID_GE = 0;
export const ROWID_GT = 1;
export const ROWID_LE = 2;
export const ROWID_LT = 3;
const ROWID_OPS: readonly SeekOp[] = ['ge', 'gt', 'le', 'lt'];

function keyOf(vm: SeekVm, ins: Instruction): SqlValue[] {
  return vm.regs.slice(ins.p3, ins.p3 + ins.p5);
}

/** SeekGE/GT/LE/LT: cursor P1 to the first (last, for LE/LT) entry past key r[P3..]; else jump P2. */
export function execIndexSeek(vm: SeekVm, ins: Instruction, pc: number): number {
  const op = SEEK_OPS[ins.opcode]!;
  const c = vm.cursors[ins.p1];
  const key = keyOf(vm, ins);
  let ok: boolean;
  if (c instanceof AutoIndexCursor) ok = c.seek(key, op);
  else {
    const ic = c as IndexVdbeCursor;
    ok = ic.cursor.seek(key, op);
    ic.moved();
  }
  return ok ? pc + 1 : ins.p2;
}

/** IdxGT/GE/LT/LE: jump P2 if the current entry's key prefix compares so against r[P3..]. */
export function execIndexCompare(vm: SeekVm, ins: Instruction, pc: number, enc: TextEncoding): number {
  const c = vm.cursors[ins.p1];
  const key = keyOf(vm, ins);
  let d: number; // entry relative to key
  if (c instanceof AutoIndexCursor) d = c.compareCurrent(key);
  else {
    const ic = c as IndexVdbeCursor;
    const entry = ic.cursor.key();
    d = -compareKeyToRecord(key, entry, 0, entry.length, ic.cursor.keyInfo, enc);
  }
  let jump: boolean;
  switch (ins.opcode) {
    case Op.IdxGT: jump = d > 0; break;
    case Op.IdxGE: jump = d >= 0; break;
    case Op.IdxLT: jump = d < 0; break;
    default: jump = d <= 0;
  }
  return jump ? ins.p2 : pc + 1;
}

/** Prev: cursor P1 back one entry; jump P2 if there is one. */
export function execPrev(vm: SeekVm, ins: Instruction, pc: number): number {
  const c = vm.cursors[ins.p1];
  let ok: boolean;
  if (c instanceof TableVdbeCursor || c instanceof IndexVdbeCursor) {
    ok = c.cursor.prev();
    c.moved();
  } else ok = (c as AutoIndexCursor).prev();
  return ok ? ins.p2 : pc + 1;
}

/** A rowid bound that is not an integer, as an integer bound with the same meaning. */
function integralBound(v: SqlValue, op: SeekOp): { kind: 'none' } | { kind: 'all' } | { kind: 'at'; rowid: number | bigint; op: SeekOp } {
  if (v === null) return { kind: 'none' };
  if (typeof v === 'bigint') return { kind: 'at', rowid: v, op };
  if (typeof v === 'string' || v instanceof Uint8Array) {
    // TEXT and BLOB sort after every number: no rowid is >= them, every rowid is < them.
    return op === 'ge' || op === 'gt' ? { kind: 'none' } : { kind: 'all' };
  }
  const r = v instanceof SqlReal ? v.value : v;
  if (Number.isNaN(r)) return { kind: 'none' };
  if (r >= 2 ** 63) return op === 'ge' || op === 'gt' ? { kind: 'none' } : { kind: 'all' };
  if (r < -(2 ** 63)) return op === 'ge' || op === 'gt' ? { kind: 'all' } : { kind: 'none' };
  if (Number.isInteger(r)) return { kind: 'at', rowid: Number.isSafeInteger(r) ? r : BigInt(r), op };
  // x >= 2.5 is x >= 3, x > 2.5 is x > 2, x <= 2.5 is x <= 2, x < 2.5 is x < 3.
  const up = op === 'ge' || op === 'lt';
  const n = up ? Math.ceil(r) : Math.floor(r);
  return { kind: 'at', rowid: Number.isSafeInteger(n) ? n : BigInt(n), op };
}

/** RowidSeek: table cursor P1 to the first (GE/GT) or last (LE/LT, P5) row bounded by r[P3]; else jump P2. */
export function execRowidSeek(vm: SeekVm, ins: Instruction, pc: number): number {
  const c = vm.cursors[ins.p1] as TableVdbeCursor;
  const op = ROWID_OPS[ins.p5]!;
  const b = integralBound(vm.regs[ins.p3]!, op);
  let ok: boolean;
  if (b.kind === 'none') ok = false;
  else if (b.kind === 'all') ok = op === 'ge' || op === 'gt' ? c.cursor.first() : c.cursor.last();
  else ok = c.cursor.seekOp(b.rowid, b.op);
  c.moved();
  return ok ? pc + 1 : ins.p2;
}

/** RowidCmpJump: jump P2 if rowid(P1) compared with r[P3] satisfies P5 (GE/GT/LE/LT). */
export function execRowidCmpJump(vm: SeekVm, ins: Instruction, pc: number): number {
  const c = vm.cursors[ins.p1] as TableVdbeCursor;
  const d = compareValues(c.cursor.rowid(), vm.regs[ins.p3]!);
  let jump: boolean;
  switch (ins.p5) {
    case ROWID_GE: jump = d >= 0; break;
    case ROWID_GT: jump = d > 0; break;
    case ROWID_LE: jump = d <= 0; break;
    default: jump = d < 0;
  }
  return jump ? ins.p2 : pc + 1;
}

/** AutoIdxOpen: cursor P1 = an empty automatic index keyed on its first P2 columns (P4 KeyInfo). */
export function execAutoIdxOpen(vm: SeekVm, ins: Instruction): void {
  vm.cursors[ins.p1] = new AutoIndexCursor(ins.p2, (ins.p4 as Extract<P4, { kind: 'keyInfo' }>).keyInfo);
}

/** AutoIdxInsert: append row r[P2 .. P2+P3-1] to automatic index P1. */
export function execAutoIdxInsert(vm: SeekVm, ins: Instruction): void {
  (vm.cursors[ins.p1] as AutoIndexCursor).insert(vm.regs.slice(ins.p2, ins.p2 + ins.p3));
}
