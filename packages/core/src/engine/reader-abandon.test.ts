/**
 * A reader reset before its end (an iteration left early) must not undo the writes other
 * statements finished meanwhile in autocommit mode: SQLite commits them; so must Minnow,
 * at the latest when the reader is reset. Over memory and over storage whose every call pends
 * (the reset then drives the commit's I/O through runAsync).
 */
import { describe, expect, it } from 'vitest';
import { runAsync } from '../io/driver.js';
import { MemoryStorage } from '../io/memory-storage.js';
import { YieldingStorage } from '../io/yielding-storage.js';
import { Connection } from './connection.js';

describe.each(['memory', 'yielding'])('reader abandoned after writes, over %s storage', (kind) => {
  it('keeps and commits the writes', async () => {
    const memory = new MemoryStorage();
    const open = () => Connection.open(kind === 'memory' ? memory : new YieldingStorage(memory), 'r.db');
    const conn = await open();
    await conn.execAsync('CREATE TABLE t(x INTEGER PRIMARY KEY, y); INSERT INTO t VALUES (1, 0), (2, 0), (3, 0)');
    const reader = (await conn.prepareAsync('SELECT x FROM t ORDER BY x'))!;
    const update = (await conn.prepareAsync('UPDATE t SET y = 1 WHERE x = ?'))!;
    for (let i = 0; i < 2; i++) {
      expect(await reader.stepAsync()).toBe('row');
      update.reset();
      update.bind([reader.row()[0]!]);
      await update.runAsync();
    }
    expect(conn.inTransaction).toBe(false);
    await runAsync(() => reader.reset());
    reader.finalize();
    update.finalize();
    const check = (await conn.prepareAsync('SELECT group_concat(y) FROM t'))!;
    expect(await check.runAsync()).toEqual([['1,1,0']]);
    check.finalize();
    await conn.close();
    // Committed, not merely visible to this connection.
    const again = await open();
    const s = (await again.prepareAsync('SELECT sum(y) FROM t'))!;
    expect(await s.runAsync()).toEqual([[2]]);
    s.finalize();
    await again.close();
  });
});
