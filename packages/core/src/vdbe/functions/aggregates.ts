/**
 * Aggregate functions: count, count(*), sum, total, avg, min, max, group_concat.
 *
 *   sum    INTEGER while every input is INTEGER (overflow is an "integer overflow" error),
 *          REAL once any input is not; NULL when there were no non-NULL inputs; TEXT
 *          counts as the number it spells; past 2^53 integers join the compensated sum in
 *          two exact parts
 *   total  always REAL, 0.0 for no inputs
 *   avg    REAL, NULL for no inputs
 *   min/max  skip NULLs; order by the call's collation
 *   group_concat(x [, sep])  TEXT joined by sep (default ","), NULL inputs skipped;
 *          string_agg(x, sep) is the same with the separator required
 */
import { compareValues } from '../../btree/key-compare.js';
import { SqliteError } from '../../errors.js';
import { intValue, realValue, type SqlValue } from '../../format/sql-value.js';
import { numericToDouble, toNumeric } from '../arith.js';
import { parseNumericText } from '../numeric-text.js';
import type { AggregateDef, AggregateState, FunctionContext } from './function-def.js';
import { textOf } from './value-helpers.js';

const MAX_INT64 = 0x7fffffffffffffffn;
const MIN_INT64 = -0x8000000000000000n;

class CountState implements AggregateState {
  n = 0;
  constructor(private readonly star: boolean) {}
  step(r: SqlValue[], b: number): void {
    if (this.star || r[b] !== null) this.n++;
  }
  final(): SqlValue {
    return this.n;
  }
}

/** Running sum: exact integer while possible, then a compensated double sum. */
class SumState implements AggregateState {
  count = 0;
  intSum: number | bigint = 0;
  realSum = 0;
  compensation = 0;
  approx = false;
  overflow = false;
  /** A non-INTEGER input was seen: an overflowed sum() is then REAL rather than an error. */
  nonInteger = false;

  step(r: SqlValue[], b: number): void {
    const raw = r[b]!;
    if (raw === null) return;
    // Fast paths for the common inputs, a plain INTEGER or REAL number: the same steps as the
    // general path below, without its type dispatch.
    if (typeof raw === 'number') {
      if (Number.isInteger(raw)) {
        const s = this.intSum;
        if (!this.approx && typeof s === 'number') {
          const t = s + raw;
          if (Number.isSafeInteger(t)) {
            this.count++;
            this.intSum = t;
            return;
          }
        }
      } else if (this.approx && Number.isFinite(raw)) {
        this.count++;
        this.nonInteger = true;
        this.addReal(raw);
        return;
      }
    }
    this.count++;
    // Text is summed as the number it spells ('1' as INTEGER 1), as sqlite3_value_numeric_type.
    const v = typeof raw === 'string' ? (parseNumericText(raw)?.value ?? raw) : raw;
    const isInt = (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
    if (isInt && !this.approx) {
      const s = this.intSum;
      if (typeof s === 'number' && typeof v === 'number') {
        const t = s + v;
        if (Number.isSafeInteger(t)) {
          this.intSum = t;
          return;
        }
      }
      const big = BigInt(s) + BigInt(v);
      if (big <= MAX_INT64 && big >= MIN_INT64) {
        this.intSum = intValue(big);
        return;
      }
      // Overflow: sum() will fail, but total() and avg() go on in floating point.
      this.overflow = true;
    }
    if (!this.approx) {
      this.approx = true;
      this.addInteger(this.intSum);
    }
    if (isInt) this.addInteger(v);
    else {
      this.nonInteger = true;
      this.addReal(numericToDouble(toNumeric(v as Exclude<SqlValue, null>)));
    }
  }

  /** Adds an INTEGER beyond 2^52 in two exact parts, so the compensated sum keeps its low bits. */
  private addInteger(i: number | bigint): void {
    if (typeof i === 'number' && Math.abs(i) < 2 ** 52) {
      this.addReal(i);
      return;
    }
    const big = BigInt(i);
    const low = big % 16384n;
    this.addReal(Number(big - low));
    this.addReal(Number(low));
  }

  private addReal(x: number): void {
    // Kahan-Babuska summation, as recent SQLite does.
    const t = this.realSum + x;
    if (Math.abs(this.realSum) >= Math.abs(x)) this.compensation += this.realSum - t + x;
    else this.compensation += x - t + this.realSum;
    this.realSum = t;
  }

  realTotal(): number {
    if (!this.approx) return Number(this.intSum);
    const r = this.realSum + this.compensation;
    return Number.isNaN(r) ? this.realSum : r;
  }

  final(): SqlValue {
    if (this.count === 0) return null;
    if (this.overflow && !this.nonInteger) throw new SqliteError('SQLITE_ERROR', 'integer overflow');
    if (!this.approx) return this.intSum;
    return realValue(this.realTotal());
  }
}

class TotalState extends SumState {
  override final(): SqlValue {
    return realValue(this.realTotal());
  }
}

class AvgState extends SumState {
  override final(): SqlValue {
    if (this.count === 0) return null;
    return realValue(this.realTotal() / this.count);
  }
}

class MinMaxState implements AggregateState {
  best: SqlValue = null;
  constructor(private readonly sign: number) {}
  step(r: SqlValue[], b: number, _n: number, ctx: FunctionContext): void {
    const v = r[b]!;
    if (v === null) return;
    const best = this.best;
    // Two plain numbers (NaN aside, which compareValues orders as NULL) decide inline.
    if (typeof v === 'number' && typeof best === 'number' && v === v && best === best) {
      if (this.sign > 0 ? v > best : v < best) this.best = v;
      return;
    }
    if (best === null || compareValues(v, best, ctx.coll) * this.sign > 0) this.best = v;
  }
  final(): SqlValue {
    return this.best;
  }
}

class GroupConcatState implements AggregateState {
  parts: string[] = [];
  any = false;
  step(r: SqlValue[], b: number, n: number): void {
    const v = r[b]!;
    if (v === null) return;
    if (this.any) {
      const sep = n > 1 ? r[b + 1]! : ',';
      this.parts.push(sep === null ? '' : textOf(sep));
    }
    this.any = true;
    this.parts.push(textOf(v));
  }
  final(): SqlValue {
    return this.any ? this.parts.join('') : null;
  }
}

function agg(name: string, minArgs: number, maxArgs: number, create: () => AggregateState): AggregateDef {
  return { name, minArgs, maxArgs, create };
}

/** count(*) is count with no arguments. */
export const AGGREGATES: readonly AggregateDef[] = [
  agg('count', 0, 1, () => new CountState(false)),
  agg('sum', 1, 1, () => new SumState()),
  agg('total', 1, 1, () => new TotalState()),
  agg('avg', 1, 1, () => new AvgState()),
  agg('min', 1, 1, () => new MinMaxState(-1)),
  agg('max', 1, 1, () => new MinMaxState(1)),
  agg('group_concat', 1, 2, () => new GroupConcatState()),
  agg('string_agg', 2, 2, () => new GroupConcatState()),
];

/** count(*): counts rows. */
export const COUNT_STAR: AggregateDef = agg('count', 0, 0, () => new CountState(true));

