// The prover's wasm folding path: binary passes of the SIMD kernel friFoldPairs (kernels/fri.ts) on
// codewords resident in wasm memory. Same arguments and bits as foldLayerTs (fold.ts), its oracle.

import { extSquareAt } from '../field/ext.js';
import { Batch } from '../pool/batch.js';
import { runBatchInline } from '../pool/steps.js';
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
  runBatchInline(foldLayerBatch(dst, src, logN, logArity, beta, tables, tmp));
}

/** Output points per folding job (≈ 1 ms of kernel work). */
const FOLD_JOB = 1 << 14;

/**
 * foldLayerWasm as a batch: one job per range of output points, each running every binary pass
 * on its own range. Passes after the first run in place in tmp, which would let one job's writes
 * land on another's inputs, so arities above 4 stay one job.
 */
export function foldLayerBatch(
  dst: WasmVec,
  src: WasmVec,
  logN: number,
  logArity: number,
  beta: Uint32Array,
  tables: readonly WasmVec[],
  tmp: WasmVec | null,
): Batch {
  const batch = new Batch();
  const outN = 2 ** (logN - logArity);
  const step = logArity <= 2 ? FOLD_JOB : outN;
  for (let j0 = 0; j0 < outN; j0 += step) {
    const count = Math.min(step, outN - j0);
    batch.job();
    const b = Uint32Array.from(beta);
    let from = src.ptr;
    for (let k = 0; k < logArity; k++) {
      const to = k === logArity - 1 ? dst.ptr : (tmp as WasmVec).ptr;
      // Pass k folds pairs [i0, i0 + n) of its input: the job's outputs times 2^(a−1−k).
      const scale = 2 ** (logArity - 1 - k);
      const i0 = j0 * scale;
      const n = count * scale;
      batch.call('friFoldPairs', [
        to + 16 * i0,
        from + 32 * i0,
        n,
        tables[logN - k].ptr + 4 * i0,
        b[0],
        b[1],
        b[2],
        b[3],
      ]);
      from = to;
      extSquareAt(b, 0, b, 0);
    }
  }
  return batch;
}
