// The demo page (web/): `npm run web` serves it, `npm run web:build` writes web/dist.
// COOP/COEP make the page cross-origin isolated, which shared wasm memory across threads needs.

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const librarySource = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const verifierSource = fileURLToPath(new URL('../src/verify.ts', import.meta.url));

/** The headers that make a page cross-origin isolated (`crossOriginIsolated === true`). */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: webRoot,
  base: './',
  // `import … from 'rvstark'` is the library's source (../src), as a page that installed the
  // package would write it; the example ELFs come from ../guests.
  resolve: {
    alias: [
      { find: /^rvstark$/, replacement: librarySource },
      { find: /^rvstark\/verify$/, replacement: verifierSource },
    ],
  },
  server: { headers: ISOLATION_HEADERS, fs: { allow: [repoRoot] } },
  preview: { headers: ISOLATION_HEADERS },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
});
