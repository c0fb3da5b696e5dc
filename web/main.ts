// The demo page: pick a guest and an input, prove in a Web Worker (web/prove-worker.ts) with a
// progress bar per phase, show the claim and download the receipt, and verify a receipt on the
// main thread (the verifier needs no worker, no wasm memory and no cross-origin isolation).

import * as Comlink from 'comlink';
import type { PresetName, ProveElfResult, ProvePhase } from 'rvstark';
// The page's own verifier: the wasm-free entry (the prover and its wasm live in the worker only).
import {
  type Claim,
  decodeReceipt,
  type StarkParams,
  type VerifyReceiptResult,
  verifyReceipt,
} from 'rvstark/verify';
import fibUrl from '../guests/examples/fib/fib.elf?url';
import helloUrl from '../guests/examples/hello/hello.elf?url';
import modexpUrl from '../guests/examples/modexp/modexp.elf?url';
import sha256Url from '../guests/examples/sha256/sha256.elf?url';
import sortUrl from '../guests/examples/sort/sort.elf?url';
import type { ProveWorkerApi } from './prove-worker.js';

// ----- the shipped guests

type InputFormat = 'text' | 'hex';

interface Guest {
  readonly url: string;
  readonly about: string;
  readonly input: string;
  readonly format: InputFormat;
}

/** n bytes little-endian of the non-negative integer x, as hex. */
const leHex = (x: bigint, n: number) =>
  Array.from({ length: n }, (_, i) =>
    Number((x >> BigInt(8 * i)) & 0xffn)
      .toString(16)
      .padStart(2, '0'),
  ).join('');

const GUESTS: Readonly<Record<string, Guest>> = {
  fib: {
    url: fibUrl,
    about: 'Reads n (u32 little-endian) and outputs fib(n) mod 2^32 (u32 LE). Each step is about 5 cycles.',
    input: leHex(1000n, 4),
    format: 'hex',
  },
  sha256: {
    url: sha256Url,
    about: 'Outputs the SHA-256 digest of the whole input (about 3.5 k cycles per 64-byte block).',
    input: 'abc',
    format: 'text',
  },
  hello: {
    url: helloUrl,
    about:
      'A picolibc program: greets the last word, lists the words (malloc, printf); exit code = word count.',
    input: 'proved in a browser',
    format: 'text',
  },
  sort: {
    url: sortUrl,
    about: 'Sorts the input as little-endian i32 values (merge sort) and outputs them.',
    input: [5, 3, -1, 42, 0, 7].map((v) => leHex(BigInt.asUintN(32, BigInt(v)), 4)).join(''),
    format: 'hex',
  },
  modexp: {
    url: modexpUrl,
    about: 'Outputs base^exp mod m (each 32 bytes LE in the input: base, exp, m); exit code 1 if m = 0.',
    input: leHex(3n, 32) + leHex(65537n, 32) + leHex(2n ** 255n - 19n, 32),
    format: 'hex',
  },
};

const PHASES: readonly Exclude<ProvePhase, 'done'>[] = ['execute', 'record', 'witness', 'setup', 'prove'];

// ----- elements

const $ = <T extends HTMLElement>(id: string) => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} is missing`);
  return el as T;
};
const guestSel = $<HTMLSelectElement>('guest');
const elfFile = $<HTMLInputElement>('elf-file');
const guestAbout = $('guest-about');
const inputBox = $<HTMLTextAreaElement>('input');
const inputFormat = $<HTMLSelectElement>('input-format');
const presetSel = $<HTMLSelectElement>('preset');
const proveBtn = $<HTMLButtonElement>('prove');
const threads = $('threads');
const progressBox = $('progress');
const proveStatus = $('prove-status');
const resultBox = $('result');
const proveTime = $('prove-time');
const throughput = $('throughput');
const securityBox = $('security');
const receiptSize = $('receipt-size');
const receiptLink = $<HTMLAnchorElement>('receipt-link');
const verifyFile = $<HTMLInputElement>('verify-file');
const allowInsecure = $<HTMLInputElement>('allow-insecure');
const verifyBtn = $<HTMLButtonElement>('verify');
const verifyResult = $('verify-result');
const isolation = $('isolation');

// ----- bytes and text

const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

function fromHex(s: string): Uint8Array {
  const t = s.replace(/^0x/i, '').replace(/[\s,_]/g, '');
  if (t.length % 2 !== 0 || /[^0-9a-f]/i.test(t))
    throw new Error('the input is not hex: an even number of digits 0-9, a-f expected');
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(t.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The bytes as text if they are printable UTF-8 (tabs and newlines allowed), else null. */
function printable(b: Uint8Array): string | null {
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(b);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s) ? null : s;
  } catch {
    return null;
  }
}

function bytesNode(b: Uint8Array): HTMLElement {
  if (b.length === 0) {
    const e = document.createElement('span');
    e.textContent = '(empty)';
    return e;
  }
  const text = printable(b);
  const pre = document.createElement('pre');
  pre.textContent = text ?? toHex(b);
  pre.dataset.format = text === null ? 'hex' : 'text';
  pre.title = `${b.length} bytes, hex ${toHex(b.subarray(0, 256))}${b.length > 256 ? '…' : ''}`;
  return pre;
}

const fmtMs = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
const fmtBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(2)} MiB`;
const fmtRate = (cycles: number, ms: number) => {
  const r = cycles / (ms / 1000);
  return r >= 1e3 ? `${(r / 1e3).toFixed(1)} k cycles/s` : `${r.toFixed(0)} cycles/s`;
};

function dl(box: HTMLElement, rows: ReadonlyArray<readonly [string, string | HTMLElement, string?]>): void {
  box.replaceChildren();
  for (const [k, v, id] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    if (id !== undefined) dd.id = id;
    if (typeof v === 'string') dd.textContent = v;
    else dd.append(v);
    box.append(dt, dd);
  }
}

function claimRows(claim: Claim, imageIdHex: string, idPrefix: string) {
  const id = document.createElement('span');
  id.className = 'mono';
  id.textContent = imageIdHex;
  return [
    ['image id', id, `${idPrefix}image-id`],
    ['input', bytesNode(claim.input), `${idPrefix}input`],
    ['output', bytesNode(claim.output), `${idPrefix}output`],
    ['exit code', String(claim.exitCode), `${idPrefix}exit-code`],
    ['cycles', claim.cycles.toLocaleString('en-US'), `${idPrefix}cycles`],
  ] as const;
}

// ----- the worker

let worker: Worker | null = null;
let prover: Comlink.Remote<ProveWorkerApi> | null = null;

function proverApi(): Comlink.Remote<ProveWorkerApi> {
  if (prover === null) {
    worker = new Worker(new URL('./prove-worker.ts', import.meta.url), {
      type: 'module',
      name: 'rvstark-prover',
    });
    prover = Comlink.wrap<ProveWorkerApi>(worker);
  }
  return prover;
}

// ----- state

/** The ELF chosen (a shipped guest or an upload), fetched once. */
const elfCache = new Map<string, Promise<Uint8Array>>();
let uploaded: { name: string; bytes: Uint8Array } | null = null;
/** The image ids computed for (ELF, parameters), so verifying twice runs setup once. */
const imageIds = new Map<string, string>();
let lastReceipt: { bytes: Uint8Array; guest: string } | null = null;
let receiptUrl: string | null = null;

function guestKey(): string {
  return guestSel.value === 'upload' ? `upload:${uploaded?.name}:${uploaded?.bytes.length}` : guestSel.value;
}

async function chosenElf(): Promise<Uint8Array> {
  if (guestSel.value === 'upload') {
    if (uploaded === null) throw new Error('choose an ELF file to upload first');
    return uploaded.bytes;
  }
  const g = GUESTS[guestSel.value];
  let p = elfCache.get(guestSel.value);
  if (p === undefined) {
    p = fetch(g.url).then(async (r) => {
      if (!r.ok) throw new Error(`fetching ${g.url}: HTTP ${r.status}`);
      return new Uint8Array(await r.arrayBuffer());
    });
    elfCache.set(guestSel.value, p);
    p.catch(() => elfCache.delete(guestSel.value));
  }
  return p;
}

function chosenInput(): Uint8Array {
  return inputFormat.value === 'hex' ? fromHex(inputBox.value) : new TextEncoder().encode(inputBox.value);
}

const paramsKey = (p: StarkParams) =>
  [p.logBlowup, p.numQueries, p.powBits, p.logFoldingArity, p.finalPolyLogDegree, p.logUpPowBits ?? 0].join(
    ',',
  );

// ----- guest and preset choice

function showGuest(): void {
  const g = GUESTS[guestSel.value];
  if (g === undefined) {
    guestAbout.textContent =
      uploaded === null
        ? 'Upload an RV32IM ELF (e.g. one built with `rvstark build prog.c`).'
        : `Uploaded: ${uploaded.name} (${fmtBytes(uploaded.bytes.length)}).`;
    return;
  }
  guestAbout.textContent = g.about;
  inputBox.value = g.input;
  inputFormat.value = g.format;
}

guestSel.addEventListener('change', showGuest);
elfFile.addEventListener('change', async () => {
  const f = elfFile.files?.[0];
  if (f === undefined) return;
  uploaded = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
  guestSel.value = 'upload';
  inputBox.value = '';
  showGuest();
});

function syncPreset(): void {
  allowInsecure.checked = presetSel.value === 'fast';
}
presetSel.addEventListener('change', syncPreset);

// ----- proving

function progressBars(): Map<ProvePhase, { bar: HTMLProgressElement; ms: HTMLElement }> {
  progressBox.replaceChildren();
  const bars = new Map<ProvePhase, { bar: HTMLProgressElement; ms: HTMLElement }>();
  for (const phase of PHASES) {
    const name = document.createElement('span');
    name.textContent = phase;
    const bar = document.createElement('progress');
    bar.id = `progress-${phase}`;
    bar.max = 1;
    bar.value = 0;
    const ms = document.createElement('span');
    ms.className = 'ms';
    progressBox.append(name, bar, ms);
    bars.set(phase, { bar, ms });
  }
  return bars;
}

async function prove(): Promise<void> {
  proveBtn.disabled = true;
  proveStatus.className = '';
  proveStatus.textContent = 'loading the program…';
  progressBox.dataset.state = 'running';
  const bars = progressBars();
  try {
    const elf = await chosenElf();
    const input = chosenInput();
    const preset = presetSel.value as PresetName;
    const guest = guestKey();
    let current: ProvePhase | null = null;
    let since = performance.now();
    const onProgress = (phase: ProvePhase, fraction: number) => {
      const t = performance.now();
      if (current !== null && current !== 'done') {
        const b = bars.get(current)!;
        b.bar.value = 1;
        b.ms.textContent = fmtMs(t - since);
      }
      current = phase;
      since = t;
      const b = bars.get(phase);
      if (b !== undefined) b.bar.removeAttribute('value'); // indeterminate while the phase runs
      proveStatus.textContent =
        phase === 'done' ? 'done' : `${phase}… (${Math.round(fraction * 100)} % of the expected work done)`;
    };
    const t0 = performance.now();
    const result: ProveElfResult = await proverApi().prove(elf, input, preset, Comlink.proxy(onProgress));
    const wall = performance.now() - t0;
    for (const phase of PHASES) {
      const b = bars.get(phase)!;
      b.bar.value = 1;
      b.ms.textContent = fmtMs(result.timings[phase]);
    }
    progressBox.dataset.state = 'done';
    imageIds.set(`${guest}|${paramsKey(result.params)}`, result.imageIdHex);
    showResult(result, guest, wall);
    proveStatus.textContent = `proved in ${fmtMs(result.timings.total)} (${fmtMs(wall)} on the page's clock)`;
  } catch (e) {
    progressBox.dataset.state = 'error';
    proveStatus.className = 'error';
    proveStatus.textContent = `prove failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  } finally {
    proveBtn.disabled = false;
  }
}

function showResult(r: ProveElfResult, guest: string, wallMs: number): void {
  resultBox.hidden = false;
  $('claim-image-id').textContent = r.imageIdHex;
  $('claim-input').replaceChildren(bytesNode(r.claim.input));
  $('claim-output').replaceChildren(bytesNode(r.claim.output));
  $('claim-exit-code').textContent = String(r.claim.exitCode);
  $('cycles').textContent = r.claim.cycles.toLocaleString('en-US');
  proveTime.textContent = fmtMs(r.timings.total);
  proveTime.dataset.threads = String(r.threads);
  threads.textContent = ` ${r.threads} thread${r.threads > 1 ? 's' : ''}${r.fallback ? ` (${r.fallback})` : ''}`;
  threads.dataset.threads = String(r.threads);
  proveTime.dataset.ms = String(r.timings.total);
  proveTime.title = `${fmtMs(wallMs)} on the page's clock, worker start and transfer included`;
  throughput.textContent = fmtRate(r.claim.cycles, r.timings.total);
  const s = r.security;
  securityBox.textContent =
    s === null
      ? 'none (dev receipt)'
      : `${s.bits} bits conjectured, ${s.proven.bits} bits proven (preset ${r.preset}${r.preset === 'fast' ? ': INSECURE, for demos only' : ''})`;
  securityBox.className = r.preset === 'fast' ? 'warn' : '';
  receiptSize.textContent = `${fmtBytes(r.receipt.length)} (proof ${fmtBytes(r.proofBytes)})`;
  if (receiptUrl !== null) URL.revokeObjectURL(receiptUrl);
  receiptUrl = URL.createObjectURL(new Blob([r.receipt as BlobPart], { type: 'application/octet-stream' }));
  receiptLink.href = receiptUrl;
  receiptLink.download = `${guest.startsWith('upload:') ? (uploaded?.name ?? 'program') : guest}.receipt`;
  receiptLink.setAttribute('aria-disabled', 'false');
  receiptLink.dataset.bytes = String(r.receipt.length);
  lastReceipt = { bytes: r.receipt, guest };
  verifyFile.value = ''; // Verify now checks this receipt
}

proveBtn.addEventListener('click', () => void prove());

// ----- verifying

function showVerdict(v: VerifyReceiptResult, ms: number, note = ''): void {
  verifyResult.replaceChildren();
  verifyResult.dataset.ms = String(ms);
  if (!v.ok) {
    verifyResult.className = 'rejected';
    verifyResult.dataset.kind = v.kind;
    verifyResult.textContent = `rejected: ${v.kind}: ${v.reason}`;
    return;
  }
  verifyResult.className = 'verified';
  verifyResult.dataset.kind = 'verified';
  const head = document.createElement('p');
  const sec = v.security === null ? 'dev receipt: NOT proven' : `${v.security.bits} bits conjectured`;
  head.textContent = `verified in ${fmtMs(ms)} (${sec}, preset ${v.preset})${note}`;
  const box = document.createElement('dl');
  dl(box, claimRows(v.claim, v.imageIdHex, 'verified-'));
  verifyResult.append(head, box);
}

async function verify(): Promise<void> {
  verifyBtn.disabled = true;
  verifyResult.className = '';
  verifyResult.removeAttribute('data-kind');
  verifyResult.textContent = 'verifying…';
  try {
    const file = verifyFile.files?.[0];
    const bytes = file !== undefined ? new Uint8Array(await file.arrayBuffer()) : lastReceipt?.bytes;
    if (bytes === undefined) {
      verifyResult.className = 'rejected';
      verifyResult.textContent = 'no receipt: prove first, or choose a receipt file';
      return;
    }
    const expected = { allowInsecure: allowInsecure.checked };
    // The image id the receipt must be for: the chosen guest's, at the receipt's parameters.
    let params: StarkParams;
    try {
      params = decodeReceipt(bytes).key.params;
    } catch {
      // Malformed: the verifier says why.
      const t = performance.now();
      const v = verifyReceipt(bytes, expected);
      showVerdict(v, performance.now() - t);
      return;
    }
    const key = `${guestKey()}|${paramsKey(params)}`;
    let imageId = imageIds.get(key);
    if (imageId === undefined) {
      verifyResult.textContent = 'computing the chosen guest’s image id (setup, in the worker)…';
      const elf = await chosenElf();
      try {
        imageId = await proverApi().imageId(elf, params);
      } catch (e) {
        verifyResult.className = 'rejected';
        verifyResult.dataset.kind = 'bad-expected';
        verifyResult.textContent = `rejected: bad-expected: no image id for the chosen guest at the receipt's parameters (${e instanceof Error ? e.message : String(e)})`;
        return;
      }
      imageIds.set(key, imageId);
    }
    const t = performance.now();
    const v = verifyReceipt(bytes, { ...expected, imageId });
    showVerdict(v, performance.now() - t, `, against the image id of ${guestSel.value}`);
  } catch (e) {
    verifyResult.className = 'rejected';
    verifyResult.textContent = `error: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    verifyBtn.disabled = false;
  }
}

verifyBtn.addEventListener('click', () => void verify());

// ----- cross-origin isolation

function showIsolation(): void {
  const iso = globalThis.crossOriginIsolated === true;
  isolation.dataset.isolated = String(iso);
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.textContent = iso ? 'cross-origin isolated' : 'not cross-origin isolated';
  const text = document.createElement('span');
  text.textContent = iso
    ? ' — proving runs on a pool of workers sharing wasm memory, one per core.'
    : ' — multi-threaded proving needs cross-origin isolation (serve the page with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp). Single-threaded proving in a worker and verifying work without it.';
  isolation.replaceChildren(badge, text);
  const cores = navigator.hardwareConcurrency || 1;
  threads.textContent = iso
    ? ` ${cores} worker thread${cores > 1 ? 's' : ''}`
    : ' single-threaded (no cross-origin isolation)';
}

showIsolation();
showGuest();
syncPreset();
document.body.dataset.ready = 'true';
