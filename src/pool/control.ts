// The control block that a pool's threads share (a small SharedArrayBuffer) and the job-claiming
// protocol, used by the coordinator (pool.ts) and every helper (worker/helper.ts) alike.
// Publishing is a seqlock: GEN is odd while the coordinator writes a batch's fields and even once
// they are complete. A job is claimed by compare-and-swap on NEXT, which packs a 16-bit tag of the
// batch with the job index, so a thread that woke for an old batch can never run a job of a new one.

import { KERNEL_NAMES } from '../wasm/kernel-api.js';
import { runJob } from './batch.js';

export const GEN = 0;
/** Scratch bytes per thread of the published batch. */
export const SCRATCH_BYTES = 1;
export const NUM_JOBS = 2;
export const NEXT = 3;
export const DONE = 4;
export const ERROR = 5;
export const STOP = 6;
export const SCRATCH_BASE = 7;
export const ERROR_LEN = 8;
const ERROR_TEXT = 16;
const ERROR_MAX = 240;
export const CONTROL_WORDS = ERROR_TEXT + ERROR_MAX;
/** Words of the batch buffer shared beside the control block (4 MiB; a batch is ≲ 100 k words). */
export const BATCH_WORDS = 1 << 20;

export function tagOf(gen: number): number {
  return (gen >>> 1) & 0xffff;
}

/** Records the first error of a batch (its message, truncated) for the coordinator to throw. */
export function recordError(ctrl: Int32Array, message: string): void {
  if (Atomics.compareExchange(ctrl, ERROR, 0, 1) !== 0) return;
  const text = message.slice(0, ERROR_MAX);
  for (let i = 0; i < text.length; i++) ctrl[ERROR_TEXT + i] = text.charCodeAt(i);
  Atomics.store(ctrl, ERROR_LEN, text.length);
}

export function errorText(ctrl: Int32Array): string {
  const n = Atomics.load(ctrl, ERROR_LEN);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(ctrl[ERROR_TEXT + i]);
  return s;
}

/**
 * Claims and runs jobs of the batch published under `gen` until none is left; `thread` picks this
 * thread's scratch block. Returns when the batch has no unclaimed job (others may still run).
 */
export function workOn(
  ctrl: Int32Array,
  batch: Uint32Array,
  gen: number,
  k: Record<string, unknown>,
  thread: number,
): void {
  const scratchBytes = Atomics.load(ctrl, SCRATCH_BYTES) >>> 0;
  const n = Atomics.load(ctrl, NUM_JOBS);
  const scratchBase = Atomics.load(ctrl, SCRATCH_BASE) >>> 0;
  if (Atomics.load(ctrl, GEN) !== gen) return; // a newer batch is being published
  const tag = tagOf(gen);
  for (;;) {
    const v = Atomics.load(ctrl, NEXT);
    if (v >>> 16 !== tag || (v & 0xffff) >= n) return;
    if (Atomics.compareExchange(ctrl, NEXT, v, v + 1) !== v) continue;
    const j = v & 0xffff;
    try {
      runJob(k, KERNEL_NAMES, batch, j, scratchBase + thread * scratchBytes);
    } catch (e) {
      recordError(ctrl, `pool thread ${thread}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (Atomics.add(ctrl, DONE, 1) + 1 === n) Atomics.notify(ctrl, DONE);
  }
}
