import { P } from '../../src/field/babybear.js';

/** Deterministic pseudo-random canonical values (xorshift), so failures reproduce. */
export function randomFelts(n: number, seed: number): Uint32Array {
  const out = new Uint32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (s >>> 0) % P;
  }
  return out;
}

/**
 * Index of the first difference between two word arrays (−1 if equal, −2 if lengths differ).
 * vitest's deep equality walks typed arrays element by element in JS and takes seconds on 2^17
 * words; tests compare with this and `toBe(-1)`.
 */
export function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
