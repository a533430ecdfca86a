/**
 * A Completion is the result of one backend call that did not finish inline. It is completed
 * exactly once, with a value or an error. It never calls engine code when it completes: the
 * driver (Node, worker, shell) awaits `wait()` and then re-runs the step that was waiting, so
 * completions are always delivered on the engine's thread, through the driver's loop.
 *
 * States:  pending --complete(v)--> done(value)
 *          pending --fail(e)------> done(error)
 * Invariant: a done completion never changes again.
 */
import { assert } from '../assert.js';

export class Completion<T = void> {
  private state: 'pending' | 'ok' | 'error' = 'pending';
  private result: T | undefined;
  private failure: unknown;
  private waiter: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  get done(): boolean {
    return this.state !== 'pending';
  }

  complete(value: T): void {
    assert(this.state === 'pending', 'completion completed twice');
    this.state = 'ok';
    this.result = value;
    this.wake?.();
  }

  fail(error: unknown): void {
    assert(this.state === 'pending', 'completion completed twice');
    this.state = 'error';
    this.failure = error;
    this.wake?.();
  }

  /** The value of a done completion; rethrows its error. */
  value(): T {
    assert(this.state !== 'pending', 'value() of a pending completion');
    if (this.state === 'error') throw this.failure;
    return this.result as T;
  }

  /** Resolves (never rejects) once done; the error, if any, comes from `value()`. */
  wait(): Promise<void> {
    if (this.state !== 'pending') return Promise.resolve();
    if (this.waiter === null) {
      this.waiter = new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    return this.waiter;
  }

  /** Adapts a promise: the completion is completed when the promise settles. */
  static fromPromise<T>(promise: Promise<T>): Completion<T> {
    const c = new Completion<T>();
    promise.then(
      (v) => c.complete(v),
      (e) => c.fail(e),
    );
    return c;
  }
}

/** What a backend call returns: the value at once, or a pending Completion. */
export type Io<T> = T | Completion<T>;

export function isPending<T>(x: Io<T>): x is Completion<T> {
  return x instanceof Completion;
}

/** A promise of a call's value, for driver-level code that awaits anyway (never in the engine). */
export async function settle<T>(call: Io<T>): Promise<T> {
  if (!isPending(call)) return call;
  await call.wait();
  return call.value();
}
