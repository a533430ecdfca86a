/**
 * The statement mix: CREATE TABLE (mixed declared types, NOT NULL / UNIQUE / PRIMARY KEY /
 * DEFAULT / COLLATE), CREATE [UNIQUE] INDEX, DROP, INSERT (VALUES, SELECT, DEFAULT VALUES,
 * OR IGNORE), UPDATE, DELETE, BEGIN/COMMIT/ROLLBACK, queries, and statements that must fail
 * (error-gen.ts). The first statements build a schema and fill it, so queries have data.
 */
import { ErrorGen } from './error-gen.js';
import { ExprGen, type Scope } from './expr-gen.js';
import type { Features } from './features.js';
import { UNORDERED, type GeneratedStatement } from './generated.js';
import { Prng } from './prng.js';
import { affinityClass, SchemaModel, type ColumnModel, type TableModel } from './schema-model.js';
import { SelectGen } from './select-gen.js';

const TYPES = ['INTEGER', 'INT', 'TEXT', 'REAL', 'NUMERIC', 'BLOB', '', '', 'VARCHAR(10)', 'DOUBLE', 'BOOLEAN', 'DATE', 'BIGINT', 'CHARACTER(3)', 'FLOAT', 'DECIMAL(10,2)'];
const COLUMN_NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];

export class StatementGen {
  readonly rng: Prng;
  readonly model = new SchemaModel();
  readonly eg: ExprGen;
  readonly sg: SelectGen;
  private readonly errors: ErrorGen;
  /** Expressions for INSERT ... VALUES (without subqueries unless insertReadsTarget). */
  private readonly valuesEg: ExprGen;
  private count = 0;

  constructor(seed: number, readonly features: Features) {
    this.rng = new Prng(seed);
    this.eg = new ExprGen(this.rng, features, this.model);
    this.sg = new SelectGen(this.eg);
    this.errors = new ErrorGen(this);
    this.valuesEg = features.insertReadsTarget ? this.eg : new ExprGen(this.rng, { ...features, subqueries: false }, this.model);
  }

  next(): GeneratedStatement {
    const stmt = this.pick();
    if (this.features.maxRowid || !/^(INSERT|UPDATE)/.test(stmt.sql)) return stmt;
    // Keep rowids well below 2^63-1 (see Features.maxRowid), so later inserts do not reach it.
    return { ...stmt, sql: stmt.sql.replace(/922337203685477580[67](?!\.)|0x7fffffffffffffff/g, '9223372036854775000') };
  }

  private pick(): GeneratedStatement {
    const rng = this.rng;
    const f = this.features;
    const m = this.model;
    const n = this.count++;
    if (m.tables.length === 0 || (n < 4 && m.tables.length < 2)) return this.createTable();
    if (n < 12) return rng.chance(0.8) ? this.insert() : this.createTable();
    const kind = rng.weighted<string>([
      [m.tables.length < 4 ? 2 : 0.3, 'create'], [f.indexes ? 2 : 0, 'index'], [8, 'insert'], [3, 'update'], [2, 'delete'],
      [f.dropTable ? 0.5 : 0, 'drop'], [f.transactions ? 1 : 0, 'txn'], [20, 'query'], [f.errors ? 3 : 0, 'error'],
    ]);
    switch (kind) {
      case 'create': return this.createTable();
      case 'index': return this.createIndex();
      case 'insert': return this.insert();
      case 'update': return this.update();
      case 'delete': return this.delete();
      case 'drop': return this.drop();
      case 'txn': return this.transaction();
      case 'error': return this.errors.next();
      default: return this.sg.select();
    }
  }

  createTable(): GeneratedStatement {
    const rng = this.rng;
    const name = this.model.freshName('t');
    const names = rng.sample(COLUMN_NAMES, rng.int(1, 5)).sort();
    const columns: ColumnModel[] = [];
    const defs: string[] = [];
    let rowidAlias: string | null = null;
    let hasPk = false;
    for (const col of names) {
      let type = rng.pick(TYPES);
      let primaryKey = false;
      const parts = [col];
      if (!hasPk && rng.chance(0.15)) {
        type = rng.chance(0.7) ? 'INTEGER' : rng.pick(TYPES);
        primaryKey = true;
        hasPk = true;
        if (type === 'INTEGER') rowidAlias = col;
      }
      if (type !== '') parts.push(type);
      if (primaryKey) parts.push(rng.chance(0.2) ? 'PRIMARY KEY DESC' : 'PRIMARY KEY');
      const notNull = rng.chance(0.15);
      if (notNull) parts.push('NOT NULL');
      const unique = !primaryKey && rng.chance(0.1);
      if (unique) parts.push('UNIQUE');
      if (rng.chance(0.2)) parts.push(`DEFAULT ${rng.chance(0.8) ? this.eg.literal() : `(${this.eg.literal()})`}`);
      let collate: ColumnModel['collate'] = null;
      if (rng.chance(0.15)) {
        collate = rng.pick(['NOCASE', 'RTRIM', 'BINARY'] as const);
        parts.push(`COLLATE ${collate}`);
      }
      if (this.features.checks && rng.chance(0.1)) parts.push(`CHECK (${col} IS NULL OR length(${col}) < 6)`);
      defs.push(parts.join(' '));
      columns.push({ name: col, type, affinity: affinityClass(type), notNull, unique, collate, primaryKey });
    }
    if (names.length > 1 && rng.chance(0.15)) defs.push(`UNIQUE (${rng.sample(names, 2).join(', ')})`);
    else if (!hasPk && names.length > 1 && rng.chance(0.1)) defs.push(`PRIMARY KEY (${rng.sample(names, rng.int(1, 2)).join(', ')})`);
    const table: TableModel = { name, columns, rowidAlias };
    return { sql: `CREATE TABLE ${name}(${defs.join(', ')})`, kind: 'ddl', order: UNORDERED, apply: (m) => m.addTable(table) };
  }

  createIndex(): GeneratedStatement {
    const rng = this.rng;
    const t = rng.pick(this.model.tables);
    const name = this.model.freshName('i');
    const unique = this.features.uniqueIndexes && rng.chance(0.25) ? 'UNIQUE ' : '';
    const cols = rng.sample(t.columns, rng.int(1, Math.min(3, t.columns.length))).map((c) => `${c.name}${rng.chance(0.15) ? ` COLLATE ${rng.pick(['NOCASE', 'BINARY', 'RTRIM'])}` : ''}${rng.chance(0.2) ? ' DESC' : ''}`);
    return {
      sql: `CREATE ${unique}INDEX ${name} ON ${t.name}(${cols.join(', ')})`,
      kind: 'ddl',
      order: UNORDERED,
      apply: (m) => m.addIndex({ name, table: t.name }),
    };
  }

  drop(): GeneratedStatement {
    const rng = this.rng;
    const m = this.model;
    if (m.indexes.length > 0 && rng.chance(0.5)) {
      const i = rng.pick(m.indexes);
      return { sql: `DROP INDEX ${rng.chance(0.3) ? 'IF EXISTS ' : ''}${i.name}`, kind: 'ddl', order: UNORDERED, apply: (mm) => mm.dropIndex(i.name) };
    }
    const t = rng.pick(m.tables);
    return { sql: `DROP TABLE ${rng.chance(0.3) ? 'IF EXISTS ' : ''}${t.name}`, kind: 'ddl', order: UNORDERED, apply: (mm) => mm.dropTable(t.name) };
  }

  /** A value for a column in INSERT/UPDATE: mostly literals, biased to the column's type. */
  private valueFor(): string {
    return this.eg.literal();
  }

  insert(): GeneratedStatement {
    const rng = this.rng;
    const f = this.features;
    const t = rng.pick(this.model.tables);
    const verb = f.insertOrIgnore && rng.chance(0.15) ? 'INSERT OR IGNORE' : 'INSERT';
    if (rng.chance(0.03)) return { sql: `${verb} INTO ${t.name} DEFAULT VALUES`, kind: 'dml', order: UNORDERED, apply: (m) => m.addRows(t.name, 1) };
    const explicit = rng.chance(0.5);
    const cols = explicit ? rng.sample(t.columns, rng.int(1, t.columns.length)) : t.columns;
    const withRowid = explicit && t.rowidAlias === null && rng.chance(0.1);
    const names = cols.map((c) => c.name);
    if (withRowid) names.push('rowid');
    const list = explicit ? `(${names.join(', ')})` : '';
    if (f.insertSelect && rng.chance(0.12)) {
      // One source, in rowid order: which row fails first must not depend on the plan.
      const src = this.sg.coreWithColumns(names.length, 1);
      if (src !== null) return { sql: `${verb} INTO ${t.name}${list} ${src.sql} ORDER BY ${src.alias}.rowid`, kind: 'dml', order: UNORDERED, apply: (m) => m.addRows(t.name, src.rows) };
    }
    const rows: string[] = [];
    const nrows = rng.weighted([[6, 1], [3, 2], [1, 4]]);
    for (let r = 0; r < nrows; r++) {
      const vals = names.map((n) => (n === 'rowid' ? String(rng.int(1, 50)) : rng.chance(0.1) ? this.valuesEg.expr({ sources: [], outer: null }, 1) : this.valueFor()));
      rows.push(`(${vals.join(', ')})`);
    }
    return { sql: `${verb} INTO ${t.name}${list} VALUES ${rows.join(', ')}`, kind: 'dml', order: UNORDERED, apply: (m) => m.addRows(t.name, nrows) };
  }

  private tableScope(t: TableModel): Scope {
    return { sources: [{ alias: t.name, table: t }], outer: null };
  }

  update(): GeneratedStatement {
    const rng = this.rng;
    const t = rng.pick(this.model.tables);
    const scope = this.tableScope(t);
    const cols = rng.sample(t.columns, rng.int(1, Math.min(2, t.columns.length)));
    const sets = cols.map((c) => `${c.name} = ${rng.chance(0.5) ? this.valueFor() : this.eg.expr(scope, 2)}`);
    const where = rng.chance(0.7) ? ` WHERE ${this.eg.condition(scope, 2)}` : '';
    return { sql: `UPDATE ${t.name} SET ${sets.join(', ')}${where}`, kind: 'dml', order: UNORDERED };
  }

  delete(): GeneratedStatement {
    const rng = this.rng;
    const t = rng.pick(this.model.tables);
    const where = rng.chance(0.9) ? ` WHERE ${this.eg.condition(this.tableScope(t), 2)}` : '';
    return { sql: `DELETE FROM ${t.name}${where}`, kind: 'dml', order: UNORDERED };
  }

  transaction(): GeneratedStatement {
    const rng = this.rng;
    if (!this.model.inTransaction) {
      if (rng.chance(0.1)) return { sql: rng.pick(['COMMIT', 'ROLLBACK', 'END']), kind: 'txn', order: UNORDERED };
      return { sql: rng.pick(['BEGIN', 'BEGIN TRANSACTION', 'BEGIN DEFERRED']), kind: 'txn', order: UNORDERED, apply: (m) => m.begin() };
    }
    if (rng.chance(0.1)) return { sql: 'BEGIN', kind: 'txn', order: UNORDERED };
    if (rng.chance(0.4)) return { sql: 'ROLLBACK', kind: 'txn', order: UNORDERED, apply: (m) => m.rollback() };
    return { sql: rng.pick(['COMMIT', 'END', 'COMMIT TRANSACTION']), kind: 'txn', order: UNORDERED, apply: (m) => m.commit() };
  }
}
