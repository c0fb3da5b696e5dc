// Instantiates the kernel module on the shared memory and exposes its exports.
// Compilation happens once at import (top-level await works in Node and in browsers); a worker
// instantiates the same compiled module on the same memory with `instantiateKernels`.
// Each layer (field, poly, merkle) casts `kernels` to its own typed interface of raw exports:
// pointers are byte offsets into `memory`, lengths are element counts.

import { KERNELS_WASM_BASE64 } from './kernels.generated.js';
import { memory } from './memory.js';

export type KernelExports = Record<string, unknown>;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export const kernelModule: WebAssembly.Module = await WebAssembly.compile(
  decodeBase64(KERNELS_WASM_BASE64) as BufferSource,
);

export async function instantiateKernels(mem: WebAssembly.Memory): Promise<KernelExports> {
  const inst = await WebAssembly.instantiate(kernelModule, { env: { memory: mem } });
  return inst.exports as KernelExports;
}

export const kernels: KernelExports = await instantiateKernels(memory);
