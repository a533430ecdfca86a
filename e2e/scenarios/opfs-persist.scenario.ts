/**
 * Persistence across page loads: `writeFile` writes a file of deterministic pages with
 * OpfsStorage (then truncates it to a size that ends mid-page) and syncs it; `readFile`, run
 * by a new worker after the page reloads, checks every byte.
 */
import { pattern } from '../../packages/core/test/storage-contract-checks.js';
import { OpfsStorage } from '@minnow/web';
import { type DbFile, isPending, type Io } from '@minnow/core';
import { numberArg, stringArg } from './scenario-args.js';

const PAGE_BYTES = 4096;

async function settle<T>(io: Io<T>): Promise<T> {
  if (!isPending(io)) return io;
  await io.wait();
  return io.value();
}

/** The expected content: page i is `pattern(PAGE_BYTES, i)`, cut at `sizeBytes`. */
function expected(sizeBytes: number): Uint8Array {
  const out = new Uint8Array(sizeBytes);
  for (let page = 0; page * PAGE_BYTES < sizeBytes; page++) {
    out.set(pattern(PAGE_BYTES, page).subarray(0, Math.min(PAGE_BYTES, sizeBytes - page * PAGE_BYTES)), page * PAGE_BYTES);
  }
  return out;
}

/** FNV-1a over the bytes: a short fingerprint for the harness to compare across reloads. */
function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

export interface PersistResult {
  sizeBytes: number;
  fingerprint: string;
}

export async function writeFile(args: unknown): Promise<PersistResult> {
  const storage = await OpfsStorage.at([stringArg(args, 'dir')]);
  const name = stringArg(args, 'name');
  const sizeBytes = numberArg(args, 'sizeBytes');
  const file: DbFile = await settle(storage.open(name, { create: true }));
  try {
    const pages = Math.ceil(sizeBytes / PAGE_BYTES) + 2;
    // Pages written back to front, then the tail cut off: what survives must be exactly this.
    for (let page = pages - 1; page >= 0; page--) await settle(file.write(page * PAGE_BYTES, pattern(PAGE_BYTES, page)));
    await settle(file.truncate(sizeBytes));
    await settle(file.sync());
  } finally {
    await settle(file.close());
  }
  return { sizeBytes, fingerprint: fingerprint(expected(sizeBytes)) };
}

export async function readFile(args: unknown): Promise<PersistResult> {
  const storage = await OpfsStorage.at([stringArg(args, 'dir')]);
  const name = stringArg(args, 'name');
  const sizeBytes = numberArg(args, 'sizeBytes');
  const file = await settle(storage.open(name, { create: false }));
  try {
    const actualSize = await settle(file.size());
    if (actualSize !== sizeBytes) throw new Error(`${name} is ${actualSize} bytes, expected ${sizeBytes}`);
    const bytes = new Uint8Array(sizeBytes);
    const n = await settle(file.read(0, bytes));
    if (n !== sizeBytes) throw new Error(`read ${n} bytes of ${sizeBytes}`);
    const want = expected(sizeBytes);
    for (let i = 0; i < sizeBytes; i++) {
      if (bytes[i] !== want[i]) throw new Error(`${name}: byte ${i} is ${bytes[i]}, expected ${want[i]}`);
    }
    return { sizeBytes, fingerprint: fingerprint(bytes) };
  } finally {
    await settle(file.close());
  }
}
