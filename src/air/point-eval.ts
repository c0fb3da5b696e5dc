// Evaluates an AIR's constraints at one point of the extension field, as the verifier does at the
// out-of-domain point ζ: every leaf (trace cell, selector, challenge) is given as an extension
// element, and the result is the same α-combination Σ_k α^k·C_k that the prover's program computes.

import type { Felt } from '../field/babybear.js';
import { extAdd, extMul, extNeg, extSub } from '../field/ext.js';
import type { BuiltAir } from './air.js';
import { isArithmetic, Op } from './expr.js';

export type Ext4 = Uint32Array;

export interface PointValues {
  /** Main trace openings at ζ and ζ·ω: one extension element (4 words) per column. */
  readonly mainLocal: readonly Ext4[];
  readonly mainNext: readonly Ext4[];
  readonly preLocal: readonly Ext4[];
  readonly preNext: readonly Ext4[];
  readonly auxLocal: readonly Ext4[];
  readonly auxNext: readonly Ext4[];
  readonly isFirst: Ext4;
  readonly isLast: Ext4;
  readonly isTransition: Ext4;
  readonly publics: readonly Felt[];
  readonly challenges: readonly Ext4[];
  readonly alpha: Ext4;
}

export function evalAtPoint(built: BuiltAir, v: PointValues): Ext4 {
  const g = built.graph;
  const needed = new Uint8Array(g.size);
  for (const c of built.constraints) needed[c.expr] = 1;
  for (let id = g.size - 1; id >= 0; id--) {
    if (!needed[id] || !isArithmetic(g.op[id])) continue;
    needed[g.a[id]] = 1;
    if (g.op[id] !== Op.Neg) needed[g.b[id]] = 1;
  }
  const val: Ext4[] = new Array(g.size);
  const base = (c: Felt) => Uint32Array.from([c, 0, 0, 0]);
  for (let id = 0; id < g.size; id++) {
    if (!needed[id]) continue;
    const a = g.a[id];
    const b = g.b[id];
    switch (g.op[id] as Op) {
      case Op.Const:
        val[id] = base(a);
        break;
      case Op.Public:
        val[id] = base(v.publics[a]);
        break;
      case Op.Main:
        val[id] = (b === 0 ? v.mainLocal : v.mainNext)[a];
        break;
      case Op.Pre:
        val[id] = (b === 0 ? v.preLocal : v.preNext)[a];
        break;
      case Op.Aux:
        val[id] = (b === 0 ? v.auxLocal : v.auxNext)[a];
        break;
      case Op.Challenge:
        val[id] = v.challenges[a];
        break;
      case Op.IsFirst:
        val[id] = v.isFirst;
        break;
      case Op.IsLast:
        val[id] = v.isLast;
        break;
      case Op.IsTransition:
        val[id] = v.isTransition;
        break;
      case Op.Add:
        val[id] = extAdd(val[a], val[b]);
        break;
      case Op.Sub:
        val[id] = extSub(val[a], val[b]);
        break;
      case Op.Mul:
        val[id] = extMul(val[a], val[b]);
        break;
      case Op.Neg:
        val[id] = extNeg(val[a]);
        break;
    }
  }
  let acc: Ext4 = new Uint32Array(4);
  let ap: Ext4 = Uint32Array.from([1, 0, 0, 0]);
  for (const c of built.constraints) {
    acc = extAdd(acc, extMul(ap, val[c.expr]));
    ap = extMul(ap, v.alpha);
  }
  return acc;
}
