/**
 * The test page: gives the harness `window.minnowE2e.runScenario`, which runs a named scenario
 * in a fresh dedicated worker (where OPFS sync access handles exist) and returns its result.
 */
import type { E2eApi, ScenarioReply, ScenarioRequest } from './scenario-protocol.js';

const DEFAULT_TIMEOUT_MS = 20_000;

function runScenario(name: string, args: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<unknown> {
  const worker = new Worker(new URL('./scenario-worker.ts', import.meta.url), { type: 'module', name: `scenario ${name}` });
  return new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`scenario ${name} timed out after ${timeoutMs} ms`)), timeoutMs);
    worker.onmessage = (ev: MessageEvent<ScenarioReply>) => {
      clearTimeout(timer);
      const reply = ev.data;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`scenario ${name} failed: ${reply.error}`));
    };
    worker.onerror = (ev: ErrorEvent) => {
      clearTimeout(timer);
      reject(new Error(`scenario ${name}: worker error: ${ev.message} (${ev.filename}:${ev.lineno})`));
    };
    const request: ScenarioRequest = { scenario: name, args };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

const api: E2eApi = { bootId: crypto.randomUUID(), runScenario };
(window as unknown as { minnowE2e: E2eApi }).minnowE2e = api;
document.documentElement.dataset['ready'] = 'true';
