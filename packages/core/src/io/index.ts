export { Completion, isPending, settle, type Io } from './completion.js';
export { IoPending, isIoPending } from './io-pending.js';
export { drive, runAsync, runSync, MAX_RESTARTS } from './driver.js';
export type { DbFile, OpenOptions, Storage } from './file.js';
export { MemoryBlob, MemoryFile, MemoryStorage } from './memory-storage.js';
export { YieldingStorage } from './yielding-storage.js';
export { Procedure, io, runProcSync, type Proc } from './procedure.js';
export { ioErrorCodeFor, type StorageCall } from './storage-call.js';
