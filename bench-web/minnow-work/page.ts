/**
 * Runs the workload twice for a storage: in a worker against the engine's server directly
 * (as the peer runs in its worker), and from the page through `@minnow/web`'s API (what an
 * application sees, a worker round trip per call).
 */
import { connect } from '@minnow/web';
import { runWorkload, type BenchEngine } from '../workload.js';

const storage = new URLSearchParams(location.search).get('storage') === 'idb' ? 'idb' : 'opfs';

function inWorker(): Promise<unknown> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.figures);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ storage });
  });
}

async function viaApi(): Promise<unknown> {
  const db = await connect('bench-api.db', { storage });
  const engine: BenchEngine = {
    exec: (sql) => db.exec(sql),
    prepare: async (sql) => {
      const stmt = await db.prepare(sql);
      stmt.pluck();
      return { run: async (p) => void (await stmt.run(p)), value: (p) => stmt.get(p) };
    },
  };
  const figures = await runWorkload(engine);
  await db.close();
  return figures;
}

(window as unknown as { bench: Promise<unknown> }).bench = (async () => ({ worker: await inWorker(), api: await viaApi() }))();
