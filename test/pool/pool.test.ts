// The pool against inline execution: the same batches give the same bytes for 1, 2 and 4
// threads; a failing job and a dead helper reject the batch (never hang); close() leaves no worker.

import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { Batch } from '../../src/pool/batch.js';
import { defaultSpawn, type SpawnedWorker } from '../../src/pool/platform.js';
import { PoolError, resolveThreads, WorkerPool } from '../../src/pool/pool.js';
import { runBatchInline } from '../../src/pool/steps.js';
import { WasmVec } from '../../src/wasm/memory.js';
import { randomVec } from './helpers.js';

/** dst = a·b + a over ranges of `chunk` elements, one job per range (two calls per job). */
function mulAddBatch(dst: WasmVec, a: WasmVec, b: WasmVec, chunk: number): Batch {
  const batch = new Batch();
  for (let i = 0; i < a.length; i += chunk) {
    const n = Math.min(chunk, a.length - i);
    batch.job();
    batch.call('vecMul', [dst.ptr + 4 * i, a.ptr + 4 * i, b.ptr + 4 * i, n]);
    batch.call('vecAdd', [dst.ptr + 4 * i, dst.ptr + 4 * i, a.ptr + 4 * i, n]);
  }
  return batch;
}

const pools: WorkerPool[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

describe('worker pool', () => {
  it('gives the inline bytes for 1, 2 and 4 threads, batch after batch', async () => {
    const n = 1 << 16;
    const a = randomVec(n, 1);
    const b = randomVec(n, 2);
    const want = new WasmVec(n);
    runBatchInline(mulAddBatch(want, a, b, 1000));
    for (const threads of [1, 2, 4]) {
      const pool = await WorkerPool.create({ threads });
      pools.push(pool);
      expect(pool.threads).toBe(threads);
      for (let rep = 0; rep < 20; rep++) {
        const got = new WasmVec(n);
        const batch = mulAddBatch(got, a, b, 256 + 97 * rep);
        await pool.run(batch);
        batch.release();
        expect(
          Buffer.from(got.view.buffer, got.ptr, 4 * n).equals(Buffer.from(want.view.buffer, want.ptr, 4 * n)),
        ).toBe(true);
        got.free();
      }
    }
    for (const v of [a, b, want]) v.free();
  });

  it('rejects a batch whose job traps, and stays usable', async () => {
    const pool = await WorkerPool.create({ threads: 2 });
    pools.push(pool);
    const bad = new Batch();
    for (let j = 0; j < 8; j++) bad.job().call('vecAdd', [0xeffffff0, 0xeffffff0, 0xeffffff0, 64]);
    await expect(pool.run(bad)).rejects.toThrow(/pool job failed: .*out of bounds/);
    bad.release();
    const v = randomVec(64, 3);
    const ok = new Batch();
    ok.job().call('vecAdd', [v.ptr, v.ptr, v.ptr, 64]);
    await pool.run(ok);
    ok.release();
    v.free();
  });

  it('fails, without hanging, when a helper dies', async () => {
    const spawned: SpawnedWorker[] = [];
    const pool = await WorkerPool.create({
      threads: 2,
      spawn: async (s) => {
        const w = await defaultSpawn(s);
        spawned.push(w);
        return w;
      },
    });
    pools.push(pool);
    await (spawned[0].raw as Worker).terminate();
    const n = 1 << 20;
    const a = randomVec(n, 5);
    const batch = mulAddBatch(a, a, a, 1 << 10);
    // The coordinator may finish every job itself before it notices; then the next batch fails.
    let failed = false;
    for (let i = 0; i < 3 && !failed; i++) {
      try {
        await pool.run(batch);
      } catch (e) {
        expect(e).toBeInstanceOf(PoolError);
        expect(String(e)).toMatch(/worker died: worker exited/);
        failed = true;
      }
    }
    batch.release();
    a.free();
    expect(failed).toBe(true);
  });

  it('resolves the thread count from the option, then RVSTARK_THREADS', async () => {
    expect(await resolveThreads(3)).toBe(3);
    const old = process.env.RVSTARK_THREADS;
    process.env.RVSTARK_THREADS = '2';
    try {
      expect(await resolveThreads()).toBe(2);
      process.env.RVSTARK_THREADS = 'lots';
      await expect(resolveThreads()).rejects.toThrow(/threads must be an integer/);
    } finally {
      if (old === undefined) delete process.env.RVSTARK_THREADS;
      else process.env.RVSTARK_THREADS = old;
    }
    await expect(resolveThreads(0)).rejects.toThrow(PoolError);
  });
});

describe('where workers are unavailable', () => {
  it('runs on one thread and says why, or throws when asked to', async () => {
    const noWorkers = async () => {
      throw new Error('Worker is not defined');
    };
    const pool = await WorkerPool.create({ threads: 4, spawn: noWorkers });
    pools.push(pool);
    expect(pool.threads).toBe(1);
    expect(pool.fallback).toMatch(/cannot start pool workers: Worker is not defined/);
    const v = randomVec(1000, 9);
    const want = new WasmVec(1000);
    runBatchInline(mulAddBatch(want, v, v, 100));
    const got = new WasmVec(1000);
    const b = mulAddBatch(got, v, v, 100);
    await pool.run(b);
    b.release();
    expect(Array.from(got.view)).toEqual(Array.from(want.view));
    await expect(WorkerPool.create({ threads: 2, spawn: noWorkers, onUnavailable: 'throw' })).rejects.toThrow(
      PoolError,
    );
  });
});
