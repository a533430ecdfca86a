/**
 * EXPLAIN output: one row per instruction, columns as SQLite prints them:
 *
 *   addr | opcode | p1 | p2 | p3 | p4 | p5 | comment
 *
 * P4 is rendered by kind: values as SQL text, KeyInfo as "k(n,COLL,...)" (a leading "-" marks
 * DESC), functions as "name(argc)", collations as "COLL", affinity strings as their letters
 * ("DDB"), errors as their message, tables as their name.
 */
import type { SqlValue } from '../format/sql-value.js';
import { OPCODE_NAMES } from './opcodes.js';
import type { Instruction, P4, Program } from './program.js';
import { valueToText } from './value-text.js';

export const EXPLAIN_COLUMNS = ['addr', 'opcode', 'p1', 'p2', 'p3', 'p4', 'p5', 'comment'] as const;

function p4Text(p4: P4 | null, ins: Instruction): SqlValue {
  if (p4 === null) return null;
  switch (p4.kind) {
    case 'value':
      return p4.value instanceof Uint8Array ? `x'${Array.from(p4.value, (b) => b.toString(16).padStart(2, '0')).join('')}'` : valueToText(p4.value);
    case 'keyInfo': {
      const n = Math.max(p4.keyInfo.collations.length, p4.keyInfo.desc.length);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(`${p4.keyInfo.desc[i] === true ? '-' : ''}${p4.keyInfo.collations[i]?.name ?? 'BINARY'}`);
      return `k(${n}${parts.length > 0 ? ',' : ''}${parts.join(',')})`;
    }
    case 'func':
      return `${p4.func.name}(${ins.p5})`;
    case 'agg':
      return `${p4.func.name}(${ins.p5})`;
    case 'coll':
      return p4.coll.name;
    case 'affinity':
      return String.fromCharCode(...p4.affinities);
    case 'error':
      return p4.message;
    case 'table':
      return p4.name;
    case 'window':
      return `window(${p4.plan.specs.map((s) => s.funcs.map((f) => f.name).join(',')).join(';')})`;
    case 'trees':
      return p4.trees.map((t) => t.rootPgno).join(' ');
  }
}

/** The EXPLAIN rows of a program. */
export function explainRows(program: Program): SqlValue[][] {
  return program.instructions.map((ins, addr) => [
    addr,
    OPCODE_NAMES[ins.opcode] ?? `op${ins.opcode}`,
    ins.p1,
    ins.p2,
    ins.p3,
    p4Text(ins.p4, ins),
    ins.p5,
    ins.comment === '' ? null : ins.comment,
  ]);
}
