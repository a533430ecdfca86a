/**
 * Driving the playground (built under playground/ of the served directory) like a person:
 * type SQL into the editor, press Ctrl+Enter, read the results table and status, take
 * screenshots into e2e/screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

export async function openPlayground(t, query) {
  const url = new URL(`playground/?${new URLSearchParams(query)}`, new URL('./', t.page.url())).href;
  await t.page.setViewportSize({ width: 1200, height: 760 });
  await t.page.goto(url, { waitUntil: 'load' });
  await waitReady(t.page);
}

export async function waitReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' && document.documentElement.dataset.state === 'ready');
}

/** Types `sql`, runs it with Ctrl+Enter, waits for the outcome: { state, status, error, rows, columns }. */
export async function runInPlayground(page, sql) {
  await page.fill('#sql', sql);
  await page.evaluate(() => (document.documentElement.dataset.state = 'typing'));
  await page.focus('#sql');
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.state));
  return readOutcome(page);
}

export function readOutcome(page) {
  return page.evaluate(() => ({
    state: document.documentElement.dataset.state,
    status: document.getElementById('status').textContent,
    error: document.getElementById('error').hidden ? null : document.getElementById('error').textContent,
    columns: [...document.querySelectorAll('#results th')].map((th) => th.textContent),
    rows: [...document.querySelectorAll('#results tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent)),
  }));
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
