import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../io/memory-storage.js';
import { Connection } from './connection.js';
import { warmHiddenClassesOnce, warmupRowCount } from './hidden-class-warmup.js';

describe('hidden-class warm-up', () => {
  it('runs once, on the first open, in its own database', () => {
    const conn = Connection.openSync(new MemoryStorage(), 'user.db');
    expect(warmupRowCount()).toBe(400);
    warmHiddenClassesOnce();
    expect(warmupRowCount()).toBe(400);
    // The caller's database is untouched.
    const stmt = conn.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 't'")!;
    expect(stmt.runSync()).toEqual([[0]]);
    stmt.finalize();
    conn.closeSync();
  });
});
