/**
 * Statement nodes other than SELECT (see ast-select.ts). Every statement has `start`/`end`:
 * the span of its text without the terminating ";".
 *
 * CREATE statements carry `storedSql`, the exact text SQLite writes to sqlite_schema.sql for
 * them. SQLite does not store the statement as typed: it writes a normalised head ("CREATE
 * TABLE ", "CREATE UNIQUE INDEX ", ...: TEMP, IF NOT EXISTS and the schema qualifier are dropped)
 * followed by the source text from the object's (unqualified) name token onwards, to a stop that
 * differs per kind:
 *
 *   kind             text runs to                                     head
 *   ---------------  -----------------------------------------------  ----------------------------
 *   table            ")" ; with WITHOUT ROWID/STRICT options: up to    "CREATE TABLE "
 *                    the next token (";" or end of input)
 *   table AS SELECT  (null: SQLite synthesises the text from the result columns)
 *   index            up to ";" or the end of input (comments kept)     "CREATE [UNIQUE ]INDEX "
 *   view             up to ";" or the end of input, trailing space     "CREATE VIEW "
 *                    trimmed
 *   trigger          the END keyword                                   "CREATE TRIGGER "
 *   virtual table    ")" of the module arguments, else the module      "CREATE VIRTUAL TABLE "
 *                    name
 */

import type { Expr } from './ast-expr.js';
import type {
  FromClause,
  IndexHint,
  LimitClause,
  OrderingTerm,
  ResultColumn,
  SelectStmt,
  WithClause,
} from './ast-select.js';

export interface QualifiedName {
  schema: string | null;
  name: string;
}

export type ConflictAction = 'ROLLBACK' | 'ABORT' | 'FAIL' | 'IGNORE' | 'REPLACE';

interface StmtBase {
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// DML

export interface InsertStmt extends StmtBase {
  kind: 'insert';
  with: WithClause | null;
  /** REPLACE INTO is INSERT with `onConflict` 'REPLACE' and `verb` 'REPLACE'. */
  verb: 'INSERT' | 'REPLACE';
  onConflict: ConflictAction | null;
  table: QualifiedName;
  alias: string | null;
  columns: string[] | null;
  source: { kind: 'select'; select: SelectStmt } | { kind: 'defaultValues' };
  upsert: UpsertClause[];
  returning: ResultColumn[] | null;
}

export interface UpsertClause {
  /** Null for the target-less `ON CONFLICT DO ...` (legal only as the last clause). */
  target: { columns: OrderingTerm[]; where: Expr | null } | null;
  action: { kind: 'nothing' } | { kind: 'update'; set: SetClause[]; where: Expr | null };
}

/** `col = expr`, or `(a, b) = expr` (`vector` true, even for a single parenthesised name). */
export interface SetClause {
  columns: string[];
  vector: boolean;
  expr: Expr;
}

export interface UpdateStmt extends StmtBase {
  kind: 'update';
  with: WithClause | null;
  onConflict: ConflictAction | null;
  table: QualifiedName;
  alias: string | null;
  indexed: IndexHint | null;
  set: SetClause[];
  from: FromClause | null;
  where: Expr | null;
  returning: ResultColumn[] | null;
  orderBy: OrderingTerm[] | null;
  limit: LimitClause | null;
}

export interface DeleteStmt extends StmtBase {
  kind: 'delete';
  with: WithClause | null;
  table: QualifiedName;
  alias: string | null;
  indexed: IndexHint | null;
  where: Expr | null;
  returning: ResultColumn[] | null;
  orderBy: OrderingTerm[] | null;
  limit: LimitClause | null;
}

// ---------------------------------------------------------------------------------------------
// CREATE TABLE

export interface CreateTableStmt extends StmtBase {
  kind: 'createTable';
  temp: boolean;
  ifNotExists: boolean;
  schema: string | null;
  name: string;
  columns: ColumnDef[];
  constraints: TableConstraint[];
  withoutRowid: boolean;
  strict: boolean;
  asSelect: SelectStmt | null;
  storedSql: string | null;
}

export interface ColumnDef {
  name: string;
  /**
   * Declared type as SQLite records it (PRAGMA table_info's `type`): the source text from the
   * first to the last type token, inner spacing kept, dequoted if it starts with a quote.
   */
  typeName: string | null;
  constraints: ColumnConstraint[];
  start: number;
  end: number;
}

/** `name` is the latest `CONSTRAINT name` seen in the column, as SQLite applies it. */
export type ColumnConstraint = { name: string | null } & (
  | {
      kind: 'primaryKey';
      direction: 'ASC' | 'DESC' | null;
      onConflict: ConflictAction | null;
      autoincrement: boolean;
    }
  | { kind: 'notNull'; onConflict: ConflictAction | null }
  | { kind: 'unique'; onConflict: ConflictAction | null }
  | { kind: 'check'; expr: Expr }
  | {
      kind: 'default';
      expr: Expr;
      /** The default's text as PRAGMA table_info shows it (`dflt_value`). */
      text: string;
    }
  | { kind: 'collate'; collation: string }
  | { kind: 'references'; foreignKey: ForeignKeyClause }
  | { kind: 'generated'; expr: Expr; storage: 'VIRTUAL' | 'STORED' }
);

export type TableConstraint = { name: string | null } & (
  | {
      kind: 'primaryKey';
      columns: OrderingTerm[];
      autoincrement: boolean;
      onConflict: ConflictAction | null;
    }
  | { kind: 'unique'; columns: OrderingTerm[]; onConflict: ConflictAction | null }
  | { kind: 'check'; expr: Expr }
  | { kind: 'foreignKey'; columns: string[]; foreignKey: ForeignKeyClause }
);

export type ForeignKeyAction = 'SET NULL' | 'SET DEFAULT' | 'CASCADE' | 'RESTRICT' | 'NO ACTION';

export interface ForeignKeyClause {
  table: string;
  columns: string[] | null;
  onDelete: ForeignKeyAction | null;
  onUpdate: ForeignKeyAction | null;
  /** `MATCH name` (parsed and ignored by SQLite). */
  match: string | null;
  /** True for DEFERRABLE INITIALLY DEFERRED, the only combination SQLite treats as deferred. */
  deferred: boolean;
}

// ---------------------------------------------------------------------------------------------
// Other CREATE, DROP, ALTER

export interface CreateIndexStmt extends StmtBase {
  kind: 'createIndex';
  unique: boolean;
  ifNotExists: boolean;
  schema: string | null;
  name: string;
  table: string;
  columns: OrderingTerm[];
  where: Expr | null;
  storedSql: string;
}

export interface CreateViewStmt extends StmtBase {
  kind: 'createView';
  temp: boolean;
  /** Turso's CREATE MATERIALIZED VIEW. */
  materialized: boolean;
  ifNotExists: boolean;
  schema: string | null;
  name: string;
  columns: string[] | null;
  select: SelectStmt;
  storedSql: string;
}

export type TriggerStep = InsertStmt | UpdateStmt | DeleteStmt | SelectStmt;

export interface CreateTriggerStmt extends StmtBase {
  kind: 'createTrigger';
  temp: boolean;
  ifNotExists: boolean;
  schema: string | null;
  name: string;
  /** Null when omitted (SQLite then behaves as BEFORE). */
  time: 'BEFORE' | 'AFTER' | 'INSTEAD OF' | null;
  event: { kind: 'DELETE' } | { kind: 'INSERT' } | { kind: 'UPDATE'; columns: string[] | null };
  table: QualifiedName;
  forEachRow: boolean;
  when: Expr | null;
  body: TriggerStep[];
  storedSql: string;
}

export interface CreateVirtualTableStmt extends StmtBase {
  kind: 'createVirtualTable';
  ifNotExists: boolean;
  schema: string | null;
  name: string;
  module: string;
  /** Module arguments as raw source text, one per comma-separated argument; empty ones skipped. */
  args: string[];
  storedSql: string;
}

export interface DropStmt extends StmtBase {
  kind: 'drop';
  object: 'TABLE' | 'INDEX' | 'VIEW' | 'TRIGGER';
  ifExists: boolean;
  name: QualifiedName;
}

export interface AlterTableStmt extends StmtBase {
  kind: 'alterTable';
  table: QualifiedName;
  action:
    | { kind: 'renameTable'; newName: string }
    | { kind: 'renameColumn'; column: string; newName: string }
    | {
        kind: 'addColumn';
        column: ColumnDef;
        /** The column definition text SQLite splices into the stored CREATE TABLE. */
        columnText: string;
      }
    | { kind: 'dropColumn'; column: string }
    /** Turso's `ALTER TABLE t ALTER COLUMN c TO <column-def>`. */
    | { kind: 'alterColumn'; column: string; definition: ColumnDef; columnText: string };
}

// ---------------------------------------------------------------------------------------------
// Transactions and utility statements

export interface BeginStmt extends StmtBase {
  kind: 'begin';
  /** CONCURRENT is Turso's MVCC mode. Null: DEFERRED by default. */
  mode: 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE' | 'CONCURRENT' | null;
}

export interface CommitStmt extends StmtBase {
  kind: 'commit';
}

export interface RollbackStmt extends StmtBase {
  kind: 'rollback';
  /** `ROLLBACK TO [SAVEPOINT] name`. */
  savepoint: string | null;
}

export interface SavepointStmt extends StmtBase {
  kind: 'savepoint';
  name: string;
}

export interface ReleaseStmt extends StmtBase {
  kind: 'release';
  name: string;
}

export interface PragmaStmt extends StmtBase {
  kind: 'pragma';
  schema: string | null;
  name: string;
  /**
   * The argument of `= value` or `(value)` as SQLite hands it to the pragma: dequoted, with a
   * leading "-" for negative numbers, "+" dropped.
   */
  value: string | null;
}

export interface AttachStmt extends StmtBase {
  kind: 'attach';
  file: Expr;
  schema: Expr;
  key: Expr | null;
}

export interface DetachStmt extends StmtBase {
  kind: 'detach';
  schema: Expr;
}

export interface VacuumStmt extends StmtBase {
  kind: 'vacuum';
  schema: string | null;
  into: Expr | null;
}

/** REINDEX and ANALYZE: `name` is `[schema.]object`, or null for all. */
export interface ReindexStmt extends StmtBase {
  kind: 'reindex';
  name: QualifiedName | null;
}

export interface AnalyzeStmt extends StmtBase {
  kind: 'analyze';
  name: QualifiedName | null;
}

export interface ExplainStmt extends StmtBase {
  kind: 'explain';
  queryPlan: boolean;
  stmt: Statement;
}

export type Statement =
  | SelectStmt
  | InsertStmt
  | UpdateStmt
  | DeleteStmt
  | CreateTableStmt
  | CreateIndexStmt
  | CreateViewStmt
  | CreateTriggerStmt
  | CreateVirtualTableStmt
  | DropStmt
  | AlterTableStmt
  | BeginStmt
  | CommitStmt
  | RollbackStmt
  | SavepointStmt
  | ReleaseStmt
  | PragmaStmt
  | AttachStmt
  | DetachStmt
  | VacuumStmt
  | ReindexStmt
  | AnalyzeStmt
  | ExplainStmt;
