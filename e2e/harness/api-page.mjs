/**
 * Opening the API test page (pages/api.html: `window.minnow` is `@minnow/web`) or its
 * strict-CSP twin in a test's page, and in extra pages of the same browser (other tabs).
 */
const READY_TIMEOUT_MS = 15_000;

export async function gotoApiPage(page, baseUrl, file = 'api.html') {
  await page.goto(new URL(file, baseUrl).href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: READY_TIMEOUT_MS });
}

/** The base URL the test page was loaded from. */
export function baseOf(t) {
  return new URL('./', t.page.url()).href;
}

/** Another tab on the API page, with its console kept in the test's log. */
export async function openOtherTab(t, label) {
  const page = await t.page.context().newPage();
  page.on('console', (m) => t.log.push(`[${label} ${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => t.log.push(`[${label} error] ${e.stack ?? e.message}`));
  page.on('worker', (w) => w.on('console', (m) => t.log.push(`[${label} worker ${m.type()}] ${m.text()}`)));
  await gotoApiPage(page, baseOf(t));
  return page;
}
