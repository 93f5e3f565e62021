import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console is built into dist/web, which the app serves at `/` (src/console/). In development
 * `npm run web:dev` serves it with hot reload and forwards /api to the app on port 3000.
 */
export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // antd marks its modules "use client" for server rendering, which a browser bundle ignores.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  // The console bundles a few pure rules of the server (e.g. src/parties/uscc.ts): allow src/.
  server: { proxy: { '/api': 'http://localhost:3000' }, fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
});
