/**
 * The bytecode interpreter. `step()` runs the program until it produces a row ('row'),
 * finishes ('done'), or stops for I/O ('io').
 *
 * The I/O contract (docs/ARCHITECTURE.md): every opcode either completes, or throws IoPending
 * before it has changed any register, cursor or the program counter. B-tree calls are
 * restartable and the opcodes below call them before writing results; `step` catches the
 * IoPending, keeps `pc` on the interrupted opcode, exposes the completion (`pendingIo`) and
 * returns 'io'; the driver awaits it and calls `step` again, which re-runs that opcode.
 *
 * Hot-loop discipline: no closures or per-row allocations in the dispatch beyond the values
 * themselves; the program counter lives in a local and is written back when the loop exits.
 *
 * Case labels are number literals (`case 13`, the opcode named in a comment), not `case
 * Op.Column`: V8 compiles a switch over small-integer literals to a jump table, but `Op.X`
 * labels to a chain of comparisons tried in order, which cost the scans 10-17%.
 * `vm-dispatch.test.ts` checks every literal against its opcode's number.
 */
import { IndexCursor } from '../btree/index-cursor.js';
import type { KeyInfo } from '../btree/key-compare.js';
import { TableCursor } from '../btree/table-cursor.js';
import { clearTree, bumpSchemaCookie, createTree } from '../btree/tree-writer.js';
import { assert } from '../assert.js';
import { SqliteError } from '../errors.js';
import type { Completion } from '../io/completion.js';
import { isIoPending } from '../io/io-pending.js';
import { encodeRecordRange } from '../format/record.js';
import { realValue, type SqlValue } from '../format/sql-value.js';
import { applyAffinity } from './affinity.js';
import { arith, bitNot, bitOp, BIT_AND, BIT_OR, OP_ADD, OP_DIV, OP_MUL, OP_REM, OP_SUB, SHIFT_LEFT, SHIFT_RIGHT, truth } from './arith.js';
import { IndexVdbeCursor, SpareCursors, TableVdbeCursor } from './btree-cursors.js';
import { castValue } from './cast.js';
import { compareWithAffinity } from './compare.js';
import type { AggregateState } from './functions/function-def.js';
import type { CoroutineCursor, EphemeralTable } from './query-cursors.js';
import { execQueryOp, queryNext, queryNullRow, queryRewind } from './query-ops.js';
import { compareKeyValues, EphemeralIndex, SorterCursor } from './memory-cursors.js';
import { CMP_AFF_MASK, CMP_JUMPIFNULL, CMP_NULLEQ, CMP_STOREP2, Op, OPEN_P2_IS_REG, OPFLAG_LASTROWID, OPFLAG_NCHANGE } from './opcodes.js';
import type { Instruction, P4, Program } from './program.js';
import { valueToText } from './value-text.js';
import type { VmHost } from './vm-host.js';
import type { AutoIndexCursor } from './auto-index.js';
import { execAutoIdxInsert, execAutoIdxOpen, execIndexCompare, execIndexSeek, execPrev, execRowidCmpJump, execRowidSeek } from './vm-seek.js';
import { mustBeInt, seekRowidValue } from './vm-values.js';
import type { PseudoRowCursor } from './pseudo-cursor.js';
import { execSchemaOp } from './vm-schema-ops.js';

export type StepResult = 'row' | 'done' | 'io';
export type VdbeCursor = TableVdbeCursor | IndexVdbeCursor | SorterCursor | EphemeralIndex | AutoIndexCursor | EphemeralTable | CoroutineCursor | PseudoRowCursor;

const MAX_ROWID = 0x7fffffffffffffffn;

export class Vm {
  readonly regs: SqlValue[];
  readonly cursors: (VdbeCursor | null)[];
  private readonly aggs: (AggregateState | null)[];
  /**
   * The last finished state of each aggregate slot, kept only so that one instance of each
   * state class stays alive between runs: V8 holds an object's hidden classes (built by
   * transitions from its constructor) weakly, so when every instance dies a full GC drops them
   * and the next run's states get new ones, deoptimizing everything that saw the old.
   */
  private readonly retiredAggs: (AggregateState | null)[];
  private readonly aggSeen: (EphemeralIndex | null)[];
  private readonly once: Uint8Array;
  private readonly code: readonly Instruction[];
  pc = 0;
  halted = false;
  /** Set while step() returned 'io'. */
  pendingIo: Completion<unknown> | null = null;
  params: SqlValue[] = [];
  /** Rows changed by this run (Insert/Delete with OPFLAG_NCHANGE). */
  changes = 0;
  lastInsertRowid: number | bigint | null = null;
  private resultStart = 0;
  private resultCount = 0;
  private cmp = 0;
  /** State of restartable multi-step opcodes (IntegrityCheck), by address. */
  private readonly opState = new Map<number, unknown>();
  /** Conflict action of the error Halt that ended the run (0: none; see haltWithError). */
  errorAction = 0;
  private readonly spareCursors = new SpareCursors();
  /** Opaque per-run state the host keeps (statement savepoint, transaction ownership). */
  hostState: unknown = null;

  constructor(
    readonly program: Program,
    private readonly host: VmHost,
  ) {
    this.code = program.instructions;
    this.regs = new Array<SqlValue>(program.registerCount + 1).fill(null);
    this.cursors = new Array<VdbeCursor | null>(program.cursorCount).fill(null);
    this.aggs = new Array<AggregateState | null>(program.aggregateCount).fill(null);
    this.retiredAggs = new Array<AggregateState | null>(program.aggregateCount).fill(null);
    this.aggSeen = new Array<EphemeralIndex | null>(program.aggregateCount).fill(null);
    this.once = new Uint8Array(this.code.length);
  }

  /** The current result row's values (valid until the next step). */
  row(): SqlValue[] {
    return this.regs.slice(this.resultStart, this.resultStart + this.resultCount);
  }

  column(i: number): SqlValue {
    assert(i >= 0 && i < this.resultCount, 'result column out of range');
    return this.regs[this.resultStart + i]!;
  }

  /** Back to the start, cursors closed (bindings kept). */
  reset(): void {
    this.closeCursors();
    this.pc = 0;
    this.halted = false;
    this.pendingIo = null;
    this.changes = 0;
    this.lastInsertRowid = null;
    this.regs.fill(null);
    this.aggs.fill(null);
    this.aggSeen.fill(null);
    this.once.fill(0);
    this.hostState = null;
    this.errorAction = 0;
    // Map.clear allocates a new table even when empty: skip it on the common path.
    if (this.opState.size > 0) this.opState.clear();
  }

  closeCursors(): void {
    for (let i = 0; i < this.cursors.length; i++) {
      const c = this.cursors[i];
      if (c instanceof TableVdbeCursor || c instanceof IndexVdbeCursor) {
        c.cursor.close();
        this.spareCursors.put(i, c);
      } else if (c instanceof SorterCursor) {
        this.spareCursors.put(i, c);
      }
      this.cursors[i] = null;
    }
  }

  /** Forget decoded rows: pages may have been trimmed between steps. */
  private invalidateRowCaches(): void {
    for (const c of this.cursors) if (c instanceof TableVdbeCursor || c instanceof IndexVdbeCursor) c.cached = false;
  }

  step(): StepResult {
    if (this.halted) return 'done';
    this.pendingIo = null;
    this.invalidateRowCaches();
    try {
      return this.run();
    } catch (e) {
      if (isIoPending(e)) {
        this.pendingIo = e.completion;
        return 'io';
      }
      this.halted = true;
      throw e;
    }
  }

  private run(): StepResult {
    const code = this.code;
    const regs = this.regs;
    let pc = this.pc;
    try {
      for (;;) {
        const ins = code[pc]!;
        switch (ins.opcode) {
          case 0 /* Op.Init */:
          case 1 /* Op.Goto */:
            pc = ins.p2;
            break;
          case 2 /* Op.Gosub */:
            regs[ins.p1] = pc + 1;
            pc = ins.p2;
            break;
          case 3 /* Op.Return */:
            pc = regs[ins.p1] as number;
            break;
          case 4 /* Op.Halt */:
            if (ins.p1 !== 0) this.haltWithError(ins);
            this.host.halt(this);
            this.halted = true;
            this.closeCursors();
            return 'done';
          case 88 /* Op.HaltIfNull */:
            if (regs[ins.p3] === null) this.haltWithError(ins);
            pc++;
            break;
          case 5 /* Op.Transaction */:
            this.host.beginTransaction(this, ins.p2 !== 0);
            pc++;
            break;
          case 82 /* Op.AutoCommit */:
            this.host.autoCommit(this, ins.p1 === 0, ins.p2 === 1);
            pc++;
            break;
          case 6 /* Op.OpenRead */:
          case 7 /* Op.OpenWrite */:
            this.openBtree(ins);
            pc++;
            break;
          case 8 /* Op.OpenEphemeral */:
            this.cursors[ins.p1] = new EphemeralIndex((ins.p4 as Extract<P4, { kind: 'keyInfo' }>).keyInfo);
            pc++;
            break;
          case 9 /* Op.SorterOpen */:
            this.cursors[ins.p1] = this.spareCursors.takeSorter(ins.p1, ins.p2, (ins.p4 as Extract<P4, { kind: 'keyInfo' }>).keyInfo) ??
              new SorterCursor(ins.p2, (ins.p4 as Extract<P4, { kind: 'keyInfo' }>).keyInfo);
            pc++;
            break;
          case 86 /* Op.ResetSorter */:
            (this.cursors[ins.p1] as SorterCursor | EphemeralIndex).reset();
            pc++;
            break;
          case 10 /* Op.Close */: {
            const c = this.cursors[ins.p1];
            if (c instanceof TableVdbeCursor || c instanceof IndexVdbeCursor) c.cursor.close();
            this.cursors[ins.p1] = null;
            pc++;
            break;
          }
          case 11 /* Op.Rewind */:
          case 87 /* Op.Last */: {
            const q = queryRewind(this.cursors[ins.p1], pc, ins.p2);
            pc = q >= 0 ? q : this.rewind(ins, ins.opcode === Op.Last) ? pc + 1 : ins.p2;
            break;
          }
          case 12 /* Op.Next */: {
            // B-tree cursors first: scans and joins step them once per row.
            const c = this.cursors[ins.p1];
            if (c instanceof TableVdbeCursor || c instanceof IndexVdbeCursor) {
              const ok = c.cursor.next();
              c.moved();
              pc = ok ? ins.p2 : pc + 1;
              break;
            }
            const q = queryNext(c, pc, ins.p2);
            pc = q >= 0 ? q : this.next(ins.p1) ? ins.p2 : pc + 1;
            break;
          }
          case 70 /* Op.SorterSort */:
            pc = (this.cursors[ins.p1] as SorterCursor).sort() ? pc + 1 : ins.p2;
            break;
          case 71 /* Op.SorterNext */:
            pc = (this.cursors[ins.p1] as SorterCursor).next() ? ins.p2 : pc + 1;
            break;
          case 13 /* Op.Column */: {
            // Table rows first, read in place: the most frequent opcode of every scan.
            const c = this.cursors[ins.p1];
            if (c instanceof TableVdbeCursor) regs[ins.p3] = c.column(ins.p2, ins.p4 === null ? null : (ins.p4 as Extract<P4, { kind: 'value' }>).value);
            else if (c instanceof SorterCursor) {
              const row = c.current;
              regs[ins.p3] = row === undefined ? null : (row[ins.p2] ?? null);
            } else regs[ins.p3] = this.columnOf(ins);
            pc++;
            break;
          }
          case 90 /* Op.RealAffinity */: {
            const v = regs[ins.p1]!;
            if (typeof v === 'number' ? Number.isInteger(v) : typeof v === 'bigint') regs[ins.p1] = realValue(Number(v));
            pc++;
            break;
          }
          case 14 /* Op.Rowid */:
          case 62 /* Op.IdxRowid */: {
            const c = this.cursors[ins.p1]!;
            if (c instanceof TableVdbeCursor) regs[ins.p2] = c.nullRow ? null : c.cursor.rowid();
            else regs[ins.p2] = (c as IndexVdbeCursor).nullRow ? null : (c as IndexVdbeCursor).rowid();
            pc++;
            break;
          }
          case 15 /* Op.NullRow */: {
            const c = this.cursors[ins.p1];
            if (c instanceof TableVdbeCursor || c instanceof IndexVdbeCursor) c.nullRow = true;
            else queryNullRow(c);
            pc++;
            break;
          }
          case 16 /* Op.ResultRow */:
            this.resultStart = ins.p1;
            this.resultCount = ins.p2;
            pc++;
            return 'row';
          case 17 /* Op.Integer */:
            regs[ins.p2] = ins.p4 === null ? ins.p1 : (ins.p4 as Extract<P4, { kind: 'value' }>).value;
            pc++;
            break;
          case 18 /* Op.Real */:
          case 19 /* Op.String8 */:
          case 21 /* Op.Blob */:
            regs[ins.p2] = (ins.p4 as Extract<P4, { kind: 'value' }>).value;
            pc++;
            break;
          case 20 /* Op.Null */:
            for (let r = ins.p2, end = Math.max(ins.p2, ins.p3); r <= end; r++) regs[r] = null;
            pc++;
            break;
          case 22 /* Op.Variable */:
            regs[ins.p2] = this.params[ins.p1] ?? null;
            pc++;
            break;
          case 23 /* Op.Copy */:
            for (let i = 0; i <= ins.p3; i++) regs[ins.p2 + i] = regs[ins.p1 + i]!;
            pc++;
            break;
          case 24 /* Op.SCopy */:
            regs[ins.p2] = regs[ins.p1]!;
            pc++;
            break;
          case 25 /* Op.Add */:
            regs[ins.p3] = arith(OP_ADD, regs[ins.p2]!, regs[ins.p1]!);
            pc++;
            break;
          case 26 /* Op.Subtract */:
            regs[ins.p3] = arith(OP_SUB, regs[ins.p2]!, regs[ins.p1]!);
            pc++;
            break;
          case 27 /* Op.Multiply */:
            regs[ins.p3] = arith(OP_MUL, regs[ins.p2]!, regs[ins.p1]!);
            pc++;
            break;
          case 28 /* Op.Divide */:
            regs[ins.p3] = arith(OP_DIV, regs[ins.p2]!, regs[ins.p1]!);
            pc++;
            break;
          case 29 /* Op.Remainder */:
            regs[ins.p3] = arith(OP_REM, regs[ins.p2]!, regs[ins.p1]!);
            pc++;
            break;
          case 30 /* Op.Concat */: {
            const a = regs[ins.p2]!;
            const b = regs[ins.p1]!;
            regs[ins.p3] = a === null || b === null ? null : valueToText(a)! + valueToText(b)!;
            pc++;
            break;
          }
          case 31 /* Op.BitAnd */:
            regs[ins.p3] = bitOp(BIT_AND, regs[ins.p1]!, regs[ins.p2]!);
            pc++;
            break;
          case 32 /* Op.BitOr */:
            regs[ins.p3] = bitOp(BIT_OR, regs[ins.p1]!, regs[ins.p2]!);
            pc++;
            break;
          case 33 /* Op.ShiftLeft */:
            regs[ins.p3] = bitOp(SHIFT_LEFT, regs[ins.p2]!, regs[ins.p1]!);
            pc++;
            break;
          case 34 /* Op.ShiftRight */:
            regs[ins.p3] = bitOp(SHIFT_RIGHT, regs[ins.p2]!, regs[ins.p1]!);
            pc++;
            break;
          case 35 /* Op.BitNot */:
            regs[ins.p2] = bitNot(regs[ins.p1]!);
            pc++;
            break;
          case 36 /* Op.Eq */:
          case 37 /* Op.Ne */:
          case 38 /* Op.Lt */:
          case 39 /* Op.Le */:
          case 40 /* Op.Gt */:
          case 41 /* Op.Ge */:
            pc = this.compare(ins, pc);
            break;
          case 42 /* Op.If */:
          case 43 /* Op.IfNot */: {
            const t = truth(regs[ins.p1]!);
            const jump = t === null ? ins.p3 !== 0 : ins.opcode === Op.If ? t : !t;
            pc = jump ? ins.p2 : pc + 1;
            break;
          }
          case 44 /* Op.IsNull */:
            pc = regs[ins.p1] === null ? ins.p2 : pc + 1;
            break;
          case 45 /* Op.NotNull */:
            pc = regs[ins.p1] !== null ? ins.p2 : pc + 1;
            break;
          case 46 /* Op.Not */: {
            const t = truth(regs[ins.p1]!);
            regs[ins.p2] = t === null ? null : t ? 0 : 1;
            pc++;
            break;
          }
          case 84 /* Op.IsTrue */: {
            const t = truth(regs[ins.p1]!);
            const mode = ins.p3;
            // IS TRUE / IS FALSE are false for NULL; their negations true.
            const v = mode === 0 ? t === true : mode === 1 ? t === false : mode === 2 ? t !== true : t !== false;
            regs[ins.p2] = v ? 1 : 0;
            pc++;
            break;
          }
          case 47 /* Op.And */:
          case 48 /* Op.Or */: {
            const a = truth(regs[ins.p1]!);
            const b = truth(regs[ins.p2]!);
            let v: boolean | null;
            if (ins.opcode === Op.And) v = a === false || b === false ? false : a === null || b === null ? null : true;
            else v = a === true || b === true ? true : a === null || b === null ? null : false;
            regs[ins.p3] = v === null ? null : v ? 1 : 0;
            pc++;
            break;
          }
          case 49 /* Op.Function */: {
            const p4 = ins.p4 as Extract<P4, { kind: 'func' }>;
            regs[ins.p3] = p4.func.call(regs, ins.p2, ins.p5, p4);
            pc++;
            break;
          }
          case 50 /* Op.AggStep */:
            this.aggStep(ins);
            pc++;
            break;
          case 51 /* Op.AggFinal */: {
            const p4 = ins.p4 as Extract<P4, { kind: 'agg' }>;
            const state = this.aggs[ins.p1] ?? p4.func.create();
            this.retiredAggs[ins.p1] = state;
            regs[ins.p2] = state.final();
            this.aggs[ins.p1] = null;
            this.aggSeen[ins.p1] = null;
            pc++;
            break;
          }
          case 89 /* Op.AggReset */:
            this.aggs[ins.p1] = null;
            this.aggSeen[ins.p1] = null;
            pc++;
            break;
          case 52 /* Op.MakeRecord */:
            regs[ins.p3] = encodeRecordRange(regs, ins.p1, ins.p2, this.host.textEncoding);
            pc++;
            break;
          case 53 /* Op.NewRowid */:
            regs[ins.p2] = this.newRowid(ins.p1);
            pc++;
            break;
          case 54 /* Op.Insert */: {
            const c = this.cursors[ins.p1] as TableVdbeCursor;
            const rowid = regs[ins.p3] as number | bigint;
            c.cursor.insert(rowid, regs[ins.p2] as Uint8Array);
            c.moved();
            if ((ins.p5 & OPFLAG_NCHANGE) !== 0) this.changes++;
            if ((ins.p5 & OPFLAG_LASTROWID) !== 0) this.lastInsertRowid = rowid;
            pc++;
            break;
          }
          case 55 /* Op.Delete */: {
            const c = this.cursors[ins.p1] as TableVdbeCursor | IndexVdbeCursor;
            c.cursor.delete();
            c.moved();
            if ((ins.p5 & OPFLAG_NCHANGE) !== 0) this.changes++;
            pc++;
            break;
          }
          case 56 /* Op.IdxInsert */: {
            const c = this.cursors[ins.p1]!;
            if (c instanceof EphemeralIndex) c.insert(regs.slice(ins.p2, ins.p2 + ins.p3));
            else {
              (c as IndexVdbeCursor).cursor.insert(regs[ins.p2] as Uint8Array);
              (c as IndexVdbeCursor).moved();
            }
            pc++;
            break;
          }
          case 57 /* Op.IdxDelete */: {
            const c = this.cursors[ins.p1] as IndexVdbeCursor;
            if (c.cursor.seek(c.searchKey(regs, ins.p2, ins.p3), 'eq')) c.cursor.delete();
            c.moved();
            pc++;
            break;
          }
          case 58 /* Op.SeekRowid */:
          case 59 /* Op.NotExists */: {
            const c = this.cursors[ins.p1] as TableVdbeCursor;
            const rowid = seekRowidValue(regs[ins.p3]!);
            const found = rowid !== null && c.cursor.seek(rowid) === 0;
            c.moved();
            pc = found ? pc + 1 : ins.p2;
            break;
          }
          case 60 /* Op.SeekGE */:
            pc = execIndexSeek(this, ins, pc);
            break;
          case 61 /* Op.IdxGT */:
            pc = execIndexCompare(this, ins, pc, this.host.textEncoding);
            break;
          case 63 /* Op.NoConflict */: {
            const c = this.cursors[ins.p1] as IndexVdbeCursor;
            let anyNull = false;
            for (let i = 0; i < ins.p5; i++) if (regs[ins.p3 + i] === null) anyNull = true;
            const conflict = !anyNull && c.cursor.seek(c.searchKey(regs, ins.p3, ins.p5), 'eq');
            c.moved();
            pc = conflict ? pc + 1 : ins.p2;
            break;
          }
          case 74 /* Op.Found */:
          case 75 /* Op.NotFound */: {
            const c = this.cursors[ins.p1] as EphemeralIndex;
            const has = c.has(regs.slice(ins.p3, ins.p3 + ins.p5));
            pc = has === (ins.opcode === Op.Found) ? ins.p2 : pc + 1;
            break;
          }
          case 69 /* Op.SorterInsert */:
            (this.cursors[ins.p1] as SorterCursor).insert(regs.slice(ins.p2, ins.p2 + ins.p3));
            pc++;
            break;
          case 72 /* Op.Compare */:
            this.cmp = this.compareRegs(ins);
            pc++;
            break;
          case 73 /* Op.Jump */:
            pc = this.cmp < 0 ? ins.p1 : this.cmp === 0 ? ins.p2 : ins.p3;
            break;
          case 64 /* Op.Affinity */: {
            const affs = (ins.p4 as Extract<P4, { kind: 'affinity' }>).affinities;
            for (let i = 0; i < ins.p2; i++) regs[ins.p1 + i] = applyAffinity(regs[ins.p1 + i]!, affs[i]!);
            pc++;
            break;
          }
          case 65 /* Op.Cast */:
            regs[ins.p1] = castValue(regs[ins.p1]!, ins.p2);
            pc++;
            break;
          case 66 /* Op.MustBeInt */: {
            const v = mustBeInt(regs[ins.p1]!);
            if (v === null) {
              if (ins.p2 !== 0) {
                pc = ins.p2;
                break;
              }
              throw new SqliteError('SQLITE_MISMATCH', 'datatype mismatch');
            }
            regs[ins.p1] = v;
            pc++;
            break;
          }
          case 67 /* Op.DecrJumpZero */: {
            const v = (regs[ins.p1] as number) - 1;
            regs[ins.p1] = v;
            pc = v === 0 ? ins.p2 : pc + 1;
            break;
          }
          case 68 /* Op.IfPos */: {
            const v = regs[ins.p1] as number;
            if (v > 0) {
              regs[ins.p1] = v - ins.p3;
              pc = ins.p2;
            } else pc++;
            break;
          }
          case 81 /* Op.Once */:
            if (this.once[pc] !== 0) pc = ins.p2;
            else {
              this.once[pc] = 1;
              pc++;
            }
            break;
          case 76 /* Op.CreateBtree */:
            regs[ins.p2] = createTree(this.host.ctx, ins.p3 === 1);
            pc++;
            break;
          case 77 /* Op.SetCookie */:
            bumpSchemaCookie(this.host.ctx);
            pc++;
            break;
          case 78 /* Op.ParseSchema */:
            this.host.schemaChanged();
            pc++;
            break;
          case 79 /* Op.Destroy */:
          case 80 /* Op.Clear */: {
            const keep = ins.opcode === Op.Clear;
            this.host.ctx.invalidateTree(ins.p1);
            clearTree(this.host.ctx, ins.p1, ins.p2 === 1, keep);
            pc++;
            break;
          }
          case 83 /* Op.Noop */:
            pc++;
            break;
          // ---- planner seeks (vm-seek.ts) ----
          case 100 /* Op.AutoIdxOpen */:
            execAutoIdxOpen(this, ins);
            pc++;
            break;
          case 101 /* Op.AutoIdxInsert */:
            execAutoIdxInsert(this, ins);
            pc++;
            break;
          case 102 /* Op.SeekGT */:
          case 103 /* Op.SeekLE */:
          case 104 /* Op.SeekLT */:
            pc = execIndexSeek(this, ins, pc);
            break;
          case 105 /* Op.IdxGE */:
          case 106 /* Op.IdxLT */:
          case 107 /* Op.IdxLE */:
            pc = execIndexCompare(this, ins, pc, this.host.textEncoding);
            break;
          case 108 /* Op.Prev */:
            pc = execPrev(this, ins, pc);
            break;
          case 109 /* Op.RowidSeek */:
            pc = execRowidSeek(this, ins, pc);
            break;
          case 110 /* Op.RowidCmpJump */:
            pc = execRowidCmpJump(this, ins, pc);
            break;
          case 140 /* Op.OpenEphTable */:
          case 141 /* Op.EphAppend */:
          case 142 /* Op.InitCoroutine */:
          case 143 /* Op.Yield */:
          case 144 /* Op.EndCoroutine */:
          case 145 /* Op.QueuePop */:
          case 146 /* Op.Window */:
          case 148 /* Op.EphUpsert */:
          case 149 /* Op.EphFound */:
            pc = execQueryOp(this, ins, pc);
            break;
          // Schema, PRAGMA and savepoint opcodes (vm-schema-ops.ts): rare, kept out of the loop.
          case 180 /* Op.Savepoint */:
          case 181 /* Op.ReadHeader */:
          case 182 /* Op.WriteHeader */:
          case 183 /* Op.PragmaFlag */:
          case 184 /* Op.IntegrityCheck */:
          case 185 /* Op.IdxFound */:
          case 186 /* Op.OpenPseudo */:
          case 147 /* Op.TempView */:
            pc = execSchemaOp(this, this.host, this.opState, ins, pc);
            break;
          default:
            throw new SqliteError('SQLITE_INTERNAL', `unknown opcode ${ins.opcode}`);
        }
      }
    } finally {
      this.pc = pc;
    }
  }

  /**
   * An error Halt. P2 is the conflict action (constraint-checks.ts): FAIL (3) keeps the
   * statement's earlier changes, so the statement ends normally first (restartable: the host's
   * halt resumes a pending commit) and then reports the error; ROLLBACK (1) is left to the host.
   */
  private haltWithError(ins: Instruction): never {
    const p4 = ins.p4 as Extract<P4, { kind: 'error' }>;
    if (ins.p2 === 3) {
      this.host.halt(this);
      this.closeCursors();
    }
    this.errorAction = ins.p2;
    throw new SqliteError(p4.code, p4.message);
  }

  private openBtree(ins: Instruction): void {
    const root = (ins.p5 & OPEN_P2_IS_REG) !== 0 ? (this.regs[ins.p2] as number) : ins.p2;
    const old = this.cursors[ins.p1];
    if (old instanceof TableVdbeCursor || old instanceof IndexVdbeCursor) old.cursor.close();
    const ctx = this.host.ctx;
    const enc = this.host.textEncoding;
    if (ins.p4 !== null && ins.p4.kind === 'keyInfo') {
      const keyInfo = ins.p4.keyInfo;
      this.cursors[ins.p1] = this.spareCursors.takeIndex(ins.p1, ctx, root, keyInfo, enc) ?? new IndexVdbeCursor(new IndexCursor(ctx, root, keyInfo), enc);
    } else {
      this.cursors[ins.p1] = this.spareCursors.takeTable(ins.p1, ctx, root, enc) ?? new TableVdbeCursor(new TableCursor(ctx, root), enc);
    }
  }

  private rewind(ins: Instruction, last: boolean): boolean {
    const c = this.cursors[ins.p1]!;
    if (c instanceof TableVdbeCursor || c instanceof IndexVdbeCursor) {
      const ok = last ? c.cursor.last() : c.cursor.first();
      c.moved();
      return ok;
    }
    if (c instanceof EphemeralIndex) return c.first();
    return (c as SorterCursor).sort();
  }

  private next(p1: number): boolean {
    const c = this.cursors[p1]!;
    if (c instanceof TableVdbeCursor || c instanceof IndexVdbeCursor) {
      const ok = c.cursor.next();
      c.moved();
      return ok;
    }
    return c.next();
  }

  private columnOf(ins: Instruction): SqlValue {
    const c = this.cursors[ins.p1]!;
    if (c instanceof TableVdbeCursor) {
      const dflt = ins.p4 === null ? null : (ins.p4 as Extract<P4, { kind: 'value' }>).value;
      return c.column(ins.p2, dflt);
    }
    if (c instanceof IndexVdbeCursor) return c.column(ins.p2);
    const row = c.current;
    return row === undefined ? null : (row[ins.p2] ?? null);
  }

  private compare(ins: Instruction, pc: number): number {
    const a = this.regs[ins.p3]!;
    const b = this.regs[ins.p1]!;
    const flags = ins.p5;
    let res: number | null;
    if (a === null || b === null) {
      res = (flags & CMP_NULLEQ) !== 0 ? (a === null && b === null ? 0 : 1) : null;
    } else {
      const coll = ins.p4 === null ? undefined : (ins.p4 as Extract<P4, { kind: 'coll' }>).coll;
      res = compareWithAffinity(a, b, flags & CMP_AFF_MASK, coll);
    }
    let t: boolean | null;
    if (res === null) t = null;
    else {
      switch (ins.opcode) {
        case 36 /* Op.Eq */: t = res === 0; break;
        case 37 /* Op.Ne */: t = res !== 0; break;
        case 38 /* Op.Lt */: t = res < 0; break;
        case 39 /* Op.Le */: t = res <= 0; break;
        case 40 /* Op.Gt */: t = res > 0; break;
        default: t = res >= 0;
      }
    }
    if ((flags & CMP_STOREP2) !== 0) {
      this.regs[ins.p2] = t === null ? null : t ? 1 : 0;
      return pc + 1;
    }
    return t === true || (t === null && (flags & CMP_JUMPIFNULL) !== 0) ? ins.p2 : pc + 1;
  }

  private compareRegs(ins: Instruction): number {
    const keyInfo: KeyInfo = (ins.p4 as Extract<P4, { kind: 'keyInfo' }>).keyInfo;
    for (let i = 0; i < ins.p3; i++) {
      let d = compareKeyValues(this.regs[ins.p1 + i]!, this.regs[ins.p2 + i]!, keyInfo.collations[i]);
      if (d !== 0) {
        if (keyInfo.desc[i] === true) d = -d;
        return d;
      }
    }
    return 0;
  }

  private aggStep(ins: Instruction): void {
    const p4 = ins.p4 as Extract<P4, { kind: 'agg' }>;
    if (p4.distinct) {
      const v = this.regs[ins.p2]!;
      let seen = this.aggSeen[ins.p3];
      if (seen == null) {
        seen = new EphemeralIndex({ collations: [p4.coll], desc: [] });
        this.aggSeen[ins.p3] = seen;
      }
      if (seen.has([v])) return;
      seen.insert([v]);
    }
    let state = this.aggs[ins.p3];
    if (state == null) {
      state = p4.func.create();
      this.aggs[ins.p3] = state;
    }
    state.step(this.regs, ins.p2, ins.p5, p4);
  }

  private newRowid(p1: number): number | bigint {
    const c = this.cursors[p1] as TableVdbeCursor;
    const ok = c.cursor.last();
    c.moved();
    if (!ok) return 1;
    const last = c.cursor.rowid();
    if (typeof last === 'number') return last < Number.MAX_SAFE_INTEGER ? last + 1 : BigInt(last) + 1n;
    if (last >= MAX_ROWID) throw new SqliteError('SQLITE_FULL');
    return last + 1n;
  }
}
