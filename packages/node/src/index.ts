/**
 * @minnow/node. For now: the Node file backends. The connection API comes later.
 */
export { NodeSyncFile, NodeSyncStorage } from './storage/node-sync-storage.js';
export { NodeAsyncFile, NodeAsyncStorage } from './storage/node-async-storage.js';
export * as compat from './compat/index.js';
