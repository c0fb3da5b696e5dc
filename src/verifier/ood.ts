// The verifier's out-of-domain check: at the random point ζ, each table's combined constraint
// value, computed from the opened trace values, must equal Z_H(ζ)·Q(ζ) rebuilt from the opened
// quotient chunks. A trace that breaks any constraint on any row fails this except with
// probability ≈ (n·degree)/|F_p^4|.

import { LOGUP_SUM } from '../air/logup.js';
import { evalAtPoint } from '../air/point-eval.js';
import type { Felt } from '../field/babybear.js';
import { type ExtFelt, extAdd, extEq, extMul, extPow } from '../field/ext.js';
import { recombine, type TableOpenings } from '../stark/deep.js';
import { selectorsAt } from '../stark/domain.js';
import { StarkError } from '../stark/errors.js';
import type { PreparedAir } from '../stark/tables.js';

export interface OodChallenges {
  readonly beta: ExtFelt;
  readonly gamma: ExtFelt;
  readonly alpha: ExtFelt;
  readonly zeta: ExtFelt;
}

export function checkOutOfDomain(
  prepared: PreparedAir,
  logN: number,
  publics: readonly Felt[],
  total: ExtFelt,
  o: TableOpenings,
  ch: OodChallenges,
): void {
  const sel = selectorsAt(logN, ch.zeta);
  const aux = (xs: readonly ExtFelt[]) =>
    Array.from({ length: xs.length / 4 }, (_, k) => recombine(xs, 4 * k));
  const c = evalAtPoint(prepared.built, {
    mainLocal: o.mainLocal,
    mainNext: o.mainNext,
    preLocal: o.preLocal,
    preNext: o.preNext,
    auxLocal: aux(o.auxLocal),
    auxNext: aux(o.auxNext),
    isFirst: sel.isFirst,
    isLast: sel.isLast,
    isTransition: sel.isTransition,
    publics,
    challenges: [ch.beta, ch.gamma, total].slice(0, LOGUP_SUM + 1),
    alpha: ch.alpha,
  });
  // Q(ζ) = Σ_j ζ^(j·n)·Q_j(ζ).
  const n = 2 ** logN;
  const zn = extPow(ch.zeta, n);
  let q: ExtFelt = new Uint32Array(4);
  let zj: ExtFelt = Uint32Array.of(1, 0, 0, 0);
  for (let j = 0; j < o.quotient.length / 4; j++) {
    q = extAdd(q, extMul(zj, recombine(o.quotient, 4 * j)));
    zj = extMul(zj, zn);
  }
  if (!extEq(c, extMul(sel.zh, q))) {
    throw new StarkError(
      'ood-mismatch',
      `chip ${prepared.name}: constraints at the out-of-domain point do not match the quotient`,
    );
  }
}
