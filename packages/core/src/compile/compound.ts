/**
 * Compound SELECT: UNION ALL, UNION, INTERSECT and EXCEPT in any mix, evaluated left to right
 * (`a UNION b EXCEPT c` is `(a UNION b) EXCEPT c`), as SQLite does.
 *
 * A chain of UNION ALL without ORDER BY streams each core's rows straight out (so LIMIT stops
 * it early). Otherwise the rows so far live in an accumulator: a set (keyed ephemeral table,
 * one copy of each row, in key order, the latest of equal rows kept as in SQLite) after UNION/INTERSECT/EXCEPT, a list (ephemeral table, every row in
 * arrival order) after UNION ALL; INTERSECT and EXCEPT gather the right core into a set and
 * filter the accumulator through it. The result is read from the accumulator, through a sorter
 * when there is an ORDER BY.
 *
 * Each column compares with the collating sequence of the leftmost core that has one for it.
 */
import { BINARY, type Collation } from '../btree/collation.js';
import type { KeyInfo } from '../btree/key-compare.js';
import { SqliteError } from '../errors.js';
import type { Expr, OrderingTerm, SelectStmt } from '../parser/ast.js';
import { AFF_BLOB, AFF_NONE, AFF_TEXT, isNumericAffinity } from '../vdbe/affinity.js';
import { Op } from '../vdbe/opcodes.js';
import type { CompileContext } from './context.js';
import { exprCollation } from './expr-affinity.js';
import { Scope } from './scope.js';
import type { CoreResult, RowHandler, SelectCompiler } from './select.js';
import { type SortKey, SorterLayout } from './sorter.js';
import { ordinal, sameExpr } from './select-util.js';

interface Acc {
  kind: 'set' | 'list';
  cursor: number;
}

export function compileCompound(sc: SelectCompiler, ctx: CompileContext, stmt: SelectStmt, outer: Scope | null, final: RowHandler): string[] {
  const b = ctx.b;
  const cores = [stmt.body, ...stmt.compound.map((c) => c.core)];
  const ops = stmt.compound.map((c) => c.op);
  const results: CoreResult[] = [];
  let width = -1;
  const check = (i: number, count: number): void => {
    if (i > 0 && count !== width) {
      throw new SqliteError('SQLITE_ERROR', `SELECTs to the left and right of ${ops[i - 1]} do not have the same number of result columns`);
    }
  };
  const compileOne = (i: number, onRow: RowHandler): void => {
    const r = sc.compileCore(cores[i]!, outer, null, (first, count, done) => {
      check(i, count);
      onRow(first, count, done);
    });
    check(i, r.names.length);
    if (i === 0) width = r.names.length;
    results.push(r);
  };

  // Shared by every set and the sorter; filled in once all cores are compiled.
  const keyCollations: Collation[] = [];
  const keyInfo: KeyInfo = { collations: keyCollations, desc: [] };
  if (stmt.orderBy === null && ops.every((o) => o === 'UNION ALL')) {
    cores.forEach((_, i) => compileOne(i, final));
    sc.lastCompound = { ...results[0]!, affinities: compoundAffinities(results, cores) };
    return results[0]!.names;
  }
  // Sets are keyed on every column; the width is known once the first core is compiled.
  const setOpens: number[] = [];
  const openSet = (): Acc => {
    const cursor = b.cursor();
    setOpens.push(b.emit(Op.OpenEphTable, cursor, 0, 0, { kind: 'keyInfo', keyInfo }));
    return { kind: 'set', cursor };
  };
  const openList = (): Acc => {
    const cursor = b.cursor();
    b.emit(Op.OpenEphTable, cursor, 0, 0, null);
    return { kind: 'list', cursor };
  };
  // The batch number of set inserts: the core (or conversion pass) the rows come from.
  let batch = 0;
  const into = (acc: Acc, first: number, count: number): void => {
    b.emit(acc.kind === 'set' ? Op.EphUpsert : Op.EphAppend, acc.cursor, first, count, null, batch);
  };
  const scan = (acc: Acc, body: (first: number, end: number) => void): void => {
    const out = b.reg(width);
    const end = b.newLabel();
    b.emit(Op.Rewind, acc.cursor, end);
    const top = b.addr;
    for (let i = 0; i < width; i++) b.emit(Op.Column, acc.cursor, i, out + i);
    body(out, end);
    b.emit(Op.Next, acc.cursor, top);
    b.resolve(end);
  };
  const convert = (acc: Acc, kind: 'set' | 'list'): Acc => {
    if (acc.kind === kind) return acc;
    const next = kind === 'set' ? openSet() : openList();
    scan(acc, (out) => into(next, out, width));
    return next;
  };

  let acc = ops[0] === 'UNION ALL' ? openList() : openSet();
  compileOne(0, (first, count) => into(acc, first, count));
  for (let i = 1; i < cores.length; i++) {
    const op = ops[i - 1]!;
    batch = i - 1;
    if (op === 'UNION ALL' || op === 'UNION') {
      acc = convert(acc, op === 'UNION' ? 'set' : 'list');
      batch = i;
      const target = acc;
      compileOne(i, (first, count) => into(target, first, count));
      continue;
    }
    batch = i;
    const right = openSet();
    compileOne(i, (first, count) => into(right, first, count));
    const next = openSet();
    scan(acc, (out) => {
      const skip = b.newLabel();
      if (op === 'INTERSECT') {
        const keep = b.newLabel();
        b.emit(Op.EphFound, right.cursor, keep, out, null, width);
        b.emit(Op.Goto, 0, skip);
        b.resolve(keep);
      } else {
        b.emit(Op.EphFound, right.cursor, skip, out, null, width);
      }
      into(next, out, width);
      b.resolve(skip);
    });
    acc = next;
  }
  const colls = columnCollations(results, width);
  keyCollations.push(...colls);
  for (const at of setOpens) b.code[at]!.p2 = width;
  sc.lastCompound = { names: results[0]!.names, collations: results[0]!.collations.map((c, i) => c ?? (colls[i] === BINARY ? null : colls[i]!)), affinities: compoundAffinities(results, cores) };

  if (stmt.orderBy === null) {
    scan(acc, (out, end) => final(out, width, end));
    return results[0]!.names;
  }
  const keys = compoundOrder(stmt.orderBy, results, cores, colls);
  const layout = new SorterLayout(keys);
  const sorter = layout.open(b);
  scan(acc, (out) => layout.insert(b, sorter, keys.map((k) => out + k.column), out, width));
  layout.emitSorted(b, sorter, width, final);
  return results[0]!.names;
}

/**
 * A compound's column affinity (what a FROM-clause subquery's column compares with). SQLite
 * pushes such comparisons down into each core, so each row meets its own core's affinity; one
 * affinity per column approximates that: the leftmost core's, dropped when another core's
 * column clearly disagrees (a TEXT column or any literal against a numeric affinity; a numeric
 * column or number literal against TEXT).
 */
function compoundAffinities(results: readonly CoreResult[], cores: readonly SelectStmt['body'][]): number[] {
  const literal = (core: SelectStmt['body'], i: number): 'string' | 'number' | null => {
    const e = core.kind === 'values' ? core.rows[0]?.[i] : core.columns.some((c) => c.kind !== 'expr') ? undefined : (core.columns[i] as { expr: Expr } | undefined)?.expr;
    if (e?.kind === 'string') return 'string';
    return e?.kind === 'integer' || e?.kind === 'real' ? 'number' : null;
  };
  return results[0]!.affinities.map((first, i) => {
    let aff = first;
    for (let k = 1; k < results.length; k++) {
      const x = results[k]!.affinities[i] ?? AFF_NONE;
      const lit = literal(cores[k]!, i);
      if (isNumericAffinity(aff) && (x === AFF_TEXT || lit !== null)) aff = AFF_BLOB;
      else if (aff === AFF_TEXT && (isNumericAffinity(x) || lit === 'number')) aff = AFF_BLOB;
    }
    return aff;
  });
}

function columnCollations(results: readonly CoreResult[], width: number): Collation[] {
  const out: Collation[] = [];
  for (let i = 0; i < width; i++) {
    let coll: Collation = BINARY;
    for (const r of results) {
      const c = r.collations[i];
      if (c !== null && c !== undefined) {
        coll = c;
        break;
      }
    }
    out.push(coll);
  }
  return out;
}

/** ORDER BY of a compound: each term names a result column (number, alias, or the same expression in some core). */
function compoundOrder(terms: readonly OrderingTerm[], results: readonly CoreResult[], cores: SelectStmt['body'][], colls: readonly Collation[]): (SortKey & { column: number })[] {
  const width = colls.length;
  return terms.map((t, i) => {
    let e: Expr = t.expr;
    let coll: Collation | null = null;
    if (e.kind === 'collate') {
      coll = exprCollation(e, new Scope([], null))!.coll;
      e = e.operand;
    }
    let k = -1;
    if (e.kind === 'integer') {
      k = Number(e.text) - 1;
      if (k < 0 || k >= width) throw new SqliteError('SQLITE_ERROR', `${ordinal(i + 1)} ORDER BY term out of range - should be between 1 and ${width}`);
    }
    for (let c = 0; k < 0 && c < cores.length; c++) {
      const core = cores[c]!;
      if (e.kind === 'column' && e.table === null) {
        const name = e.column.toLowerCase();
        k = results[c]!.names.findIndex((n) => n.toLowerCase() === name);
      }
      if (k < 0 && core.kind === 'selectCore') {
        const target = e;
        k = core.columns.findIndex((col) => col.kind === 'expr' && sameExpr(col.expr, target));
      }
    }
    if (k < 0) throw new SqliteError('SQLITE_ERROR', `${ordinal(i + 1)} ORDER BY term does not match any column in the result set`);
    return { column: k, coll: coll ?? colls[k]!, desc: t.direction === 'DESC', nulls: t.nulls };
  });
}
