// The prover's LogUp aux trace, in bulk: each interaction's denominator β − fp and signed
// multiplicity are evaluated over the whole trace by the constraint interpreter (one small program
// each), all denominators are inverted in one wasm batch inversion, each group's term column is
// the sum of its weighted inverses Σ m_j/d_j (wasm vector ops), and only the running sum is a
// plain loop. Same output, bit for bit, as the row-by-row oracle src/air/logup-trace.ts.

import type { BuiltAir } from '../air/air.js';
import { AirError } from '../air/errors.js';
import { logUpLayout } from '../air/logup.js';
import { compileProgram } from '../air/program.js';
import { runProgram } from '../air/program-run.js';
import { add, type Felt } from '../field/babybear.js';
import { FieldError } from '../field/errors.js';
import type { ExtFelt } from '../field/ext.js';
import { extVecAdd, extVecBatchInverse, extVecMulBase } from '../field/vector.js';
import { WasmVec } from '../wasm/memory.js';

export interface AuxColumns {
  /** 4·(G+1) base columns (G groups): coordinate c of aux column k is columns[4k + c]. */
  readonly columns: WasmVec[];
  readonly total: ExtFelt;
}

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
export function buildLogUpColumns(
  built: BuiltAir,
  main: readonly WasmVec[],
  pre: readonly WasmVec[],
  publics: readonly Felt[],
  beta: ExtFelt,
  gamma: ExtFelt,
): AuxColumns {
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
