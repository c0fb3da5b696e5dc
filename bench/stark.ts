// End-to-end STARK rows at the default (≥ 100-bit) preset, and genSTARK's MiMC side by side in the
// same process: prove and verify medians, proof bytes and security bits. A prove takes seconds,
// so these rows time a fixed number of runs themselves instead of going through tinybench.

import { instantiateScript } from '@guildofweavers/genstark';
import type { Air } from '../src/air/air.js';
import { fibonacciAir, fibonacciTrace } from '../src/air/examples/fibonacci.js';
import { mimcAir, mimcTrace } from '../src/air/examples/mimc.js';
import type { RowMajorMatrix } from '../src/air/matrix.js';
import { BLOWUP4_PARAMS, DEFAULT_PARAMS, type StarkParams } from '../src/fri/params.js';
import { prove, setup } from '../src/prover/index.js';
import { verify } from '../src/verifier/index.js';
import { wasmMemory } from '../src/wasm/memory.js';
import { type BenchOptions, type BenchRow, round, selected } from './harness.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(runs: number, f: () => void): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return median(t);
}

interface Job {
  name: string;
  air: Air;
  trace: RowMajorMatrix;
  publics: number[];
  params?: StarkParams;
  /** Skipped with --quick. */
  slow?: boolean;
}

function oursRows(job: Job, opts: BenchOptions): BenchRow[] {
  const params = job.params ?? DEFAULT_PARAMS;
  const tables = [{ trace: job.trace, publics: job.publics }];
  const runs = opts.quick ? 1 : 3;
  const { provingKey, verifyingKey } = setup([job.air], params);
  prove(provingKey, tables); // warm-up: JIT and twiddle tables
  let proof: Uint8Array = new Uint8Array();
  let bits = 0;
  const proveMs = time(runs, () => {
    const r = prove(provingKey, tables);
    proof = r.proof;
    bits = r.security.bits;
  });
  const check = () => {
    const r = verify(verifyingKey, { publics: [job.publics] }, proof);
    if (!r.ok) throw new Error(`${job.name}: verification failed: ${r.reason}`);
  };
  // The first verification in a process pays for JIT compilation; it is reported as
  // verify_cold_ms, and the median is taken after a warm-up.
  const coldMs = time(1, check);
  time(opts.quick ? 3 : 15, check);
  const verifyMs = time(opts.quick ? 3 : 10, check);
  const rows = job.trace.height;
  return [
    {
      name: `${job.name}.prove`,
      median_ms: round(proveMs),
      samples: runs,
      rows_per_s: Math.round(rows / (proveMs / 1000)),
      proof_bytes: proof.length,
      security_bits: bits,
      // wasm memory never shrinks, so its size is the prover's high-water mark so far in this
      // process; RSS adds the JS heap and the traces.
      wasm_mb: Math.round(wasmMemory().buffer.byteLength / 2 ** 20),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    {
      name: `${job.name}.verify`,
      median_ms: round(verifyMs),
      samples: opts.quick ? 3 : 10,
      verify_cold_ms: round(coldMs),
      proof_bytes: proof.length,
    },
  ];
}

/** genSTARK's MiMC (AirScript 0.7 syntax, its fastest configuration here: 128-bit field, blake2s). */
function genstarkRows(logSteps: number, opts: BenchOptions): BenchRow[] {
  const steps = 2 ** logSteps;
  const src = `
define MiMC over prime field (2^128 - 9 * 2^32 + 1) {
    const alpha: 3;
    static roundConstant: cycle [
        42, 43, 170, 2209, 16426, 78087, 279978, 823517, 2097194, 4782931,
        10000042, 19487209, 35831850, 62748495, 105413546, 170859333
    ];
    secret input startValue: element[1];
    transition 1 register {
        for each (startValue) {
            init { yield startValue; }
            for steps [1..${steps - 1}] { yield $r0^3 + roundConstant; }
        }
    }
    enforce 1 constraint {
        for all steps { enforce transition($r) = $n; }
    }
}`;
  const silent = { start: () => () => {}, sub: () => () => {}, done() {}, log() {} };
  const warn = console.warn;
  console.warn = () => {}; // genSTARK warns that sha256 has no wasm path; we use blake2s
  const stark = instantiateScript(Buffer.from(src), { hashAlgorithm: 'blake2s256' }, silent as never);
  console.warn = warn;
  const trace = stark.generateExecutionTrace([[3n]]);
  const assertions = [
    { register: 0, step: 0, value: 3n },
    { register: 0, step: steps - 1, value: trace.dTrace.getValue(0, steps - 1) },
  ];
  let proof = stark.prove(assertions, [[3n]]);
  const runs = opts.quick ? 1 : 3;
  const proveMs = time(runs, () => {
    proof = stark.prove(assertions, [[3n]]);
  });
  const verifyMs = time(opts.quick ? 1 : 3, () => {
    if (!stark.verify(assertions, proof)) throw new Error('genSTARK verification failed');
  });
  const name = `genstark.mimc.2^${logSteps}`;
  return [
    {
      name: `${name}.prove`,
      median_ms: round(proveMs),
      samples: runs,
      proof_bytes: stark.sizeOf(proof),
      security_bits: stark.securityLevel,
    },
    { name: `${name}.verify`, median_ms: round(verifyMs), samples: opts.quick ? 1 : 3 },
  ];
}

function fibJob(log: number, params?: StarkParams, suffix = ''): Job {
  const f = fibonacciTrace(2 ** log);
  return {
    name: `stark.fib.2^${log}${suffix}`,
    air: fibonacciAir,
    trace: f.trace,
    publics: f.publics,
    params,
  };
}

function mimcJob(log: number): Job {
  const m = mimcTrace(2 ** log, 3);
  return { name: `stark.mimc.2^${log}`, air: mimcAir(2 ** log), trace: m.trace, publics: m.publics };
}

export async function rows(opts: BenchOptions): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  const jobs: Array<() => Job> = [
    () => fibJob(16),
    () => ({ ...fibJob(20), slow: true }),
    () => fibJob(16, BLOWUP4_PARAMS, '.blowup4'),
    () => mimcJob(16),
    () => mimcJob(13),
    () => ({ ...mimcJob(15), slow: true }),
  ];
  for (const make of jobs) {
    const job = make();
    if (job.slow && opts.quick) continue;
    if (!selected(`${job.name}.prove`, opts) && !selected(`${job.name}.verify`, opts)) continue;
    out.push(...oursRows(job, opts));
  }
  for (const log of opts.quick ? [13] : [13, 15]) {
    if (!selected(`genstark.mimc.2^${log}.prove`, opts)) continue;
    const g = genstarkRows(log, opts);
    const ours = out.find((r) => r.name === `stark.mimc.2^${log}.prove`);
    if (ours) g[0].ratio = Number((g[0].median_ms / ours.median_ms).toFixed(1));
    out.push(...g);
  }
  return out;
}
