/**
 * @minnow/web. For now: the OPFS backend (for dedicated workers). The worker entry and the
 * main-thread API come later.
 */
export { OpfsFile, OpfsStorage } from './storage/opfs-storage.js';
export type { OpfsDirectory, OpfsFileHandle, OpfsSyncAccessHandle } from './storage/opfs-types.js';
