// Proof-of-work grinding: the prover finds a nonce such that BLAKE3(seed ‖ nonce) starts with
// `bits` zero bits, which costs it 2^bits hashes on average and adds `bits` to the security of
// the query phase. The seed comes from the transcript, so a nonce is valid for one history only.

import { blake3 } from '@noble/hashes/blake3.js';
import { TranscriptError } from './errors.js';
import type { Transcript } from './transcript.js';

/** The most grinding we accept: beyond this, honest proving would take too long in JS. */
export const MAX_POW_BITS = 32;

function checkBits(bits: number): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > MAX_POW_BITS) {
    throw new TranscriptError('bad-value', `pow: ${bits} bits outside 0..${MAX_POW_BITS}`);
  }
}

/** True when BLAKE3(seed ‖ nonce as u64 LE) has at least `bits` leading zero bits. */
export function powOk(seed: Uint8Array, nonce: number, bits: number): boolean {
  const buf = new Uint8Array(40);
  buf.set(seed, 0);
  const dv = new DataView(buf.buffer);
  dv.setUint32(32, nonce >>> 0, true);
  dv.setUint32(36, Math.floor(nonce / 2 ** 32), true);
  return leadingZeros(blake3(buf)) >= bits;
}

function leadingZeros(h: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < h.length; i++) {
    if (h[i] === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(h[i]) - 24;
  }
  return n;
}

/** Prover side: draws the seed, searches the smallest valid nonce, and absorbs it. */
export function grind(t: Transcript, bits: number): number {
  checkBits(bits);
  const seed = t.powSeed();
  let nonce = 0;
  while (!powOk(seed, nonce, bits)) nonce++;
  t.absorbU64('pow-nonce', nonce);
  return nonce;
}

/** Verifier side: draws the same seed, checks the nonce, and absorbs it. Throws if invalid. */
export function verifyPow(t: Transcript, bits: number, nonce: number): void {
  checkBits(bits);
  if (!Number.isSafeInteger(nonce) || nonce < 0) {
    throw new TranscriptError('pow-failed', `pow: nonce ${nonce} is not a valid integer`);
  }
  const seed = t.powSeed();
  if (!powOk(seed, nonce, bits)) {
    throw new TranscriptError('pow-failed', `pow: nonce ${nonce} does not give ${bits} leading zero bits`);
  }
  t.absorbU64('pow-nonce', nonce);
}
