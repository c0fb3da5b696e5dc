// Points and selector values of the trace domain H = ⟨ω_n⟩ and of the cosets the prover works
// on, shared by prover and verifier so that both compute exactly the same field elements.
// LDE domains are the coset g·⟨ω_N⟩ with g = GENERATOR, stored in bit-reversed order.

import { GENERATOR, inv, mul, rootOfUnity } from '../field/babybear.js';
import { type ExtFelt, extFromBase, extInv, extMul, extMulBase, extPow, extSub } from '../field/ext.js';

export const LDE_SHIFT = GENERATOR;

export interface SelectorsAt {
  readonly zh: ExtFelt;
  readonly isFirst: ExtFelt;
  readonly isLast: ExtFelt;
  readonly isTransition: ExtFelt;
}

/**
 * The row selectors of a trace of 2^logN rows, as polynomials evaluated at a point z outside H.
 * Each is exactly 0 or 1 on H, so it means the same thing as a factor, as a value and as a bus
 * multiplicity (the debug checker and the aux builder use the 0/1 columns themselves):
 * - isFirst = L_0 = Z_H/(n(z − 1));
 * - isLast = L_{n−1} = ω^−1·Z_H/(n(z − ω^−1)) (the Lagrange basis ω^i·Z_H/(n(z − ω^i)) at i = n − 1;
 *   without the ω^−1 factor it would be ω on the last row);
 * - isTransition = 1 − L_{n−1}.
 * All three count as degree 1 (degree n − 1, like a trace column).
 */
export function selectorsAt(logN: number, z: ExtFelt): SelectorsAt {
  const n = 2 ** logN;
  const wInv = inv(rootOfUnity(logN));
  const zh = extSub(extPow(z, n), extFromBase(1));
  const nInv = inv(n % 0x78000001);
  const first = extMulBase(extMul(zh, extInv(extSub(z, extFromBase(1)))), nInv);
  const last = extMulBase(extMul(zh, extInv(extSub(z, extFromBase(wInv)))), mul(nInv, wInv));
  return { zh, isFirst: first, isLast: last, isTransition: extSub(extFromBase(1), last) };
}
