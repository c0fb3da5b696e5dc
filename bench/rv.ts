// End-to-end zkVM rows: the example guests proved at the default preset at 2^14 … 2^20 cycles
// (--quick: 2^14), as `rv.<guest>.2^k.prove` / `.verify`. The rows are the same as `rvstark
// bench` (src/cli/bench.ts): prove is warm (the second prove of that size in this process),
// cold_ms is a fresh `rvstark prove` process, peak_rss_mb is that process's maxRSS.

import { resolve } from 'node:path';
import { BENCH_GUESTS, runBench } from '../src/cli/bench.js';
import type { BenchOptions, BenchRow } from './harness.js';

const SIZES = [14, 16, 18, 20];

export const rowNames: readonly string[] = BENCH_GUESTS.flatMap((g) =>
  SIZES.flatMap((k) => [`rv.${g}.2^${k}.prove`, `rv.${g}.2^${k}.verify`]),
);

export async function rows(opts: BenchOptions): Promise<BenchRow[]> {
  const sizes = opts.quick ? [14] : SIZES;
  const wanted = (name: string) => opts.filter === undefined || name.includes(opts.filter);
  const guests = BENCH_GUESTS.filter((g) => sizes.some((k) => wanted(`rv.${g}.2^${k}.prove`)));
  const out: BenchRow[] = [];
  for (const guest of guests) {
    const mine = sizes.filter(
      (k) => wanted(`rv.${guest}.2^${k}.prove`) || wanted(`rv.${guest}.2^${k}.verify`),
    );
    if (mine.length === 0) continue;
    const results = await runBench({
      guests: [guest],
      sizes: mine,
      cli: [process.execPath, ...process.execArgv, resolve('src/cli/main.ts')],
      onNote: (n) => console.error(`note: ${n}`),
    });
    for (const r of results) {
      const name = `rv.${r.guest}.2^${r.log2}`;
      out.push(
        {
          name: `${name}.prove`,
          median_ms: r.prove_ms,
          samples: 1,
          cycles: r.cycles,
          cycles_per_s: r.cycles_per_s,
          cold_ms: r.cold_ms,
          cold_wall_ms: r.cold_wall_ms,
          proof_bytes: r.proof_bytes,
          peak_rss_mb: r.peak_rss_mb,
          security_bits: r.security_bits,
          cells_per_cycle: r.cells_per_cycle,
        },
        {
          name: `${name}.verify`,
          median_ms: r.verify_ms,
          samples: 5,
          verify_cold_ms: r.verify_cold_ms,
          proof_bytes: r.proof_bytes,
        },
      );
    }
  }
  return out;
}
