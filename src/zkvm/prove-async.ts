// The asynchronous prover: proveElf in a worker of its own (the coordinator), which drives a
// pool of helpers on one shared wasm memory, so the calling thread never blocks. The proof bytes
// are those of proveElf for every thread count (tested).
// Invariant: every worker started here is terminated when `close` resolves, or when a one-shot
// `proveElfAsync` settles, whether it succeeded or failed.

import * as Comlink from 'comlink';
import { CircuitError } from '../../circuits/machine/errors.js';
import { MachineKeyError } from '../../circuits/machine/keys.js';
import { AirError } from '../air/errors.js';
import { FieldError } from '../field/errors.js';
import { FriError } from '../fri/errors.js';
import { ParamsError } from '../fri/params.js';
import { MerkleError } from '../merkle/errors.js';
import { PolyError } from '../poly/errors.js';
import { defaultSpawn, type SpawnedWorker, type SpawnWorker } from '../pool/platform.js';
import { PoolError, resolveThreads, WorkerPool } from '../pool/pool.js';
import { ProofFormatError } from '../proof/codec.js';
import { StarkError } from '../stark/errors.js';
import { TranscriptError } from '../transcript/errors.js';
import { ElfError, ExecutionError } from '../vm/errors.js';
import { WasmMemoryError } from '../wasm/memory.js';
import { ProveError, ReceiptError } from './errors.js';
import { type ProveElfOptions, type ProveElfResult, type ProvePhase, proveElfOnPool } from './prove.js';

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
  /** Starts the pool; answers the threads it runs and why fewer, if fewer. */
  init(threads: number): Promise<{ threads: number; fallback: string | null }>;
  proveElf(
    elf: Uint8Array,
    input: Uint8Array,
    opts: Omit<ProveElfOptions, 'onProgress'>,
    onProgress?: (phase: ProvePhase, fraction: number) => void,
  ): Promise<ProveOutcome>;
  close(): Promise<void>;
}

/** Every error class the prover throws, by name, so that `instanceof` holds on the caller's side. */
const ERROR_CLASSES: Record<string, new (...args: never[]) => Error> = {
  AirError,
  CircuitError,
  ElfError,
  ExecutionError,
  FieldError,
  FriError,
  MachineKeyError,
  MerkleError,
  ParamsError,
  PolyError,
  PoolError,
  ProofFormatError,
  ProveError,
  ReceiptError,
  StarkError,
  TranscriptError,
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

/**
 * A prover with its coordinator and pool started once, for many proofs. Where no worker can be
 * started, it proves on the calling thread (one thread, the same proofs) and says so in `fallback`.
 */
export class Prover {
  readonly threads: number;
  /** Why this prover runs on the calling thread instead of in workers (null: in workers). */
  readonly fallback: string | null;
  private readonly worker: SpawnedWorker | null;
  private readonly api: Comlink.Remote<ProverWorkerApi> | null;
  private readonly inline: WorkerPool | null;
  private failure: string | null = null;
  private closed = false;
  /** Rejections of the calls waiting for the coordinator (a proof must not outlive close()). */
  private readonly pending = new Set<(e: Error) => void>();

  private constructor(
    threads: number,
    worker: SpawnedWorker | null,
    api: Comlink.Remote<ProverWorkerApi> | null,
    inline: WorkerPool | null,
    fallback: string | null,
  ) {
    this.threads = threads;
    this.worker = worker;
    this.api = api;
    this.inline = inline;
    this.fallback = fallback;
    worker?.onFailure((why) => {
      this.failure = why;
      this.settlePending(new PoolError(`the prover worker died: ${why}`));
    });
  }

  /** Rejects by `e` every call still waiting for the coordinator's answer. */
  private settlePending(e: Error): void {
    for (const reject of this.pending) reject(e);
    this.pending.clear();
  }

  /** `p`, rejected early if the coordinator dies or the prover is closed before it answers. */
  private track<T>(p: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.failure !== null) {
        reject(new PoolError(`the prover worker died: ${this.failure}`));
        return;
      }
      this.pending.add(reject);
      p.then(resolve, reject).finally(() => this.pending.delete(reject));
    });
  }

  static async create(opts: ProverOptions = {}): Promise<Prover> {
    const threads = await resolveThreads(opts.threads);
    let worker: SpawnedWorker;
    try {
      worker = await (opts.spawn ?? defaultSpawn)('prover');
    } catch (e) {
      const why = `cannot start a prover worker (${e instanceof Error ? e.message : String(e)}); proving on this thread`;
      return new Prover(1, null, null, await WorkerPool.create({ threads: 1 }), why);
    }
    const api = Comlink.wrap<ProverWorkerApi>(worker.endpoint);
    let info: { threads: number; fallback: string | null };
    try {
      info = await withFailure(worker, api.init(threads));
    } catch (e) {
      await worker.terminate();
      throw e;
    }
    return new Prover(info.threads, worker, api, null, info.fallback);
  }

  /** proveElf in the coordinator worker; rejects with the error proveElf would have thrown. */
  async proveElf(
    elf: Uint8Array,
    input: Uint8Array = new Uint8Array(0),
    opts: ProveElfOptions = {},
  ): Promise<ProveElfResult> {
    if (this.closed) throw new PoolError('the prover is closed');
    if (this.failure !== null) throw new PoolError(`the prover worker died: ${this.failure}`);
    if (this.inline !== null)
      return { ...(await proveElfOnPool(this.inline, elf, input, opts)), fallback: this.fallback };
    const api = this.api as Comlink.Remote<ProverWorkerApi>;
    const { onProgress, ...rest } = opts;
    const r: ProveOutcome = await this.track<ProveOutcome>(
      api.proveElf(elf, input, rest, onProgress === undefined ? undefined : Comlink.proxy(onProgress)),
    );
    if (!r.ok) throw fromWire(r.error);
    return r.result;
  }

  /** Stops the pool and the coordinator. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.inline !== null) {
      await this.inline.close();
      return;
    }
    const api = this.api as Comlink.Remote<ProverWorkerApi>;
    try {
      if (this.failure === null) await Promise.race([api.close(), new Promise((r) => setTimeout(r, 2000))]);
    } finally {
      api[Comlink.releaseProxy]();
      await this.worker?.terminate();
      // A proof still running had its worker terminated under it: it will never answer.
      this.settlePending(new PoolError('the prover was closed during a proof'));
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
