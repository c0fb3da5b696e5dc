// LogUp: turns a chip's bus interactions into auxiliary extension columns and constraints.
// For interaction j with tuple v and multiplicity m (negated for a receive), the row's term is
// m_j / d_j with d_j = β − fp(v), fp(v) = busId + Σ_k γ^(k+1)·v_k. The interactions are batched
// into groups (logUpGroups): one aux column h_G = Σ_{i∈G} m_i/d_i per group G, constrained by
// h_G·Π_{j∈G} d_j = Σ_{i∈G} m_i·Π_{j∈G, j≠i} d_j. A running-sum column s adds the h_G row by row
// and ends at the table's cumulative sum T. The verifier checks that the T of all tables plus the
// public contributions add up to zero, which (with β, γ drawn after the main trace is committed)
// shows every bus balances, except with probability ≈ Σ(arity + 1)·rows/|F_p^4| whatever the
// grouping (docs/SECURITY.md).
// Challenge indices: 0 = β, 1 = γ, 2 = this table's T. Aux columns: h_0..h_{G−1}, then s.

import type { BuiltAir, Constraint } from './air.js';
import { inferDegrees } from './degree.js';
import { type Expr, Op } from './expr.js';

export const LOGUP_BETA = 0;
export const LOGUP_GAMMA = 1;
export const LOGUP_SUM = 2;

/** Degree every batch may reach, whatever the chip's own constraints (2 quotient chunks). */
export const LOGUP_MIN_BATCH_DEGREE = 3;

/** One aux term column: the interactions it batches, in order, and its constraint's degree. */
export interface LogUpGroup {
  readonly interactions: readonly number[];
  readonly degree: number;
}

export interface LogUpLayout {
  /** Number of aux extension columns: one per interaction group, plus the running sum. */
  readonly numAux: number;
  readonly sumColumn: number;
  /** The interaction groups, one per term column (column k batches groups[k]). */
  readonly groups: readonly LogUpGroup[];
}

/**
 * Degree of a batch's constraint h·Π d_j − Σ_i m_i·Π_{j≠i} d_j, from the degrees of its
 * denominators (those of the tuples' entries) and of its multiplicities; h has degree 1.
 */
export function batchDegree(den: readonly number[], mult: readonly number[]): number {
  const sum = den.reduce((s, d) => s + d, 0);
  let deg = 1 + sum;
  for (let i = 0; i < den.length; i++) deg = Math.max(deg, mult[i] + sum - den[i]);
  return deg;
}

/**
 * The batching of a chip's interactions into LogUp term columns: greedily, in interaction order,
 * an interaction joins the current group while the group's constraint degree stays ≤ `bound`,
 * else it opens a new group (a lone interaction is always a group, of today's degree). The default
 * bound is max(3, the chip's own highest constraint degree): batching never raises a chip's degree
 * above 3, or above its own. A pure function of the chip's constraint system (`chip` is the AIR
 * before withLogUp), so prover and verifier derive the same groups from the verifying key.
 */
export function logUpGroups(chip: BuiltAir, bound?: number): LogUpGroup[] {
  const its = chip.interactions;
  if (its.length === 0) return [];
  const info = inferDegrees(chip);
  const max = bound ?? Math.max(LOGUP_MIN_BATCH_DEGREE, info.maxConstraintDegree);
  const groups: LogUpGroup[] = [];
  let cur: number[] = [];
  let den: number[] = [];
  let mult: number[] = [];
  let degree = 0;
  for (let j = 0; j < its.length; j++) {
    const d = info.interactions[j];
    const next = batchDegree([...den, d.values], [...mult, d.multiplicity]);
    if (cur.length > 0 && next > max) {
      groups.push({ interactions: cur, degree });
      cur = [];
      den = [];
      mult = [];
    }
    cur.push(j);
    den.push(d.values);
    mult.push(d.multiplicity);
    degree = batchDegree(den, mult);
  }
  groups.push({ interactions: cur, degree });
  return groups;
}

/**
 * The aux layout of a table. `built` is either the prepared AIR (withLogUp's result, which
 * records its groups) or the chip itself (the groups are then derived from it).
 */
export function logUpLayout(built: BuiltAir): LogUpLayout {
  const groups = built.logUp?.groups ?? logUpGroups(built);
  const k = groups.length;
  return k === 0 ? { numAux: 0, sumColumn: -1, groups } : { numAux: k + 1, sumColumn: k, groups };
}

/** Product of non-empty factors, left to right. */
function product(xs: readonly Expr[]): Expr {
  let p = xs[0];
  for (let k = 1; k < xs.length; k++) p = p.mul(xs[k]);
  return p;
}

/**
 * The AIR with its LogUp constraints appended (after the chip's own constraints, one per group in
 * group order, then the running sum's three). The chip's DAG is extended in place with the new
 * nodes; the original constraint list is left untouched. `bound` overrides the batch degree bound
 * (tests and measurements only: the engine always uses the default).
 */
export function withLogUp(built: BuiltAir, bound?: number): BuiltAir {
  const its = built.interactions;
  if (its.length === 0) return built;
  const groups = logUpGroups(built, bound);
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

  const dens: Expr[] = [];
  const mults: Expr[] = [];
  for (const it of its) {
    let fp = g.constant(it.bus.id);
    for (let k = 0; k < it.values.length; k++) fp = fp.add(gammaPow[k].mul(g.get(it.values[k])));
    const m = g.get(it.multiplicity);
    dens.push(beta.sub(fp));
    mults.push(it.kind === 'send' ? m : m.neg());
  }

  let rowSum: Expr = g.constant(0);
  let rowSumNext: Expr = g.constant(0);
  groups.forEach((grp, k) => {
    const h = g.node(Op.Aux, k, 0);
    const ids = grp.interactions;
    const d = ids.map((j) => dens[j]);
    // Σ_i m_i·Π_{j≠i} d_j (for a group of one: m).
    let num: Expr = g.constant(0);
    ids.forEach((j, i) => {
      const others = d.filter((_, o) => o !== i);
      num = num.add(others.length === 0 ? mults[j] : mults[j].mul(product(others)));
    });
    const label =
      ids.length === 1
        ? `logup: term ${ids[0]} (${its[ids[0]].label})`
        : `logup: terms ${ids.join('+')} (${ids.map((j) => its[j].label).join('; ')})`;
    push(h.mul(product(d)).sub(num), label);
    rowSum = rowSum.add(h);
    rowSumNext = rowSumNext.add(g.node(Op.Aux, k, 1));
  });
  const s = g.node(Op.Aux, groups.length, 0);
  const sNext = g.node(Op.Aux, groups.length, 1);
  push(first.mul(s.sub(rowSum)), 'logup: first row s = Σ terms');
  push(transition.mul(sNext.sub(s).sub(rowSumNext)), 'logup: next s = s + Σ next terms');
  push(last.mul(s.sub(total)), 'logup: last row s = T');
  return {
    ...built,
    constraints,
    logUp: {
      denominators: dens.map((e) => e.id),
      multiplicities: mults.map((e) => e.id),
      groups,
    },
  };
}
