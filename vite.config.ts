// The playground is the workspace's main app: `pnpm dev` serves it, `pnpm build` bundles it.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'apps/playground',
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  build: { outDir: '../../dist/playground', emptyOutDir: true, target: 'es2022' },
});
