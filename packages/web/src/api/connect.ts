/**
 * `connect(name, options)`: opens a database in the page's Minnow worker (started on first
 * use, one per page, bundled by Vite through `new URL(..., import.meta.url)`), and resolves
 * with a Database once it is open.
 */
import { wrap, type Remote } from 'comlink';
import type { OpenOptions, WorkerHost } from '../worker/worker-host.js';
import type { StorageChoice } from '../worker/storage-choice.js';
import { Database } from './database.js';
import { unwrap } from './remote-error.js';

export interface ConnectOptions {
  /** 'opfs', 'idb' (IndexedDB), 'memory', or 'auto' (default): OPFS, else IndexedDB, else memory. */
  storage?: StorageChoice;
  /** Start from this `.db` file, replacing whatever is stored under the name. */
  import?: Uint8Array | ArrayBuffer;
  /** Milliseconds to wait for another tab's transaction before SQLITE_BUSY. Default 5000. */
  timeout?: number;
}

let host: Remote<WorkerHost> | null = null;

function workerHost(): Remote<WorkerHost> {
  if (host === null) {
    const worker = new Worker(new URL('../worker/worker-entry.ts', import.meta.url), { type: 'module', name: 'minnow' });
    host = wrap<WorkerHost>(worker);
  }
  return host;
}

let nextMemory = 1;

/**
 * Opens database `name` (a file name: no '/'). `':memory:'` is a new private in-memory
 * database, as in SQLite.
 */
export async function connect(name: string, options: ConnectOptions = {}): Promise<Database> {
  const remote = workerHost();
  const memory = name === ':memory:';
  const open: OpenOptions = { storage: memory ? 'memory' : (options.storage ?? 'auto') };
  const stored = memory ? `:memory:${nextMemory++}` : name;
  if (options.import !== undefined) open.import = options.import instanceof Uint8Array ? options.import : new Uint8Array(options.import);
  if (options.timeout !== undefined) open.busyTimeoutMs = options.timeout;
  const r = unwrap(await remote.open(stored, open));
  return new Database(remote, r.session, name, r.storage, r.owner);
}
