// The evaluation points of FRI layers. A layer of 2^logM points folded from the largest input
// (2^logMaxN points on the coset g·H, g = GENERATOR) lives on the coset g^(2^(logMaxN−logM))·H_M,
// in bit-reversed order: entry i is the point shift·ω_M^rev(i). Binary folding pairs entries 2i and
// 2i+1, the points ±x_i with x_i = shift·ω_M^rev_{logM−1}(i), and needs 1/(2·x_i) (docs/FRI.md).
// Invariant: prover tables and the verifier's single points are the same field elements.

import { GENERATOR, inv, mul, pow, rootOfUnity, TWO_ADICITY } from '../field/babybear.js';
import { reverseBits } from '../poly/bits.js';

const INV2 = inv(2);
// ω_{2^l} and ω_{2^l}^−1 for every l, computed once (the verifier needs them per query and layer).
const ROOTS: number[] = [];
const ROOTS_INV: number[] = [];
for (let l = 0; l <= TWO_ADICITY; l++) {
  ROOTS.push(rootOfUnity(l));
  ROOTS_INV.push(inv(ROOTS[l]));
}

// g^(2^e) and 1/(2·g^(2^e)) for e = 0..27, computed once: the verifier needs them per query and
// layer (a pow with exponent 2^e each time took about half of verifyFri's folding time).
const SHIFTS: number[] = [];
const INV_HALF_SHIFTS: number[] = [];
for (let e = 0, s = GENERATOR; e <= TWO_ADICITY; e++, s = mul(s, s)) {
  SHIFTS.push(s);
  INV_HALF_SHIFTS.push(mul(INV2, inv(s)));
}

/** The coset shift of a layer of 2^logM points: g^(2^(logMaxN − logM)). */
export function layerShift(logMaxN: number, logM: number): number {
  return SHIFTS[logMaxN - logM];
}

/** The point at entry i of a layer of 2^logM points. */
export function layerPoint(logMaxN: number, logM: number, i: number): number {
  return mul(layerShift(logMaxN, logM), pow(ROOTS[logM], reverseBits(i, logM)));
}

/** 1/(2·x_i) for pair i (entries 2i, 2i+1) of a layer of 2^logM ≥ 2 points. */
export function invHalfPoint(logMaxN: number, logM: number, i: number): number {
  return mul(INV_HALF_SHIFTS[logMaxN - logM], pow(ROOTS_INV[logM], reverseBits(i, logM - 1)));
}

/**
 * All 2^(logM−1) values invHalfPoint(logMaxN, logM, i), in i order, built in bit-reversed order
 * directly: with ζ = ω_M^−1 and h = M/2, T[i + s] = T[i]·ζ^(h/2s) for i < s (s = 1, 2, 4, …, h/2),
 * since rev(i + s) = rev(i) + h/2s for i < s. One product per entry, no inversions.
 */
export function invHalfTable(logMaxN: number, logM: number): Uint32Array {
  const h = 2 ** (logM - 1);
  const t = new Uint32Array(h);
  t[0] = INV_HALF_SHIFTS[logMaxN - logM];
  const zeta = ROOTS_INV[logM];
  for (let s = 1; s < h; s *= 2) {
    const c = pow(zeta, h / (2 * s));
    for (let i = 0; i < s; i++) t[i + s] = mul(t[i], c);
  }
  return t;
}
