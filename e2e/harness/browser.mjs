/**
 * Launches Debian's Chromium through playwright-core (Playwright's own browser download cannot
 * work here), headless, with a fresh profile directory that is deleted on close. The flags keep
 * Chromium from reaching for the network (there is none but loopback) and from doing
 * background work during tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.MINNOW_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LAUNCH_TIMEOUT_MS = 30_000;

/** Resolves with `{ context, close() }`; `close` never throws. */
export async function launchBrowser() {
  const userDataDir = await mkdtemp(join(tmpdir(), 'minnow-e2e-profile-'));
  let context;
  try {
    // A persistent context is how Playwright takes a --user-data-dir.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: LAUNCH_TIMEOUT_MS,
    });
  } catch (e) {
    await rm(userDataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    context,
    close: async () => {
      await Promise.race([context.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
      await rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
