// `npx tsx bench/browser.ts [--log2 16] [--runs 3] [--preset default] [--json]`: the prover in
// headless Chromium (the demo page web/, its Web Worker) against Node, in one script, on the
// same run at the same thread count (one per core, on both sides): fib with the input that makes
// ≈ 2^log2 cycles. Cold is the first prove of a fresh
// Node process / a fresh page (a new worker); warm is the median of `runs` proves after it.
// Verify: the page verifies on its main thread; warm is the median of `runs` after one. Warm
// runs alternate Node and the browser.
// Needs /usr/bin/chromium (apt-get install chromium). Numbers: docs/BENCHMARKS.md, "Browser".

import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { inputForCycles } from '../src/cli/bench.js';
import { type PresetName, proveElfOnPool, verifyReceipt, WorkerPool } from '../src/index.js';
import { browserAvailable, buildPage, CHROMIUM, launchBrowser, servePage } from '../test/web/harness.js';

const { values } = parseArgs({
  options: {
    log2: { type: 'string', default: '16' },
    runs: { type: 'string', default: '3' },
    preset: { type: 'string', default: 'default' },
    json: { type: 'boolean', default: false },
  },
});
const log2 = Number(values.log2);
const runs = Number(values.runs);
const preset = values.preset as PresetName;
if (!browserAvailable()) throw new Error(`no browser at ${CHROMIUM} (apt-get install chromium)`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const log = (s: string) => process.stderr.write(`${s}\n`);

const elf = new Uint8Array(
  readFileSync(fileURLToPath(new URL('../guests/examples/fib/fib.elf', import.meta.url))),
);
const input = inputForCycles('fib', elf, log2);

// ----- Node, in this process: the first prove is cold.

const load0 = loadavg()[0];
log(`node: fib at 2^${log2} cycles, preset ${preset} (load average ${load0.toFixed(1)})`);
// The same thread count as the page's pool (one per core): a WorkerPool on this thread.
const pool = await WorkerPool.create({ threads: availableParallelism() });
const nodeCold = await proveElfOnPool(pool, elf, input, { preset });
const cycles = nodeCold.claim.cycles;

async function nodeProve(): Promise<number> {
  return (await proveElfOnPool(pool, elf, input, { preset })).timings.total;
}

function nodeVerifyOnce(): number {
  const t = performance.now();
  const v = verifyReceipt(nodeCold.receipt, { allowInsecure: preset !== 'default' });
  const ms = performance.now() - t;
  if (!v.ok) throw new Error(`node verify: ${v.kind}: ${v.reason}`);
  return ms;
}

// ----- Chromium: the demo page's worker proves, its main thread verifies.

log('browser: building web/ and starting Chromium');
await buildPage();
const served = await servePage();
const browser = await launchBrowser();

async function freshPage(): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`pageerror: ${e.message}`));
  await page.goto(served.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.selectOption('#guest', 'fib');
  await page.selectOption('#preset', preset);
  await page.selectOption('#input-format', 'hex');
  await page.fill('#input', toHex(input));
  return page;
}

async function browserProve(page: Page): Promise<{ ms: number; cycles: number }> {
  await page.click('#prove');
  await page.waitForFunction(() => document.getElementById('progress')?.dataset.state !== 'running', null, {
    timeout: 600_000,
  });
  if ((await page.getAttribute('#progress', 'data-state')) !== 'done')
    throw new Error(`browser prove: ${await page.textContent('#prove-status')}`);
  return {
    ms: Number(await page.getAttribute('#prove-time', 'data-ms')),
    cycles: Number((await page.textContent('#cycles'))!.replace(/,/g, '')),
  };
}

async function browserVerifyOnce(page: Page): Promise<number> {
  await page.evaluate(() => document.getElementById('verify-result')!.removeAttribute('data-kind'));
  await page.click('#verify');
  await page.waitForFunction(
    () => document.getElementById('verify-result')?.dataset.kind !== undefined,
    null,
    {
      timeout: 600_000,
    },
  );
  const kind = await page.getAttribute('#verify-result', 'data-kind');
  if (kind !== 'verified') throw new Error(`browser verify: ${await page.textContent('#verify-result')}`);
  return Number(await page.getAttribute('#verify-result', 'data-ms'));
}

// Warm runs alternate Node and the browser, so a change in the machine's load hits both alike.
let browserCold: number;
const nodeWarm: number[] = [];
const browserWarm: number[] = [];
const nodeVerify: number[] = [];
const browserVerify: number[] = [];
let browserVerifyFirst: number;
let isolated: boolean;
let browserThreads = 0;
try {
  const page = await freshPage();
  isolated = await page.evaluate(() => crossOriginIsolated);
  const first = await browserProve(page);
  browserThreads = Number(await page.getAttribute('#prove-time', 'data-threads'));
  if (first.cycles !== cycles) throw new Error(`browser ran ${first.cycles} cycles, node ${cycles}`);
  browserCold = first.ms;
  for (let i = 0; i < runs; i++) {
    nodeWarm.push(await nodeProve());
    browserWarm.push((await browserProve(page)).ms);
    log(
      `warm ${i + 1}/${runs}: node ${Math.round(nodeWarm[i])} ms, browser ${Math.round(browserWarm[i])} ms`,
    );
  }
  nodeVerifyOnce();
  browserVerifyFirst = await browserVerifyOnce(page);
  for (let i = 0; i < runs; i++) {
    nodeVerify.push(nodeVerifyOnce());
    browserVerify.push(await browserVerifyOnce(page));
  }
  await page.close();
} finally {
  await browser.close();
  await served.close();
  await pool.close();
}
const load1 = loadavg()[0];

const result = {
  guest: 'fib',
  preset,
  cycles,
  log2,
  runs,
  chromium: browser.version(),
  node: process.version,
  cores: availableParallelism(),
  load_average: [Math.round(load0 * 10) / 10, Math.round(load1 * 10) / 10],
  crossOriginIsolated: isolated,
  node_threads: nodeCold.threads,
  browser_threads: browserThreads,
  node_cold_ms: Math.round(nodeCold.timings.total),
  node_warm_ms: Math.round(median(nodeWarm)),
  browser_cold_ms: Math.round(browserCold),
  browser_warm_ms: Math.round(median(browserWarm)),
  browser_over_node_warm: Math.round((median(browserWarm) / median(nodeWarm)) * 100) / 100,
  node_verify_warm_ms: Math.round(median(nodeVerify) * 10) / 10,
  browser_verify_first_ms: Math.round(browserVerifyFirst * 10) / 10,
  browser_verify_warm_ms: Math.round(median(browserVerify) * 10) / 10,
  node_warm_all_ms: nodeWarm.map(Math.round),
  browser_warm_all_ms: browserWarm.map(Math.round),
};

if (values.json) console.log(JSON.stringify(result));
else {
  const rate = (ms: number) => `${(cycles / ms).toFixed(1)} k cycles/s`; // cycles per ms
  console.log(
    `fib, ${cycles} cycles (≈ 2^${log2}), preset ${preset}; Chromium ${result.chromium}, Node ${result.node}`,
  );
  console.log('| | Node | Chromium (worker) | Chromium / Node |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| prove, cold | ${result.node_cold_ms} ms | ${result.browser_cold_ms} ms | ${(browserCold / nodeCold.timings.total).toFixed(2)} |`,
  );
  console.log(
    `| prove, warm (median of ${runs}) | ${result.node_warm_ms} ms (${rate(median(nodeWarm))}) | ${result.browser_warm_ms} ms (${rate(median(browserWarm))}) | ${result.browser_over_node_warm.toFixed(2)} |`,
  );
  console.log(
    `| verify, warm (median of ${runs}) | ${result.node_verify_warm_ms} ms | ${result.browser_verify_warm_ms} ms (main thread; first ${result.browser_verify_first_ms} ms) | ${(median(browserVerify) / median(nodeVerify)).toFixed(2)} |`,
  );
  console.log(
    `crossOriginIsolated: ${isolated}; warm runs: node ${nodeWarm.map(Math.round).join(', ')} ms, browser ${browserWarm.map(Math.round).join(', ')} ms`,
  );
}
