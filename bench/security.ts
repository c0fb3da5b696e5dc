// What the security parameters cost: more queries against more grinding, measured on the same
// Fibonacci traces in one process (docs/SECURITY.md, "Cost of the options"). The grinding rows
// time the prover's proof-of-work search alone, averaged over many seeds, since one search's time
// is geometric in the nonce it happens to find.

import { fibonacciAir, fibonacciTrace } from '../src/air/examples/fibonacci.js';
import { DEFAULT_PARAMS, type StarkParams } from '../src/fri/params.js';
import { grindFast } from '../src/prover/grind.js';
import { prove, setup } from '../src/prover/index.js';
import { Transcript } from '../src/transcript/index.js';
import { verify } from '../src/verifier/index.js';
import { type BenchOptions, type BenchRow, round, selected } from './harness.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Mean time of one proof-of-work search, and per hash, over `runs` transcripts. */
function grindRow(bits: number, runs: number): BenchRow {
  let ms = 0;
  let hashes = 0;
  for (let i = 0; i < runs; i++) {
    const t = new Transcript('bench-security', 1);
    t.absorbU64('seed', i);
    const t0 = performance.now();
    hashes += grindFast(t, bits) + 1;
    ms += performance.now() - t0;
  }
  return {
    name: `security.grind.${bits}`,
    median_ms: round(ms / runs),
    samples: runs,
    ns_per_hash: round((ms * 1e6) / hashes),
    // The expected cost: 2^bits hashes at the measured rate.
    expected_ms: round((ms / hashes) * 2 ** bits),
  };
}

/**
 * Prove and verify medians and proof bytes of one Fibonacci trace under several parameter sets.
 * The variants take turns, round by round, so that JIT warm-up and the box's background load fall
 * on all of them alike.
 */
function fibRows(log: number, variants: ReadonlyArray<[string, StarkParams]>, rounds: number): BenchRow[] {
  const f = fibonacciTrace(2 ** log);
  const tables = [{ trace: f.trace, publics: f.publics }];
  const runs = variants.map(([label, params]) => {
    const keys = setup([fibonacciAir], params);
    const proof = prove(keys.provingKey, tables).proof; // warm-up
    return { label, keys, proof, proveMs: [] as number[], verifyMs: [] as number[] };
  });
  const check = (v: (typeof runs)[number]) => {
    const r = verify(v.keys.verifyingKey, { publics: [f.publics] }, v.proof);
    if (!r.ok) throw new Error(`security.fib: verification failed: ${r.reason}`);
  };
  for (const v of runs) for (let i = 0; i < 3; i++) check(v); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const v of runs) {
      let t0 = performance.now();
      v.proof = prove(v.keys.provingKey, tables).proof;
      v.proveMs.push(performance.now() - t0);
      for (let i = 0; i < 4; i++) {
        t0 = performance.now();
        check(v);
        v.verifyMs.push(performance.now() - t0);
      }
    }
  }
  return runs.flatMap((v) => {
    const name = `security.fib.2^${log}.${v.label}`;
    return [
      {
        name: `${name}.prove`,
        median_ms: round(median(v.proveMs)),
        samples: rounds,
        proof_bytes: v.proof.length,
      },
      { name: `${name}.verify`, median_ms: round(median(v.verifyMs)), samples: v.verifyMs.length },
    ];
  });
}

export const rowNames = ['security.grind', 'security.fib'];

export async function rows(opts: BenchOptions): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  for (const bits of [12, 16, 19, 20]) {
    if (!selected(`security.grind.${bits}`, opts)) continue;
    out.push(grindRow(bits, opts.quick ? 4 : bits <= 16 ? 64 : 24));
  }
  // The query-phase options that reach 100 conjectured bits from SP1's 84 queries and 16 bits.
  const variants: Array<[string, StarkParams]> = [
    ['q84.pow16', { ...DEFAULT_PARAMS, numQueries: 84, powBits: 16 }],
    ['q87.pow16', { ...DEFAULT_PARAMS, numQueries: 87, powBits: 16 }],
    ['q84.pow19', { ...DEFAULT_PARAMS, numQueries: 84, powBits: 19 }],
  ];
  for (const log of opts.quick ? [16] : [16, 20]) {
    const picked = variants.filter(([label]) => selected(`security.fib.2^${log}.${label}`, opts));
    if (picked.length > 0) out.push(...fibRows(log, picked, opts.quick ? 1 : log >= 20 ? 5 : 11));
  }
  return out;
}
