/**
 * What the generator knows about the database it is writing to: the tables (with their
 * columns' declared types and constraints) and indexes that exist. The runner applies a
 * statement's effect to the model only when the oracle (sql.js) ran it successfully, so the
 * model follows real SQLite; BEGIN snapshots it so ROLLBACK can restore it.
 */
export type AffinityClass = 'integer' | 'text' | 'real' | 'numeric' | 'blob';

export interface ColumnModel {
  readonly name: string;
  /** The declared type as written ('' for none). */
  readonly type: string;
  readonly affinity: AffinityClass;
  readonly notNull: boolean;
  readonly unique: boolean;
  readonly collate: 'BINARY' | 'NOCASE' | 'RTRIM' | null;
  /** Part of the PRIMARY KEY (INTEGER PRIMARY KEY makes it the rowid). */
  readonly primaryKey: boolean;
}

export interface TableModel {
  readonly name: string;
  readonly columns: readonly ColumnModel[];
  /** The column that is the rowid (INTEGER PRIMARY KEY), or null. */
  readonly rowidAlias: string | null;
}

export interface IndexModel {
  readonly name: string;
  readonly table: string;
}

export class SchemaModel {
  tables: TableModel[] = [];
  indexes: IndexModel[] = [];
  /**
   * An upper estimate of each table's row count (rows offered by successful INSERTs), so the
   * generator can keep joins from multiplying into hundreds of thousands of rows.
   */
  rowEstimate = new Map<string, number>();
  inTransaction = false;
  private snapshot: { tables: TableModel[]; indexes: IndexModel[]; rows: Map<string, number> } | null = null;
  private counter = 0;

  /** A fresh object name with the given prefix (never reused, even after DROP). */
  freshName(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  table(name: string): TableModel | undefined {
    return this.tables.find((t) => t.name === name);
  }

  addTable(t: TableModel): void {
    this.tables.push(t);
  }

  rows(name: string): number {
    return this.rowEstimate.get(name) ?? 0;
  }

  addRows(name: string, n: number): void {
    this.rowEstimate.set(name, this.rows(name) + n);
  }

  dropTable(name: string): void {
    this.rowEstimate.delete(name);
    this.tables = this.tables.filter((t) => t.name !== name);
    this.indexes = this.indexes.filter((i) => i.table !== name);
  }

  addIndex(i: IndexModel): void {
    this.indexes.push(i);
  }

  dropIndex(name: string): void {
    this.indexes = this.indexes.filter((i) => i.name !== name);
  }

  begin(): void {
    this.inTransaction = true;
    this.snapshot = { tables: this.tables.slice(), indexes: this.indexes.slice(), rows: new Map(this.rowEstimate) };
  }

  commit(): void {
    this.inTransaction = false;
    this.snapshot = null;
  }

  rollback(): void {
    if (this.snapshot !== null) {
      this.tables = this.snapshot.tables;
      this.indexes = this.snapshot.indexes;
      this.rowEstimate = this.snapshot.rows;
    }
    this.commit();
  }
}

/** The affinity class of a declared type (SQLite's substring rules). */
export function affinityClass(type: string): AffinityClass {
  const t = type.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('BLOB') || t === '') return 'blob';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  return 'numeric';
}
