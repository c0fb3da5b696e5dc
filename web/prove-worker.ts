// The demo's prover, in a dedicated Web Worker so the page never freezes. The page calls it
// through comlink (web/main.ts); progress comes back through a Comlink.proxy callback.
// It proves on a pool of workers sharing its wasm memory (one per core) when the page is
// cross-origin isolated, and on its own thread otherwise: the proof is the same.

import * as Comlink from 'comlink';
import {
  elfImageId,
  type PresetName,
  type ProveElfResult,
  type ProvePhase,
  proveElfOnPool,
  type StarkParams,
  WorkerPool,
  webWorker,
} from 'rvstark';

export type ProgressCallback = (phase: ProvePhase, fraction: number) => void;

let pool: Promise<WorkerPool> | null = null;

/**
 * This worker is the prover's coordinator: a pool of helpers (one per core, worker/helper.ts,
 * bundled by Vite from the URL below) shares its wasm memory. Without cross-origin isolation the
 * memory cannot be shared and the pool runs on this thread alone (its `fallback` says why).
 */
function thePool(): Promise<WorkerPool> {
  pool ??= WorkerPool.create({
    threads: Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 16)),
    spawn: async () =>
      webWorker(new Worker(new URL('../worker/helper.ts', import.meta.url), { type: 'module' })),
  });
  return pool;
}

/** The one call that proves. */
async function runProve(
  elf: Uint8Array,
  input: Uint8Array,
  preset: PresetName,
  onProgress: ProgressCallback,
): Promise<ProveElfResult> {
  return proveElfOnPool(await thePool(), elf, input, { preset, onProgress });
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** comlink carries an error's name and message only: fold its typed `kind` into the message. */
function typed(e: unknown): Error {
  if (!(e instanceof Error)) return new Error(String(e));
  const kind = (e as { kind?: unknown }).kind;
  const err = new Error(typeof kind === 'string' ? `${kind}: ${e.message}` : e.message);
  err.name = e.name;
  return err;
}

const api = {
  /** Proves `elf` on `input`; progress calls go back to the page. */
  async prove(
    elf: Uint8Array,
    input: Uint8Array,
    preset: PresetName,
    onProgress: ProgressCallback,
  ): Promise<ProveElfResult> {
    try {
      return await runProve(elf, input, preset, onProgress);
    } catch (e) {
      throw typed(e);
    }
  },

  /** The image id (hex) of `elf` at these parameters: runs setup, so it costs a fraction of a prove. */
  imageId(elf: Uint8Array, params: PresetName | StarkParams): string {
    try {
      return hex(elfImageId(elf, params));
    } catch (e) {
      throw typed(e);
    }
  },

  /** Whether this worker is cross-origin isolated (a pool of workers would need it). */
  isolated(): boolean {
    return globalThis.crossOriginIsolated === true;
  },
};

export type ProveWorkerApi = typeof api;

Comlink.expose(api);
