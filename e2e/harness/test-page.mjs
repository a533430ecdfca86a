/**
 * A fresh page for one test, with everything the browser says (page and worker console,
 * uncaught errors, crashes) recorded so the runner can print it when the test fails.
 */

const NAVIGATION_TIMEOUT_MS = 15_000;

export async function openTestPage(context, baseUrl) {
  const page = await context.newPage();
  page.setDefaultTimeout(NAVIGATION_TIMEOUT_MS);
  const log = [];
  const note = (source, text) => log.push(`[${source}] ${text}`);
  page.on('console', (m) => note(`page ${m.type()}`, m.text()));
  page.on('pageerror', (e) => note('page error', e.stack ?? e.message));
  page.on('crash', () => note('page', 'crashed'));
  page.on('worker', (w) => {
    note('worker', `started ${w.url()}`);
    w.on('console', (m) => note(`worker ${m.type()}`, m.text()));
    w.on('close', () => note('worker', `closed ${w.url()}`));
  });

  async function load() {
    await page.goto(baseUrl, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  }

  return {
    page,
    log,
    load,
    /** Reloads the page (a new document: new JS heap, new workers) and waits until it is ready. */
    async reload() {
      await page.reload({ waitUntil: 'load' });
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    },
    /** The current document's random id (differs after a reload). */
    bootId: () => page.evaluate(() => window.minnowE2e.bootId),
    /** Runs a scenario in a new worker of the page (see e2e/pages/main.ts). */
    runScenario: (name, args, timeoutMs = 20_000) =>
      page.evaluate(([n, a, t]) => window.minnowE2e.runScenario(n, a, t), [name, args, timeoutMs]),
    close: () => page.close().catch(() => undefined),
  };
}
