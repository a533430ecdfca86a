/**
 * The dedicated worker the page API starts (`new Worker(new URL('./worker-entry.js', ...))`):
 * it only exposes a WorkerHost over comlink.
 */
import { expose } from 'comlink';
import { WorkerHost } from './worker-host.js';

expose(new WorkerHost());
