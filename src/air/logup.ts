// LogUp: turns a chip's bus interactions into auxiliary extension columns and constraints.
// For interaction j with tuple v and multiplicity m (negated for a receive), the row's term is
// h_j = m / (β − fp(v)), with fp(v) = busId + Σ_k γ^(k+1)·v_k; a running-sum column s adds the
// terms row by row and ends at the table's cumulative sum T. The verifier checks that the T of all
// tables plus the public contributions add up to zero, which (with β, γ drawn after the main trace
// is committed) shows every bus balances, except with probability ≈ (tuples·rows)/|F_p^4|.
// Challenge indices: 0 = β, 1 = γ, 2 = this table's T. Aux columns: h_0..h_{J−1}, then s.

import type { BuiltAir, Constraint } from './air.js';
import { type Expr, Op } from './expr.js';

export const LOGUP_BETA = 0;
export const LOGUP_GAMMA = 1;
export const LOGUP_SUM = 2;

export interface LogUpLayout {
  /** Number of aux extension columns: one term per interaction, plus the running sum. */
  readonly numAux: number;
  readonly sumColumn: number;
}

export function logUpLayout(built: BuiltAir): LogUpLayout {
  const j = built.interactions.length;
  return j === 0 ? { numAux: 0, sumColumn: -1 } : { numAux: j + 1, sumColumn: j };
}

/**
 * The AIR with its LogUp constraints appended (after the chip's own constraints, in interaction
 * order). The chip's DAG is extended in place with the new nodes; the original constraint
 * list is left untouched.
 */
export function withLogUp(built: BuiltAir): BuiltAir {
  const its = built.interactions;
  if (its.length === 0) return built;
  const g = built.graph;
  const beta = g.node(Op.Challenge, LOGUP_BETA, 0);
  const gamma = g.node(Op.Challenge, LOGUP_GAMMA, 0);
  const total = g.node(Op.Challenge, LOGUP_SUM, 0);
  const maxArity = its.reduce((m, it) => Math.max(m, it.bus.arity), 0);
  const gammaPow: Expr[] = [gamma];
  for (let k = 1; k < maxArity; k++) gammaPow.push(gammaPow[k - 1].mul(gamma));

  const constraints: Constraint[] = built.constraints.slice();
  const push = (e: Expr, label: string) => {
    if (e.isConst(0)) return;
    constraints.push({ expr: e.id, index: constraints.length, label });
  };
  const first = g.node(Op.IsFirst, 0, 0);
  const last = g.node(Op.IsLast, 0, 0);
  const transition = g.node(Op.IsTransition, 0, 0);

  const denominators: number[] = [];
  const multiplicities: number[] = [];
  let rowSum: Expr = g.constant(0);
  let rowSumNext: Expr = g.constant(0);
  for (let j = 0; j < its.length; j++) {
    const it = its[j];
    const h = g.node(Op.Aux, j, 0);
    let fp = g.constant(it.bus.id);
    for (let k = 0; k < it.values.length; k++) fp = fp.add(gammaPow[k].mul(g.get(it.values[k])));
    const m = g.get(it.multiplicity);
    const den = beta.sub(fp);
    const signed = it.kind === 'send' ? m : m.neg();
    denominators.push(den.id);
    multiplicities.push(signed.id);
    push(h.mul(den).sub(signed), `logup: term ${j} (${it.label})`);
    rowSum = rowSum.add(h);
    rowSumNext = rowSumNext.add(g.node(Op.Aux, j, 1));
  }
  const s = g.node(Op.Aux, its.length, 0);
  const sNext = g.node(Op.Aux, its.length, 1);
  push(first.mul(s.sub(rowSum)), 'logup: first row s = Σ terms');
  push(transition.mul(sNext.sub(s).sub(rowSumNext)), 'logup: next s = s + Σ next terms');
  push(last.mul(s.sub(total)), 'logup: last row s = T');
  return { ...built, constraints, logUp: { denominators, multiplicities } };
}
