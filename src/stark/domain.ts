// Points and selector values of the trace domain H = ⟨ω_n⟩ and of the cosets the prover works
// on, shared by prover and verifier so that both compute exactly the same field elements.
// LDE domains are the coset g·⟨ω_N⟩ with g = GENERATOR, stored in bit-reversed order.

import { GENERATOR, inv, rootOfUnity } from '../field/babybear.js';
import { type ExtFelt, extFromBase, extInv, extMul, extMulBase, extPow, extSub } from '../field/ext.js';

export const LDE_SHIFT = GENERATOR;

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
