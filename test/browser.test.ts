// The library entry must load in a browser: bundling it for the browser platform must succeed
// (no Node built-ins reachable) and the kernels must come embedded, not fetched from disk.

import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('browser entry', () => {
  it('bundles for the browser with no Node built-ins and the wasm embedded', async () => {
    const out = await build({
      entryPoints: [resolve(__dirname, '../src/index.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      logLevel: 'silent',
    });
    expect(out.errors).toEqual([]);
    const js = out.outputFiles[0].text;
    expect(js).not.toMatch(/from\s*["']node:/);
    expect(js).toContain('KERNELS_WASM_BASE64');
  }, 60_000);
});
