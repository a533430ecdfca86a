/**
 * Invariant checks. A failed assertion is a bug in Minnow, never a property of the input: input
 * (SQL, file bytes) is validated with SqliteErrors instead. We crash rather than corrupt.
 */
export class AssertionError extends Error {
  constructor(message: string) {
    super(`minnow internal assertion failed: ${message}`);
    this.name = 'AssertionError';
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** For exhaustive switches: `default: return unreachable(x)` fails to compile on a new kind. */
export function unreachable(x: never): never {
  throw new AssertionError(`unreachable: ${JSON.stringify(x)}`);
}
