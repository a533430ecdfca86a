import { describe, expect, it } from 'vitest';
import { Database } from './database.js';
import { compatWarmupKept } from './warmup.js';

describe('compat warm-up', () => {
  it('runs on the first Database and leaves the caller a fresh one', () => {
    const db = new Database(':memory:');
    expect(compatWarmupKept()).toBe(2);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema").get()).toEqual({ n: 0 });
    db.close();
  });
});
