/** Small helpers shared by the SELECT compilers. */
import type { Expr } from '../parser/ast.js';

const ORDINALS = ['th', 'st', 'nd', 'rd'];

/** 1st, 2nd, 3rd, 4th, 11th, 21st ... as SQLite's messages spell them. */
export function ordinal(n: number): string {
  const v = n % 100;
  return `${n}${ORDINALS[(v - 20) % 10] ?? ORDINALS[v] ?? 'th'}`;
}

function stripSpan(e: Expr): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'start' || k === 'end' ? undefined : v));
}

/** Whether two expressions are the same tree (source positions aside). */
export function sameExpr(a: Expr, b: Expr): boolean {
  return stripSpan(a) === stripSpan(b);
}

export function columnRef(table: string | null, column: string): Extract<Expr, { kind: 'column' }> {
  return { kind: 'column', schema: null, table, column, doubleQuoted: false, start: 0, end: 0, height: 1 };
}
