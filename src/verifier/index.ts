// The verifier's public entry: bytes in, { ok } or { ok: false, kind, reason } out, never an
// exception for anything the prover controls. Steps 0–4 are in verify.ts; FRI and the query
// openings (steps 6–7) are here, mirroring src/prover/index.ts.

import type { Air } from '../air/air.js';
import type { Felt } from '../field/babybear.js';
import { rootOfUnity } from '../field/babybear.js';
import { extMulBase } from '../field/ext.js';
import {
  checkParams,
  DEFAULT_PARAMS,
  type SecurityLevel,
  type StarkParams,
  securityLevel,
} from '../fri/params.js';
import { replayFriTranscript, verifyFriQueries } from '../fri/verifier.js';
import { Powers } from '../stark/deep.js';
import { StarkError } from '../stark/errors.js';
import { readProof } from '../stark/proof.js';
import { checkTreeOpenings, deepInputsAt } from '../stark/queries.js';
import type { BusContribution } from '../stark/statement.js';
import { prepareAir } from '../stark/tables.js';
import { verifyUntilFri } from './verify.js';

export type { BusContribution } from '../stark/statement.js';

export type VerifyResult =
  | { readonly ok: true; readonly security: SecurityLevel }
  | { readonly ok: false; readonly kind: string; readonly reason: string };

export interface Statement {
  /** Public values of each table, in table order. */
  readonly publics: ReadonlyArray<readonly Felt[]>;
  /** Tuples the statement itself puts on buses. */
  readonly contributions?: readonly BusContribution[];
}

export function verify(
  airs: readonly Air[],
  statement: Statement,
  proofBytes: Uint8Array,
  params: StarkParams = DEFAULT_PARAMS,
): VerifyResult {
  try {
    checkParams(params);
    if (!(proofBytes instanceof Uint8Array)) throw new StarkError('format', 'proof is not a byte array');
    const prepared = airs.map(prepareAir);
    const { proof, shape } = readProof(proofBytes, prepared, params);

    const st = verifyUntilFri(airs, statement.publics, statement.contributions ?? [], proof, params);

    // 6 ----- FRI transcript: layer roots, folding challenges, final polynomial, grinding, queries
    const ch = replayFriTranscript(st.transcript, shape.fri, proof.fri);
    const logMaxN = shape.fri.logMaxN;

    // 7 ----- trace openings at the queries, then each query's DEEP value folded through FRI
    const roots = { main: proof.mainRoot, pre: st.preRoot, aux: proof.auxRoot, quotient: proof.quotientRoot };
    checkTreeOpenings(roots, shape.trees, proof.queries, ch.indices, logMaxN);
    const lambda = new Powers(st.challenges.lambda);
    const zeta = st.challenges.zeta;
    verifyFriQueries(shape.fri, proof.fri, ch, (q, index) =>
      deepInputsAt(
        q,
        index,
        logMaxN,
        params.logBlowup,
        proof.logHeights,
        shape.trees,
        proof.queries,
        proof.openings,
        zeta,
        (h) => extMulBase(zeta, rootOfUnity(h)),
        lambda,
      ),
    );
    const maxDegree = Math.max(...prepared.map((p) => p.maxDegree));
    return { ok: true, security: securityLevel(params, Math.max(...proof.logHeights), maxDegree) };
  } catch (e) {
    const kind =
      typeof (e as { kind?: unknown })?.kind === 'string' ? (e as { kind: string }).kind : 'internal';
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, kind, reason };
  }
}
