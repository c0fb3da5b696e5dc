// Points and selector values of the trace domain H = ⟨ω_n⟩ and of the cosets the prover works
// on, shared by prover and verifier so that both compute exactly the same field elements.
// LDE domains are the coset g·⟨ω_N⟩ with g = GENERATOR, stored in bit-reversed order.

import { GENERATOR, inv, mul, pow as powBase, rootOfUnity } from '../field/babybear.js';
import {
  type ExtFelt,
  extEq,
  extFromBase,
  extInv,
  extMul,
  extMulBase,
  extPow,
  extSub,
} from '../field/ext.js';

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

/**
 * Whether ζ lies outside every trace domain H_n (the selectors divide by z − 1 and z − ω^−1, and
 * the quotient identity by Z_H(ζ)) and every LDE coset g·⟨ω_N⟩ (DEEP divides by x − ζ and
 * x − ζ·ω_n there; since ω_n^N = 1, one test covers both points). A uniform ζ ∈ F_p^4 fails
 * with probability ≤ Σ (n + N)/|F_p^4|; prover and verifier both reject it rather than divide by 0.
 */
export function zetaOutsideDomains(zeta: ExtFelt, logHeights: readonly number[], logBlowup: number): boolean {
  const one = extFromBase(1);
  for (const h of new Set(logHeights)) {
    const zn = extPow(zeta, 2 ** h);
    if (extEq(zn, one)) return false;
    const zN = extPow(zn, 2 ** logBlowup);
    if (extEq(zN, extFromBase(powBase(LDE_SHIFT, 2 ** (h + logBlowup))))) return false;
  }
  return true;
}
