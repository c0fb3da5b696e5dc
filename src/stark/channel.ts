// The protocol's transcript order, in one place for the prover and the verifier (as Winterfell's
// prover and verifier channels share one order): each method absorbs what one step commits to and
// draws the challenges that depend on it, under the labels of docs/PROOF_FORMAT.md (FRI's own
// steps are in src/fri/channel.ts).
// Invariant: both sides call these methods in the same order with the same values; a challenge is
// drawn only after everything it depends on has been absorbed (so no label is written twice).

import type { ExtFelt } from '../field/ext.js';
import type { Transcript } from '../transcript/transcript.js';
import type { TableOpenings } from './deep.js';
import { absorbOpenings } from './openings.js';

export class StarkChannel {
  constructor(readonly transcript: Transcript) {}

  /** Step 1: the main traces' root (LogUp grinding, if any, follows on the raw transcript). */
  mainRoot(root: Uint8Array): void {
    this.transcript.absorbDigest('main-root', root);
  }

  /** Step 2: β, γ for LogUp. Soundness error ≈ (Σ rows·interactions)/|F_p^4| for each. */
  logUpChallenges(): { beta: ExtFelt; gamma: ExtFelt } {
    const beta = this.transcript.challengeExt('logup-beta');
    const gamma = this.transcript.challengeExt('logup-gamma');
    return { beta, gamma };
  }

  /** Step 2: the aux traces' root and each aux table's LogUp total (none when no table has aux). */
  aux(root: Uint8Array | null, totals: readonly ExtFelt[]): void {
    if (root === null) return;
    this.transcript.absorbDigest('aux-root', root);
    for (const x of totals) this.transcript.absorbExt('logup-total', x);
  }

  /** Step 3: α combines the constraints. Soundness error ≈ (number of constraints)/|F_p^4|. */
  alpha(): ExtFelt {
    return this.transcript.challengeExt('alpha');
  }

  /** Step 3: the quotient chunks' root. */
  quotientRoot(root: Uint8Array): void {
    this.transcript.absorbDigest('quotient-root', root);
  }

  /** Step 4: ζ. Soundness error ≈ (n·max degree)/|F_p^4| (DEEP-ALI). */
  zeta(): ExtFelt {
    return this.transcript.challengeExt('zeta');
  }

  /** Step 4: the out-of-domain openings, table by table. */
  openings(openings: readonly TableOpenings[]): void {
    absorbOpenings(this.transcript, openings);
  }

  /** Step 5: λ for the DEEP combination. Soundness error ≈ (opened values)/|F_p^4|. */
  deepLambda(): ExtFelt {
    return this.transcript.challengeExt('deep-lambda');
  }
}
