// Shared test helpers: deterministic field data and matrices in each layout.

import type { Matrix } from '../../src/merkle/index.js';
import { WasmVec } from '../../src/wasm/memory.js';

export const P = 0x78000001;

/** Deterministic canonical words from a seed (xorshift32, reduced below p). */
export function words(n: number, seed: number): Uint32Array {
  const out = new Uint32Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x % P;
  }
  return out;
}

export type Layout = 'row-major' | 'col-major' | 'columns';
export const LAYOUTS: Layout[] = ['row-major', 'col-major', 'columns'];

/** A matrix in wasm memory holding the row-major data `rm` (height × width) in `layout`. */
export function makeMatrix(rm: Uint32Array, height: number, width: number, layout: Layout): Matrix {
  if (layout === 'row-major') return { layout, data: WasmVec.from(rm), height, width };
  if (layout === 'col-major') {
    const cm = new Uint32Array(height * width);
    for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) cm[j * height + i] = rm[i * width + j];
    return { layout, data: WasmVec.from(cm), height, width };
  }
  const columns = Array.from({ length: width }, (_, j) => {
    const c = new WasmVec(height);
    const v = c.view;
    for (let i = 0; i < height; i++) v[i] = rm[i * width + j];
    return c;
  });
  return { layout, columns, height };
}

export function freeMatrix(m: Matrix): void {
  if (m.layout === 'columns') for (const c of m.columns) c.free();
  else m.data.free();
}

/** The 32 bytes of digest i in a word array (little-endian words). */
export function digestAt(w: Uint32Array, i: number): Uint8Array {
  return new Uint8Array(w.buffer, w.byteOffset + 32 * i, 32).slice();
}

export function bytesOf(w: Uint32Array): Uint8Array {
  return new Uint8Array(w.buffer, w.byteOffset, w.byteLength);
}
