/**
 * The signal "I/O pending": thrown by the pager (or any code below the statement boundary) when
 * it started an asynchronous read/write/sync and cannot go on until it completes.
 *
 * It is not an Error (no stack capture: it is control flow, thrown on every cache miss over an
 * async backend). Whoever catches it must leave no visible change behind: every operation below
 * the statement boundary is restartable (see docs/ARCHITECTURE.md, "The I/O contract"), and the
 * driver awaits `completion.wait()` and then re-runs the same operation.
 */
import type { Completion } from './completion.js';

export class IoPending {
  constructor(readonly completion: Completion<unknown>) {}
}

export function isIoPending(x: unknown): x is IoPending {
  return x instanceof IoPending;
}
