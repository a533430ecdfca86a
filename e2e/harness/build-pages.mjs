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

const E2E_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAGES_DIR = join(E2E_DIR, 'pages');
const ROOT_DIR = join(E2E_DIR, '..');

/**
 * Returns the directory holding the built pages: the test pages at its root (index.html,
 * api.html, csp.html) and the playground, built by the root vite.config.ts as `pnpm build`
 * does, under playground/.
 */
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
      rollupOptions: {
        input: {
          index: join(PAGES_DIR, 'index.html'),
          api: join(PAGES_DIR, 'api.html'),
          csp: join(PAGES_DIR, 'csp.html'),
        },
      },
    },
    worker: { format: 'es' },
  });
  await build({
    configFile: join(ROOT_DIR, 'vite.config.ts'),
    base: './',
    logLevel: 'warn',
    clearScreen: false,
    build: { outDir: join(outDir, 'playground'), emptyOutDir: true, reportCompressedSize: false },
  });
  return outDir;
}
