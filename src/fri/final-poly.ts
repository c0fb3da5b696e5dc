// The final FRI polynomial: the prover interpolates the last codeword (2^logFinalN points on the
// coset layerShift(logMaxN, logFinalN)·H, bit-reversed) to coefficients in the layer's own
// coordinate y and sends the low 2^finalLogDegree of them; the verifier evaluates them at a query's
// final point. Invariant: evalFinalPoly(interpolateFinal(c), y) = c at y, for honest codewords.

import { add, type Felt, mul } from '../field/babybear.js';
import { cosetInttTs } from '../poly/reference.js';
import { FriError } from './errors.js';

/**
 * Coefficients (4 words each, lowest degree first) of the polynomial whose values on
 * shift·H_N (N = 2^logN, bit-reversed order) are `values`; throws FriError 'degree-too-high' unless
 * all coefficients from 2^logDegree up are zero (unless `check` is false: tests build dishonest
 * proofs that way). Returns the 2^logDegree low coefficients.
 */
export function interpolateFinal(
  values: Uint32Array,
  logN: number,
  shift: Felt,
  logDegree: number,
  check = true,
): Uint32Array {
  const n = 2 ** logN;
  const d = 2 ** logDegree;
  const out = new Uint32Array(4 * d);
  const col = new Uint32Array(n);
  for (let c = 0; c < 4; c++) {
    for (let i = 0; i < n; i++) col[i] = values[4 * i + c];
    cosetInttTs(col, shift, 'bitrev');
    for (let r = d; check && r < n; r++) {
      if (col[r] !== 0) {
        throw new FriError(
          'degree-too-high',
          `fri: final codeword has degree ≥ ${r} (coefficient ${r}, coordinate ${c}), expected < ${d}`,
        );
      }
    }
    for (let r = 0; r < d; r++) out[4 * r + c] = col[r];
  }
  return out;
}

/** Σ_r coeffs[r]·y^r (coefficients 4 words each), by Horner's rule. Returns 4 words. */
export function evalFinalPoly(coeffs: Uint32Array, y: Felt): Uint32Array {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let o = coeffs.length - 4; o >= 0; o -= 4) {
    a0 = add(mul(a0, y), coeffs[o]);
    a1 = add(mul(a1, y), coeffs[o + 1]);
    a2 = add(mul(a2, y), coeffs[o + 2]);
    a3 = add(mul(a3, y), coeffs[o + 3]);
  }
  return Uint32Array.of(a0, a1, a2, a3);
}
