/**
 * What the Window opcode computes (window-exec.ts), decided by the compiler (compile/window.ts).
 *
 * The rows of a query with window functions are buffered in an ephemeral table, one row per
 * input row: [partition and order keys of each window, the arguments of each call, captured
 * columns, one result slot per call]. Positions below index that row.
 */
import type { KeyInfo } from '../btree/key-compare.js';
import type { Collation } from '../btree/collation.js';
import type { AggregateDef } from './functions/function-def.js';

export type WindowBound =
  | { kind: 'unboundedPreceding' | 'currentRow' | 'unboundedFollowing' }
  /** `offsetReg`: register holding the evaluated offset. */
  | { kind: 'preceding' | 'following'; offsetReg: number };

export interface WindowFramePlan {
  readonly units: 'ROWS' | 'RANGE' | 'GROUPS';
  readonly start: WindowBound;
  readonly end: WindowBound;
  readonly exclude: 'NO OTHERS' | 'CURRENT ROW' | 'GROUP' | 'TIES';
}

export type WindowFuncKind =
  | 'row_number' | 'rank' | 'dense_rank' | 'percent_rank' | 'cume_dist' | 'ntile'
  | 'lag' | 'lead' | 'first_value' | 'last_value' | 'nth_value' | 'agg';

export interface WindowFuncPlan {
  readonly kind: WindowFuncKind;
  readonly name: string;
  readonly agg: AggregateDef | null;
  readonly coll: Collation;
  readonly distinct: boolean;
  readonly argStart: number;
  readonly argc: number;
  /** Column holding FILTER's value (-1: none). */
  readonly filterCol: number;
  readonly resultCol: number;
}

export interface WindowSpecPlan {
  readonly partCols: readonly number[];
  readonly partKeyInfo: KeyInfo;
  readonly orderCols: readonly number[];
  readonly orderKeyInfo: KeyInfo;
  /** RANGE with an offset: which order column holds the value (an is-NULL flag may lead). */
  readonly rangeKey: number;
  /** Where NULL values of that column sort: first or last. */
  readonly rangeNullsFirst: boolean;
  readonly frame: WindowFramePlan;
  readonly funcs: readonly WindowFuncPlan[];
}

export interface WindowPlan {
  readonly specs: readonly WindowSpecPlan[];
}
