// The worker pool: helpers that share this thread's wasm memory and kernel module and run the
// jobs of each batch beside this thread (the coordinator, thread 0). Set-up and shutdown go
// through comlink; the batches themselves through the control block (control.ts), so a batch
// costs no message and copies no column.
// Invariant: `run` resolves only when every job of the batch has finished, and rejects (never
// hangs) when a job throws or a helper dies.

import * as Comlink from 'comlink';
import { holdTwiddles } from '../poly/twiddles.js';
import { kernelModule, kernels } from '../wasm/kernels.js';
import { alloc, free, wasmMemory } from '../wasm/memory.js';
import type { Batch } from './batch.js';
import {
  BATCH_WORDS,
  CONTROL_WORDS,
  DONE,
  ERROR,
  ERROR_LEN,
  errorText,
  GEN,
  NEXT,
  NUM_JOBS,
  SCRATCH_BASE,
  SCRATCH_BYTES,
  STOP,
  tagOf,
  workOn,
} from './control.js';
import { availableThreads, defaultSpawn, type SpawnedWorker, type SpawnWorker } from './platform.js';
import { type Executor, runBatchInline } from './steps.js';

/** What a helper exposes over comlink (worker/helper.ts). */
export interface HelperApi {
  init(
    memory: WebAssembly.Memory,
    module: WebAssembly.Module,
    control: SharedArrayBuffer,
    batch: SharedArrayBuffer,
    thread: number,
  ): void;
}

type WaitAsync = (
  a: Int32Array,
  i: number,
  v: number,
  timeout: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
// ES2024's Atomics.waitAsync (Node ≥ 16, Chromium ≥ 87); typed here for our ES2022 lib.
const waitAsync: WaitAsync = (a, i, v, t) =>
  (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(a, i, v, t);

export class PoolError extends Error {
  readonly kind = 'pool';
  constructor(message: string) {
    super(message);
    this.name = 'PoolError';
  }
}

export interface PoolOptions {
  /** Threads in all, this one included (default: the machine's, see `resolveThreads`). */
  readonly threads?: number;
  readonly spawn?: SpawnWorker;
  /**
   * When workers or shared memory are unavailable: 'one-thread' (default) proves on this thread
   * alone (the same proof) and says why in `fallback`; 'throw' fails instead.
   */
  readonly onUnavailable?: 'one-thread' | 'throw';
}

const MAX_THREADS = 64;

/**
 * The thread count to use: `threads` if given, else RVSTARK_THREADS, else the machine's
 * parallelism. Throws on anything that is not an integer in [1, 64].
 */
export async function resolveThreads(threads?: number): Promise<number> {
  let n = threads;
  if (n === undefined) {
    const env = typeof process !== 'undefined' ? process.env?.RVSTARK_THREADS : undefined;
    n = env !== undefined && env !== '' ? Number(env) : await availableThreads();
  }
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new PoolError(`threads must be an integer in 1..${MAX_THREADS}, got ${threads ?? n}`);
  }
  return n;
}

export class WorkerPool implements Executor {
  readonly threads: number;
  private readonly ctrl: Int32Array;
  private readonly batchWords: Uint32Array;
  private readonly helpers: SpawnedWorker[];
  /** Why the pool runs on one thread although more were asked for (null: as asked). */
  readonly fallback: string | null;
  private failure: string | null = null;
  private closed = false;
  private busy = false;
  private stopping: Promise<void> | null = null;

  private constructor(
    threads: number,
    ctrl: Int32Array,
    batchWords: Uint32Array,
    helpers: SpawnedWorker[],
    fallback: string | null = null,
  ) {
    this.threads = threads;
    this.fallback = fallback;
    this.ctrl = ctrl;
    this.batchWords = batchWords;
    this.helpers = helpers;
    for (const h of helpers) {
      h.onFailure((why) => {
        if (this.failure === null && !this.closed) this.failure = why;
      });
    }
  }

  /** Starts threads − 1 helpers on this thread's memory; with 1 thread, no worker at all. */
  static async create(opts: PoolOptions = {}): Promise<WorkerPool> {
    const threads = await resolveThreads(opts.threads);
    try {
      return await WorkerPool.start(threads, opts.spawn ?? defaultSpawn);
    } catch (e) {
      if (threads === 1 || opts.onUnavailable === 'throw' || !(e instanceof PoolError)) throw e;
      // No workers or no shared memory here: one thread gives the same proof, only slower.
      return new WorkerPool(1, new Int32Array(CONTROL_WORDS), new Uint32Array(1), [], e.message);
    }
  }

  private static async start(threads: number, spawn: SpawnWorker): Promise<WorkerPool> {
    if (threads === 1) return new WorkerPool(1, new Int32Array(CONTROL_WORDS), new Uint32Array(1), []);
    if (typeof SharedArrayBuffer === 'undefined') {
      throw new PoolError(
        'SharedArrayBuffer is unavailable (a page needs cross-origin isolation: COOP/COEP headers)',
      );
    }
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS));
    const batchWords = new Uint32Array(new SharedArrayBuffer(4 * (threads > 1 ? BATCH_WORDS : 1)));
    const helpers: SpawnedWorker[] = [];
    try {
      if (threads > 1) {
        const memory = wasmMemory();
        const module = kernelModule();
        kernels();
        for (let t = 1; t < threads; t++) {
          const h = await spawn('helper');
          helpers.push(h);
          const died = new Promise<never>((_, reject) =>
            h.onFailure((why) => reject(new PoolError(`pool helper ${t} failed to start: ${why}`))),
          );
          const api = Comlink.wrap<HelperApi>(h.endpoint);
          await Promise.race([
            api.init(
              memory,
              module,
              ctrl.buffer as SharedArrayBuffer,
              batchWords.buffer as SharedArrayBuffer,
              t,
            ),
            died,
          ]);
          api[Comlink.releaseProxy]();
        }
      }
    } catch (e) {
      Atomics.store(ctrl, STOP, 1);
      Atomics.add(ctrl, GEN, 2);
      Atomics.notify(ctrl, GEN);
      await Promise.all(helpers.map((h) => h.terminate()));
      if (e instanceof PoolError) throw e;
      const why = e instanceof Error ? e.message : String(e);
      throw new PoolError(
        /DataCloneError|could not be cloned|SharedArrayBuffer/i.test(why)
          ? `cannot share wasm memory with workers (a page needs cross-origin isolation: COOP/COEP headers): ${why}`
          : `cannot start pool workers: ${why}`,
      );
    }
    return new WorkerPool(threads, ctrl, batchWords, helpers);
  }

  async run(batch: Batch): Promise<void> {
    if (this.closed) throw new PoolError('the pool is closed');
    if (this.failure !== null) throw new PoolError(`a pool worker died: ${this.failure}`);
    if (this.busy) throw new PoolError('one batch at a time per pool');
    // One thread: the inline path (no buffer to share, same bytes).
    if (this.helpers.length === 0) {
      if (batch.jobs > 0) runBatchInline(batch);
      return;
    }
    this.busy = true;
    const release = holdTwiddles();
    try {
      if (batch.jobs === 0) return;
      const { gen, scratch } = this.publish(batch);
      try {
        workOn(this.ctrl, this.batchWords, gen, kernels() as unknown as Record<string, unknown>, 0);
        await this.waitDone(batch.jobs);
        if (Atomics.load(this.ctrl, ERROR) !== 0)
          throw new PoolError(`a pool job failed: ${errorText(this.ctrl)}`);
      } finally {
        if (scratch) free(scratch);
      }
    } finally {
      release();
      this.busy = false;
    }
  }

  /** Encodes and publishes a batch (seqlock: GEN odd while writing, control.ts); its scratch. */
  private publish(batch: Batch): { gen: number; scratch: number } {
    const ctrl = this.ctrl;
    // A batch too large for the buffer, or a failed scratch allocation, throws before publishing.
    batch.encodeInto(this.batchWords);
    const scratch = batch.scratchBytes > 0 ? alloc(batch.scratchBytes * this.threads) : 0;
    const gen = Atomics.load(ctrl, GEN) + 2;
    Atomics.store(ctrl, GEN, gen - 1);
    Atomics.store(ctrl, SCRATCH_BYTES, batch.scratchBytes);
    Atomics.store(ctrl, NUM_JOBS, batch.jobs);
    Atomics.store(ctrl, SCRATCH_BASE, scratch);
    Atomics.store(ctrl, DONE, 0);
    Atomics.store(ctrl, ERROR, 0);
    Atomics.store(ctrl, ERROR_LEN, 0);
    Atomics.store(ctrl, NEXT, tagOf(gen) << 16);
    Atomics.store(ctrl, GEN, gen);
    Atomics.notify(ctrl, GEN);
    return { gen, scratch };
  }

  /**
   * Waits until `jobs` jobs of the published batch are done, without blocking this thread's event
   * loop, so that a helper's death (its exit event) or close() fails the wait instead of hanging it.
   */
  private async waitDone(jobs: number): Promise<void> {
    const ctrl = this.ctrl;
    for (;;) {
      const done = Atomics.load(ctrl, DONE);
      if (done >= jobs) return;
      // Stop every helper before rejecting, so that none still writes into the batch's memory
      // once the caller frees it (then reuses it).
      if (this.failure !== null) {
        await this.stopHelpers();
        throw new PoolError(`a pool worker died: ${this.failure}`);
      }
      if (this.closed) {
        await this.stopHelpers();
        throw new PoolError('the pool was closed during a batch');
      }
      const w = waitAsync(ctrl, DONE, done, 50);
      if (w.async) await w.value;
    }
  }

  /** Sets the stop flag, wakes and terminates every helper (once); resolves when they are gone. */
  private stopHelpers(): Promise<void> {
    if (this.stopping === null) {
      Atomics.store(this.ctrl, STOP, 1);
      Atomics.add(this.ctrl, GEN, 2);
      Atomics.notify(this.ctrl, GEN);
      this.stopping = Promise.all(this.helpers.map((h) => h.terminate())).then(() => undefined);
    }
    return this.stopping;
  }

  /** Stops and terminates the helpers; the pool cannot be used afterwards. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopHelpers();
  }
}
