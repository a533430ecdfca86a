/**
 * The clock behind 'now': SQLite reads the time once per sqlite3_step() and gives every 'now'
 * (and CURRENT_TIMESTAMP) in that step the same value. Statement.step() calls `newStep()`
 * when a step starts (not when it resumes after pending I/O).
 */
import { UNIX_EPOCH_JD_MS } from './datetime-value.js';

let cached: number | null = null;

export function newStep(): void {
  cached = null;
}

/** The current time as a Julian day in milliseconds, fixed for the current step. */
export function stepNow(): number {
  cached ??= Date.now() + UNIX_EPOCH_JD_MS;
  return cached;
}
