// The demo's prover, in a dedicated Web Worker so the page never freezes. The page calls it
// through comlink (web/main.ts); progress comes back through a Comlink.proxy callback.
// Proving is single-threaded today: `runProve` is the one place to swap in a pooled prover.

import * as Comlink from 'comlink';
import {
  elfImageId,
  type PresetName,
  type ProveElfResult,
  type ProvePhase,
  proveElf,
  type StarkParams,
} from 'rvstark';

export type ProgressCallback = (phase: ProvePhase, fraction: number) => void;

/** The one call that proves: swap it for a multi-threaded prover when the pool lands. */
function runProve(
  elf: Uint8Array,
  input: Uint8Array,
  preset: PresetName,
  onProgress: ProgressCallback,
): Promise<ProveElfResult> | ProveElfResult {
  return proveElf(elf, input, { preset, onProgress });
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
