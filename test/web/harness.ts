// The demo page (web/) in a real browser: build it with Vite's JS API, serve the build with
// `vite preview` on a free loopback port, and drive Debian's Chromium with playwright-core.
// Used by test/web/page.test.ts and bench/browser.ts. Nothing is downloaded: the browser is
// /usr/bin/chromium (apt-get install chromium; .ci/run installs it).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { build, type PreviewServer, preview } from 'vite';

export const CHROMIUM = process.env.RVSTARK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VITE_CONFIG = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

/** Whether the browser is here; the tests require it when RVSTARK_REQUIRE_BROWSER is set (CI). */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Builds web/ into web/dist. */
export async function buildPage(): Promise<void> {
  await build({ configFile: VITE_CONFIG, logLevel: 'warn' });
}

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves web/dist on 127.0.0.1 at a free port. `isolated: false` replaces the COOP/COEP headers
 * with their permissive values, so the page is not cross-origin isolated.
 */
export async function servePage(opts: { isolated?: boolean } = {}): Promise<Served> {
  const permissive = {
    'Cross-Origin-Opener-Policy': 'unsafe-none',
    'Cross-Origin-Embedder-Policy': 'unsafe-none',
  };
  const server: PreviewServer = await preview({
    configFile: VITE_CONFIG,
    logLevel: 'warn',
    preview: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      open: false,
      ...(opts.isolated === false ? { headers: permissive } : {}),
    },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('vite preview has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
}
