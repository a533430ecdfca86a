/**
 * Messages between the test page and the scenario worker. The page sends one request; the
 * worker answers with one reply and is then terminated.
 */
export interface ScenarioRequest {
  /** A key of `scenarios` in e2e/scenarios/index.ts. */
  scenario: string;
  /** Passed to the scenario as is; structured-cloneable. */
  args: unknown;
}

export type ScenarioReply = { ok: true; result: unknown } | { ok: false; error: string };

/** What main.ts puts on `window.minnowE2e` for the harness to call through `page.evaluate`. */
export interface E2eApi {
  /** Random per page load: tells a reloaded page from the one before. */
  bootId: string;
  /** Runs a scenario in a new dedicated worker; resolves with its result or rejects. */
  runScenario(name: string, args: unknown, timeoutMs?: number): Promise<unknown>;
}
