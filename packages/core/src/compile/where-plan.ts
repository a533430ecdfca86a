/**
 * Access-path choice and join order. For each table, given the tables already in the outer
 * loops, the cheapest of: a full scan, a rowid lookup (= or IN), a rowid range, an index
 * seek (equality/IN prefix, then a range on the next column), or an automatic index built
 * once over the table for an equality term no index serves. The join order is greedy: at
 * each step the table whose loop is cheapest given the outer ones (ties: fewer rows out,
 * then FROM order). A FROM clause with a LEFT JOIN keeps its order.
 *
 * Without ANALYZE statistics every table is assumed to hold the same (large) number of rows,
 * as SQLite does; the estimates only need to rank the paths.
 */
import type { IndexInfo, TableInfo } from './schema.js';
import { AFF_BLOB, AFF_TEXT, isNumericAffinity } from '../vdbe/affinity.js';
import { bit, type Constraint, type WhereTerm } from './where-terms.js';

/** One key column of a seek: an equality value or an IN list. */
export type EqSlot = Constraint;

export type AccessPath =
  | { readonly kind: 'scan' }
  | { readonly kind: 'rowid'; readonly eq: Constraint }
  | { readonly kind: 'rowidRange'; readonly lo: Constraint | null; readonly hi: Constraint | null }
  | { readonly kind: 'index'; readonly index: IndexInfo; readonly eq: readonly EqSlot[]; readonly lo: Constraint | null; readonly hi: Constraint | null }
  /** An automatic index keyed on `eq` (none: a list of rowids), holding only the rows that pass the `filters` terms. */
  | { readonly kind: 'auto'; readonly eq: readonly EqSlot[]; readonly filters: readonly number[] };

export interface LevelPlan {
  /** FROM position of the table. */
  readonly level: number;
  readonly access: AccessPath;
}

const TABLE_ROWS = 1_000_000;
const LOG_ROWS = 20;

interface Estimate {
  readonly access: AccessPath;
  /** Cost paid once (automatic index build). */
  readonly setup: number;
  /** Cost per outer row. */
  readonly probe: number;
  /** Rows produced per outer row, before other terms filter them. */
  readonly rows: number;
}

/** Whether an index on a column of `columnAffinity` orders values as the comparison does. */
export function indexUsable(columnAffinity: number, cmpAffinity: number): boolean {
  if (cmpAffinity === AFF_BLOB) return true;
  if (cmpAffinity === AFF_TEXT) return columnAffinity === AFF_TEXT;
  return isNumericAffinity(cmpAffinity) && isNumericAffinity(columnAffinity);
}

function columnAffinity(table: TableInfo, column: number): number {
  return column < 0 ? 0x44 /* INTEGER */ : table.columns[column]!.affinity;
}

function inCount(c: Constraint): number {
  return c.op === 'in' ? c.list!.length : 1;
}

function rangeFactor(lo: Constraint | null, hi: Constraint | null): number {
  return (lo !== null ? 0.25 : 1) * (hi !== null ? 0.25 : 1);
}

/** Guessed fraction of rows a term lets through. */
function selectivity(t: WhereTerm): number {
  if (t.constraints.some((c) => c.op === 'eq')) return 0.1;
  const list = t.constraints.find((c) => c.op === 'in');
  if (list !== undefined) return Math.min(0.5, 0.1 * list.list!.length);
  return 0.25;
}

export class Planner {
  /** Per level: the constraints on it that may narrow it (LEFT JOIN rule applied). */
  private readonly consOf: Constraint[][] = [];
  /** Per level: the terms referencing it. */
  private readonly termsOf: number[][] = [];

  constructor(
    private readonly tables: readonly TableInfo[],
    private readonly left: readonly boolean[],
    private readonly terms: readonly WhereTerm[],
    /** Whether automatic indexes may be built (not while the statement writes). */
    private readonly allowAuto: boolean,
    /** Whether the loop nest runs many times (a correlated subquery): favours automatic indexes. */
    private readonly repeated: boolean,
  ) {
    for (let l = 0; l < tables.length; l++) {
      this.consOf.push([]);
      this.termsOf.push([]);
    }
    terms.forEach((t, i) => {
      for (let l = 0; l < tables.length; l++) if ((t.mask & bit(l)) !== 0n) this.termsOf[l]!.push(i);
      for (const c of t.constraints) {
        // A LEFT JOIN's table may only be narrowed by its own ON terms.
        if (left[c.level] === true ? t.onLevel !== c.level : t.onLevel >= 0) continue;
        this.consOf[c.level]!.push(c);
      }
    });
  }

  /** Constraints usable on `level` once `avail` levels are in outer loops. */
  private usable(level: number, avail: bigint): Constraint[] {
    return this.consOf[level]!.filter((c) => (c.prereq & ~avail) === 0n);
  }

  private best(level: number, avail: bigint, outer: number): Estimate {
    const table = this.tables[level]!;
    const cons = this.usable(level, avail);
    const options: Estimate[] = [{ access: { kind: 'scan' }, setup: 0, probe: TABLE_ROWS, rows: TABLE_ROWS }];
    // A subquery, view or CTE source (rootPage 0) has no rowid and no B-tree: it is scanned.
    if (table.rootPage === 0) return options[0]!;
    // Rowid.
    const rowidEq = cons.find((c) => c.column < 0 && (c.op === 'eq' || c.op === 'in'));
    if (rowidEq !== undefined) options.push({ access: { kind: 'rowid', eq: rowidEq }, setup: 0, probe: LOG_ROWS * inCount(rowidEq), rows: inCount(rowidEq) });
    else {
      const lo = cons.find((c) => c.column < 0 && (c.op === 'gt' || c.op === 'ge')) ?? null;
      const hi = cons.find((c) => c.column < 0 && (c.op === 'lt' || c.op === 'le')) ?? null;
      if (lo !== null || hi !== null) {
        const rows = TABLE_ROWS * rangeFactor(lo, hi);
        options.push({ access: { kind: 'rowidRange', lo, hi }, setup: 0, probe: LOG_ROWS + rows, rows });
      }
    }
    // Indexes.
    for (const index of table.indexes) {
      // A partial index holds only some rows: never an access path here.
      if (index.where != null) continue;
      const eq: Constraint[] = [];
      let lo: Constraint | null = null;
      let hi: Constraint | null = null;
      let fanout = 1;
      for (const ic of index.columns) {
        const match = (c: Constraint): boolean => c.column === ic.column && c.collation === ic.collation && indexUsable(columnAffinity(table, c.column), c.affinity);
        const e = cons.find((c) => match(c) && c.op === 'eq') ?? cons.find((c) => match(c) && c.op === 'in');
        if (e !== undefined) {
          eq.push(e);
          fanout *= inCount(e);
          continue;
        }
        if (!ic.desc) {
          lo = cons.find((c) => match(c) && (c.op === 'gt' || c.op === 'ge')) ?? null;
          hi = cons.find((c) => match(c) && (c.op === 'lt' || c.op === 'le')) ?? null;
        }
        break;
      }
      if (eq.length === 0 && lo === null && hi === null) continue;
      const full = eq.length === index.columns.length;
      // SQLite's default guess without statistics: ten rows per key of the first column.
      let rows = full && index.unique ? 1 : Math.max(1, 10 / 4 ** Math.max(0, eq.length - 1));
      if (eq.length === 0) rows = TABLE_ROWS;
      rows *= rangeFactor(lo, hi) * fanout;
      // Each row found costs a table lookup as well.
      options.push({ access: { kind: 'index', index, eq, lo, hi }, setup: 0, probe: LOG_ROWS * fanout + rows * 2, rows });
    }
    // Automatic index on the equality columns no index serves, holding only the rows that
    // pass the table's own terms; without equalities, just the rowids of those rows.
    if (this.allowAuto && (outer > 1 || this.repeated)) {
      const eq: Constraint[] = [];
      for (const c of cons) {
        if (c.op !== 'eq' || c.column < 0 || eq.some((x) => x.column === c.column)) continue;
        if (!indexUsable(columnAffinity(table, c.column), c.affinity)) continue;
        eq.push(c);
      }
      const filters: number[] = [];
      let kept = 1;
      for (const i of this.termsOf[level]!) {
        const t = this.terms[i]!;
        if (!t.local || t.mask !== bit(level)) continue;
        if (this.left[level] === true ? t.onLevel !== level : t.onLevel >= 0) continue;
        filters.push(i);
        kept *= selectivity(t);
      }
      if (eq.length > 0) options.push({ access: { kind: 'auto', eq, filters }, setup: TABLE_ROWS * 3, probe: LOG_ROWS + 20 * kept, rows: 10 * kept });
      else if (filters.length > 0) options.push({ access: { kind: 'auto', eq, filters }, setup: TABLE_ROWS * 2, probe: 1.5 * TABLE_ROWS * kept, rows: TABLE_ROWS * kept });
    }
    const runs = this.repeated ? Math.max(outer, 1000) : outer;
    let best = options[0]!;
    for (const o of options.slice(1)) {
      const c = o.setup + runs * o.probe;
      const bc = best.setup + runs * best.probe;
      if (c < bc || (c === bc && o.rows < best.rows)) best = o;
    }
    return best;
  }

  /** Rows that survive the terms fully available at `avail` that were not yet applied. */
  private filter(rows: number, level: number, before: bigint, avail: bigint): number {
    let out = rows;
    for (const i of this.termsOf[level]!) {
      const t = this.terms[i]!;
      if ((t.mask & ~avail) !== 0n || (t.mask & ~before) === 0n) continue;
      out *= selectivity(t);
    }
    return out;
  }

  /** The loop order with each level's access path. */
  plan(): LevelPlan[] {
    const n = this.tables.length;
    const fixed = this.left.some((l) => l);
    const placed: LevelPlan[] = [];
    const done = new Set<number>();
    let avail = 0n;
    let outer = 1;
    for (let step = 0; step < n; step++) {
      let pick = -1;
      let pickEst: Estimate | null = null;
      let pickCost = Infinity;
      let pickRows = Infinity;
      for (let l = 0; l < n; l++) {
        if (done.has(l)) continue;
        if (fixed && l !== step) continue;
        // The first FROM item, when a subquery, runs as a coroutine: it can only be the outer loop.
        if (step === 0 && l !== 0 && this.tables[0]!.rootPage === 0) continue;
        const est = this.best(l, avail, outer);
        const cost = est.setup + outer * est.probe;
        const rows = this.filter(outer * est.rows, l, avail, avail | bit(l));
        if (cost < pickCost || (cost === pickCost && rows < pickRows)) {
          pick = l;
          pickEst = est;
          pickCost = cost;
          pickRows = rows;
        }
      }
      placed.push({ level: pick, access: pickEst!.access });
      done.add(pick);
      avail |= bit(pick);
      outer = Math.max(1, pickRows);
    }
    return placed;
  }
}

/**
 * Terms the access path enforces exactly, which need no test after the seek: an equality or
 * IN that keyed the seek, and range bounds (a BETWEEN only when both halves bound it). The
 * seek compares with the term's own affinity and collation, and an index on the column holds
 * values already converted by the column's affinity, so the seek matches exactly the rows
 * the comparison accepts (NULL keys find nothing, as NULL comparisons are never true).
 */
export function enforcedTerms(access: AccessPath): Set<number> {
  const used: Constraint[] = [];
  switch (access.kind) {
    case 'scan':
      break;
    case 'rowid':
      used.push(access.eq);
      break;
    case 'rowidRange':
    case 'index':
      if (access.kind === 'index') used.push(...access.eq);
      if (access.lo !== null) used.push(access.lo);
      if (access.hi !== null) used.push(access.hi);
      break;
    case 'auto':
      used.push(...access.eq);
      break;
  }
  const out = new Set<number>(access.kind === 'auto' ? access.filters : []);
  for (const c of used) {
    if (c.whole) out.add(c.term);
    else if (used.some((o) => o !== c && o.term === c.term)) out.add(c.term);
  }
  return out;
}
