/**
 * @minnow/node: the promise API (`connect`), the Node file backends, and the synchronous
 * better-sqlite3-style API under `@minnow/node/compat`.
 */
export * from './api/index.js';
export { SqliteError } from '@minnow/core';
export { NodeSyncFile, NodeSyncStorage } from './storage/node-sync-storage.js';
export { NodeAsyncFile, NodeAsyncStorage } from './storage/node-async-storage.js';
export * as compat from './compat/index.js';
