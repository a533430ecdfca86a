/**
 * RETURNING for INSERT, UPDATE and DELETE. As in SQLite, every change is made before the first
 * row is returned: each changed row's RETURNING values are computed when it is written (the
 * new row for INSERT/UPDATE, the old one for DELETE) and buffered in a sorter with no key
 * (insertion order), which is read out after the statement's loop.
 */
import { SqliteError } from '../errors.js';
import type { ResultColumn } from '../parser/ast.js';
import { Op } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';
import type { ExprCompiler } from './expr.js';
import { type RegisterRow, rowExprCompiler } from './row-scope.js';
import type { Expr } from '../parser/ast.js';

export class Returning {
  readonly names: string[] = [];
  private readonly exprs: Expr[] = [];
  private readonly compiler: ExprCompiler;
  private readonly buffer: number;
  private readonly out: number;

  constructor(
    private readonly ctx: CompileContext,
    columns: readonly ResultColumn[],
    row: RegisterRow,
  ) {
    for (const c of columns) {
      if (c.kind === 'expr') {
        this.exprs.push(c.expr);
        this.names.push(c.alias ?? (c.expr.kind === 'column' && !c.expr.doubleQuoted ? c.expr.column : c.span));
      } else {
        if (c.kind === 'tableStar' && c.table.toLowerCase() !== row.name.toLowerCase()) throw new SqliteError('SQLITE_ERROR', `no such table: ${c.table}`);
        for (const col of row.table.columns) {
          this.exprs.push({ kind: 'column', schema: null, table: null, column: col.name, doubleQuoted: false, start: 0, end: 0, height: 1 });
          this.names.push(col.name);
        }
      }
    }
    this.compiler = rowExprCompiler(ctx, [row]);
    const b = ctx.b;
    this.buffer = b.cursor();
    b.emit(Op.SorterOpen, this.buffer, 0, 0, { kind: 'keyInfo', keyInfo: { collations: [], desc: [] } });
    this.out = b.reg(this.exprs.length);
  }

  /** Computes the RETURNING row for the row in the registers and buffers it. */
  emitRow(): void {
    this.exprs.forEach((e, i) => this.compiler.code(e, this.out + i));
    this.ctx.b.emit(Op.SorterInsert, this.buffer, this.out, this.exprs.length);
  }

  /** After every change: outputs the buffered rows. */
  finish(): void {
    const b = this.ctx.b;
    const end = b.newLabel();
    b.emit(Op.SorterSort, this.buffer, end);
    const top = b.addr;
    for (let i = 0; i < this.exprs.length; i++) b.emit(Op.Column, this.buffer, i, this.out + i);
    b.emit(Op.ResultRow, this.out, this.exprs.length);
    b.emit(Op.SorterNext, this.buffer, top);
    b.resolve(end);
  }
}
