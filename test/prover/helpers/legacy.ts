// The prover's builders as they were before they ran in batches (src/pool), kept verbatim as
// references: the steps versions must give the same words, inline or on a worker pool.

import type { BuiltAir } from '../../../src/air/air.js';
import { AirError } from '../../../src/air/errors.js';
import { logUpLayout } from '../../../src/air/logup.js';
import { compileProgram } from '../../../src/air/program.js';
import { runProgram } from '../../../src/air/program-run.js';
import { add, type Felt, inv, mul, pow, rootOfUnity, sub } from '../../../src/field/babybear.js';
import { batchInverse } from '../../../src/field/batch-inverse.js';
import { FieldError } from '../../../src/field/errors.js';
import { type ExtFelt, extMul, extMulBase, extPow } from '../../../src/field/ext.js';
import {
  extVecAdd,
  extVecBatchInverse,
  extVecMulBase,
  vecBatchInverse,
  vecMul,
  vecScale,
} from '../../../src/field/vector.js';
import { toMont } from '../../../src/poly/kernels.js';
import { LDE_SHIFT } from '../../../src/stark/domain.js';
import { kernels } from '../../../src/wasm/kernels.js';
import { WasmVec } from '../../../src/wasm/memory.js';

/** Evaluates one node of the AIR's DAG over the trace domain (4 coordinate columns, SoA). */
function evalNode(
  built: BuiltAir,
  node: number,
  inputs: readonly WasmVec[],
  logN: number,
  publics: readonly Felt[],
  challenges: readonly ExtFelt[],
): WasmVec {
  const single: BuiltAir = { ...built, constraints: [{ expr: node, index: 0, label: 'logup' }] };
  const prog = compileProgram(single, { publics, challenges, alpha: Uint32Array.of(1, 0, 0, 0), numAux: 0 });
  const out = new WasmVec(4 * 2 ** logN);
  runProgram(prog, inputs, logN, 1, out);
  return out;
}

/**
 * `main` and `pre` are the trace-domain columns (n values each); n ≥ 4. Throws AirError if β hits
 * a fingerprint (probability ≈ n·J/|F_p^4|).
 */
export function legacyBuildLogUpColumns(
  built: BuiltAir,
  main: readonly WasmVec[],
  pre: readonly WasmVec[],
  publics: readonly Felt[],
  beta: ExtFelt,
  gamma: ExtFelt,
): { columns: WasmVec[]; total: ExtFelt } {
  const lu = built.logUp;
  const J = built.interactions.length;
  if (lu === undefined || J === 0) return { columns: [], total: new Uint32Array(4) };
  const n = main[0].length;
  const logN = Math.log2(n);
  // Row selectors on the trace domain itself are 0/1 columns.
  const first = new WasmVec(n);
  const last = new WasmVec(n);
  const transition = new WasmVec(n);
  first.view.fill(0);
  last.view.fill(0);
  transition.view.fill(1);
  first.view[0] = 1;
  last.view[n - 1] = 1;
  transition.view[n - 1] = 0;
  const inputs = [...main, ...pre, first, last, transition];
  const challenges = [beta, gamma, new Uint32Array(4)];
  const { groups } = logUpLayout(built);
  // terms[k]: AoS extension vector of h_k = Σ_{j ∈ group k} m_j / d_j. Per group, the denominators
  // d_j are laid end to end and inverted in one wasm batch inversion, then weighted and summed.
  const terms: WasmVec[] = [];
  const scratch: WasmVec[] = [];
  try {
    for (const grp of groups) {
      const ids = grp.interactions;
      const dens = new WasmVec(4 * n * ids.length);
      scratch.push(dens);
      const mults: WasmVec[] = [];
      ids.forEach((j, k) => {
        const d = evalNode(built, lu.denominators[j], inputs, logN, publics, challenges);
        const src = d.view;
        const dv = dens.view; // after evalNode's allocations (a memory growth detaches old views)
        const o = 4 * n * k;
        for (let c = 0; c < 4; c++) for (let i = 0; i < n; i++) dv[o + 4 * i + c] = src[c * n + i];
        d.free();
        const m = evalNode(built, lu.multiplicities[j], inputs, logN, publics, challenges);
        // The multiplicity is base-valued: coordinate 0 of its output (allocate, then copy: an
        // allocation may grow the memory and detach m's view).
        const mb = new WasmVec(n);
        mb.view.set(m.view.subarray(0, n));
        m.free();
        mults.push(mb);
        scratch.push(mb);
      });
      try {
        extVecBatchInverse(dens, dens);
      } catch (e) {
        if (!(e instanceof FieldError && e.kind === 'zero-inverse')) throw e;
        // β hit a fingerprint: probability ≈ n·J/|F_p^4|; the prover restarts with another transcript.
        throw new AirError(
          'bus-unbalanced',
          `chip ${built.name}: LogUp challenge collides with a fingerprint`,
          {
            chip: built.name,
          },
        );
      }
      const h = new WasmVec(4 * n);
      terms.push(h);
      const tmp = ids.length > 1 ? new WasmVec(4 * n) : null;
      if (tmp !== null) scratch.push(tmp);
      for (let k = 0; k < ids.length; k++) {
        const dst = k === 0 ? h : (tmp as WasmVec);
        dst.view.set(dens.view.subarray(4 * n * k, 4 * n * (k + 1)));
        extVecMulBase(dst, dst, mults[k]);
        if (k > 0) extVecAdd(h, h, dst);
      }
      for (const v of scratch.splice(0)) v.free();
    }
    const G = groups.length;
    const columns = Array.from({ length: 4 * (G + 1) }, () => new WasmVec(n));
    const s = [0, 0, 0, 0];
    const sum = columns.slice(4 * G).map((v) => v.view);
    const termViews = terms.map((t) => t.view);
    const colViews = columns.map((v) => v.view);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < G; k++) {
        const tv = termViews[k];
        for (let c = 0; c < 4; c++) {
          const x = tv[4 * i + c];
          colViews[4 * k + c][i] = x;
          s[c] = add(s[c], x);
        }
      }
      for (let c = 0; c < 4; c++) sum[c][i] = s[c];
    }
    return { columns, total: Uint32Array.from(s) };
  } finally {
    for (const v of [first, last, transition, ...scratch, ...terms]) v.free();
  }
}
export function legacySelectorColumns(logN: number, logM: number) {
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

/** (z^n − s^n)/(n·s^n): the factor outside the barycentric sum. */
function baryFactor(n: number, shift: number, z: ExtFelt): ExtFelt {
  const zn = extPow(z, n);
  const sn = pow(shift, n);
  zn[0] = sub(zn[0], sn);
  return extMulBase(zn, inv(mul(n, sn)));
}

/** evalColumnsAtExt for a z outside the coset (the only case the prover meets). */
export function legacyEvalColumnsAtExt(cols: readonly WasmVec[], shift: number, z: ExtFelt): ExtFelt[] {
  const n = cols[0].length;
  const logN = Math.log2(n);
  const wM = toMont(rootOfUnity(logN));
  const d = new WasmVec(4 * n);
  const u = new WasmVec(4 * n);
  const out = new WasmVec(4);
  try {
    kernels().cosetZMinusX(d.ptr, n, z[0], z[1], z[2], z[3], shift, wM);
    extVecBatchInverse(u, d);
    kernels().mulCosetPowersMont(u.ptr, n, toMont(toMont(shift)), wM);
    const c = baryFactor(n, shift, z);
    return cols.map((col) => {
      kernels().dotBaseExt(col.ptr, u.ptr, n, out.ptr);
      return extMul(out.view.slice(), c);
    });
  } finally {
    d.free();
    u.free();
    out.free();
  }
}
