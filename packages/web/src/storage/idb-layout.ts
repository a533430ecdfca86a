/**
 * How a file is stored in IndexedDB. One IndexedDB database per storage (a "directory"), with
 * one object store, `blocks`, holding every file of that directory under array keys:
 *
 *   key                      value                                      one per
 *   -----------------------  -----------------------------------------  ----------------------
 *   [fileName]               { version: 1, sizeBytes, blockBytes }      file (its meta record)
 *   [fileName, blockIndex]   Uint8Array of exactly BLOCK_BYTES bytes    block ever written
 *
 * Block `i` holds file bytes [i * BLOCK_BYTES, (i + 1) * BLOCK_BYTES). A block never written
 * (a hole) has no record and reads as zeros. Array keys compare element by element and a
 * shorter prefix sorts first, so one file's records form one contiguous key range,
 * `[fileName]` .. `[fileName, Infinity]`: deleting a file, or every block from some index on,
 * is one `delete(range)`.
 *
 * Invariants after every committed sync: no block record at or past ceil(sizeBytes /
 * BLOCK_BYTES), and the bytes of the last block past `sizeBytes` are zero. So a file that grows
 * needs no writes to read its new region as zeros.
 *
 * Why 4 KiB blocks: 4096 is SQLite's default page size and a multiple of every smaller page
 * size, and every larger page size (up to 64 KiB) is a multiple of it, so a page-aligned write
 * of the database file covers whole blocks or lies inside one: a one-page commit rewrites 4 KiB,
 * not 64 KiB. A WAL frame (24 + page bytes) straddles at most two blocks, so appending a frame
 * rewrites at most 8 KiB. Larger blocks would mean fewer records per read but multiply the
 * bytes every small commit writes.
 */
import { corrupt } from '@minnow/core';

export const BLOCK_BYTES = 4096;
export const STORE_NAME = 'blocks';
export const META_VERSION = 1;

export type MetaKey = [string];
export type BlockKey = [string, number];

export interface MetaRecord {
  version: number;
  sizeBytes: number;
  blockBytes: number;
}

export function metaKey(fileName: string): MetaKey {
  return [fileName];
}

export function blockKey(fileName: string, blockIndex: number): BlockKey {
  return [fileName, blockIndex];
}

/** Every record of a file, its meta record included. */
export function fileRange(fileName: string): IDBKeyRange {
  return IDBKeyRange.bound([fileName], [fileName, Infinity]);
}

/** The file's blocks with index `from` .. `to` (inclusive; `Infinity` for "all the rest"). */
export function blockRange(fileName: string, from: number, to = Infinity): IDBKeyRange {
  return IDBKeyRange.bound([fileName, from], [fileName, to]);
}

export function metaRecord(sizeBytes: number): MetaRecord {
  return { version: META_VERSION, sizeBytes, blockBytes: BLOCK_BYTES };
}

/** The size in a stored meta record; anything else than what metaRecord writes is corrupt. */
export function checkedSize(fileName: string, value: unknown): number {
  const m = value as Partial<MetaRecord> | null;
  if (typeof m !== 'object' || m === null) throw corrupt(`${fileName}: meta record is not an object`);
  if (m.version !== META_VERSION) throw corrupt(`${fileName}: meta record version ${String(m.version)}`);
  if (m.blockBytes !== BLOCK_BYTES) throw corrupt(`${fileName}: stored with ${String(m.blockBytes)}-byte blocks`);
  const size = m.sizeBytes;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw corrupt(`${fileName}: size ${String(size)}`);
  return size;
}

/** A stored block, checked: `undefined` (a hole) or exactly BLOCK_BYTES bytes. */
export function checkedBlock(fileName: string, blockIndex: number, value: unknown): Uint8Array | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Uint8Array) || value.length !== BLOCK_BYTES) {
    throw corrupt(`${fileName}: block ${blockIndex} is not a ${BLOCK_BYTES}-byte array`);
  }
  return value;
}
