// How the prover's steps run: a step is a generator that yields batches (src/pool/batch.ts) and
// does its plain-TS work between them. The same generator runs inline on one thread (`runSteps`,
// the synchronous API) or on a worker pool (`runStepsAsync`), so both compute the same bytes.
// Invariant: a yielded batch has run to completion, or the generator has been thrown into, before
// the generator resumes; its temporary blocks are freed either way.

import { KERNEL_NAMES } from '../wasm/kernel-api.js';
import { kernels } from '../wasm/kernels.js';
import { alloc, free } from '../wasm/memory.js';
import { type Batch, runJob } from './batch.js';

/** A step: yields batches to run, returns its result. */
export type Steps<T> = Generator<Batch, T, void>;

/** Runs batches somewhere: this thread, or a pool of workers sharing this thread's memory. */
export interface Executor {
  /** Threads that run jobs (1 for this thread alone). */
  readonly threads: number;
  /** Why fewer threads run than were asked for (null or absent: as asked). */
  readonly fallback?: string | null;
  run(batch: Batch): Promise<void>;
}

/** Runs every job of `batch` on this thread, in order. */
export function runBatchInline(batch: Batch): void {
  if (batch.jobs === 0) return;
  const words = new Uint32Array(batch.encodedWords);
  batch.encodeInto(words);
  const scratch = batch.scratchBytes > 0 ? alloc(batch.scratchBytes) : 0;
  try {
    const k = kernels() as unknown as Record<string, unknown>;
    for (let j = 0; j < batch.jobs; j++) runJob(k, KERNEL_NAMES, words, j, scratch);
  } finally {
    if (scratch) free(scratch);
  }
}

/** Drives a step on this thread alone. */
export function runSteps<T>(steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) {
    let failure: { error: unknown } | null = null;
    try {
      runBatchInline(r.value);
    } catch (error) {
      failure = { error };
    }
    r = resume(steps, r.value, failure);
  }
  return r.value;
}

/** Drives a step with `exec` running its batches. */
export async function runStepsAsync<T>(steps: Steps<T>, exec: Executor): Promise<T> {
  let r = steps.next();
  while (!r.done) {
    let failure: { error: unknown } | null = null;
    try {
      await exec.run(r.value);
    } catch (error) {
      failure = { error };
    }
    r = resume(steps, r.value, failure);
  }
  return r.value;
}

/** Releases a batch that ran (or failed) and resumes its step, throwing the failure into it. */
function resume<T>(
  steps: Steps<T>,
  batch: Batch,
  failure: { error: unknown } | null,
): IteratorResult<Batch, T> {
  batch.release();
  return failure === null ? steps.next() : steps.throw(failure.error);
}
