/**
 * The compat layer's share of the hidden-class warm-up (core's engine/hidden-class-warmup.ts):
 * the first Database opened also opens a private in-memory one and runs a prepared INSERT
 * through `Statement.run`, and keeps both alive, so that V8 keeps the compat objects' hidden
 * classes (and the optimised code built on them) when a program drops all its own statements
 * and a full GC runs.
 */
import type { Database } from './database.js';
import type { Statement } from './statement.js';

const WARMUP_ROWS = 64;

let started = false;
const kept: (Database | Statement)[] = [];

/** Runs once per program; never throws. `open` makes the private in-memory Database. */
export function warmCompatOnce(open: () => Database): void {
  if (started) return;
  started = true;
  try {
    const db = open();
    db.exec('CREATE TABLE t(a INTEGER, b TEXT, c REAL)');
    const insert = db.prepare('INSERT INTO t(a, b, c) VALUES (?, ?, ?)');
    db.exec('BEGIN');
    for (let i = 0; i < WARMUP_ROWS; i++) insert.run([i, `row ${i}`, i + 0.5]);
    db.exec('COMMIT');
    kept.push(db, insert);
  } catch {
    // Only an optimisation.
  }
}

/** For tests: how many objects the warm-up keeps (2 when it ran and succeeded). */
export function compatWarmupKept(): number {
  return kept.length;
}
