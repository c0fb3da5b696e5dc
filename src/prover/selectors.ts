// The row selectors over the prover's quotient-evaluation coset g·⟨ω_M⟩ (natural order, M ≥ n),
// as wasm columns for the constraint program, plus 1/Z_H at each point. The formulas are those of
// selectorsAt in stark/domain.ts (what the verifier uses at ζ), evaluated point by point, in one
// batch of jobs by range of points (src/pool): the points by a chain of products, the two batch
// inversions per range (inverses are unique, so any split gives the same words), and the periodic
// factors Z_H/n and 1/Z_H by tiling their M/n values.

import { inv, mul, P, pow, rootOfUnity, sub, toMont } from '../field/babybear.js';
import { batchInverse } from '../field/batch-inverse.js';
import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { LDE_SHIFT } from '../stark/domain.js';
import { WasmVec } from '../wasm/memory.js';

export interface SelectorColumns {
  readonly isFirst: WasmVec;
  readonly isLast: WasmVec;
  readonly isTransition: WasmVec;
  readonly zhInv: WasmVec;
  free(): void;
}

/** Points per job (each point costs two batch inversions and a few vector passes). */
const JOB_POINTS = 1 << 16;

export function selectorColumns(logN: number, logM: number): SelectorColumns {
  return runSteps(selectorColumnsSteps(logN, logM));
}

/** `selectorColumns` as steps (src/pool/steps.ts): one batch, a job per range of points. */
export function* selectorColumnsSteps(logN: number, logM: number): Steps<SelectorColumns> {
  const n = 2 ** logN;
  const m = 2 ** logM;
  const ratio = m / n;
  const wM = rootOfUnity(logM);
  const wInv = inv(rootOfUnity(logN));
  // Z_H(g·ω_M^i) = g^n·ω_M^(i·n) − 1 depends on i mod M/n only: M/n scalar inversions.
  const gn = pow(LDE_SHIFT, n);
  const wRatio = rootOfUnity(logM - logN);
  const zhSmall = new Uint32Array(ratio);
  for (let k = 0, t = gn; k < ratio; k++, t = mul(t, wRatio)) zhSmall[k] = sub(t, 1);
  const zhInvSmall = batchInverse(zhSmall);
  // isFirst = Z_H/(n(x − 1)), isLast = ω^−1·Z_H/(n(x − ω^−1)), isTransition = 1 − isLast (0/1 on
  // H, like every selector): the periodic factors Z_H/n and ω^−1·Z_H/n are tiled from M/n values.
  const nInv = inv(n);
  const firstFac = Array.from(zhSmall, (z) => mul(z, nInv));
  const lastFac = Array.from(zhSmall, (z) => mul(mul(z, nInv), wInv));
  const isFirst = new WasmVec(m);
  const isLast = new WasmVec(m);
  const isTransition = new WasmVec(m);
  const zhInv = new WasmVec(m);
  const all = [isFirst, isLast, isTransition, zhInv];
  let ok = false;
  try {
    const batch = new Batch();
    const firstPat = batch.tempWords(firstFac);
    const lastPat = batch.tempWords(lastFac);
    const zhInvPat = batch.tempWords(zhInvSmall);
    const rows = Math.min(m, JOB_POINTS);
    // Scratch: the points x (X), x − c (D), a tiled factor (F); `rows` words each.
    const X = 0;
    const D = 4 * rows;
    const F = 8 * rows;
    batch.needScratch(12 * rows);
    const wMont = toMont(wM);
    for (let s = 0; s < m; s += rows) {
      const c = Math.min(rows, m - s);
      const at = 4 * s;
      batch.job();
      batch.call('powersMont', [X, c, mul(LDE_SHIFT, pow(wM, s)), wMont], 0b1);
      batch.call('vecAddConst', [D, X, P - 1, c], 0b11);
      batch.call('vecBatchInverse', [isFirst.ptr + at, D, c], 0b10);
      batch.call('tileWords', [F, firstPat, ratio, s, c], 0b1);
      batch.call('vecMul', [isFirst.ptr + at, isFirst.ptr + at, F, c], 0b100);
      batch.call('vecAddConst', [D, X, sub(0, wInv), c], 0b11);
      batch.call('vecBatchInverse', [isLast.ptr + at, D, c], 0b10);
      batch.call('tileWords', [F, lastPat, ratio, s, c], 0b1);
      batch.call('vecMul', [isLast.ptr + at, isLast.ptr + at, F, c], 0b100);
      batch.call('vecNeg', [isTransition.ptr + at, isLast.ptr + at, c]);
      batch.call('vecAddConst', [isTransition.ptr + at, isTransition.ptr + at, 1, c]);
      batch.call('tileWords', [zhInv.ptr + at, zhInvPat, ratio, s, c]);
    }
    yield batch;
    ok = true;
  } finally {
    if (!ok) for (const v of all) v.free();
  }
  return {
    isFirst,
    isLast,
    isTransition,
    zhInv,
    free() {
      for (const v of all) v.free();
    },
  };
}
