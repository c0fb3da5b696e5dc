// The demo page (web/) in headless Chromium: it loads cross-origin isolated and not blank, proves
// the hello guest at the fast preset in its worker, shows the claim, verifies the receipt, rejects
// a tampered one, and without cross-origin isolation still says so and still verifies.
// Skipped only when /usr/bin/chromium is missing and RVSTARK_REQUIRE_BROWSER is unset (CI sets it).

import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, buildPage, CHROMIUM, launchBrowser, type Served, servePage } from './harness.js';

const required = (process.env.RVSTARK_REQUIRE_BROWSER ?? '') !== '';
const available = browserAvailable();

if (!available && !required)
  console.warn(
    `test/web/page.test.ts: SKIPPED: no browser at ${CHROMIUM} (apt-get install chromium; ` +
      'set RVSTARK_REQUIRE_BROWSER=1 to make this a failure)',
  );

if (!available && required)
  describe('browser required', () => {
    it('finds Chromium', () => {
      expect.fail(
        `RVSTARK_REQUIRE_BROWSER is set but there is no browser at ${CHROMIUM} (apt-get install chromium)`,
      );
    });
  });

/** Waits until the prove started by #prove is over (#progress leaves the running state). */
async function proveDone(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getElementById('progress')?.dataset.state !== 'running', null, {
    timeout: 60_000,
  });
}

async function verifyDone(page: Page): Promise<string> {
  await page.waitForFunction(
    () => document.getElementById('verify-result')?.dataset.kind !== undefined,
    null,
    {
      timeout: 60_000,
    },
  );
  return (await page.getAttribute('#verify-result', 'data-kind')) ?? '';
}

async function open(browser: Browser, url: string, errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return page;
}

/** The receipt's proof starts after the header, the claim's input and output, and the key data. */
function proofOffset(receipt: Uint8Array): number {
  const dv = new DataView(receipt.buffer, receipt.byteOffset, receipt.byteLength);
  const inputLen = dv.getUint32(61, true);
  const outputLen = dv.getUint32(65 + inputLen, true);
  return 135 + inputLen + outputLen;
}

describe.runIf(available)('the demo page in Chromium', () => {
  let browser: Browser;
  let isolated: Served;
  let receipt: Uint8Array | null = null;

  beforeAll(async () => {
    await buildPage();
    isolated = await servePage();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await isolated?.close();
  });

  it('loads cross-origin isolated, with its controls, and renders something', async () => {
    const errors: string[] = [];
    const page = await open(browser, isolated.url, errors);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.getAttribute('#isolation', 'data-isolated')).toBe('true');
    for (const id of ['guest', 'input', 'preset', 'prove', 'progress', 'claim', 'cycles', 'prove-time'])
      expect(await page.locator(`#${id}`).count(), `#${id}`).toBe(1);
    for (const id of ['receipt-link', 'verify', 'verify-file', 'verify-result', 'isolation'])
      expect(await page.locator(`#${id}`).count(), `#${id}`).toBe(1);
    const guests = await page.$$eval('#guest option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(guests).toEqual(['fib', 'sha256', 'hello', 'sort', 'modexp', 'upload']);

    // A blank page (white, or a crash's grey) is one colour; the page has text, inputs and a header.
    const png = PNG.sync.read(await page.screenshot({ type: 'png' }));
    const colours = new Map<number, number>();
    for (let i = 0; i < png.data.length; i += 4) {
      const c = png.data.readUInt32BE(i);
      colours.set(c, (colours.get(c) ?? 0) + 1);
    }
    const top = Math.max(...colours.values());
    expect(colours.size).toBeGreaterThan(50);
    expect(top / (png.width * png.height)).toBeLessThan(0.9);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('proves hello at the fast preset in its worker, verifies the receipt and rejects a tampered one', async () => {
    const errors: string[] = [];
    const page = await open(browser, isolated.url, errors);
    await page.selectOption('#guest', 'hello');
    await page.selectOption('#preset', 'fast');
    await page.fill('#input', '');
    await page.click('#prove');
    // The page stays responsive while the worker proves.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await proveDone(page);
    expect(await page.textContent('#prove-status')).toMatch(/^proved in/);
    expect(await page.getAttribute('#progress', 'data-state')).toBe('done');
    for (const phase of ['execute', 'record', 'witness', 'setup', 'prove'])
      expect(await page.$eval(`#progress-${phase}`, (p) => (p as HTMLProgressElement).value)).toBe(1);

    expect(await page.textContent('#claim-output')).toBe(
      'hello, world! 0 words, 0 bytes\nchecksum 00000000 0\n',
    );
    expect(await page.textContent('#claim-exit-code')).toBe('0');
    const cycles = Number((await page.textContent('#cycles'))!.replace(/,/g, ''));
    expect(cycles).toBeGreaterThan(0);
    expect(Number(await page.getAttribute('#prove-time', 'data-ms'))).toBeGreaterThan(0);
    // Isolated: the prover's worker ran a pool of one thread per core on shared memory.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(cores).toBeGreaterThan(1);
    expect(Number(await page.getAttribute('#prove-time', 'data-threads'))).toBe(Math.min(cores, 16));
    expect(await page.textContent('#claim-image-id')).toMatch(/^[0-9a-f]{64}$/);

    // The download link is a Blob URL holding the receipt.
    const href = (await page.getAttribute('#receipt-link', 'href'))!;
    expect(href).toMatch(/^blob:/);
    expect(await page.getAttribute('#receipt-link', 'download')).toBe('hello.receipt');
    receipt = Uint8Array.from(
      await page.evaluate(
        async (u) => Array.from(new Uint8Array(await (await fetch(u)).arrayBuffer())),
        href,
      ),
    );
    expect(receipt.length).toBe(Number(await page.getAttribute('#receipt-link', 'data-bytes')));
    expect(new TextDecoder().decode(receipt.subarray(0, 15))).toBe('rvstark-receipt');

    // Verify the receipt just made, against hello's image id.
    await page.click('#verify');
    expect(await verifyDone(page)).toBe('verified');
    expect(await page.textContent('#verify-result')).toMatch(/^verified in/);
    expect(await page.textContent('#verified-exit-code')).toBe('0');
    expect(await page.textContent('#verified-output')).toBe(await page.textContent('#claim-output'));

    // Flip a byte of the proof's main-trace root (after the version, the table count and the
    // log heights): the transcript changes and the proof must fail.
    const tampered = receipt.slice();
    const p = proofOffset(tampered) + 4;
    tampered[p + 2 + tampered[p + 1] + 5] ^= 0x01;
    await page.setInputFiles('#verify-file', {
      name: 'tampered.receipt',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(tampered),
    });
    await page.click('#verify');
    expect(await verifyDone(page)).toBe('invalid-proof');
    expect(await page.textContent('#verify-result')).toMatch(/^rejected: invalid-proof: /);

    // The same receipt against another guest's image id is rejected too.
    await page.setInputFiles('#verify-file', {
      name: 'hello.receipt',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(receipt),
    });
    await page.selectOption('#guest', 'fib');
    await page.click('#verify');
    expect(await verifyDone(page)).toBe('image-id-mismatch');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('without cross-origin isolation, says so, and still verifies in the page', async () => {
    expect(receipt).not.toBeNull();
    const plain = await servePage({ isolated: false });
    try {
      const errors: string[] = [];
      const page = await open(browser, plain.url, errors);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
      expect(await page.getAttribute('#isolation', 'data-isolated')).toBe('false');
      expect(await page.textContent('#isolation')).toContain(
        'multi-threaded proving needs cross-origin isolation',
      );
      expect(await page.isEnabled('#prove')).toBe(true);
      await page.selectOption('#guest', 'hello');
      await page.setInputFiles('#verify-file', {
        name: 'hello.receipt',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(receipt!),
      });
      // allow-insecure follows the preset (fast is selected first); the image id comes from the worker.
      await page.click('#verify');
      expect(await verifyDone(page)).toBe('verified');
      // Proving still works, on the worker's own thread (no memory to share), and says why.
      await page.selectOption('#preset', 'fast');
      await page.fill('#input', '');
      await page.click('#prove');
      await proveDone(page);
      expect(await page.getAttribute('#prove-time', 'data-threads')).toBe('1');
      expect(await page.textContent('#threads')).toMatch(/1 thread \(.*cross-origin isolation/);
      await page.setInputFiles('#verify-file', {
        name: 'hello.receipt',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(receipt!),
      });
      await page.uncheck('#allow-insecure');
      await page.click('#verify');
      expect(await verifyDone(page)).toBe('insecure');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await plain.close();
    }
  }, 60_000);
});
