// What a proof is about: the verifying key (by digest), each table's height and public values,
// and the tuples the statement itself puts on buses. Both sides absorb it first, in this exact
// order, so a proof binds to every one of these before any challenge is drawn.

import type { Bus } from '../air/bus.js';
import { type Felt, isCanonical } from '../field/babybear.js';
import { Transcript } from '../transcript/transcript.js';
import { StarkError } from './errors.js';

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
/**
 * 2: the verifying key's digest replaces the per-table shape fields; 0/1 row selectors.
 * 3: LogUp batches interactions into one aux column per group (src/air/logup.ts, logUpGroups).
 */
export const PROTOCOL_VERSION = 4;

/**
 * Each contribution names a bus some table uses, with exactly that bus's arity and canonical
 * values: otherwise `[7]` and `(7, 0)` would share a fingerprint, and a tuple could be read as
 * another bus's. Throws StarkError('bad-statement').
 */
export function checkContributions(
  buses: ReadonlyMap<number, Bus>,
  contributions: readonly BusContribution[],
): void {
  if (!Array.isArray(contributions))
    throw new StarkError('bad-statement', 'bus contributions are not an array');
  contributions.forEach((c, k) => {
    if (c === null || typeof c !== 'object' || !(Array.isArray(c.values) || c.values instanceof Uint32Array))
      throw new StarkError('bad-statement', `bus contribution ${k} is not { busId, values, multiplicity }`);
    const bus = buses.get(c.busId);
    if (bus === undefined)
      throw new StarkError('bad-statement', `bus contribution ${k}: no table uses bus ${c.busId}`);
    if (c.values.length !== bus.arity) {
      throw new StarkError(
        'bad-statement',
        `bus contribution ${k}: bus ${bus.name} takes ${bus.arity} values, got ${c.values.length}`,
      );
    }
    for (const v of [...c.values, c.multiplicity]) {
      if (!isCanonical(v))
        throw new StarkError('bad-statement', `bus contribution ${k}: ${v} is not a canonical field element`);
    }
  });
}

export function startTranscript(
  vkDigest: Uint8Array,
  logHeights: readonly number[],
  publics: ReadonlyArray<readonly Felt[]>,
  contributions: readonly BusContribution[],
): Transcript {
  const t = new Transcript(PROTOCOL, PROTOCOL_VERSION);
  // The key's digest covers the parameters, every table's constraint system and the preprocessed root.
  t.absorbDigest('verifying-key', vkDigest);
  t.absorbU64('tables', logHeights.length);
  for (let i = 0; i < logHeights.length; i++) {
    t.absorbU64('log-height', logHeights[i]);
    t.absorbFelts('publics', publics[i]);
  }
  // One absorb for all of them, each as [busId, arity, values…, multiplicity] (busId < 256 and
  // arity < p are canonical): injective, and a byte-per-tuple claim hashes as fast as its bytes.
  t.absorbU64('bus-contributions', contributions.length);
  let words = 0;
  for (const c of contributions) words += 3 + c.values.length;
  const flat = new Uint32Array(words);
  let o = 0;
  for (const c of contributions) {
    flat[o++] = c.busId;
    flat[o++] = c.values.length;
    for (const v of c.values) flat[o++] = v;
    flat[o++] = c.multiplicity;
  }
  t.absorbFelts('bus-tuples', flat);
  return t;
}
