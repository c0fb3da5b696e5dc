// Moves trace data between the row-major matrices chips fill and the per-column wasm vectors the
// polynomial and Merkle kernels work on: one bulk copy into wasm memory, then a transpose kernel
// by column ranges (a batch, so the pool splits it).

import type { RowMajorMatrix } from '../air/matrix.js';
import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { WasmVec } from '../wasm/memory.js';

export function columnsToWasm(m: RowMajorMatrix): WasmVec[] {
  return runSteps(columnsToWasmSteps(m));
}

/** Cells per transpose job (≈ 1 ms). */
const JOB_CELLS = 1 << 18;

export function* columnsToWasmSteps(m: RowMajorMatrix): Steps<WasmVec[]> {
  const h = m.height;
  const w = m.width;
  const out: WasmVec[] = [];
  try {
    for (let j = 0; j < w; j++) out.push(new WasmVec(h));
    if (w === 0 || h === 0) return out;
    const batch = new Batch();
    const src = batch.tempWords(m.values);
    const table = batch.tempWords(out.map((v) => v.ptr));
    const per = Math.max(1, Math.floor(JOB_CELLS / h));
    for (let c = 0; c < w; c += per) {
      batch.job().call('transposeToColumns', [table, src, w, h, c, Math.min(w, c + per)]);
    }
    yield batch;
  } catch (e) {
    for (const v of out) v.free();
    throw e;
  }
  return out;
}
