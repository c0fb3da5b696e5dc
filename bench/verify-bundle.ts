// `rvstark/verify` as a browser bundle: builds src/verify.ts with esbuild (browser, ESM, minified,
// tree-shaken), fails if the bundle imports a Node built-in or mentions WebAssembly, prints its
// minified and gzipped (level 9) bytes, then times the bundle verifying a fib receipt (default
// preset) in fresh Node processes: cold is the first verifyReceipt in a process (the key rebuilt
// from circuits code and prepared), warm the median of the later ones (key cached).
// Usage: npx tsx bench/verify-bundle.ts [n=1000] [processes=5] [warm=20]  (fib: cycles ≈ 5·n),
// or `npm run bench -- --filter verify.bundle`.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BenchOptions, BenchRow } from './harness.js';

const ENTRY = fileURLToPath(new URL('../src/verify.ts', import.meta.url));
const FIB = fileURLToPath(new URL('../guests/examples/fib/fib.elf', import.meta.url));

export interface VerifyBundle {
  readonly code: string;
  readonly minBytes: number;
  readonly gzipBytes: number;
  /** Built-in modules the bundle imports (esbuild's metafile and the text): must be empty. */
  readonly nodeImports: readonly string[];
  readonly mentionsWebAssembly: boolean;
  readonly buildMs: number;
}

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Bundles src/verify.ts for the browser; built-ins are left external so that they show up. */
export async function buildVerifyBundle(): Promise<VerifyBundle> {
  const t0 = performance.now();
  const res = await build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    treeShaking: true,
    write: false,
    metafile: true,
    external: [...BUILTINS],
    logLevel: 'silent',
  });
  const buildMs = performance.now() - t0;
  const code = res.outputFiles[0].text;
  const imported = Object.values(res.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
  const inText = [...code.matchAll(/(?:from|import|require)\s*\(?\s*["'](node:[^"']+)["']/g)].map(
    (m) => m[1],
  );
  const nodeImports = [...new Set([...imported.filter((p) => BUILTINS.has(p)), ...inText])];
  const bytes = Buffer.from(code);
  return {
    code,
    minBytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
    nodeImports,
    mentionsWebAssembly: code.includes('WebAssembly'),
    buildMs,
  };
}

/** Throws unless the bundle is free of Node built-ins and WebAssembly. */
export function checkVerifyBundle(b: VerifyBundle): void {
  if (b.nodeImports.length > 0) throw new Error(`the verify bundle imports ${b.nodeImports.join(', ')}`);
  if (b.mentionsWebAssembly) throw new Error('the verify bundle contains the string WebAssembly');
}

// Run in a fresh process by `timeVerify`: imports the bundle, verifies once (cold), then `warm` times.
const CHILD = `
const [bundle, receiptPath, imageId, warmRuns] = process.argv.slice(2);
const { readFileSync } = await import('node:fs');
const receipt = new Uint8Array(readFileSync(receiptPath));
const t0 = performance.now();
const m = await import(bundle);
const t1 = performance.now();
const r = m.verifyReceipt(receipt, { imageId });
const t2 = performance.now();
if (!r.ok) { console.error(r.kind + ': ' + r.reason); process.exit(1); }
const warm = [];
for (let i = 0; i < Number(warmRuns); i++) {
  const s = performance.now();
  if (!m.verifyReceipt(receipt, { imageId }).ok) process.exit(1);
  warm.push(performance.now() - s);
}
console.log(JSON.stringify({ import_ms: t1 - t0, cold_ms: t2 - t1, warm_ms: warm, bits: r.security.bits }));
`;

export interface VerifyTimes {
  readonly cycles: number;
  readonly proofBytes: number;
  readonly securityBits: number;
  /** One per process. */
  readonly importMs: number[];
  readonly coldMs: number[];
  /** Every warm verification of every process. */
  readonly warmMs: number[];
}

/** Proves fib(n) at the default preset here, then verifies it with the bundle in fresh processes. */
export async function timeVerify(
  code: string,
  n: number,
  processes: number,
  warm: number,
): Promise<VerifyTimes> {
  const { proveElf } = await import('../src/zkvm/index.js');
  const input = new Uint8Array(4);
  new DataView(input.buffer).setUint32(0, n, true);
  const proved = proveElf(new Uint8Array(readFileSync(FIB)), input);
  const dir = mkdtempSync(join(tmpdir(), 'rvstark-verify-'));
  try {
    const bundle = join(dir, 'verify.mjs');
    const receipt = join(dir, 'fib.receipt');
    const child = join(dir, 'child.mjs');
    writeFileSync(bundle, code);
    writeFileSync(receipt, proved.receipt);
    writeFileSync(child, CHILD);
    const out = { importMs: [] as number[], coldMs: [] as number[], warmMs: [] as number[], bits: 0 };
    for (let p = 0; p < processes; p++) {
      const r = spawnSync(
        process.execPath,
        [child, pathToFileURL(bundle).href, receipt, proved.imageIdHex, String(warm)],
        { encoding: 'utf8' },
      );
      if (r.status !== 0) throw new Error(`verify process failed: ${r.stderr.trim()}`);
      const j = JSON.parse(r.stdout) as {
        import_ms: number;
        cold_ms: number;
        warm_ms: number[];
        bits: number;
      };
      out.importMs.push(j.import_ms);
      out.coldMs.push(j.cold_ms);
      out.warmMs.push(...j.warm_ms);
      out.bits = j.bits;
    }
    return {
      cycles: proved.claim.cycles,
      proofBytes: proved.receipt.length,
      securityBits: out.bits,
      importMs: out.importMs,
      coldMs: out.coldMs,
      warmMs: out.warmMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => Number(x.toFixed(2));

export const rowNames = ['verify.bundle', 'verify.bundle.fib.cold', 'verify.bundle.fib.warm'];

export async function rows(opts: BenchOptions, n = 1000, processes?: number, warm = 20): Promise<BenchRow[]> {
  const b = await buildVerifyBundle();
  checkVerifyBundle(b);
  const bundleRow: BenchRow = {
    name: 'verify.bundle',
    median_ms: ms(b.buildMs),
    samples: 1,
    min_bytes: b.minBytes,
    gzip_bytes: b.gzipBytes,
  };
  const wanted = (name: string) => opts.filter === undefined || name.includes(opts.filter);
  if (!wanted('verify.bundle.fib')) return [bundleRow];
  const t = await timeVerify(b.code, n, processes ?? (opts.quick ? 3 : 5), Math.max(10, warm));
  const common = { cycles: t.cycles, receipt_bytes: t.proofBytes, security_bits: t.securityBits };
  return [
    bundleRow,
    {
      name: 'verify.bundle.fib.cold',
      median_ms: ms(median(t.coldMs)),
      samples: t.coldMs.length,
      min_ms: ms(Math.min(...t.coldMs)),
      import_ms: ms(median(t.importMs)),
      ...common,
    },
    {
      name: 'verify.bundle.fib.warm',
      median_ms: ms(median(t.warmMs)),
      samples: t.warmMs.length,
      min_ms: ms(Math.min(...t.warmMs)),
      ...common,
    },
  ];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [n, processes, warm] = process.argv.slice(2).map(Number);
  for (const r of await rows({ quick: false, filter: undefined }, n || 1000, processes || 5, warm || 20)) {
    const { name, median_ms, samples, ...extra } = r;
    const rest = Object.entries(extra)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(`${name.padEnd(24)} ${median_ms.toFixed(2).padStart(10)} ms  n=${samples}  ${rest}`);
  }
}
