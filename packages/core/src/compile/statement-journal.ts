/**
 * Whether a writing statement needs its statement savepoint (SQLite's statement journal).
 *
 * Inside BEGIN, a failing statement must undo only itself, so the connection opens a pager
 * savepoint for each writer, and every page the statement touches that is already dirty is
 * copied first. A statement that can only fail before its first write has nothing to undo, so
 * it may skip that: SQLite decides the same from its "may abort" flag.
 *
 * Only the simplest INSERT qualifies: one row of VALUES (or DEFAULT VALUES), no triggers, no
 * RETURNING, no UPSERT, no AUTOINCREMENT, no REPLACE anywhere (a REPLACE deletes before it
 * writes the row), and only plain-column indexes (a partial or expression index evaluates an
 * expression, which may raise an error, after the table row is written). Its NOT NULL, CHECK
 * and UNIQUE checks then all run before the first write (constraint-checks.ts).
 *
 * An unexpected failure after a write (an I/O error, a corrupt page) cannot undo the
 * statement alone then; the connection rolls back the whole transaction instead, as SQLite
 * does for such errors (engine/connection.ts).
 */
import type { ConflictAction, InsertStmt } from '../parser/ast.js';
import type { TableInfo } from './schema.js';

export interface InsertShape {
  readonly stmt: InsertStmt;
  readonly table: TableInfo;
  readonly hasTriggers: boolean;
  readonly hasAutoincrement: boolean;
}

function isReplace(action: ConflictAction | null | undefined): boolean {
  return action === 'REPLACE';
}

/** True when the INSERT writes only after every check that can fail has passed. */
export function insertFailsOnlyBeforeWriting(shape: InsertShape): boolean {
  const { stmt, table } = shape;
  if (shape.hasTriggers || shape.hasAutoincrement) return false;
  if (stmt.returning !== null || stmt.upsert.length > 0 || stmt.with !== null) return false;
  if (isReplace(stmt.onConflict) || isReplace(table.rowidConflict)) return false;
  if (table.columns.some((c) => isReplace(c.notNullConflict))) return false;
  for (const ix of table.indexes) {
    if (isReplace(ix.onConflict)) return false;
    if (ix.where !== undefined && ix.where !== null) return false;
    if (ix.columns.some((c) => c.expr !== undefined)) return false;
  }
  if (stmt.source.kind === 'defaultValues') return true;
  if (stmt.source.kind !== 'select') return false;
  const select = stmt.source.select;
  return (
    select.compound.length === 0 &&
    select.body.kind === 'values' &&
    select.body.rows.length === 1 &&
    select.orderBy === null &&
    select.limit === null &&
    select.with === null
  );
}
