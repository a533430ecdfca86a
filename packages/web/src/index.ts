/**
 * @minnow/web. For now: the storage backends, OPFS (for dedicated workers) and IndexedDB. The
 * worker entry and the main-thread API come later.
 */
export { OpfsFile, OpfsStorage } from './storage/opfs-storage.js';
export type { OpfsDirectory, OpfsFileHandle, OpfsSyncAccessHandle } from './storage/opfs-types.js';
export { IdbStorage } from './storage/idb-storage.js';
export { IdbFile } from './storage/idb-file.js';
export { idbError } from './storage/idb-errors.js';
