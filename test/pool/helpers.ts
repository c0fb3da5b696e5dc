// Shared by the pool tests: seeded vectors of canonical field elements in wasm memory, and their
// bytes for byte-for-byte comparisons.

import { WasmVec } from '../../src/wasm/memory.js';

const P = 0x78000001;

/** n canonical elements from a linear congruential sequence seeded by `seed`. */
export function randomVec(n: number, seed: number): WasmVec {
  const v = new WasmVec(n);
  let x = seed >>> 0;
  const view = v.view;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    view[i] = x % P;
  }
  return v;
}

export const bytesOf = (v: WasmVec): Buffer => Buffer.from(v.view.buffer, v.ptr, 4 * v.length);
