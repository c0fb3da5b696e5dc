// Moves trace data between the row-major matrices chips fill and the per-column wasm vectors the
// polynomial and Merkle kernels work on.

import type { RowMajorMatrix } from '../air/matrix.js';
import { WasmVec } from '../wasm/memory.js';

export function columnsToWasm(m: RowMajorMatrix): WasmVec[] {
  const h = m.height;
  const w = m.width;
  const out: WasmVec[] = [];
  for (let j = 0; j < w; j++) {
    const v = new WasmVec(h);
    const view = v.view;
    for (let i = 0; i < h; i++) view[i] = m.values[i * w + j];
    out.push(v);
  }
  return out;
}
