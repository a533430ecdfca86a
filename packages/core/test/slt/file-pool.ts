/**
 * Runs script files in parallel child processes (file-worker.ts), one file per child at a
 * time. Child processes rather than threads so that a file that hangs in synchronous engine
 * code, or crashes the process, can be killed and replaced without losing the run.
 *
 * Per child:  spawned -> busy(file) -> idle -> busy(file) ... -> exited
 *   - a result or error reply ends `busy`, and the child is fed the next file;
 *   - a per-file timeout kills the child (SIGKILL), reports the file, spawns a replacement;
 *   - an unexpected exit while busy reports the file and spawns a replacement;
 *   - no more files (or a stop request from `onDone`) disconnects the child.
 * The pool settles when every child has exited.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineName } from './engines.js';
import type { WorkerReply, WorkerRequest } from './file-worker.js';
import type { FileResult, RunOptions } from './run-file.js';

export interface PoolOptions {
  readonly engine: EngineName;
  readonly jobs: number;
  /** 0 = no limit. */
  readonly timeoutPerFileMs: number;
  readonly runOptions: RunOptions;
}

/** A file's result, or why the file produced none (timeout, crash, unreadable). */
export type FileOutcome = { readonly file: string; readonly result: FileResult } | { readonly file: string; readonly error: string };

const WORKER_PATH = fileURLToPath(new URL('./file-worker.ts', import.meta.url));
// Children load TypeScript through tsx, resolved from this package so the cwd does not matter.
const TSX_URL = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Slot {
  readonly child: ChildProcess;
  current: { id: number; file: string; timer: NodeJS.Timeout | undefined } | undefined;
}

/**
 * Runs `files`; calls `onDone` as each finishes (in completion order). `onDone` returning
 * false stops the pool: no new files start, running ones are abandoned.
 */
export function runFilesInPool(files: readonly string[], options: PoolOptions, onDone: (o: FileOutcome) => boolean): Promise<void> {
  return new Promise((resolve) => {
    let next = 0;
    let nextId = 1;
    let live = 0;
    let stopped = false;
    const slots = new Set<Slot>();

    const report = (outcome: FileOutcome): void => {
      if (stopped || onDone(outcome)) return;
      stopped = true;
      for (const s of slots) {
        if (s.current === undefined) continue;
        clearTimeout(s.current.timer);
        s.current = undefined; // abandoned, not reported
        s.child.kill('SIGKILL');
      }
    };

    const launch = (): void => {
      const child = fork(WORKER_PATH, [options.engine], {
        execArgv: ['--import', TSX_URL],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const slot: Slot = { child, current: undefined };
      slots.add(slot);
      live++;
      child.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready' || slot.current === undefined || reply.id !== slot.current.id) return;
        const { file, timer } = slot.current;
        clearTimeout(timer);
        slot.current = undefined;
        report(reply.type === 'result' ? { file, result: reply.result } : { file, error: reply.message });
        feed(slot);
      });
      child.on('exit', (code, signal) => {
        if (slot.current !== undefined) {
          clearTimeout(slot.current.timer);
          const file = slot.current.file;
          slot.current = undefined;
          report({ file, error: `worker process exited (${signal ?? `code ${code}`}) while running the file` });
        }
        slots.delete(slot);
        live--;
        if (!stopped && next < files.length) launch();
        else if (live === 0) resolve();
      });
      feed(slot);
    };

    const feed = (slot: Slot): void => {
      if (stopped || next >= files.length) {
        if (slot.child.connected) slot.child.disconnect();
        if (stopped) slot.child.kill('SIGKILL');
        return;
      }
      const file = files[next++]!;
      const id = nextId++;
      const timer =
        options.timeoutPerFileMs > 0
          ? setTimeout(() => {
              if (slot.current?.id !== id) return;
              slot.current = undefined;
              report({ file, error: `timed out after ${options.timeoutPerFileMs / 1000}s` });
              slot.child.kill('SIGKILL'); // its exit launches a replacement
            }, options.timeoutPerFileMs)
          : undefined;
      slot.current = { id, file, timer };
      const request: WorkerRequest = { id, file, options: options.runOptions };
      slot.child.send(request);
    };

    if (files.length === 0) {
      resolve();
      return;
    }
    const jobs = Math.max(1, Math.min(options.jobs, files.length));
    for (let i = 0; i < jobs; i++) launch();
  });
}
