// Builds a table's LogUp auxiliary trace (the prover's phase 2): one term column per interaction
// group, h_G = Σ_{j∈G} ±m_j/(β − fp_j), and the running sum s, as base columns (4 coordinate
// columns per extension column, the layout the constraint program reads), plus the table's
// cumulative sum T = s[last]. All denominators of the table are inverted together (Montgomery's
// trick): one inversion in all. This row-by-row builder is the oracle the prover's bulk builder
// (src/prover/logup-trace.ts) must match bit for bit.

import { add, type Felt, mul, neg } from '../field/babybear.js';
import { extBatchInverseRaw } from '../field/batch-inverse.js';
import { type ExtFelt, extMul } from '../field/ext.js';
import type { BuiltAir } from './air.js';
import { RowEvaluator } from './debug.js';
import { AirError } from './errors.js';
import { logUpLayout } from './logup.js';
import type { RowMajorMatrix } from './matrix.js';

export interface AuxTrace {
  /** 4·(G+1) base columns (G groups): coordinate c of aux column k is columns[4k + c]. */
  readonly columns: Uint32Array[];
  /** The running sum's last value. */
  readonly total: ExtFelt;
}

export function buildLogUpTrace(
  built: BuiltAir,
  main: RowMajorMatrix,
  pre: RowMajorMatrix | undefined,
  publics: readonly Felt[],
  beta: ExtFelt,
  gamma: ExtFelt,
): AuxTrace {
  const its = built.interactions;
  const n = main.height;
  const J = its.length;
  if (J === 0) return { columns: [], total: new Uint32Array(4) };
  const maxArity = its.reduce((m, it) => Math.max(m, it.bus.arity), 0);
  const gammaPow: ExtFelt[] = [gamma];
  for (let k = 1; k < maxArity; k++) gammaPow.push(extMul(gammaPow[k - 1], gamma));

  // den[(i·J + j)·4 ..] = β − fp_j(row i); mult[i·J + j] = signed multiplicity.
  const den = new Uint32Array(4 * n * J);
  const mult = new Uint32Array(n * J);
  const ev = new RowEvaluator(built, main, pre, publics);
  for (let i = 0; i < n; i++) {
    const v = ev.evalRow(i);
    for (let j = 0; j < J; j++) {
      const it = its[j];
      // fp = busId + Σ_k γ^(k+1)·v_k, accumulated coordinate-wise (v_k is a base element).
      let f0 = it.bus.id;
      let f1 = 0;
      let f2 = 0;
      let f3 = 0;
      for (let k = 0; k < it.values.length; k++) {
        const x = v[it.values[k]];
        const g = gammaPow[k];
        f0 = add(f0, mul(g[0], x));
        f1 = add(f1, mul(g[1], x));
        f2 = add(f2, mul(g[2], x));
        f3 = add(f3, mul(g[3], x));
      }
      const o = 4 * (i * J + j);
      den[o] = add(beta[0], neg(f0));
      den[o + 1] = add(beta[1], neg(f1));
      den[o + 2] = add(beta[2], neg(f2));
      den[o + 3] = add(beta[3], neg(f3));
      const m = v[it.multiplicity];
      mult[i * J + j] = it.kind === 'send' ? m : neg(m);
    }
  }
  const zero = extBatchInverseRaw(den, den, n * J);
  if (zero >= 0) {
    // β hit a fingerprint: probability ≈ n·J/|F_p^4|; the prover restarts with another transcript.
    throw new AirError('bus-unbalanced', `chip ${built.name}: LogUp challenge collides with a fingerprint`, {
      chip: built.name,
      row: Math.floor(zero / J),
    });
  }

  const { groups, sumColumn } = logUpLayout(built);
  const columns = Array.from({ length: 4 * (groups.length + 1) }, () => new Uint32Array(n));
  const s = [0, 0, 0, 0];
  const sumCol = 4 * sumColumn;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < groups.length; k++) {
      const h = [0, 0, 0, 0];
      for (const j of groups[k].interactions) {
        const o = 4 * (i * J + j);
        const m = mult[i * J + j];
        for (let c = 0; c < 4; c++) h[c] = add(h[c], mul(den[o + c], m));
      }
      for (let c = 0; c < 4; c++) {
        columns[4 * k + c][i] = h[c];
        s[c] = add(s[c], h[c]);
      }
    }
    for (let c = 0; c < 4; c++) columns[sumCol + c][i] = s[c];
  }
  return { columns, total: Uint32Array.from(s) };
}
