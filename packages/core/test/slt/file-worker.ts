/**
 * Child-process entry of the file pool (file-pool.ts): loads the engine named in argv[2]
 * once, then runs the files the parent sends, one at a time.
 *
 *   parent -> child   { id, file, options }       run one file
 *   child -> parent   { type: 'ready' }           engine loaded
 *                     { type: 'result', id, result }
 *                     { type: 'error', id, message }   the file could not be run at all
 */
import { isEngineName, loadEngine } from './engines.js';
import { errorText, runFile, type FileResult, type RunOptions } from './run-file.js';

export interface WorkerRequest {
  readonly id: number;
  readonly file: string;
  readonly options: RunOptions;
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: FileResult }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

function send(reply: WorkerReply): void {
  process.send?.(reply);
}

const name = process.argv[2] ?? '';
if (!isEngineName(name)) throw new Error(`file-worker: unknown engine '${name}'`);
const engine = await loadEngine(name);

let queue = Promise.resolve();
process.on('message', (msg: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const result = await runFile(msg.file, engine, msg.options);
      send({ type: 'result', id: msg.id, result });
    } catch (e) {
      send({ type: 'error', id: msg.id, message: errorText(e) });
    }
  });
});
// The parent is gone: nothing left to report to.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
