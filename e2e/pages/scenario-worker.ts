/**
 * The scenario worker: receives one ScenarioRequest, runs that scenario, replies with its
 * result or its error (with stack). Scenarios are loaded by name, so a new one needs only an
 * entry in e2e/scenarios/index.ts.
 */
import { loadScenario } from '../scenarios/index.js';
import type { ScenarioReply, ScenarioRequest } from './scenario-protocol.js';

interface WorkerScope {
  onmessage: ((ev: MessageEvent<ScenarioRequest>) => void) | null;
  postMessage(message: ScenarioReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) => {
  const { scenario, args } = ev.data;
  void (async () => {
    try {
      const run = await loadScenario(scenario);
      scope.postMessage({ ok: true, result: await run(args) });
    } catch (e) {
      const err = e as { stack?: unknown; message?: unknown; code?: unknown };
      const code = err.code === undefined ? '' : ` [${String(err.code)}]`;
      scope.postMessage({ ok: false, error: `${String(err.stack ?? err.message ?? e)}${code}` });
    }
  })();
};
