/**
 * @minnow/core: the engine, platform-neutral. This is the package's public surface; other
 * packages import from here, never from files inside.
 */
export { assert, AssertionError } from './assert.js';
export { SqliteError, ResultCode, ExtendedCode, corrupt, notADatabase, type ErrorCodeName, type PrimaryCodeName } from './errors.js';
export * from './io/index.js';
export * from './format/index.js';
export * from './pager/index.js';
export * from './btree/index.js';
export * as parser from './parser/index.js';
export * from './engine/index.js';
export { realToText, valueToText } from './vdbe/value-text.js';
