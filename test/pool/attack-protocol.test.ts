// Adversarial tests of the pool's control protocol (src/pool/pool.ts, control.ts, worker/helper.ts):
// a batch too large for the batch buffer must not wedge the pool, close() during a batch must
// settle the batch instead of hanging it, the largest batch (MAX_JOBS jobs) and a run of batches
// past the 16-bit tag wrap give the inline bytes.

import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { Batch, MAX_JOBS } from '../../src/pool/batch.js';
import { BATCH_WORDS } from '../../src/pool/control.js';
import { defaultSpawn, type SpawnedWorker } from '../../src/pool/platform.js';
import { PoolError, WorkerPool } from '../../src/pool/pool.js';
import { runBatchInline } from '../../src/pool/steps.js';
import type { WasmVec } from '../../src/wasm/memory.js';
import { randomVec } from './helpers.js';

const same = (a: WasmVec, b: WasmVec) =>
  Buffer.from(a.view.buffer, a.ptr, 4 * a.length).equals(Buffer.from(b.view.buffer, b.ptr, 4 * b.length));

/** Resolves with 'timeout' if `p` has not settled within `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const t = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const pools: WorkerPool[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('pool protocol under attack', () => {
  it('stays usable after a batch that does not fit the batch buffer', async () => {
    const pool = await WorkerPool.create({ threads: 2 });
    pools.push(pool);
    const v = randomVec(64, 1);
    // vecAdd calls of count 0 are 7 words each: enough of them overflow the 4 MiB buffer.
    const huge = new Batch();
    const calls = Math.ceil(BATCH_WORDS / 7) + 10;
    for (let i = 0; i < calls; i++) {
      if (i % 64 === 0) huge.job();
      huge.call('vecAdd', [v.ptr, v.ptr, v.ptr, 0]);
    }
    expect(huge.encodedWords).toBeGreaterThan(BATCH_WORDS);
    await expect(pool.run(huge)).rejects.toThrow(RangeError);
    huge.release();
    // The next batch must run (it failed with 'one batch at a time per pool': busy stayed set).
    const want = randomVec(64, 1);
    runBatchInline(new Batch().call('vecAdd', [want.ptr, want.ptr, want.ptr, 64]));
    const ok = new Batch();
    ok.job().call('vecAdd', [v.ptr, v.ptr, v.ptr, 64]);
    await pool.run(ok);
    ok.release();
    expect(same(v, want)).toBe(true);
    v.free();
    want.free();
  });

  it('settles a running batch when the pool is closed under it (no hang)', async () => {
    const pool = await WorkerPool.create({ threads: 2 });
    pools.push(pool);
    const n = 1 << 18;
    const a = randomVec(n, 2);
    const b = randomVec(n, 3);
    const batch = new Batch();
    // Job 0 (the coordinator's: it claims first) is short; job 1 (the helper's) is long.
    batch.job();
    for (let i = 0; i < 50; i++) batch.call('vecMul', [a.ptr, a.ptr, b.ptr, n]);
    batch.job();
    for (let i = 0; i < 20000; i++) batch.call('vecMul', [b.ptr, b.ptr, b.ptr, n]);
    const running = pool.run(batch);
    const closing = pool.close();
    const r = await within(
      running.then(
        () => 'resolved',
        (e) => e,
      ),
      10_000,
    );
    await closing;
    batch.release();
    a.free();
    b.free();
    expect(r).not.toBe('timeout');
    if (r !== 'resolved') expect(r).toBeInstanceOf(PoolError);
  }, 30_000);

  it('leaves no helper writing into the memory of a batch once it has rejected (a helper died)', async () => {
    const spawned: SpawnedWorker[] = [];
    const pool = await WorkerPool.create({
      threads: 3,
      spawn: async (s) => {
        const w = await defaultSpawn(s);
        spawned.push(w);
        return w;
      },
    });
    pools.push(pool);
    const n = 1 << 16;
    // Nine long jobs for three threads. run() returns its promise once this thread has run out
    // of jobs to claim; the helpers are then still inside their last ones, so the helper killed
    // below dies holding a claimed job (with two long jobs, this thread could take one itself
    // before the helpers woke, and the helper killed was idle: a race).
    const vs = Array.from({ length: 9 }, (_, i) => randomVec(n, 8 + i));
    const batch = new Batch();
    for (const v of vs) {
      batch.job();
      for (let i = 0; i < 10000; i++) batch.call('vecMul', [v.ptr, v.ptr, v.ptr, n]);
    }
    const running = pool.run(batch).then(
      () => 'resolved',
      (e) => e,
    );
    // One helper dies mid-job; the batch must reject, and the other helper must not go on.
    await (spawned[0].raw as Worker).terminate();
    const r = await within(running, 30_000);
    // Which thread held which job is the scheduler's choice: the killed helper may have held one
    // (the batch rejects) or been idle (the others finish it). Either way the batch settles, and
    // once it has, nothing writes into its memory; the death is reported by the next run.
    expect(r === 'resolved' || r instanceof PoolError).toBe(true);
    // The caller would now free the batch's vectors and reuse the memory: nothing may still write.
    const snap = vs.map((v) => Uint32Array.from(v.view));
    await new Promise((res) => setTimeout(res, 300));
    const changed = vs.map(
      (v, i) => !Buffer.from(v.view.buffer, v.ptr, 4 * n).equals(Buffer.from(snap[i].buffer)),
    );
    batch.release();
    for (const v of vs) v.free();
    expect(changed).toEqual(vs.map(() => false));
    if (r === 'resolved') {
      const next = new Batch();
      next.job().call('vecAdd', [vs[0].ptr, vs[0].ptr, vs[0].ptr, 4]);
      await expect(pool.run(next)).rejects.toThrow(/worker died/);
    }
  }, 60_000);

  it('runs a batch of MAX_JOBS jobs with the inline bytes', async () => {
    const pool = await WorkerPool.create({ threads: 4 });
    pools.push(pool);
    const n = MAX_JOBS * 4;
    const a = randomVec(n, 4);
    const want = randomVec(n, 4);
    const mk = (v: WasmVec) => {
      const batch = new Batch();
      for (let j = 0; j < MAX_JOBS; j++)
        batch.job().call('vecMul', [v.ptr + 16 * j, v.ptr + 16 * j, a.ptr + 16 * j, 4]);
      return batch;
    };
    expect(() => mk(want).job()).toThrow(RangeError);
    runBatchInline(mk(want));
    const got = randomVec(n, 4);
    const batch = mk(got);
    expect(batch.jobs).toBe(MAX_JOBS);
    await pool.run(batch);
    batch.release();
    expect(same(got, want)).toBe(true);
    for (const v of [a, want, got]) v.free();
  });

  it('gives the inline bytes over more batches than the 16-bit tag holds', async () => {
    const pool = await WorkerPool.create({ threads: 2 });
    pools.push(pool);
    const n = 64;
    const a = randomVec(n, 5);
    const want = randomVec(n, 6);
    const got = randomVec(n, 6);
    const step = (v: WasmVec) => {
      const batch = new Batch();
      for (let j = 0; j < 4; j++)
        batch.job().call('vecMul', [v.ptr + 64 * j, v.ptr + 64 * j, a.ptr + 64 * j, 16]);
      return batch;
    };
    const rounds = 0x10000 + 300;
    for (let i = 0; i < rounds; i++) {
      runBatchInline(step(want));
      const batch = step(got);
      await pool.run(batch);
      batch.release();
    }
    expect(same(got, want)).toBe(true);
    for (const v of [a, want, got]) v.free();
  }, 120_000);
});
