// The asynchronous prover: proveElf in a worker of its own (the coordinator), which drives a
// pool of helpers on one shared wasm memory, so the calling thread never blocks. The proof bytes
// are those of proveElf for every thread count (tested).
// Invariant: every worker started here is terminated when `close` resolves, or when a one-shot
// `proveElfAsync` settles, whether it succeeded or failed.

import * as Comlink from 'comlink';
import { CircuitError } from '../../circuits/machine/errors.js';
import { defaultSpawn, type SpawnedWorker, type SpawnWorker } from '../pool/platform.js';
import { PoolError, resolveThreads } from '../pool/pool.js';
import { StarkError } from '../stark/errors.js';
import { ElfError, ExecutionError } from '../vm/errors.js';
import { WasmMemoryError } from '../wasm/memory.js';
import { ProveError, ReceiptError } from './errors.js';
import type { ProveElfOptions, ProveElfResult, ProvePhase } from './prove.js';

export interface ProverOptions {
  /** Threads in all (default: RVSTARK_THREADS, else the machine's parallelism). */
  readonly threads?: number;
  /** How to start the coordinator worker (default: worker/prover in Node or a browser). */
  readonly spawn?: SpawnWorker;
}

/** An error as it crosses the worker boundary: its class name and own fields. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly props: Record<string, unknown>;
}

export type ProveOutcome = { ok: true; result: ProveElfResult } | { ok: false; error: WireError };

/** What the coordinator exposes over comlink (worker/prover.ts). */
export interface ProverWorkerApi {
  init(threads: number): Promise<void>;
  proveElf(
    elf: Uint8Array,
    input: Uint8Array,
    opts: Omit<ProveElfOptions, 'onProgress'>,
    onProgress?: (phase: ProvePhase, fraction: number) => void,
  ): Promise<ProveOutcome>;
  close(): Promise<void>;
}

const ERROR_CLASSES: Record<string, new (...args: never[]) => Error> = {
  ElfError,
  ExecutionError,
  ProveError,
  ReceiptError,
  CircuitError,
  PoolError,
  StarkError,
  WasmMemoryError,
  RangeError,
  TypeError,
};

/** Turns an error into plain data that structured clone keeps (the worker side). */
export function toWire(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e), props: {} };
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    try {
      structuredClone(v);
      props[k] = v;
    } catch {
      // a field that cannot cross (a function, say) stays behind
    }
  }
  return { name: e.name, message: e.message, props };
}

/** Rebuilds an error of the same class, with its fields (the caller side). */
export function fromWire(w: WireError): Error {
  const Cls = ERROR_CLASSES[w.name] ?? Error;
  const e = Object.create(Cls.prototype) as Error;
  Object.assign(e, w.props);
  Object.defineProperty(e, 'message', { value: w.message, writable: true, configurable: true });
  Object.defineProperty(e, 'name', { value: w.name, writable: true, configurable: true });
  e.stack = `${w.name}: ${w.message}\n    (in the prover worker)`;
  return e;
}

/** A prover with its coordinator and pool started once, for many proofs. */
export class Prover {
  readonly threads: number;
  private readonly worker: SpawnedWorker;
  private readonly api: Comlink.Remote<ProverWorkerApi>;
  private failure: string | null = null;
  private closed = false;

  private constructor(threads: number, worker: SpawnedWorker, api: Comlink.Remote<ProverWorkerApi>) {
    this.threads = threads;
    this.worker = worker;
    this.api = api;
    worker.onFailure((why) => {
      this.failure = why;
    });
  }

  static async create(opts: ProverOptions = {}): Promise<Prover> {
    const threads = await resolveThreads(opts.threads);
    const worker = await (opts.spawn ?? defaultSpawn)('prover');
    const api = Comlink.wrap<ProverWorkerApi>(worker.endpoint);
    try {
      await withFailure(worker, api.init(threads));
    } catch (e) {
      await worker.terminate();
      throw e;
    }
    return new Prover(threads, worker, api);
  }

  /** proveElf in the coordinator worker; rejects with the error proveElf would have thrown. */
  async proveElf(
    elf: Uint8Array,
    input: Uint8Array = new Uint8Array(0),
    opts: ProveElfOptions = {},
  ): Promise<ProveElfResult> {
    if (this.closed) throw new PoolError('the prover is closed');
    if (this.failure !== null) throw new PoolError(`the prover worker died: ${this.failure}`);
    const { onProgress, ...rest } = opts;
    const r: ProveOutcome = await withFailure<ProveOutcome>(
      this.worker,
      this.api.proveElf(elf, input, rest, onProgress === undefined ? undefined : Comlink.proxy(onProgress)),
    );
    if (!r.ok) throw fromWire(r.error);
    return r.result;
  }

  /** Stops the pool and the coordinator. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.failure === null)
        await Promise.race([this.api.close(), new Promise((r) => setTimeout(r, 2000))]);
    } finally {
      this.api[Comlink.releaseProxy]();
      await this.worker.terminate();
    }
  }
}

/** Rejects as soon as the worker dies, instead of waiting forever for its answer. */
function withFailure<T>(worker: SpawnedWorker, p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.onFailure((why) => reject(new PoolError(`the prover worker died: ${why}`)));
    p.then(resolve, reject);
  });
}

/**
 * Proves in workers and never blocks the calling thread: starts a Prover, proves, closes it.
 * Same receipt bytes as proveElf.
 */
export async function proveElfAsync(
  elf: Uint8Array,
  input: Uint8Array = new Uint8Array(0),
  opts: ProveElfOptions & ProverOptions = {},
): Promise<ProveElfResult> {
  const { threads, spawn, ...rest } = opts;
  const prover = await Prover.create({ threads, spawn });
  try {
    return await prover.proveElf(elf, input, rest);
  } finally {
    await prover.close();
  }
}
