/**
 * The peer: SQLite's own wasm build with its opfs-sahpool VFS, in a worker. `?phase=first`
 * measures page load to the first query result; `?phase=work` runs the workload.
 */
const phase = new URLSearchParams(location.search).get('phase') ?? 'first';

(window as unknown as { bench: Promise<unknown> }).bench = new Promise((resolve, reject) => {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => {
    if (!e.data.ok) reject(new Error(e.data.error));
    else if (e.data.firstResult) resolve({ firstResultMs: performance.now(), row: e.data.row });
    else resolve(e.data.figures);
  };
  worker.onerror = (e) => reject(new Error(e.message));
  worker.postMessage({ phase });
});
