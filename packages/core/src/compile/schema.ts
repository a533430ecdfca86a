/**
 * The schema as the compiler sees it: tables, their columns and indexes, built from the rows
 * of sqlite_schema by parsing the stored CREATE statements.
 *
 *   column   affinity from the declared type, NOT NULL, DEFAULT, COLLATE
 *   table    the rowid alias (INTEGER PRIMARY KEY, not DESC at column level), WITHOUT ROWID
 *   index    key columns with their collation and direction; UNIQUE; automatic indexes for
 *            PRIMARY KEY/UNIQUE constraints, named sqlite_autoindex_<table>_<n> in constraint
 *            order (a UNIQUE repeating an earlier key's columns gets none), as SQLite names them
 */
import { BINARY, builtinCollation, type Collation } from '../btree/collation.js';
import type { KeyInfo } from '../btree/key-compare.js';
import type { SchemaEntry } from '../btree/schema-table.js';
import { SqliteError } from '../errors.js';
import type { ColumnDef, ConflictAction, CreateIndexStmt, CreateTableStmt, CreateViewStmt, Expr, OrderingTerm, SelectStmt } from '../parser/ast.js';
import { dequote } from '../parser/lexer.js';
import { parseOne } from '../parser/parser.js';
import { affinityOfType } from '../vdbe/affinity.js';

export interface ColumnInfo {
  readonly name: string;
  readonly declType: string | null;
  readonly affinity: number;
  readonly notNull: boolean;
  readonly defaultExpr: Expr | null;
  readonly collation: Collation;
  /** The NOT NULL constraint's ON CONFLICT action (dml). */
  readonly notNullConflict?: ConflictAction | null;
  /** A generated column's expression (dml). */
  readonly generated?: Expr | null;
}

/** A CHECK constraint: its expression and the name SQLite reports when it fails. */
export interface CheckInfo {
  readonly expr: Expr;
  readonly name: string;
}

export interface IndexColumn {
  /** Table column index; -1 for the rowid, -2 for an expression. */
  readonly column: number;
  /** The indexed expression (column -2) (dml). */
  readonly expr?: Expr;
  readonly collation: Collation;
  readonly desc: boolean;
}

export interface IndexInfo {
  readonly name: string;
  readonly tableName: string;
  readonly rootPage: number;
  readonly schemaRowid: number | bigint;
  readonly unique: boolean;
  /** 'pk' and 'unique' indexes come from constraints (automatic indexes). */
  readonly origin: 'pk' | 'unique' | 'index';
  readonly columns: readonly IndexColumn[];
  /** Ordering of the full entry: the key columns then the rowid. */
  readonly keyInfo: KeyInfo;
  /** ON CONFLICT action of the PRIMARY KEY/UNIQUE constraint behind an automatic index (dml). */
  readonly onConflict?: ConflictAction | null;
  /** The stored CREATE INDEX (null for automatic indexes) (dml: ALTER TABLE). */
  readonly sql?: string | null;
  /** A partial index's WHERE clause (dml). Query planning must not use such an index. */
  readonly where?: Expr | null;
}

export interface TableInfo {
  readonly name: string;
  readonly rootPage: number;
  readonly schemaRowid: number | bigint;
  readonly columns: readonly ColumnInfo[];
  /** Column that aliases the rowid, or -1. */
  readonly rowidAlias: number;
  readonly withoutRowid: boolean;
  readonly indexes: IndexInfo[];
  /** PRIMARY KEY columns (for messages), empty when none or rowid alias only. */
  readonly pkColumns: readonly number[];
  /** CHECK constraints, table and column ones, in declaration order (dml). */
  readonly checks?: readonly CheckInfo[];
  /** ON CONFLICT action of an INTEGER PRIMARY KEY (dml). */
  readonly rowidConflict?: ConflictAction | null;
  /** The parsed CREATE TABLE and its stored text (dml: ALTER TABLE, PRAGMA table_info). */
  readonly def?: CreateTableStmt;
  readonly sql?: string;
}

/** A view: its stored CREATE VIEW, parsed; expanded like a subquery where it is used. */
export interface ViewInfo {
  readonly name: string;
  readonly schemaRowid: number | bigint;
  readonly columns: readonly string[] | null;
  readonly select: SelectStmt;
  readonly temp?: boolean;
}

export class Schema {
  readonly tables = new Map<string, TableInfo>();
  readonly views = new Map<string, ViewInfo>();
  readonly indexes = new Map<string, IndexInfo>();
  constructor(
    /** TEMP views of the connection (name -> CREATE VIEW text; vdbe/temp-views.ts). */
    readonly tempViews: Map<string, string> = new Map(),
  ) {}

  /** The view called `name`: a TEMP view first, as SQLite searches temp before main. */
  view(name: string, schemaName: string | null = null): ViewInfo | undefined {
    const lower = name.toLowerCase();
    const s = schemaName?.toLowerCase() ?? null;
    if (s === null || s === 'temp') {
      const sql = this.tempViews.get(lower);
      if (sql !== undefined) {
        const stmt = parseOne(sql, 0)?.stmt;
        if (stmt?.kind === 'createView') return { name: stmt.name, schemaRowid: 0, columns: stmt.columns, select: stmt.select, temp: true };
      }
      if (s === 'temp') return undefined;
    }
    return this.views.get(lower);
  }

  /** Views and triggers by name: kept so names stay reserved. */
  readonly otherObjects = new Map<string, SchemaEntry>();

  table(name: string): TableInfo | undefined {
    return this.tables.get(name.toLowerCase());
  }

  index(name: string): IndexInfo | undefined {
    return this.indexes.get(name.toLowerCase());
  }
}

export const SCHEMA_TABLE: TableInfo = {
  name: 'sqlite_schema',
  rootPage: 1,
  schemaRowid: 0,
  columns: ['type', 'name', 'tbl_name', 'rootpage', 'sql'].map((name, i) => ({
    name,
    declType: i === 3 ? 'int' : 'text',
    affinity: affinityOfType(i === 3 ? 'int' : 'text'),
    notNull: false,
    defaultExpr: null,
    collation: BINARY,
  })),
  rowidAlias: -1,
  withoutRowid: false,
  indexes: [],
  pkColumns: [],
};

export function collationByName(name: string): Collation {
  const c = builtinCollation(name);
  if (c === undefined) throw new SqliteError('SQLITE_ERROR', `no such collation sequence: ${name}`);
  return c;
}

export function columnInfoOf(def: ColumnDef): ColumnInfo {
  let notNull = false;
  let defaultExpr: Expr | null = null;
  let collation = BINARY;
  let notNullConflict: ConflictAction | null = null;
  let generated: Expr | null = null;
  for (const c of def.constraints) {
    if (c.kind === 'generated') generated = c.expr;
    if (c.kind === 'notNull') {
      notNull = true;
      notNullConflict = c.onConflict;
    } else if (c.kind === 'default') defaultExpr = c.expr;
    else if (c.kind === 'collate') collation = collationByName(c.collation);
  }
  return { name: def.name, declType: def.typeName, affinity: affinityOfType(def.typeName), notNull, defaultExpr, collation, notNullConflict, generated };
}

/** A key that an automatic index will cover: its columns, in constraint order. */
export interface ImplicitKey {
  origin: 'pk' | 'unique';
  onConflict?: ConflictAction | null;
  terms: { column: number; collation: Collation; desc: boolean }[];
}

function termColumn(stmt: CreateTableStmt, term: OrderingTerm): number {
  let e = term.expr;
  let coll: string | null = null;
  if (e.kind === 'collate') {
    coll = e.collation;
    e = e.operand;
  }
  if (e.kind !== 'column' || e.table !== null) throw new SqliteError('SQLITE_ERROR', 'expressions prohibited in PRIMARY KEY and UNIQUE constraints');
  const idx = stmt.columns.findIndex((c) => c.name.toLowerCase() === e.column.toLowerCase());
  if (idx < 0) throw new SqliteError('SQLITE_ERROR', `no such column: ${e.column}`);
  void coll;
  return idx;
}

function termCollation(term: OrderingTerm, col: ColumnInfo): Collation {
  return term.expr.kind === 'collate' ? collationByName(term.expr.collation) : col.collation;
}

/** Table layout from CREATE TABLE: columns, rowid alias and the keys needing automatic indexes. */
export function analyzeCreateTable(stmt: CreateTableStmt): { columns: ColumnInfo[]; rowidAlias: number; keys: ImplicitKey[]; pkColumns: number[]; rowidConflict: ConflictAction | null } {
  const columns = stmt.columns.map(columnInfoOf);
  const keys: ImplicitKey[] = [];
  let rowidAlias = -1;
  let pkSeen = false;
  let pkColumns: number[] = [];
  let rowidConflict: ConflictAction | null = null;
  const addKey = (origin: 'pk' | 'unique', terms: ImplicitKey['terms'], onConflict: ConflictAction | null = null): void => {
    if (origin === 'pk') {
      if (pkSeen) throw new SqliteError('SQLITE_ERROR', `table "${stmt.name}" has more than one primary key`);
      pkSeen = true;
      pkColumns = terms.map((t) => t.column);
      const only = terms.length === 1 ? terms[0]! : null;
      if (only !== null && (columns[only.column]!.declType ?? '').toUpperCase() === 'INTEGER' && !stmt.withoutRowid) {
        rowidAlias = only.column;
        rowidConflict = onConflict;
        return;
      }
    }
    const same = keys.find((k) => k.terms.length === terms.length && k.terms.every((t, i) => t.column === terms[i]!.column && t.collation === terms[i]!.collation));
    if (same !== undefined) {
      same.onConflict ??= onConflict;
      return;
    }
    keys.push({ origin, terms, onConflict });
  };
  stmt.columns.forEach((def, i) => {
    for (const c of def.constraints) {
      if (c.kind === 'primaryKey') {
        const isIntegerType = (def.typeName ?? '').toUpperCase() === 'INTEGER';
        if (isIntegerType && c.direction === 'DESC' && !stmt.withoutRowid) {
          // INTEGER PRIMARY KEY DESC is not a rowid alias (SQLite's documented quirk).
          if (pkSeen) throw new SqliteError('SQLITE_ERROR', `table "${stmt.name}" has more than one primary key`);
          pkSeen = true;
          pkColumns = [i];
          keys.push({ origin: 'pk', terms: [{ column: i, collation: columns[i]!.collation, desc: false }], onConflict: c.onConflict });
        } else {
          addKey('pk', [{ column: i, collation: columns[i]!.collation, desc: false }], c.onConflict);
        }
      } else if (c.kind === 'unique') {
        addKey('unique', [{ column: i, collation: columns[i]!.collation, desc: false }], c.onConflict);
      }
    }
  });
  for (const c of stmt.constraints) {
    if (c.kind !== 'primaryKey' && c.kind !== 'unique') continue;
    const terms = c.columns.map((t) => {
      const column = termColumn(stmt, t);
      return { column, collation: termCollation(t, columns[column]!), desc: false };
    });
    addKey(c.kind === 'primaryKey' ? 'pk' : 'unique', terms, c.onConflict);
  }
  return { columns, rowidAlias, keys, pkColumns, rowidConflict };
}

/** CHECK constraints of a CREATE TABLE; unnamed ones are reported by their source text. */
function checksOf(stmt: CreateTableStmt, sql: string): CheckInfo[] {
  const checks: CheckInfo[] = [];
  const add = (expr: Expr, name: string | null): void => {
    // SQLite dequotes the span it reports, so a check starting with a quoted name reports
    // only that name ("CHECK constraint failed: select" for `"select" != 'a'`).
    checks.push({ expr, name: name ?? dequote(sql.slice(expr.start, expr.end).trim()) });
  };
  for (const col of stmt.columns) for (const c of col.constraints) if (c.kind === 'check') add(c.expr, c.name);
  for (const c of stmt.constraints) if (c.kind === 'check') add(c.expr, c.name);
  return checks;
}

function keyInfoOf(columns: readonly IndexColumn[]): KeyInfo {
  return { collations: columns.map((c) => c.collation), desc: columns.map((c) => c.desc) };
}

/** Index columns of CREATE INDEX against `table`. */
export function indexColumnsOf(stmt: CreateIndexStmt, table: TableInfo): IndexColumn[] {
  return stmt.columns.map((term) => {
    let e = term.expr;
    let coll: Collation | null = null;
    if (e.kind === 'collate') {
      coll = collationByName(e.collation);
      e = e.operand;
    }
    if (e.kind !== 'column' || e.table !== null) {
      // An index on an expression: its key is computed from the row (dml).
      return { column: -2, expr: e, collation: coll ?? BINARY, desc: term.direction === 'DESC' };
    }
    const name = e.column.toLowerCase();
    const column = table.columns.findIndex((c) => c.name.toLowerCase() === name);
    if (column < 0) {
      if (table.rowidAlias < 0 && (name === 'rowid' || name === 'oid' || name === '_rowid_')) {
        return { column: -1, collation: coll ?? BINARY, desc: term.direction === 'DESC' };
      }
      throw new SqliteError('SQLITE_ERROR', `no such column: ${e.column}`);
    }
    return { column, collation: coll ?? table.columns[column]!.collation, desc: term.direction === 'DESC' };
  });
}

function parseStored(entry: SchemaEntry): CreateTableStmt | CreateIndexStmt | CreateViewStmt | null {
  if (entry.sql === null) return null;
  try {
    const parsed = parseOne(entry.sql, 0);
    const stmt = parsed?.stmt;
    if (stmt?.kind === 'createTable' || stmt?.kind === 'createIndex' || stmt?.kind === 'createView') return stmt;
    return null;
  } catch {
    throw new SqliteError('SQLITE_CORRUPT', `malformed database schema (${entry.name})`);
  }
}

/** The schema described by the rows of sqlite_schema. */
export function buildSchema(entries: readonly SchemaEntry[], tempViews: Map<string, string> = new Map()): Schema {
  const schema = new Schema(tempViews);
  const implicit = new Map<string, ImplicitKey[]>();
  for (const e of entries) {
    if (e.type !== 'table') continue;
    const stmt = parseStored(e);
    if (stmt === null || stmt.kind !== 'createTable') continue;
    const { columns, rowidAlias, keys, pkColumns, rowidConflict } = analyzeCreateTable(stmt);
    const table: TableInfo = {
      name: e.name, rootPage: e.rootPage, schemaRowid: e.rowid, columns, rowidAlias,
      withoutRowid: stmt.withoutRowid, indexes: [], pkColumns,
      checks: checksOf(stmt, e.sql ?? ''), rowidConflict, def: stmt, sql: e.sql ?? '',
    };
    schema.tables.set(e.name.toLowerCase(), table);
    implicit.set(e.name.toLowerCase(), keys);
  }
  for (const e of entries) {
    if (e.type !== 'index') {
      if (e.type !== 'table') schema.otherObjects.set(e.name.toLowerCase(), e);
      if (e.type === 'view') {
        const stmt = parseStored(e);
        if (stmt?.kind === 'createView') schema.views.set(e.name.toLowerCase(), { name: e.name, schemaRowid: e.rowid, columns: stmt.columns, select: stmt.select });
      }
      continue;
    }
    const table = schema.table(e.tblName);
    if (table === undefined) continue;
    let info: IndexInfo;
    const auto = /^sqlite_autoindex_.*_(\d+)$/i.exec(e.name);
    if (e.sql === null && auto !== null) {
      const key = implicit.get(table.name.toLowerCase())?.[Number(auto[1]) - 1];
      if (key === undefined) throw new SqliteError('SQLITE_CORRUPT', `malformed database schema (${e.name})`);
      const columns = key.terms.map((t) => ({ column: t.column, collation: t.collation, desc: t.desc }));
      info = { name: e.name, tableName: table.name, rootPage: e.rootPage, schemaRowid: e.rowid, unique: true, origin: key.origin, columns, keyInfo: keyInfoOf(columns), onConflict: key.onConflict ?? null };
    } else {
      const stmt = parseStored(e);
      if (stmt === null || stmt.kind !== 'createIndex') continue;
      const columns = indexColumnsOf(stmt, table);
      info = { name: e.name, tableName: table.name, rootPage: e.rootPage, schemaRowid: e.rowid, unique: stmt.unique, origin: 'index', columns, keyInfo: keyInfoOf(columns), sql: e.sql, where: stmt.where };
    }
    table.indexes.push(info);
    schema.indexes.set(e.name.toLowerCase(), info);
  }
  return schema;
}

export { keyInfoOf };
