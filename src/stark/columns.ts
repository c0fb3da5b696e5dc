// Moves trace data between the row-major matrices chips fill and the per-column wasm vectors the
// polynomial and Merkle kernels work on: one bulk copy into wasm memory, then a transpose kernel
// by column ranges (a batch, so the pool splits it).

import type { RowMajorMatrix } from '../air/matrix.js';
import { planExtend } from '../poly/lde.js';
import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { WasmVec } from '../wasm/memory.js';
import { LDE_SHIFT } from './domain.js';

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

/** A table's main columns and their committed LDE (bit-reversed, on the LDE coset), made early. */
export interface PreparedMain {
  readonly cols: WasmVec[];
  readonly ldes: WasmVec[];
}

/**
 * Plans, in one batch of one job per column, what step 1 of the prover does to a main trace:
 * transpose column j out of the row-major trace, then extend it (bit-reversed order, the LDE
 * coset, 2^logBlowup). The batch owns its temporaries, so it can run in the background while the
 * caller goes on (the prover checks the columns once it has run).
 */
export function planMainColumns(batch: Batch, m: RowMajorMatrix, logBlowup: number): PreparedMain {
  const h = m.height;
  const w = m.width;
  const cols: WasmVec[] = [];
  try {
    for (let j = 0; j < w; j++) cols.push(new WasmVec(h));
    const src = batch.tempWords(m.values);
    const table = batch.tempWords(cols.map((v) => v.ptr));
    const ldes = planExtend(batch, 'lde', cols, logBlowup, LDE_SHIFT, 'bitrev', false, (j) =>
      batch.call('transposeToColumns', [table, src, w, h, j, j + 1]),
    );
    return { cols, ldes };
  } catch (e) {
    for (const v of cols) v.free();
    throw e;
  }
}
