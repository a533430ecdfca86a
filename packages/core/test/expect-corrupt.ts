/** Test helpers: "this input is reported as corruption", in SQLite's code and words. */
import { expect } from 'vitest';
import { SqliteError } from '../src/errors.js';

function checkCorrupt(caught: unknown): void {
  expect(caught, 'expected SQLITE_CORRUPT').toBeInstanceOf(SqliteError);
  expect((caught as SqliteError).code).toBe('SQLITE_CORRUPT');
  expect((caught as SqliteError).message).toBe('database disk image is malformed');
}

/** `fn` throws SQLITE_CORRUPT. */
export function expectCorrupt(fn: () => unknown): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  checkCorrupt(caught);
}

/** `p` rejects with SQLITE_CORRUPT. */
export async function expectCorruptAsync(p: Promise<unknown>): Promise<void> {
  checkCorrupt(await p.then(() => null, (err: unknown) => err));
}
