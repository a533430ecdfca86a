/**
 * Resumable multi-step I/O procedures (opening/recovery, commit, checkpoint, journal rollback).
 *
 * A procedure is a generator that `yield`s each backend call's `Io<T>` result and receives the
 * call's value back:   const n = yield* io(file.read(off, buf));
 * `Procedure.run()` drives it: values that finished inline are fed straight back (the sync fast
 * path: no promise, no await); a pending Completion is remembered and IoPending is thrown. When
 * the driver re-runs the operation, `run()` resumes the generator with the completion's value
 * (or throws its error into it) instead of starting over, so no write is issued twice.
 *
 * States:  fresh -> running -> (suspended on completion -> running)* -> finished | failed
 */
import { assert } from '../assert.js';
import { Completion, isPending, type Io } from './completion.js';
import { IoPending } from './io-pending.js';

export type Proc<T> = Generator<Io<unknown>, T, unknown>;

/** `yield* io(call)` inside a procedure: the call's value, whether it finished inline or not. */
export function* io<T>(call: Io<T>): Generator<Io<unknown>, T, unknown> {
  if (!isPending(call)) return call;
  return (yield call) as T;
}

/** Bound on steps of one procedure (each step is one backend call). */
const MAX_STEPS = 100_000_000;

export class Procedure<T> {
  private waitingOn: Completion<unknown> | null = null;
  private finished = false;
  private result: T | undefined;

  constructor(private readonly gen: Proc<T>) {}

  get isFinished(): boolean {
    return this.finished;
  }

  /** Runs until finished (returns the value) or until a call pends (throws IoPending). */
  run(): T {
    if (this.finished) return this.result as T;
    let step: IteratorResult<Io<unknown>, T>;
    if (this.waitingOn !== null) {
      const c = this.waitingOn;
      assert(c.done, 'procedure resumed before its completion finished');
      this.waitingOn = null;
      let value: unknown;
      try {
        value = c.value();
      } catch (e) {
        step = this.gen.throw(e);
        return this.continueFrom(step);
      }
      step = this.gen.next(value);
    } else {
      step = this.gen.next(undefined);
    }
    return this.continueFrom(step);
  }

  private continueFrom(first: IteratorResult<Io<unknown>, T>): T {
    let step = first;
    for (let i = 0; i < MAX_STEPS; i++) {
      if (step.done) {
        this.finished = true;
        this.result = step.value;
        return step.value;
      }
      const call = step.value;
      if (isPending(call)) {
        if (!call.done) {
          this.waitingOn = call;
          throw new IoPending(call);
        }
        let value: unknown;
        try {
          value = call.value();
        } catch (e) {
          step = this.gen.throw(e);
          continue;
        }
        step = this.gen.next(value);
      } else {
        step = this.gen.next(call);
      }
    }
    throw new Error('procedure exceeded its step bound');
  }
}

/** Runs a procedure to the end with no restarts possible: for synchronous backends only. */
export function runProcSync<T>(gen: Proc<T>): T {
  return new Procedure(gen).run();
}
