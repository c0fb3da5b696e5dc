// Degree inference over the expression DAG, never declared by hand. Degrees count multiples of
// the trace length n: a trace cell or a row selector is degree 1, constants and public values 0.
// A constraint of degree d has a quotient of degree (d − 1)·n after division by the zerofier,
// which fixes how many quotient chunks and how large an evaluation coset the prover needs.

import type { BuiltAir } from './air.js';
import { Op } from './expr.js';

export interface DegreeInfo {
  /** Degree of every node, indexed by node id. */
  /** Degrees as doubles: a squaring chain doubles them, and a 16-bit array wrapped at 2^16. */
  readonly node: Float64Array;
  /** Degree of each constraint, in declaration order. */
  readonly constraints: number[];
  /** Degrees of each interaction's tuple entries (max) and multiplicity. */
  readonly interactions: Array<{ values: number; multiplicity: number }>;
  /** Max over constraints (at least 1 for an AIR with any constraint). */
  readonly maxConstraintDegree: number;
}

export function inferDegrees(built: BuiltAir): DegreeInfo {
  const g = built.graph;
  const deg = new Float64Array(g.size);
  for (let id = 0; id < g.size; id++) {
    switch (g.op[id] as Op) {
      case Op.Const:
      case Op.Public:
      case Op.Challenge:
        deg[id] = 0;
        break;
      case Op.Main:
      case Op.Pre:
      case Op.Aux:
      case Op.IsFirst:
      case Op.IsLast:
      case Op.IsTransition:
        deg[id] = 1;
        break;
      case Op.Add:
      case Op.Sub:
        deg[id] = Math.max(deg[g.a[id]], deg[g.b[id]]);
        break;
      case Op.Mul:
        deg[id] = deg[g.a[id]] + deg[g.b[id]];
        break;
      case Op.Neg:
        deg[id] = deg[g.a[id]];
        break;
      default:
        throw new Error(`unknown op ${g.op[id]} at node ${id}`);
    }
  }
  const constraints = built.constraints.map((c) => deg[c.expr]);
  const interactions = built.interactions.map((it) => ({
    values: it.values.reduce((m, v) => Math.max(m, deg[v]), 0),
    multiplicity: deg[it.multiplicity],
  }));
  return {
    node: deg,
    constraints,
    interactions,
    maxConstraintDegree: constraints.reduce((m, d) => Math.max(m, d), 0),
  };
}
