// The prover's wasm folding path: binary passes of the SIMD kernel friFoldPairs (kernels/fri.ts) on
// codewords resident in wasm memory. Same arguments and bits as foldLayerTs (fold.ts), its oracle.

import { extSquareAt } from '../field/ext.js';
import { kernels } from '../wasm/kernels.js';
import type { WasmVec } from '../wasm/memory.js';

/**
 * As foldLayerTs: folds src (2^logN points) by 2^logArity at β into dst; tables[logM] holds
 * invHalfTable(logMaxN, logM) in wasm memory; tmp (≥ 2·2^logN words) is needed when logArity > 1.
 * dst must not alias src. No checks.
 */
export function foldLayerWasm(
  dst: WasmVec,
  src: WasmVec,
  logN: number,
  logArity: number,
  beta: Uint32Array,
  tables: readonly WasmVec[],
  tmp: WasmVec | null,
): void {
  const b = Uint32Array.from(beta);
  let from = src.ptr;
  let half = 2 ** (logN - 1);
  for (let k = 0; k < logArity; k++) {
    const to = k === logArity - 1 ? dst.ptr : (tmp as WasmVec).ptr;
    kernels().friFoldPairs(to, from, half, tables[logN - k].ptr, b[0], b[1], b[2], b[3]);
    from = to;
    half /= 2;
    extSquareAt(b, 0, b, 0);
  }
}
