/**
 * Runs asynchronous operations one at a time, in the order they were queued: the engine's
 * connection is not re-entrant (a statement stepping while another waits for I/O would see
 * half-done work), so every call on a Database goes through one of these.
 */
export class SerialQueue {
  /** Settles when the last queued operation has finished; never rejects. */
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  run<T>(op: () => T | Promise<T>): Promise<T> {
    this.queued++;
    const result = this.tail.then(op);
    this.tail = result.then(
      () => this.queued--,
      () => this.queued--,
    );
    return result;
  }

  /** Operations queued or running. */
  get size(): number {
    return this.queued;
  }

  /** Resolves once everything queued so far has finished. */
  async idle(): Promise<void> {
    // Operations queued while waiting extend the tail; wait for those too.
    for (let rounds = 0; this.queued > 0 && rounds < 1_000_000; rounds++) await this.tail;
  }
}
