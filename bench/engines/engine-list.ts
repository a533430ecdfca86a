/**
 * The engines in column order. The first is the subject whose ratio to each peer is reported.
 */
import { betterSqlite3Engine } from './better-sqlite3.js';
import type { BenchEngine } from './engine-api.js';
import { minnowEngine } from './minnow.js';
import { sqlJsEngine } from './sql-js.js';

export const SUBJECT_ENGINE: BenchEngine = minnowEngine;
export const PEER_ENGINES: readonly BenchEngine[] = [betterSqlite3Engine, sqlJsEngine];
export const ALL_ENGINES: readonly BenchEngine[] = [SUBJECT_ENGINE, ...PEER_ENGINES];
