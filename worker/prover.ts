// The coordinator worker: runs proveElf's steps with a pool of helpers (threads − 1 of them) on
// this worker's wasm memory, and answers over comlink. Errors cross as plain data (toWire) so
// the caller rethrows them with their class and fields.

import { exposeToParent } from '../src/pool/platform.js';
import { WorkerPool } from '../src/pool/pool.js';
import { proveElfOnPool } from '../src/zkvm/prove.js';
import { type ProverWorkerApi, toWire } from '../src/zkvm/prove-async.js';

let pool: WorkerPool | null = null;

const api: ProverWorkerApi = {
  async init(threads) {
    pool = await WorkerPool.create({ threads });
    return { threads: pool.threads, fallback: pool.fallback };
  },
  async proveElf(elf, input, opts, onProgress) {
    if (pool === null) return { ok: false, error: toWire(new Error('prover worker: init() first')) };
    try {
      const result = await proveElfOnPool(pool, elf, input, {
        ...opts,
        onProgress: onProgress === undefined ? undefined : (phase, f) => void onProgress(phase, f),
      });
      return { ok: true, result };
    } catch (e) {
      return { ok: false, error: toWire(e) };
    }
  },
  async close() {
    await pool?.close();
    pool = null;
  },
};

exposeToParent(api);
