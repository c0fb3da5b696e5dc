// Points and selector values of the trace domain H = ⟨ω_n⟩ and of the cosets the prover works
// on, shared by prover and verifier so that both compute exactly the same field elements.
// LDE domains are the coset g·⟨ω_N⟩ with g = GENERATOR, stored in bit-reversed order.

import { GENERATOR, inv, mul, pow, rootOfUnity, sub } from '../field/babybear.js';
import { batchInverse } from '../field/batch-inverse.js';
import { type ExtFelt, extFromBase, extInv, extMul, extMulBase, extPow, extSub } from '../field/ext.js';

export const LDE_SHIFT = GENERATOR;

export function reverseBits(x: number, bits: number): number {
  let r = 0;
  for (let b = 0; b < bits; b++) r = (r << 1) | ((x >>> b) & 1);
  return r >>> 0;
}

/** The point at index i of the bit-reversed LDE coset g·⟨ω_N⟩, N = 2^logN. */
export function ldePoint(logN: number, i: number): number {
  return mul(LDE_SHIFT, pow(rootOfUnity(logN), reverseBits(i, logN)));
}

export interface SelectorsAt {
  readonly zh: ExtFelt;
  readonly isFirst: ExtFelt;
  readonly isLast: ExtFelt;
  readonly isTransition: ExtFelt;
}

/**
 * Selector polynomials of a trace of 2^logN rows at a point z outside H:
 * Z_H(z) = z^n − 1, isFirst = Z_H/(n(z − 1)), isLast = Z_H/(n(z − ω^−1)), isTransition = z − ω^−1.
 */
export function selectorsAt(logN: number, z: ExtFelt): SelectorsAt {
  const n = 2 ** logN;
  const wInv = inv(rootOfUnity(logN));
  const zh = extSub(extPow(z, n), extFromBase(1));
  const nInv = inv(n % 0x78000001);
  const first = extMulBase(extMul(zh, extInv(extSub(z, extFromBase(1)))), nInv);
  const last = extMulBase(extMul(zh, extInv(extSub(z, extFromBase(wInv)))), nInv);
  return { zh, isFirst: first, isLast: last, isTransition: extSub(z, extFromBase(wInv)) };
}

/**
 * The same selectors over the coset g·⟨ω_M⟩ in natural order (M = 2^logM ≥ n), as base columns,
 * plus 1/Z_H at each point. Z_H takes only M/n distinct values there, so it is inverted once each.
 */
export function selectorColumns(
  logN: number,
  logM: number,
): { isFirst: Uint32Array; isLast: Uint32Array; isTransition: Uint32Array; zhInv: Uint32Array } {
  const n = 2 ** logN;
  const m = 2 ** logM;
  const ratio = m / n;
  const wM = rootOfUnity(logM);
  const wInv = inv(rootOfUnity(logN));
  const nInv = inv(n);
  // Z_H(g·ω_M^i) = g^n·ω_M^(i·n) − 1 depends on i mod M/n only.
  const gn = pow(LDE_SHIFT, n);
  const wRatio = rootOfUnity(logM - logN);
  const zhSmall = new Uint32Array(ratio);
  for (let k = 0, t = gn; k < ratio; k++, t = mul(t, wRatio)) zhSmall[k] = sub(t, 1);
  const zhInvSmall = batchInverse(zhSmall);
  const xs = new Uint32Array(m);
  for (let i = 0, x = LDE_SHIFT; i < m; i++, x = mul(x, wM)) xs[i] = x;
  // 1/(x − 1) and 1/(x − ω^−1) for all x, by Montgomery's trick (two batches).
  const inv1 = batchInverse(xs.map((x) => sub(x, 1)));
  const invL = batchInverse(xs.map((x) => sub(x, wInv)));
  const isFirst = new Uint32Array(m);
  const isLast = new Uint32Array(m);
  const isTransition = new Uint32Array(m);
  const zhInv = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    const zh = zhSmall[i % ratio];
    zhInv[i] = zhInvSmall[i % ratio];
    isFirst[i] = mul(mul(zh, nInv), inv1[i]);
    isLast[i] = mul(mul(zh, nInv), invL[i]);
    isTransition[i] = sub(xs[i], wInv);
  }
  return { isFirst, isLast, isTransition, zhInv };
}
