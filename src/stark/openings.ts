// The order in which out-of-domain openings enter the transcript, shared by prover and verifier.

import type { ExtFelt } from '../field/ext.js';
import type { Transcript } from '../transcript/transcript.js';
import type { TableOpenings } from './deep.js';

export function absorbOpenings(t: Transcript, openings: readonly TableOpenings[]): void {
  const flat = (xs: readonly ExtFelt[]) => {
    const out = new Uint32Array(4 * xs.length);
    xs.forEach((x, i) => {
      out.set(x, 4 * i);
    });
    return out;
  };
  for (const o of openings) {
    t.absorbExt('main-local', flat(o.mainLocal));
    t.absorbExt('main-next', flat(o.mainNext));
    t.absorbExt('pre-local', flat(o.preLocal));
    t.absorbExt('pre-next', flat(o.preNext));
    t.absorbExt('aux-local', flat(o.auxLocal));
    t.absorbExt('aux-next', flat(o.auxNext));
    t.absorbExt('quotient', flat(o.quotient));
  }
}
