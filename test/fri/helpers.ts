// Test helpers for the FRI layer: random low-degree extension codewords (bit-reversed, on g·H), a
// prove/verify round trip and the inputAt callback that reads the codewords directly.

import { GENERATOR, P } from '../../src/field/babybear.js';
import type { StarkParams } from '../../src/fri/params.js';
import type { FriProof } from '../../src/fri/proof.js';
import { type FriProveOptions, proveFri } from '../../src/fri/prover.js';
import type { FriShape } from '../../src/fri/shape.js';
import { type FriInputAt, verifyFri } from '../../src/fri/verifier.js';
import { ldeTs } from '../../src/poly/reference.js';
import { Transcript } from '../../src/transcript/transcript.js';

/** A tiny deterministic PRNG (xorshift32), so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

export function randomFelts(next: () => number, n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = next() % P;
  return out;
}

/**
 * The bit-reversed values on g·H_{2^(logHeight+logBlowup)} of a random extension polynomial of
 * degree < 2^logHeight (4 words per point).
 */
export function lowDegreeCodeword(next: () => number, logHeight: number, logBlowup: number): Uint32Array {
  const n = 2 ** logHeight;
  const N = n << logBlowup;
  const out = new Uint32Array(4 * N);
  for (let c = 0; c < 4; c++) {
    const col = ldeTs(randomFelts(next, n), logBlowup, GENERATOR, 'bitrev');
    for (let i = 0; i < N; i++) out[4 * i + c] = col[i];
  }
  return out;
}

export const transcript = () => new Transcript('rvstark-fri-test', 1);

/** inputAt reading the codewords themselves (what an honest caller computes from its rows). */
export function honestInputAt(codewords: readonly Uint32Array[]): FriInputAt {
  const logs = codewords.map((c) => Math.log2(c.length / 4));
  const logMax = Math.max(...logs);
  return (_q, i) => {
    const m = new Map<number, Uint32Array>();
    codewords.forEach((c, k) => {
      const j = i >>> (logMax - logs[k]);
      m.set(logs[k], c.slice(4 * j, 4 * j + 4));
    });
    return m;
  };
}

export interface RoundTrip {
  codewords: Uint32Array[];
  proof: FriProof;
  indices: number[];
  shape: FriShape;
}

/** Random codewords for trace heights 2^logHeights, proved with `params`. */
export function proveRandom(
  params: StarkParams,
  logHeights: readonly number[],
  seed: number,
  options: FriProveOptions = {},
): RoundTrip {
  const next = rng(seed);
  const codewords = logHeights.map((h) => lowDegreeCodeword(next, h, params.logBlowup));
  const { proof, indices, shape } = proveFri(transcript(), params, codewords, options);
  return { codewords, proof, indices, shape };
}

export function verifyRoundTrip(rt: RoundTrip, proof: FriProof = rt.proof, inputAt?: FriInputAt) {
  return verifyFri(transcript(), rt.shape, proof, inputAt ?? honestInputAt(rt.codewords));
}
