/** sqlite-wasm (3.54.1) over opfs-sahpool, in a worker: first result, or the workload. */
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { runWorkload, type BenchEngine } from '../workload.js';

self.onmessage = async (e: MessageEvent<{ phase: string }>) => {
  try {
    const sqlite3 = await sqlite3InitModule();
    const pool = await sqlite3.installOpfsSAHPoolVfs({ name: 'bench-sahpool' });
    if (e.data.phase === 'first') {
      const db = new pool.OpfsSAHPoolDb('/first-result.db');
      db.exec('CREATE TABLE IF NOT EXISTS kv(k INTEGER PRIMARY KEY, v TEXT)');
      if (db.selectValue('SELECT count(*) FROM kv') === 0) {
        db.exec('BEGIN');
        for (let i = 1; i <= 1000; i++) db.exec({ sql: 'INSERT INTO kv VALUES (?, ?)', bind: [i, `value ${i}`] });
        db.exec('COMMIT');
      }
      const row = db.selectValue('SELECT v FROM kv WHERE k = ?', [500]);
      postMessage({ ok: true, firstResult: true, row });
      db.close();
      return;
    }
    const db = new pool.OpfsSAHPoolDb('/bench.db');
    const engine: BenchEngine = {
      exec: (sql) => void db.exec(sql),
      prepare: (sql) => {
        const st = db.prepare(sql);
        return {
          run: (params) => {
            st.bind(params as never).stepReset();
          },
          value: (params) => {
            st.bind(params as never);
            st.step();
            const v = st.get(0);
            st.reset();
            return v;
          },
        };
      },
    };
    const figures = await runWorkload(engine);
    db.close();
    postMessage({ ok: true, figures });
  } catch (err) {
    postMessage({ ok: false, error: String((err as Error).stack ?? err) });
  }
};
