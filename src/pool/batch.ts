// A batch: the unit of parallel work. A batch is a list of independent jobs; a job is a sequence
// of kernel calls that runs on one thread, in order. Jobs of one batch write disjoint memory, so
// any thread may take any job in any order and the result is the same bytes (determinism for every
// thread count). A batch names offsets into the shared memory; it never carries column data.
// Invariant: everything a batch reads was written before it is run, and its temporary blocks live
// until it has finished on every thread.

import { KERNEL_ID, type KernelName } from '../wasm/kernel-api.js';
import { alloc, free, wasmMemory } from '../wasm/memory.js';

/** The claim counter packs a 16-bit batch tag with the job index (src/pool/pool.ts). */
export const MAX_JOBS = 0xffff;

/** Words before the job table: job count, scratch bytes per thread. */
const HEADER = 2;

export class Batch {
  private readonly words: number[] = [];
  private readonly starts: number[] = [];
  private readonly temps: number[] = [];
  /** Scratch bytes every thread needs (each thread gets its own block; args flagged in a mask). */
  scratchBytes = 0;

  /** Starts a new job; the calls that follow run on one thread in order. */
  job(): this {
    if (this.starts.length >= MAX_JOBS) throw new RangeError(`a batch holds at most ${MAX_JOBS} jobs`);
    this.starts.push(this.words.length);
    return this;
  }

  /**
   * Appends a call to the current job. Bit i of `scratchArgs` adds the running thread's scratch
   * block address to argument i (for kernels that need per-caller scratch).
   */
  call(name: KernelName, args: readonly number[], scratchArgs = 0): this {
    if (this.starts.length === 0) this.job();
    this.words.push(KERNEL_ID[name], args.length, scratchArgs);
    for (const a of args) this.words.push(a >>> 0);
    return this;
  }

  /** A block that lives until the batch has run (then the driver frees it). */
  temp(bytes: number): number {
    const p = alloc(bytes);
    this.temps.push(p);
    return p;
  }

  /** A temporary block holding `values`. */
  tempWords(values: ArrayLike<number>): number {
    const p = this.temp(4 * Math.max(1, values.length));
    new Uint32Array(wasmMemory().buffer, p, values.length).set(values);
    return p;
  }

  needScratch(bytes: number): this {
    this.scratchBytes = Math.max(this.scratchBytes, Math.ceil(bytes / 64) * 64);
    return this;
  }

  get jobs(): number {
    return this.starts.length;
  }

  /** Words `encodeInto` writes. */
  get encodedWords(): number {
    return HEADER + this.starts.length + 1 + this.words.length;
  }

  /**
   * Writes the batch to `out` from word 0: [jobs, scratchBytes, start_0 … start_jobs, calls…],
   * starts relative to the calls' first word. The encoding lives outside wasm memory: a thread's
   * view of a shared wasm memory may lag behind a grow, a separate buffer's never does.
   */
  encodeInto(out: Uint32Array): void {
    const n = this.starts.length;
    const total = this.encodedWords;
    if (total > out.length)
      throw new RangeError(`batch of ${total} words exceeds the ${out.length}-word buffer`);
    out[0] = n;
    out[1] = this.scratchBytes;
    for (let j = 0; j < n; j++) out[HEADER + j] = this.starts[j];
    out[HEADER + n] = this.words.length;
    out.set(this.words, HEADER + n + 1);
  }

  /** Frees the temporary blocks (the driver calls this once the batch has run or failed). */
  release(): void {
    for (const p of this.temps) free(p);
    this.temps.length = 0;
  }
}

/** Runs job `j` of the encoded batch `u32` with the given kernels and scratch block. */
export function runJob(
  k: Record<string, unknown>,
  names: readonly string[],
  u32: Uint32Array,
  j: number,
  scratch: number,
): void {
  const base = 0;
  const n = u32[base];
  const callsAt = base + HEADER + n + 1;
  let w = callsAt + u32[base + HEADER + j];
  const end = callsAt + u32[base + HEADER + j + 1];
  const args: number[] = [];
  while (w < end) {
    const id = u32[w];
    const argc = u32[w + 1];
    const mask = u32[w + 2];
    w += 3;
    args.length = argc;
    for (let i = 0; i < argc; i++) args[i] = (mask >>> i) & 1 ? u32[w + i] + scratch : u32[w + i];
    w += argc;
    (k[names[id]] as (...a: number[]) => number).apply(null, args);
  }
}
