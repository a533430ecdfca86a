/**
 * Keeps the hidden classes of the statement-level write path alive (see
 * hidden-class-anchors.ts for why that matters).
 *
 * V8 drops the hidden classes of a class once no instance of it survives a full GC, and with
 * them every optimised function that had inlined code for them. A program that closes its
 * connection (or finalizes its statements), collects, and opens a new one then runs its first
 * statements unoptimised again: measured on a 100,000-row INSERT loop that starts after a full
 * GC in a new in-memory database, 15-20% of its CPU time.
 *
 * So the first connection opened also opens, once per program (at once for a synchronous
 * open; after an asynchronous one, on a timer: `warmHiddenClassesSoon`), a tiny private
 * in-memory database and writes into it through a prepared INSERT, enough rows to split pages: its
 * statement, VM, cursors, keys and B-tree objects stay alive for the life of the program (a few
 * pages of memory). It touches nothing else: its own MemoryStorage, pager and B-tree context.
 */
import { MemoryStorage } from '../io/memory-storage.js';
import { Connection } from './connection.js';
import type { Statement } from './statement.js';

/** Rows written: enough for leaf splits and an interior level on an index of short TEXT keys. */
const WARMUP_ROWS = 400;

let started = false;
const kept: (Connection | Statement)[] = [];

/** Runs the warm-up the first time it is called; later calls do nothing. Never throws. */
export function warmHiddenClassesOnce(): void {
  if (started) return;
  started = true;
  try {
    const conn = Connection.openSync(new MemoryStorage(), 'minnow-warmup.db');
    conn.exec('CREATE TABLE t(a INTEGER, b TEXT, c REAL); CREATE INDEX t_b ON t(b)');
    const insert = conn.prepare('INSERT INTO t(a, b, c) VALUES (?, ?, ?)')!;
    conn.exec('BEGIN');
    for (let i = 0; i < WARMUP_ROWS; i++) {
      // Keys in scattered order, so the index splits in its middle as well as at its end.
      const key = ((i * 7919) % WARMUP_ROWS).toString(36).padStart(12, 'k');
      insert.bind([i, key, i + 0.5]);
      insert.runSync();
      insert.reset();
    }
    conn.exec('COMMIT');
    kept.push(conn, insert);
  } catch {
    // Only an optimisation: a failure here must not fail the caller's open.
  }
}

type Timer = (fn: () => void, ms: number) => unknown;

/**
 * For asynchronous opens (browsers, workers): the same warm-up, but after the caller's open
 * has returned, so that it never delays a page's first query. Skipped where there is no timer.
 */
export function warmHiddenClassesSoon(): void {
  if (started) return;
  const setTimer = (globalThis as { setTimeout?: Timer }).setTimeout;
  if (typeof setTimer === 'function') setTimer(warmHiddenClassesOnce, 0);
}

/** For tests: whether the warm-up database holds its rows. */
export function warmupRowCount(): number {
  const conn = kept[0];
  if (!(conn instanceof Connection)) return -1;
  const stmt = conn.prepare('SELECT count(*) FROM t')!;
  try {
    return stmt.runSync()[0]![0] as number;
  } finally {
    stmt.finalize();
  }
}
