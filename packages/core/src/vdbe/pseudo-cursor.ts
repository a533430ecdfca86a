/**
 * A cursor over a row held in registers (a trigger's NEW or OLD row): Column reads the
 * registers live, Rowid reads the rowid register. It lets ordinary column references in
 * trigger programs (and in the statements inside them, subqueries included) read the row
 * without any special case in the expression compiler.
 */
import type { SqlValue } from '../format/sql-value.js';

export class PseudoRowCursor {
  nullRow = false;

  constructor(
    private readonly regs: SqlValue[],
    private readonly rowidReg: number,
    private readonly first: number,
    private readonly count: number,
  ) {}

  /** The row's values (read by the Column opcode like a sorter's current row). */
  get current(): SqlValue[] {
    return this.regs.slice(this.first, this.first + this.count);
  }

  /** A pseudo row is a single row: there is no next one. */
  next(): boolean {
    return false;
  }

  rowid(): SqlValue {
    return this.regs[this.rowidReg] ?? null;
  }
}
