// The prover's LogUp aux trace, in bulk: each interaction's denominator β − fp and signed
// multiplicity are evaluated over the whole trace by the constraint interpreter (one small program
// each), all denominators are inverted in one wasm batch inversion, and only the running sum is a
// plain loop. Same output, bit for bit, as the row-by-row oracle src/air/logup-trace.ts.

import type { BuiltAir } from '../air/air.js';
import { AirError } from '../air/errors.js';
import { compileProgram } from '../air/program.js';
import { runProgram } from '../air/program-run.js';
import { add, type Felt } from '../field/babybear.js';
import { FieldError } from '../field/errors.js';
import type { ExtFelt } from '../field/ext.js';
import { extVecBatchInverse, extVecMulBase } from '../field/vector.js';
import { WasmVec } from '../wasm/memory.js';

export interface AuxColumns {
  /** 4·(J+1) base columns: coordinate c of aux column k is columns[4k + c]. */
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
  // terms[j]: AoS extension vector of h_j = m_j / d_j.
  const terms: WasmVec[] = [];
  try {
    for (let j = 0; j < J; j++) {
      const d = evalNode(built, lu.denominators[j], inputs, logN, publics, challenges);
      const m = evalNode(built, lu.multiplicities[j], inputs, logN, publics, challenges);
      const h = new WasmVec(4 * n);
      const hv = h.view;
      const dv = d.view;
      for (let c = 0; c < 4; c++) for (let i = 0; i < n; i++) hv[4 * i + c] = dv[c * n + i];
      d.free();
      try {
        extVecBatchInverse(h, h);
      } catch (e) {
        if (!(e instanceof FieldError && e.kind === 'zero-inverse')) throw e;
        throw new AirError(
          'bus-unbalanced',
          `chip ${built.name}: LogUp challenge collides with a fingerprint`,
          {
            chip: built.name,
          },
        );
      }
      // The multiplicity is base-valued: coordinate 0 of its output.
      const mBase = WasmVec.from(m.view.subarray(0, n));
      m.free();
      extVecMulBase(h, h, mBase);
      mBase.free();
      terms.push(h);
    }
    const columns = Array.from({ length: 4 * (J + 1) }, () => new WasmVec(n));
    const s = [0, 0, 0, 0];
    const sum = columns.slice(4 * J).map((v) => v.view);
    const termViews = terms.map((t) => t.view);
    const colViews = columns.map((v) => v.view);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < J; j++) {
        const tv = termViews[j];
        for (let c = 0; c < 4; c++) {
          const x = tv[4 * i + c];
          colViews[4 * j + c][i] = x;
          s[c] = add(s[c], x);
        }
      }
      for (let c = 0; c < 4; c++) sum[c][i] = s[c];
    }
    return { columns, total: Uint32Array.from(s) };
  } finally {
    for (const v of [first, last, transition, ...terms]) v.free();
  }
}
