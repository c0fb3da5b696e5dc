// What a proof is about: the AIRs (by shape), the parameters and each table's public values.
// Both sides absorb it first, in this exact order, so a proof binds to every one of these.

import type { Felt } from '../field/babybear.js';
import type { StarkParams } from '../fri/params.js';
import { Transcript } from '../transcript/transcript.js';
import type { PreparedAir } from './tables.js';

/**
 * A tuple the statement itself puts on a bus, with a signed multiplicity (p − m takes it m
 * times): for example the program's input and output bytes. It is part of the claim, so it is
 * absorbed before the LogUp challenges; otherwise a prover could pick the claim after seeing them.
 */
export interface BusContribution {
  readonly busId: number;
  readonly values: readonly Felt[];
  readonly multiplicity: Felt;
}

export const PROTOCOL = 'rvstark-stark';
export const PROTOCOL_VERSION = 1;

const utf8 = new TextEncoder();

export function startTranscript(
  params: StarkParams,
  prepared: readonly PreparedAir[],
  logHeights: readonly number[],
  publics: ReadonlyArray<readonly Felt[]>,
  contributions: readonly BusContribution[],
  preRoot: Uint8Array | null,
): Transcript {
  const t = new Transcript(PROTOCOL, PROTOCOL_VERSION);
  t.absorbU64('log-blowup', params.logBlowup);
  t.absorbU64('num-queries', params.numQueries);
  t.absorbU64('pow-bits', params.powBits);
  t.absorbU64('log-folding-arity', params.logFoldingArity);
  t.absorbU64('final-poly-log-degree', params.finalPolyLogDegree);
  t.absorbU64('tables', prepared.length);
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i];
    t.absorbBytes('chip', utf8.encode(p.air.name));
    t.absorbU64('main-width', p.mainWidth);
    t.absorbU64('pre-width', p.preWidth);
    t.absorbU64('aux-width', p.numAux);
    t.absorbU64('constraints', p.built.constraints.length);
    t.absorbU64('max-degree', p.maxDegree);
    t.absorbU64('log-height', logHeights[i]);
    t.absorbFelts('publics', publics[i]);
  }
  t.absorbU64('bus-contributions', contributions.length);
  for (const c of contributions) {
    t.absorbU64('bus-id', c.busId);
    t.absorbFelts('bus-values', c.values);
    t.absorbFelts('bus-multiplicity', [c.multiplicity]);
  }
  if (preRoot !== null) t.absorbDigest('preprocessed-root', preRoot);
  return t;
}
