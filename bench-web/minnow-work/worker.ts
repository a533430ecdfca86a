/** The workload inside a worker, against the same server the page API talks to. */
import { DbServer } from '../../packages/web/src/worker/db-server.js';
import { storageFor } from '../../packages/web/src/worker/storage-choice.js';
import type { Request, Result } from '../../packages/web/src/worker/wire-types.js';
import { runWorkload, type BenchEngine } from '../workload.js';

const SHAPE = { raw: false, pluck: true, safeIntegers: false };

function unwrap(r: Result): Result & { ok: true } {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}

self.onmessage = async (e: MessageEvent<{ storage: 'opfs' | 'idb' }>) => {
  try {
    const kind = e.data.storage;
    const server = await DbServer.open(await storageFor(kind, 'bench-worker.db'), kind, 'bench-worker.db', undefined);
    let ids = 0;
    const call = async (req: Request) => unwrap(await server.handle('bench', req));
    const engine: BenchEngine = {
      exec: async (sql) => void (await call({ op: 'exec', sql })),
      prepare: async (sql) => {
        const id = String(++ids);
        await call({ op: 'prepare', id, sql });
        return {
          run: async (params) => void (await call({ op: 'stmt', id, sql, mode: 'run', params: params as never, shape: SHAPE })),
          value: async (params) => ((await call({ op: 'stmt', id, sql, mode: 'get', params: params as never, shape: SHAPE })) as { row: unknown }).row,
        };
      },
    };
    const figures = await runWorkload(engine);
    await server.close();
    postMessage({ ok: true, figures });
  } catch (err) {
    postMessage({ ok: false, error: String((err as Error).stack ?? err) });
  }
};
