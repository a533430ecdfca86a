/**
 * Assertions for the storage contract cases, framework-free: each throws a plain Error.
 */

export function fail(message: string): never {
  throw new Error(message);
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (!Object.is(actual, expected)) fail(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

export function expectBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  expectEqual(actual.length, expected.length, `${what} (length)`);
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) fail(`${what}: byte ${i} is ${actual[i]}, expected ${expected[i]}`);
  }
}

export function expectFilled(actual: Uint8Array, value: number, what: string): void {
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== value) fail(`${what}: byte ${i} is ${actual[i]}, expected ${value}`);
  }
}

/** Awaits `run` and checks it failed with a SqliteError of the given code. */
export async function expectSqliteError(run: () => Promise<unknown>, code: string, what: string): Promise<void> {
  let outcome: unknown;
  try {
    await run();
  } catch (e) {
    outcome = e;
  }
  if (outcome === undefined) fail(`${what}: expected ${code}, but it succeeded`);
  const err = outcome as { name?: unknown; code?: unknown; message?: unknown };
  if (err.name !== 'SqliteError' || err.code !== code) {
    fail(`${what}: expected SqliteError ${code}, got ${String(err.name)} ${String(err.code)}: ${String(err.message)}`);
  }
}

/** Deterministic non-zero bytes, different for each `seed`. */
export function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761 + 12345) >>> 0;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = ((x >>> 16) % 255) + 1;
  }
  return out;
}
