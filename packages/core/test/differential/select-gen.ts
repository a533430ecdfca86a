/**
 * Random SELECT statements: one to three sources (comma, [INNER] JOIN, CROSS JOIN, LEFT
 * JOIN with ON), WHERE, plain or aggregate output (GROUP BY / HAVING), DISTINCT, ORDER BY
 * by output position (ASC/DESC, COLLATE), LIMIT/OFFSET, and UNION [ALL] of two cores.
 * The statement records which output columns its ORDER BY sorts by, so the comparison can
 * check order exactly where the ORDER BY determines it and as a multiset elsewhere.
 */
import type { ExprGen, Scope, Source } from './expr-gen.js';
import type { GeneratedStatement, OrderSpec } from './generated.js';
import type { TableModel } from './schema-model.js';

/** Joins stop adding tables beyond this many estimated row combinations. */
const MAX_JOIN_ROWS = 2000;

interface Core {
  sql: string;
  columns: number;
}

export class SelectGen {
  constructor(readonly eg: ExprGen) {}

  private get rng() {
    return this.eg.rng;
  }

  select(): GeneratedStatement {
    const rng = this.rng;
    const f = this.eg.features;
    let core = this.core();
    let compound = false;
    if (f.union && rng.chance(0.1)) {
      const other = this.coreWithColumns(core.columns);
      if (other !== null) {
        core = { sql: `${core.sql} ${f.unionTies ? rng.pick(['UNION', 'UNION ALL']) : 'UNION ALL'} ${other.sql}`, columns: core.columns };
        compound = true;
      }
    }
    let sql = core.sql;
    let keys: number[] | null = null;
    if (f.orderBy && (!compound || f.compoundOrderBy) && rng.chance(0.5)) {
      const n = rng.int(1, Math.min(3, core.columns));
      keys = rng.sample(Array.from({ length: core.columns }, (_, i) => i), n);
      const terms = keys.map((k) => `${k + 1}${rng.chance(0.15) ? ` COLLATE ${rng.pick(['NOCASE', 'BINARY', 'RTRIM'])}` : ''}${rng.chance(0.4) ? ' DESC' : rng.chance(0.2) ? ' ASC' : ''}`);
      sql += ` ORDER BY ${terms.join(', ')}`;
    }
    let limit = false;
    let offset = false;
    if (f.limit && rng.chance(0.25)) {
      limit = true;
      sql += ` LIMIT ${rng.pick(['0', '1', '2', '3', '5', '-1', '1.0', "'2'"])}`;
      if (rng.chance(0.4)) {
        offset = true;
        sql += ` OFFSET ${rng.pick(['0', '1', '2', '-1'])}`;
      }
    }
    const order: OrderSpec = { keys, offset, limit };
    return { sql, kind: 'query', order };
  }

  /**
   * A FROM clause over 1-3 tables (at most `maxSources`), and the scope it makes. Joins stop
   * growing once the product of the tables' estimated sizes passes MAX_JOIN_ROWS.
   */
  from(outer: Scope | null, maxSources = 3): { sql: string; scope: Scope; rows: number } | null {
    const rng = this.rng;
    const f = this.eg.features;
    const model = this.eg.model;
    const tables = model.tables;
    if (tables.length === 0) return null;
    const n = Math.min(maxSources, f.joins ? rng.weighted([[10, 1], [6, 2], [1, 3]]) : 1);
    const sources: Source[] = [];
    let sql = '';
    let rows = 1;
    for (let i = 0; i < n; i++) {
      const table: TableModel = rng.pick(tables);
      const size = Math.max(1, model.rows(table.name));
      if (i > 0 && rows * size > MAX_JOIN_ROWS) break;
      rows *= size;
      const src = { alias: rng.chance(0.3) && !sources.some((s) => s.alias === table.name) ? table.name : `x${i}`, table };
      const ref = src.alias === table.name ? table.name : `${table.name} ${rng.chance(0.5) ? 'AS ' : ''}${src.alias}`;
      if (i === 0) {
        sql = ref;
        sources.push(src);
        continue;
      }
      const join = rng.weighted<string>([[3, ','], [3, 'JOIN'], [1, 'CROSS JOIN'], [f.leftJoins ? 3 : 0, 'LEFT JOIN'], [1, 'INNER JOIN']]);
      sources.push(src);
      const scope: Scope = { sources: sources.slice(), outer };
      if (join === ',' || join === 'CROSS JOIN') sql += `${join === ',' ? ',' : ' CROSS JOIN'} ${ref}`;
      else sql += ` ${join} ${ref} ON ${this.eg.condition(scope, 1)}`;
    }
    return { sql, scope: { sources, outer }, rows };
  }

  core(): Core {
    const rng = this.rng;
    const f = this.eg.features;
    const from = this.from(null);
    if (from === null) return { sql: `SELECT ${this.eg.expr({ sources: [], outer: null }, 2)}`, columns: 1 };
    const scope = from.scope;
    const where = rng.chance(0.6) ? ` WHERE ${this.eg.condition(scope, 2)}` : '';
    if (f.aggregates && rng.chance(0.3)) {
      const groupTerms: string[] = [];
      if (f.groupBy && rng.chance(0.6)) {
        const n = rng.int(1, 2);
        // An expression term may be an integer constant, which GROUP BY reads as a position.
        for (let i = 0; i < n; i++) groupTerms.push(f.constantTerms && rng.chance(0.2) ? this.eg.expr(scope, 1) : this.eg.columnRef(scope));
      }
      const count = rng.int(1, 3);
      const cols: string[] = [];
      for (let i = 0; i < count; i++) cols.push(this.eg.aggregateExpr(scope, groupTerms));
      const group = groupTerms.length > 0 ? ` GROUP BY ${groupTerms.join(', ')}` : '';
      const having = group !== '' && rng.chance(0.3) ? ` HAVING ${this.eg.aggregateExpr(scope, groupTerms)} ${rng.pick(['>', '<', '=', '<>'])} ${this.eg.literal()}` : '';
      return { sql: `SELECT ${cols.join(', ')} FROM ${from.sql}${where}${group}${having}`, columns: count };
    }
    const distinct = f.distinct && rng.chance(0.15) ? 'DISTINCT ' : '';
    if (rng.chance(0.1)) {
      let columns = 0;
      for (const s of scope.sources) columns += s.table.columns.length;
      return { sql: `SELECT ${distinct}* FROM ${from.sql}${where}`, columns };
    }
    const count = rng.int(1, 4);
    const cols: string[] = [];
    for (let i = 0; i < count; i++) {
      const e = rng.chance(0.5) ? this.eg.columnRef(scope) : this.eg.expr(scope, 2);
      cols.push(rng.chance(0.15) ? `${e} AS r${i}` : e);
    }
    return { sql: `SELECT ${distinct}${cols.join(', ')} FROM ${from.sql}${where}`, columns: count };
  }

  /**
   * A simple core with exactly `columns` output columns (for compounds and INSERT ... SELECT),
   * and an upper estimate of its row count.
   */
  coreWithColumns(columns: number, maxSources = 3): { sql: string; rows: number; alias: string } | null {
    const from = this.from(null, maxSources);
    if (from === null) return null;
    const cols: string[] = [];
    for (let i = 0; i < columns; i++) cols.push(this.rng.chance(0.6) ? this.eg.columnRef(from.scope) : this.eg.expr(from.scope, 1));
    const where = this.rng.chance(0.5) ? ` WHERE ${this.eg.condition(from.scope, 1)}` : '';
    return { sql: `SELECT ${cols.join(', ')} FROM ${from.sql}${where}`, rows: from.rows, alias: from.scope.sources[0]!.alias };
  }
}
