/**
 * A compiled statement: the instruction array plus what the VM needs to run it (register and
 * cursor counts, aggregate slots, result column names, parameter names).
 *
 * P4 is the one operand that is not a number; its kinds:
 *
 *   kind       used by
 *   value      Real, String8, Blob, Column (default value)
 *   keyInfo    Open*, SorterOpen, Compare (collations and DESC flags per key column)
 *   func       Function, AggStep, AggFinal (the definition and the collation it sees)
 *   coll       comparisons (collating sequence)
 *   affinity   Affinity (one affinity code per register)
 *   error      Halt, HaltIfNull (code and message)
 *   table      Insert, Delete (name, for messages)
 *   window     Window (the window functions to compute, window-plan.ts)
 */
import type { Collation } from '../btree/collation.js';
import type { KeyInfo } from '../btree/key-compare.js';
import type { ErrorCodeName } from '../errors.js';
import type { SqlValue } from '../format/sql-value.js';
import type { AggregateDef, ScalarDef } from './functions/function-def.js';
import type { WindowPlan } from './window-plan.js';
import type { TreeToCheck } from '../btree/integrity-check.js';

export type P4 =
  | { kind: 'value'; value: SqlValue }
  | { kind: 'keyInfo'; keyInfo: KeyInfo }
  | { kind: 'func'; func: ScalarDef; coll: Collation; jsonArgs?: number }
  | { kind: 'agg'; func: AggregateDef; coll: Collation; distinct: boolean; jsonArgs?: number }
  | { kind: 'coll'; coll: Collation }
  | { kind: 'affinity'; affinities: readonly number[] }
  | { kind: 'error'; code: ErrorCodeName; message: string }
  | { kind: 'table'; name: string }
  | { kind: 'window'; plan: WindowPlan }
  | { kind: 'trees'; trees: readonly TreeToCheck[] };

export interface Instruction {
  opcode: number;
  p1: number;
  p2: number;
  p3: number;
  p4: P4 | null;
  p5: number;
  comment: string;
}

export interface Program {
  readonly instructions: readonly Instruction[];
  readonly registerCount: number;
  readonly cursorCount: number;
  readonly aggregateCount: number;
  readonly columnNames: readonly string[];
  /** Names of parameter slots 1..n (null: anonymous). */
  readonly paramNames: readonly (string | null)[];
  /** Whether running it writes (a write transaction). */
  readonly writes: boolean;
  /** Whether it is BEGIN/COMMIT/ROLLBACK (runs outside the statement transaction logic). */
  readonly transactionControl: boolean;
  /** A writer that can fail only before its first write: needs no statement savepoint (compile/statement-journal.ts). */
  readonly failsOnlyBeforeWriting?: boolean;
  /** EXPLAIN QUERY PLAN detail lines (SQLite's "SCAN t" / "SEARCH t USING INDEX i (a=?)"). */
  readonly queryPlan?: readonly string[];
}
