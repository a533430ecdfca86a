/**
 * What the sync and async Node storages share: where a name points, the open(2) flags, and
 * argument checks.
 *
 * A name is a path relative to the storage's root directory; an absolute name is used as is.
 * Anything but a directory opens (devices too: /dev/full is how the tests meet ENOSPC).
 * Opening tries the existing file first and creates it only when that fails with ENOENT, so
 * the storage knows which files it created: their directory entry is synced with their first
 * `sync` (a new WAL or journal must survive a crash together with its content).
 */
import { constants } from 'node:fs';
import { resolve } from 'node:path';
import { assert } from '@minnow/core';

export const OPEN_READ_WRITE = constants.O_RDWR;
export const OPEN_CREATE = constants.O_RDWR | constants.O_CREAT;
export const OPEN_READ_ONLY = constants.O_RDONLY;
/** Permission bits of created files, before the umask. */
export const CREATE_MODE = 0o644;

export function resolveIn(rootDir: string, name: string): string {
  return resolve(rootDir, name);
}

export function checkRange(offsetBytes: number, lengthBytes: number): void {
  assert(Number.isSafeInteger(offsetBytes) && offsetBytes >= 0, `bad file offset ${offsetBytes}`);
  assert(Number.isSafeInteger(offsetBytes + lengthBytes), `file range past 2^53: ${offsetBytes}+${lengthBytes}`);
}

export function checkSize(sizeBytes: number): void {
  assert(Number.isSafeInteger(sizeBytes) && sizeBytes >= 0, `bad file size ${sizeBytes}`);
}
