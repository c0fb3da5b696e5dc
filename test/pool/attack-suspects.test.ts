// Two bugs the adversarial review confirmed, now fixed (each test failed before its fix):
// 1. Two WorkerPools driven from one thread share this thread's module state: the twiddle tables
//    (src/poly/twiddles.ts) are replaced and freed by whichever step asks for a larger size, while
//    a batch of the other pool that was built with the old pointer is still running on its helpers;
//    the freed block is reused and the batch reads garbage (wrong bytes, silently). Fixed: every
//    pool holds the tables (holdTwiddles) while any of its batches is queued or running.
// 2. A proof whose batch fails (a trapped job, a dead helper, close() during the proof) does not
//    free what it allocated before: proveUntilFriSteps/proveSteps have no try/finally around their
//    yields, so the trace columns, LDEs, trees and the preprocessed commitment leak (≈ 13 MB per
//    failed fib(300) proof, fast preset). Fixed: proveUntilFriSteps undoes its allocations on any
//    failure, and deepCodeword frees its temporaries in a finally.

import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ldeColumnsSteps } from '../../src/poly/lde.js';
import { twiddles } from '../../src/poly/twiddles.js';
import { Batch } from '../../src/pool/batch.js';
import { WorkerPool } from '../../src/pool/pool.js';
import { type Executor, runBatchInline, runStepsAsync } from '../../src/pool/steps.js';
import { liveBytes, type WasmVec } from '../../src/wasm/memory.js';
import { proveElfSteps } from '../../src/zkvm/prove.js';
import { bytesOf, randomVec } from './helpers.js';

const fib = new Uint8Array(readFileSync('guests/examples/fib/fib.elf'));
const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);

const pools: WorkerPool[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('suspects', () => {
  it('two pools in one thread: a step on pool B never frees the twiddle table a batch of pool A still reads', async () => {
    const [a, b] = [await WorkerPool.create({ threads: 2 }), await WorkerPool.create({ threads: 2 })];
    pools.push(a, b);
    const logn = 12;
    const n = 1 << logn;
    const tw = twiddles(logn, false);
    const mk = (v: WasmVec) => {
      const batch = new Batch();
      batch.job();
      for (let i = 0; i < 20; i++) batch.call('nttDif', [v.ptr, logn, tw]);
      batch.job();
      for (let i = 0; i < 20000; i++) batch.call('nttDif', [v.ptr + 4 * n, logn, tw]);
      return batch;
    };
    const want = randomVec(2 * n, 1);
    runBatchInline(mk(want));
    const got = randomVec(2 * n, 1);
    const batch = mk(got);
    const running = a.run(batch);
    // Meanwhile, on this thread, a step for pool B needs a larger forward table.
    const cols = [randomVec(1 << 16, 2)];
    const out = await runStepsAsync(ldeColumnsSteps(cols, 4, 31, 'natural'), b);
    const junk = Array.from({ length: 64 }, (_, i) => randomVec(1 << 11, 3 + i)); // reuse of the freed table
    await running;
    batch.release();
    expect(bytesOf(got).equals(bytesOf(want))).toBe(true);
    for (const v of [...out, ...cols, ...junk]) v.free();
  }, 60_000);

  it('a proof that fails at a batch frees its wasm memory', async () => {
    // An executor that runs batches inline and fails the k-th one (a trapped job, a dead helper).
    const failing = (k: number): Executor => {
      let i = 0;
      return {
        threads: 1,
        async run(batch) {
          if (++i === k) throw new Error('injected batch failure');
          runBatchInline(batch);
        },
      };
    };
    await runStepsAsync(proveElfSteps(fib, u32(300), { preset: 'fast' }), failing(1e9));
    const before = liveBytes();
    for (const k of [3, 8, 15]) {
      await expect(
        runStepsAsync(proveElfSteps(fib, u32(300), { preset: 'fast' }), failing(k)),
      ).rejects.toThrow(/injected/);
    }
    expect(liveBytes()).toBe(before);
  }, 60_000);
});
