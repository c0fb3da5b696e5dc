// FRI's transcript order, in one place for its prover and verifier: each method absorbs what one
// step commits to and draws what depends on it. Invariant: both sides call these in the same order.

import type { ExtFelt } from '../field/ext.js';
import type { Transcript } from '../transcript/transcript.js';

export class FriChannel {
  constructor(readonly transcript: Transcript) {}

  /** Commit phase: a layer's root, then its folding β (error ≈ 2^logN·arity/|F_p^4|). */
  layer(root: Uint8Array): ExtFelt {
    this.transcript.absorbDigest('fri-root', root);
    return this.transcript.challengeExt('fri-beta');
  }

  /** The final polynomial's coefficients. */
  finalPoly(coeffs: ExtFelt): void {
    this.transcript.absorbExt('fri-final-poly', coeffs);
  }

  /** Query phase (after grinding): the query indices. */
  queries(count: number, logMaxN: number): number[] {
    return this.transcript.challengeIndices('fri-queries', count, logMaxN);
  }
}
