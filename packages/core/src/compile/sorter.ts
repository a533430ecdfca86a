/**
 * ORDER BY through a sorter. A sorter row is [key columns..., result columns...]. Each ORDER BY
 * term is one key column, plus a leading "is NULL" flag column when its NULLS FIRST/LAST is
 * not the default (SQLite sorts NULL smallest: first ascending, last descending), so the
 * sorter itself only ever compares values with collations and directions.
 */
import type { Collation } from '../btree/collation.js';
import type { KeyInfo } from '../btree/key-compare.js';
import { Op } from '../vdbe/opcodes.js';
import type { ProgramBuilder } from './builder.js';

export interface SortKey {
  readonly coll: Collation;
  readonly desc: boolean;
  readonly nulls: 'FIRST' | 'LAST' | null;
}

function needsNullFlag(k: SortKey): boolean {
  return (k.nulls === 'LAST' && !k.desc) || (k.nulls === 'FIRST' && k.desc);
}

export class SorterLayout {
  readonly keyInfo: KeyInfo;
  /** Key columns in a sorter row (ORDER BY terms plus null flags). */
  readonly keyColumns: number;

  constructor(readonly keys: readonly SortKey[]) {
    const collations: Collation[] = [];
    const desc: boolean[] = [];
    for (const k of keys) {
      if (needsNullFlag(k)) {
        collations.push(k.coll);
        desc.push(k.desc);
      }
      collations.push(k.coll);
      desc.push(k.desc);
    }
    this.keyInfo = { collations, desc };
    this.keyColumns = collations.length;
  }

  open(b: ProgramBuilder): number {
    const sorter = b.cursor();
    b.emit(Op.SorterOpen, sorter, this.keyColumns, 0, { kind: 'keyInfo', keyInfo: this.keyInfo });
    return sorter;
  }

  /** Appends [keys..., r[first .. first+count-1]]; `keyRegs[i]` holds key i's value. */
  insert(b: ProgramBuilder, sorter: number, keyRegs: readonly number[], first: number, count: number): void {
    const row = b.reg(this.keyColumns + count);
    let r = row;
    this.keys.forEach((k, i) => {
      const v = keyRegs[i]!;
      if (needsNullFlag(k)) {
        const isNull = b.newLabel();
        b.emit(Op.Integer, 1, r);
        b.emit(Op.IsNull, v, isNull);
        b.emit(Op.Integer, 0, r);
        b.resolve(isNull);
        r++;
      }
      b.emit(Op.SCopy, v, r++);
    });
    if (count > 0) b.emit(Op.Copy, first, r, count - 1);
    b.emit(Op.SorterInsert, sorter, row, this.keyColumns + count);
  }

  /** Reads the sorted rows, passing each row's result columns to `onRow`. */
  emitSorted(b: ProgramBuilder, sorter: number, width: number, onRow: (first: number, count: number, done: number) => void): void {
    const end = b.newLabel();
    const out = b.reg(Math.max(width, 1));
    b.emit(Op.SorterSort, sorter, end);
    const top = b.addr;
    for (let i = 0; i < width; i++) b.emit(Op.Column, sorter, this.keyColumns + i, out + i);
    onRow(out, width, end);
    b.emit(Op.SorterNext, sorter, top);
    b.resolve(end);
  }
}
