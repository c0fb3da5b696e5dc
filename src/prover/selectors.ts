// The row selectors over the prover's quotient-evaluation coset g·⟨ω_M⟩ (natural order, M ≥ n),
// as wasm columns for the constraint program, plus 1/Z_H at each point. The formulas are those of
// selectorsAt in stark/domain.ts (what the verifier uses at ζ), evaluated point by point.

import { inv, mul, pow, rootOfUnity, sub } from '../field/babybear.js';
import { batchInverse } from '../field/batch-inverse.js';
import { vecBatchInverse, vecMul, vecScale } from '../field/vector.js';
import { LDE_SHIFT } from '../stark/domain.js';
import { WasmVec } from '../wasm/memory.js';

export interface SelectorColumns {
  readonly isFirst: WasmVec;
  readonly isLast: WasmVec;
  readonly isTransition: WasmVec;
  readonly zhInv: WasmVec;
  free(): void;
}

export function selectorColumns(logN: number, logM: number): SelectorColumns {
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
  const zh = new WasmVec(m);
  const zhInv = new WasmVec(m);
  const isFirst = new WasmVec(m);
  const isLast = new WasmVec(m);
  const isTransition = new WasmVec(m);
  {
    const zv = zh.view;
    const ziv = zhInv.view;
    const a = isFirst.view;
    const b = isLast.view;
    for (let i = 0, x = LDE_SHIFT; i < m; i++, x = mul(x, wM)) {
      zv[i] = zhSmall[i % ratio];
      ziv[i] = zhInvSmall[i % ratio];
      a[i] = sub(x, 1);
      b[i] = sub(x, wInv);
    }
  }
  // isFirst = Z_H/(n(x − 1)), isLast = ω^−1·Z_H/(n(x − ω^−1)): batch inversions in wasm.
  const nInv = inv(n);
  vecBatchInverse(isFirst, isFirst);
  vecMul(isFirst, isFirst, zh);
  vecScale(isFirst, isFirst, nInv);
  vecBatchInverse(isLast, isLast);
  vecMul(isLast, isLast, zh);
  vecScale(isLast, isLast, mul(nInv, wInv));
  zh.free();
  // isTransition = 1 − isLast (0/1 on H, like every selector).
  {
    const b = isLast.view;
    const t = isTransition.view;
    for (let i = 0; i < m; i++) t[i] = sub(1, b[i]);
  }
  return {
    isFirst,
    isLast,
    isTransition,
    zhInv,
    free() {
      for (const v of [isFirst, isLast, isTransition, zhInv]) v.free();
    },
  };
}
