/**
 * The Window opcode: computes every window function of a query over its buffered rows (an
 * ephemeral table; layout in window-plan.ts). For each window: order the rows by partition
 * then ORDER BY keys (stable), walk the partitions, find each row's peers (equal ORDER BY keys)
 * and frame, and write each call's value into the row's result slot. The rows end in the last
 * window's order. Aggregates over frames starting at UNBOUNDED PRECEDING run incrementally;
 * other frames are recomputed per row: simple, O(rows x frame).
 *
 * Runs in memory only, so it never pends.
 */
import { compareValues } from '../btree/key-compare.js';
import { SqliteError } from '../errors.js';
import { realValue, SqlReal, type SqlValue } from '../format/sql-value.js';
import { arith, OP_ADD, OP_SUB, truth } from './arith.js';
import type { FunctionContext } from './functions/function-def.js';
import { compareRows } from './memory-cursors.js';
import type { WindowBound, WindowFuncPlan, WindowPlan, WindowSpecPlan } from './window-plan.js';

type Row = SqlValue[];

function pick(row: Row, cols: readonly number[]): Row {
  return cols.map((c) => row[c]!);
}

export function runWindows(rows: Row[], plan: WindowPlan, regs: readonly SqlValue[]): Row[] {
  let ordered = rows;
  for (const spec of plan.specs) ordered = runSpec(ordered, spec, regs);
  return ordered;
}

function runSpec(rows: Row[], spec: WindowSpecPlan, regs: readonly SqlValue[]): Row[] {
  const keyed = rows.map((row) => ({ row, part: pick(row, spec.partCols), order: pick(row, spec.orderCols) }));
  keyed.sort((a, b) => compareRows(a.part, b.part, a.part.length, spec.partKeyInfo) || compareRows(a.order, b.order, a.order.length, spec.orderKeyInfo));
  let start = 0;
  while (start < keyed.length) {
    let end = start + 1;
    while (end < keyed.length && compareRows(keyed[start]!.part, keyed[end]!.part, spec.partCols.length, spec.partKeyInfo) === 0) end++;
    const part = keyed.slice(start, end);
    runPartition(part.map((k) => k.row), part.map((k) => k.order), spec, regs);
    start = end;
  }
  return keyed.map((k) => k.row);
}

/** A PRECEDING/FOLLOWING offset, checked as SQLite checks it (integer for ROWS/GROUPS). */
function offsetOf(b: WindowBound, units: 'ROWS' | 'RANGE' | 'GROUPS', which: 'starting' | 'ending', regs: readonly SqlValue[]): SqlValue {
  if (b.kind !== 'preceding' && b.kind !== 'following') return 0;
  const v = regs[b.offsetReg]!;
  const integral = units !== 'RANGE';
  const bad = (): SqliteError => new SqliteError('SQLITE_ERROR', `frame ${which} offset must be a non-negative ${integral ? 'integer' : 'number'}`);
  if (typeof v === 'bigint') {
    if (v < 0n) throw bad();
    return v;
  }
  const n = typeof v === 'number' ? v : v instanceof SqlReal ? v.value : NaN;
  if (Number.isNaN(n) || n < 0 || (integral && !Number.isInteger(n))) throw bad();
  return v;
}

function runPartition(rows: Row[], order: Row[], spec: WindowSpecPlan, regs: readonly SqlValue[]): void {
  const n = rows.length;
  const nOrder = spec.orderCols.length;
  // Peer groups: rows with equal ORDER BY keys (all rows when there is no ORDER BY).
  const group = new Int32Array(n);
  const groupStart: number[] = [];
  const groupEnd: number[] = [];
  for (let i = 0; i < n; i++) {
    const same = i > 0 && (nOrder === 0 || compareRows(order[i - 1]!, order[i]!, nOrder, spec.orderKeyInfo) === 0);
    if (i === 0 || !same) {
      groupStart.push(i);
      groupEnd.push(i);
    }
    group[i] = groupStart.length - 1;
    groupEnd[groupStart.length - 1] = i;
  }
  const f = spec.frame;
  const startOff = offsetOf(f.start, f.units, 'starting', regs);
  const endOff = offsetOf(f.end, f.units, 'ending', regs);
  const frameOf = (i: number): [number, number] => [bound(f.start, true, i), bound(f.end, false, i)];
  const bound = (b: WindowBound, isStart: boolean, i: number): number => {
    const off = isStart ? startOff : endOff;
    const g = group[i]!;
    switch (b.kind) {
      case 'unboundedPreceding':
        return 0;
      case 'unboundedFollowing':
        return n - 1;
      case 'currentRow':
        if (f.units === 'ROWS') return i;
        return isStart ? groupStart[g]! : groupEnd[g]!;
      default: {
        const sign = b.kind === 'preceding' ? -1 : 1;
        const k = Number(off);
        if (f.units === 'ROWS') return i + sign * k;
        if (f.units === 'GROUPS') {
          const tg = g + sign * k;
          if (tg < 0) return isStart ? 0 : -1;
          if (tg >= groupStart.length) return isStart ? n : n - 1;
          return isStart ? groupStart[tg]! : groupEnd[tg]!;
        }
        return rangeBound(i, sign, off, isStart);
      }
    }
  };
  // RANGE with an offset: rows whose (single) ORDER BY value is within the offset.
  const rangeBound = (i: number, sign: number, off: SqlValue, isStart: boolean): number => {
    const rk = spec.rangeKey;
    const v = order[i]![rk]!;
    const g = group[i]!;
    if (v === null) return isStart ? groupStart[g]! : groupEnd[g]!;
    const desc = spec.orderKeyInfo.desc[rk] === true;
    const target = arith(sign * (desc ? -1 : 1) > 0 ? OP_ADD : OP_SUB, v, off);
    const coll = spec.orderKeyInfo.collations[rk];
    const cmp = (x: SqlValue): number => {
      if (x === null) return spec.rangeNullsFirst ? -1 : 1; // never inside a non-NULL row's range
      const d = coll === undefined ? compareValues(x, target) : compareValues(x, target, coll);
      return desc ? -d : d;
    };
    if (isStart) {
      for (let j = 0; j < n; j++) if (cmp(order[j]![rk]!) >= 0) return j;
      return n;
    }
    for (let j = n - 1; j >= 0; j--) if (cmp(order[j]![rk]!) <= 0) return j;
    return -1;
  };
  const excluded = (i: number, j: number): boolean => {
    switch (f.exclude) {
      case 'NO OTHERS':
        return false;
      case 'CURRENT ROW':
        return i === j;
      case 'GROUP':
        return group[i] === group[j];
      case 'TIES':
        return i !== j && group[i] === group[j];
    }
  };
  const frameRows = (i: number): number[] => {
    const [a, b] = frameOf(i);
    const out: number[] = [];
    for (let j = Math.max(a, 0); j <= Math.min(b, n - 1); j++) if (!excluded(i, j)) out.push(j);
    return out;
  };
  for (const fn of spec.funcs) {
    if (fn.kind === 'agg' && f.start.kind === 'unboundedPreceding' && f.exclude === 'NO OTHERS') {
      runningAggregate(fn, rows, (i) => bound(f.end, false, i));
      continue;
    }
    for (let i = 0; i < n; i++) rows[i]![fn.resultCol] = valueAt(fn, i, rows, group, groupStart, groupEnd, frameRows);
  }
}

/**
 * An aggregate over frames that all start at the partition's first row: the frame end never
 * moves back, so one accumulator steps forward through the partition (O(rows), not
 * O(rows x frame)); `final()` reads the state without consuming it.
 */
function runningAggregate(fn: WindowFuncPlan, rows: Row[], frameEnd: (i: number) => number): void {
  const state = fn.agg!.create();
  const ctx: FunctionContext = { coll: fn.coll };
  const seen: SqlValue[] = [];
  let stepped = -1;
  for (let i = 0; i < rows.length; i++) {
    const end = Math.min(frameEnd(i), rows.length - 1);
    while (stepped < end) {
      const r = rows[++stepped]!;
      if (fn.filterCol >= 0 && truth(r[fn.filterCol]!) !== true) continue;
      if (fn.distinct) {
        const v = r[fn.argStart]!;
        if (seen.some((x) => compareValues(x, v, fn.coll) === 0)) continue;
        seen.push(v);
      }
      state.step(r, fn.argStart, fn.argc, ctx);
    }
    rows[i]![fn.resultCol] = end < 0 ? fn.agg!.create().final() : state.final();
  }
}

function intArg(v: SqlValue, what: string): number {
  const t = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
  if (!Number.isInteger(t) || t <= 0) throw new SqliteError('SQLITE_ERROR', what);
  return t;
}

function valueAt(
  fn: WindowFuncPlan, i: number, rows: Row[], group: Int32Array, groupStart: number[], groupEnd: number[], frameRows: (i: number) => number[],
): SqlValue {
  const n = rows.length;
  const row = rows[i]!;
  const arg = (k: number): SqlValue => row[fn.argStart + k]!;
  switch (fn.kind) {
    case 'row_number':
      return i + 1;
    case 'rank':
      return groupStart[group[i]!]! + 1;
    case 'dense_rank':
      return group[i]! + 1;
    case 'percent_rank':
      return realValue(n > 1 ? groupStart[group[i]!]! / (n - 1) : 0);
    case 'cume_dist':
      return realValue((groupEnd[group[i]!]! + 1) / n);
    case 'ntile': {
      const buckets = intArg(arg(0), 'argument of ntile must be a positive integer');
      const size = Math.floor(n / buckets);
      const big = n % buckets; // the first `big` buckets hold size + 1 rows
      if (size === 0) return i + 1;
      return i < big * (size + 1) ? Math.floor(i / (size + 1)) + 1 : big + Math.floor((i - big * (size + 1)) / size) + 1;
    }
    case 'lag':
    case 'lead': {
      const k = fn.argc > 1 ? arg(1) : 1;
      if (k === null) return null;
      const off = Number(k);
      const j = fn.kind === 'lag' ? i - off : i + off;
      if (j < 0 || j >= n) return fn.argc > 2 ? arg(2) : null;
      return rows[j]![fn.argStart]!;
    }
    case 'first_value':
    case 'last_value':
    case 'nth_value': {
      const frame = frameRows(i);
      let k = fn.kind === 'first_value' ? 0 : fn.kind === 'last_value' ? frame.length - 1 : intArg(arg(1), 'second argument to nth_value must be a positive integer') - 1;
      if (k < 0 || k >= frame.length) return null;
      k = frame[k]!;
      return rows[k]![fn.argStart]!;
    }
    case 'agg': {
      const state = fn.agg!.create();
      const ctx: FunctionContext = { coll: fn.coll };
      const seen: SqlValue[] = [];
      for (const j of frameRows(i)) {
        const r = rows[j]!;
        if (fn.filterCol >= 0 && truth(r[fn.filterCol]!) !== true) continue;
        if (fn.distinct) {
          const v = r[fn.argStart]!;
          if (seen.some((s) => compareValues(s, v, fn.coll) === 0)) continue;
          seen.push(v);
        }
        state.step(r, fn.argStart, fn.argc, ctx);
      }
      return state.final();
    }
  }
}
