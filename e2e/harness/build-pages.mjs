/**
 * Builds the test pages (e2e/pages, with the scenario worker and its chunks) with Vite into a
 * fresh temporary directory. A static build, not a dev server: nothing is transformed or
 * re-optimized while a test runs, so a page load is the same every time.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const PAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'pages');

/** Returns the directory holding the built pages. */
export async function buildPages() {
  const outDir = await mkdtemp(join(tmpdir(), 'minnow-e2e-pages-'));
  await build({
    configFile: false,
    root: PAGES_DIR,
    base: './',
    logLevel: 'warn',
    clearScreen: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
    },
    worker: { format: 'es' },
  });
  return outDir;
}
