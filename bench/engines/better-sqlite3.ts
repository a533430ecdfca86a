/**
 * better-sqlite3: native SQLite through a synchronous N-API binding, the speed reference.
 */
import { createRequire } from 'node:module';
import { compatEngine, type CompatDatabaseClass } from './compat-engine.js';
import { packageVersion } from './package-version.js';

const require = createRequire(import.meta.url);

export const betterSqlite3Engine = compatEngine({
  id: 'better-sqlite3',
  label: 'better-sqlite3',
  async load() {
    const Database = require('better-sqlite3') as CompatDatabaseClass;
    const probe = new Database(':memory:');
    const row = probe.prepare('SELECT sqlite_version() AS v').get() as { v: string };
    probe.close();
    return { Database, version: `better-sqlite3 ${packageVersion('better-sqlite3')}, native SQLite ${row.v}` };
  },
});
