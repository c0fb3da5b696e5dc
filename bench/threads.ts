// Thread scaling: the same proofs at 1 and 2 threads in one run, as `<row>.t1` / `<row>.t2`,
// with the per-step prover times (steps_ms.*) so that the serial remainder is visible, and the
// t2 row's `speedup` over t1. stark.fib.2^20 runs on a WorkerPool on this thread; the RV32IM rows
// run in the asynchronous prover (a coordinator worker and its pool, as `rvstark prove` does),
// and their cold_ms is a fresh `rvstark prove --threads N` process.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fibonacciAir, fibonacciTrace } from '../src/air/examples/fibonacci.js';
import { coldProve, guestElf, inputForCycles } from '../src/cli/bench.js';
import { DEFAULT_PARAMS } from '../src/fri/params.js';
import { WorkerPool } from '../src/pool/pool.js';
import { proveAsync, setup } from '../src/prover/index.js';
import { Prover } from '../src/zkvm/prove-async.js';
import { type BenchOptions, type BenchRow, round, selected } from './harness.js';

const THREADS = [1, 2] as const;
const RV_GUESTS = ['fib', 'sha256'] as const;

export const rowNames: readonly string[] = [
  ...THREADS.map((t) => `stark.fib.2^20.prove.t${t}`),
  ...RV_GUESTS.flatMap((g) => THREADS.map((t) => `rv.${g}.2^20.prove.t${t}`)),
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const stepFields = (steps: Readonly<Record<string, number>>) =>
  Object.fromEntries(Object.entries(steps).map(([k, v]) => [`steps_ms.${k}`, round(v)]));

function addSpeedups(rows: BenchRow[]): void {
  for (const r of rows) {
    if (!r.name.endsWith('.t2')) continue;
    const t1 = rows.find((x) => x.name === `${r.name.slice(0, -3)}.t1`);
    if (t1) r.speedup = Number((t1.median_ms / r.median_ms).toFixed(2));
  }
}

async function starkRows(opts: BenchOptions): Promise<BenchRow[]> {
  const log = opts.quick ? 16 : 20;
  const f = fibonacciTrace(2 ** log);
  const tables = [{ trace: f.trace, publics: f.publics }];
  const { provingKey } = setup([fibonacciAir], DEFAULT_PARAMS);
  const out: BenchRow[] = [];
  for (const threads of THREADS) {
    const name = `stark.fib.2^${log}.prove.t${threads}`;
    if (!selected(name, opts)) continue;
    const pool = await WorkerPool.create({ threads });
    try {
      await proveAsync(provingKey, tables, { pool }); // warm-up
      const times: number[] = [];
      let steps: Readonly<Record<string, number>> = {};
      for (let i = 0; i < (opts.quick ? 1 : 3); i++) {
        const t0 = performance.now();
        const r = await proveAsync(provingKey, tables, { pool });
        times.push(performance.now() - t0);
        steps = r.steps;
      }
      const ms = median(times);
      out.push({
        name,
        median_ms: round(ms),
        samples: times.length,
        threads,
        rows_per_s: Math.round(2 ** log / (ms / 1000)),
        ...stepFields(steps),
      });
    } finally {
      await pool.close();
    }
  }
  return out;
}

async function rvRows(opts: BenchOptions): Promise<BenchRow[]> {
  const log = opts.quick ? 14 : 20;
  const cli = [process.execPath, ...process.execArgv, resolve('src/cli/main.ts')];
  const tmp = mkdtempSync(join(tmpdir(), 'rvstark-threads-'));
  const out: BenchRow[] = [];
  try {
    for (const guest of RV_GUESTS) {
      const elf = guestElf(guest);
      const input = inputForCycles(guest, elf, log);
      const inPath = join(tmp, 'input.bin');
      writeFileSync(inPath, input);
      for (const threads of THREADS) {
        const name = `rv.${guest}.2^${log}.prove.t${threads}`;
        if (!selected(name, opts)) continue;
        const prover = await Prover.create({ threads });
        let warm: Awaited<ReturnType<Prover['proveElf']>>;
        try {
          await prover.proveElf(elf, input); // warm-up: the first prove of this size
          warm = await prover.proveElf(elf, input);
        } finally {
          await prover.close();
        }
        const elfPath = join('guests', 'examples', guest, `${guest}.elf`);
        const cold = coldProve(cli, elfPath, inPath, join(tmp, 'r.bin'), ['--threads', String(threads)]);
        if (cold.error !== null)
          console.error(`note: ${name}: the fresh prove process failed: ${cold.error}`);
        const coldMs = cold.coldMs;
        const rss = cold.rss;
        const ms = warm.timings.total;
        out.push({
          name,
          median_ms: round(ms),
          samples: 1,
          threads,
          cycles: warm.claim.cycles,
          cycles_per_s: Math.round(warm.claim.cycles / (ms / 1000)),
          cold_ms: round(coldMs),
          proof_bytes: warm.proofBytes,
          peak_rss_mb: rss,
          security_bits: warm.security?.bits ?? 0,
          cells_per_cycle: round(warm.cells.perCycle),
          ...Object.fromEntries(Object.entries(warm.timings).map(([k, v]) => [`phase_ms.${k}`, round(v)])),
          ...stepFields(warm.steps),
        });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return out;
}

export async function rows(opts: BenchOptions): Promise<BenchRow[]> {
  const out = [...(await starkRows(opts)), ...(await rvRows(opts))];
  addSpeedups(out);
  return out;
}
