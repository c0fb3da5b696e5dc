// The STARK verifier. Its numbered steps mirror src/prover/prove.ts: it checks the proof's shape,
// replays the transcript (absorbing exactly what the prover absorbed, drawing the same
// challenges), checks the bus balance and the out-of-domain identity, then FRI and the Merkle
// openings. It never executes anything and imports nothing from the prover.

import { type Felt, isCanonical } from '../field/babybear.js';
import { extBatchInverseRaw } from '../field/batch-inverse.js';
import { type ExtFelt, extAdd, extAddAt, extIsZero, extMulAt, extMulBaseAt, extSub } from '../field/ext.js';
import { checkParams, type StarkParams } from '../fri/params.js';
import { StarkChannel } from '../stark/channel.js';
import type { TableOpenings } from '../stark/deep.js';
import { zetaOutsideDomains } from '../stark/domain.js';
import { StarkError } from '../stark/errors.js';
import { type BusContribution, checkContributions, startTranscript } from '../stark/statement.js';
import { checkHeights, type PreparedAir } from '../stark/tables.js';
import { busesOf } from '../stark/vk.js';
import { verifyPow } from '../transcript/pow.js';
import type { Transcript } from '../transcript/transcript.js';
import { checkOutOfDomain, type OodChallenges } from './ood.js';

/** The verifier's view of a proof up to FRI (the same fields the prover's PreFriProof has). */
export interface PreFriView {
  readonly logHeights: number[];
  readonly mainRoot: Uint8Array;
  readonly logUpNonce: number | null;
  readonly auxRoot: Uint8Array | null;
  readonly totals: ExtFelt[];
  readonly quotientRoot: Uint8Array;
  readonly openings: TableOpenings[];
}

export interface VerifierState {
  readonly transcript: Transcript;
  readonly challenges: OodChallenges & { lambda: ExtFelt };
}

/** Checks that a table's opening vectors have exactly the lengths its AIR implies. */
function checkOpeningShape(p: PreparedAir, o: TableOpenings): void {
  const expect = (what: string, got: number, want: number) => {
    if (got !== want)
      throw new StarkError('bad-shape', `chip ${p.name}: ${what} has ${got} values, expected ${want}`);
  };
  expect('main openings', o.mainLocal.length, p.mainWidth);
  expect('main next openings', o.mainNext.length, p.mainWidth);
  expect('preprocessed openings', o.preLocal.length, p.preWidth);
  expect('preprocessed next openings', o.preNext.length, p.preWidth);
  expect('aux openings', o.auxLocal.length, 4 * p.numAux);
  expect('aux next openings', o.auxNext.length, 4 * p.numAux);
  expect('quotient openings', o.quotient.length, 4 * 2 ** p.logChunks);
}

/**
 * Steps 0–4: replays the transcript up to the DEEP challenge and checks the bus balance and the
 * out-of-domain identity of every table. `prepared` comes from the verifying key whose digest is
 * `vkDigest`. Throws StarkError on any failure.
 */
export function verifyUntilFri(
  prepared: readonly PreparedAir[],
  vkDigest: Uint8Array,
  publics: ReadonlyArray<readonly Felt[]>,
  contributions: readonly BusContribution[],
  proof: PreFriView,
  params: StarkParams,
): VerifierState {
  checkParams(params);
  // Shape first: nothing below runs on a proof whose sizes disagree with the key.
  checkHeights(prepared, proof.logHeights);
  if (!Array.isArray(publics) || publics.length !== prepared.length) {
    throw new StarkError('bad-statement', `expected public values for ${prepared.length} tables`);
  }
  prepared.forEach((p, t) => {
    const pub = publics[t];
    if (!Array.isArray(pub) && !(pub instanceof Uint32Array)) {
      throw new StarkError('bad-statement', `chip ${p.name}: public values are not an array`);
    }
    if (pub.length !== p.built.numPublicValues) {
      throw new StarkError(
        'bad-statement',
        `chip ${p.name}: expected ${p.built.numPublicValues} public values, got ${pub.length}`,
      );
    }
    for (const v of pub) {
      if (!isCanonical(v))
        throw new StarkError('bad-statement', `chip ${p.name}: public value ${v} is not canonical`);
    }
    checkOpeningShape(p, proof.openings[t]);
  });
  checkContributions(busesOf(prepared), contributions);
  const withAux = prepared.flatMap((p, t) => (p.numAux > 0 ? [t] : []));
  if ((proof.auxRoot === null) !== (withAux.length === 0) || proof.totals.length !== withAux.length) {
    throw new StarkError('bad-shape', `expected ${withAux.length} LogUp totals and an aux root iff any`);
  }

  // 0 ----- statement: the verifying key's digest first (it holds the preprocessed root)
  const transcript = startTranscript(vkDigest, proof.logHeights, publics, contributions);
  const channel = new StarkChannel(transcript);

  // 1 ----- main commitment
  channel.mainRoot(proof.mainRoot);
  const logUpBits = params.logUpPowBits ?? 0;
  if (logUpBits > 0) {
    try {
      verifyPow(transcript, logUpBits, proof.logUpNonce ?? -1);
    } catch (e) {
      throw new StarkError('pow', `LogUp grinding: ${(e as Error).message}`);
    }
  } else if (proof.logUpNonce !== null) {
    throw new StarkError('bad-shape', 'a LogUp nonce where the parameters ask for none');
  }

  // 2 ----- LogUp challenges, aux commitment, bus balance
  // Soundness error ≈ (Σ rows·interactions)/|F_p^4| for each of β and γ.
  const { beta, gamma } = channel.logUpChallenges();
  const totals: ExtFelt[] = prepared.map(() => new Uint32Array(4));
  withAux.forEach((t, k) => {
    totals[t] = proof.totals[k];
  });
  channel.aux(proof.auxRoot, proof.totals);
  let sum: ExtFelt = new Uint32Array(4);
  for (const x of totals) sum = extAdd(sum, x);
  sum = extAdd(sum, publicBusSum(contributions, beta, gamma));
  if (!extIsZero(sum)) throw new StarkError('bus-unbalanced', 'the LogUp sums of all buses do not cancel');

  // 3 ----- constraint combination, quotient commitment
  // Soundness error ≈ (number of constraints)/|F_p^4| for α.
  const alpha = channel.alpha();
  channel.quotientRoot(proof.quotientRoot);

  // 4 ----- out-of-domain point and the constraint identity at ζ
  // Soundness error ≈ (n·max degree)/|F_p^4| for ζ (DEEP-ALI).
  const zeta = channel.zeta();
  if (!zetaOutsideDomains(zeta, proof.logHeights, params.logBlowup)) {
    throw new StarkError('bad-challenge', 'the out-of-domain point lies in a trace domain or LDE coset');
  }
  channel.openings(proof.openings);
  const challenges = { beta, gamma, alpha, zeta };
  prepared.forEach((p, t) => {
    checkOutOfDomain(p, proof.logHeights[t], publics[t], totals[t], proof.openings[t], challenges);
  });
  // Soundness error ≈ (number of opened values)/|F_p^4| for λ.
  const lambda = channel.deepLambda();
  return { transcript, challenges: { ...challenges, lambda } };
}

/**
 * Σ m/(β − fp(v)) over the statement's own bus tuples (the same fingerprint as the chips'), with
 * one batch inversion: a receipt's I/O puts one tuple per byte here, so a per-tuple inversion
 * made a 1 MB claim cost tens of seconds to check.
 */
function publicBusSum(contributions: readonly BusContribution[], beta: ExtFelt, gamma: ExtFelt): ExtFelt {
  const n = contributions.length;
  const acc = new Uint32Array(4);
  if (n === 0) return acc;
  const maxArity = contributions.reduce((m, c) => Math.max(m, c.values.length), 0);
  const gammaPow = new Uint32Array(4 * maxArity);
  gammaPow.set(gamma, 0);
  for (let k = 1; k < maxArity; k++) extMulAt(gammaPow, 4 * k, gammaPow, 4 * k - 4, gamma, 0);
  const den = new Uint32Array(4 * n);
  const fp = new Uint32Array(4);
  const term = new Uint32Array(4);
  for (let i = 0; i < n; i++) {
    const c = contributions[i];
    fp.fill(0);
    fp[0] = c.busId;
    for (let k = 0; k < c.values.length; k++) {
      extMulBaseAt(term, 0, gammaPow, 4 * k, c.values[k]);
      extAddAt(fp, 0, fp, 0, term, 0);
    }
    const d = extSub(beta, fp);
    den.set(d, 4 * i);
  }
  if (extBatchInverseRaw(den, den, n) >= 0) {
    throw new StarkError('bus-unbalanced', 'a LogUp challenge collides with a statement tuple');
  }
  for (let i = 0; i < n; i++) {
    extMulBaseAt(term, 0, den, 4 * i, contributions[i].multiplicity);
    extAddAt(acc, 0, acc, 0, term, 0);
  }
  return acc;
}
