// This thread's instance of the kernel module, on this thread's wasm memory, made on first use:
// importing the library compiles nothing (a verifier never pays for the prover's wasm).
// The module bytes are embedded (base64), so loading needs no fs and no fetch. A pool worker
// instantiates the coordinator's compiled module on the coordinator's memory (adoptMemory).

import type { Kernels } from './kernel-api.js';
import { KERNELS_WASM_BASE64 } from './kernels.generated.js';
import { wasmMemory } from './memory.js';

export type { KernelName, Kernels } from './kernel-api.js';

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let compiled: WebAssembly.Module | null = null;
let mine: Kernels | null = null;

/**
 * The compiled kernel module (compiled synchronously on first use: 68 KB, well under the size
 * browsers allow on a main thread; `compileKernels` is the asynchronous way in).
 */
export function kernelModule(): WebAssembly.Module {
  if (compiled === null) compiled = new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64) as BufferSource);
  return compiled;
}

/** Compiles the module off the calling thread's critical path; later calls reuse it. */
export async function compileKernels(): Promise<WebAssembly.Module> {
  if (compiled === null)
    compiled = await WebAssembly.compile(decodeBase64(KERNELS_WASM_BASE64) as BufferSource);
  return compiled;
}

/** Uses an already compiled module (a pool worker receives the coordinator's). */
export function useKernelModule(m: WebAssembly.Module): void {
  if (compiled === null) compiled = m;
}

/** This thread's kernels, instantiated on this thread's memory on first use. */
export function kernels(): Kernels {
  if (mine === null) {
    const inst = new WebAssembly.Instance(kernelModule(), { env: { memory: wasmMemory() } });
    mine = inst.exports as unknown as Kernels;
  }
  return mine;
}
