/**
 * Function definitions: what the Function, AggStep and AggFinal opcodes call.
 *
 * A scalar gets its arguments as a register window (`args[0 .. argc-1]` starting at `base`):
 * no array is built per call. An aggregate keeps its running state in an object it creates;
 * the VM keeps one per aggregate slot and resets it between groups.
 */
import type { Collation } from '../../btree/collation.js';
import type { SqlValue } from '../../format/sql-value.js';

export interface FunctionContext {
  /** The collating sequence in effect for the call (for min/max, instr and friends). */
  readonly coll: Collation;
  /** Bit i set: argument i is the result of a JSON function (SQLite's JSON subtype). */
  readonly jsonArgs?: number;
}

export interface ScalarDef {
  readonly name: string;
  /** Allowed argument counts: exact `minArgs..maxArgs` (maxArgs -1: any). */
  readonly minArgs: number;
  readonly maxArgs: number;
  /** False for random() and friends: never constant-folded or factored out of loops. */
  readonly deterministic: boolean;
  call(regs: SqlValue[], base: number, argc: number, ctx: FunctionContext): SqlValue;
  /** The result is JSON text (SQLite's JSON subtype): other JSON functions embed it as is. */
  readonly json?: boolean;
}

export interface AggregateState {
  step(regs: SqlValue[], base: number, argc: number, ctx: FunctionContext): void;
  final(): SqlValue;
}

export interface AggregateDef {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  create(): AggregateState;
  /** The result is JSON text (see ScalarDef.json). */
  readonly json?: boolean;
}
