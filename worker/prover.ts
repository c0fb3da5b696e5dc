// The coordinator worker: runs proveElf's steps with a pool of helpers (threads − 1 of them) on
// this worker's wasm memory, and answers over comlink. Errors cross as plain data (toWire) so
// the caller rethrows them with their class and fields.
// Proofs run one at a time (a queue): a pool runs one batch at a time, and two proofs' steps
// interleaved on this thread would share module state (the twiddle tables) between batches.

import * as Comlink from 'comlink';
import { exposeToParent } from '../src/pool/platform.js';
import { PoolError, WorkerPool } from '../src/pool/pool.js';
import { proveElfOnPool } from '../src/zkvm/prove.js';
import { type ProverWorkerApi, toWire } from '../src/zkvm/prove-async.js';

let pool: WorkerPool | null = null;
/** The proof running or queued last: the next one starts when it has settled. */
let queue: Promise<unknown> = Promise.resolve();

const api: ProverWorkerApi = {
  async init(threads) {
    pool = await WorkerPool.create({ threads });
    return { threads: pool.threads, fallback: pool.fallback };
  },
  proveElf(elf, input, opts, onProgress) {
    const run = queue.then(async () => {
      if (pool === null)
        return {
          ok: false as const,
          error: toWire(new PoolError('the prover worker has no pool (not started, or closed)')),
        };
      // The caller's callback runs over comlink: a throw there comes back as a rejection here,
      // which must fail this proof (as proveElf would), not escape as an unhandled rejection
      // (that kills this worker, and with it the Prover).
      let progressError: unknown = null;
      try {
        const result = await proveElfOnPool(pool, elf, input, {
          ...opts,
          onProgress:
            onProgress === undefined
              ? undefined
              : (phase, f) => {
                  Promise.resolve(onProgress(phase, f)).catch((e) => {
                    progressError ??= e;
                  });
                },
        });
        if (progressError !== null) return { ok: false as const, error: toWire(progressError) };
        return { ok: true as const, result };
      } catch (e) {
        return { ok: false as const, error: toWire(e) };
      } finally {
        (onProgress as unknown as Comlink.Remote<unknown> | undefined)?.[Comlink.releaseProxy]();
      }
    });
    queue = run;
    return run;
  },
  async close() {
    await pool?.close();
    pool = null;
  },
};

exposeToParent(api);
