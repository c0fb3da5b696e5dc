import { describe, expect, it } from 'vitest';
import { FriError } from '../../src/fri/errors.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { decodeFriProof, encodeFriProof, readFriProof, writeFriProof } from '../../src/fri/proof.js';
import { ByteReader, ByteWriter, ProofFormatError } from '../../src/proof/codec.js';
import { proveRandom, rng, verifyRoundTrip } from './helpers.js';

/** Decodes and verifies; returns the error (which must be typed), or null if accepted. */
function attempt(rt: ReturnType<typeof proveRandom>, bytes: Uint8Array): Error | null {
  try {
    verifyRoundTrip(rt, decodeFriProof(bytes, rt.shape));
    return null;
  } catch (e) {
    if (e instanceof ProofFormatError || e instanceof FriError) return e;
    throw e;
  }
}

describe('FRI proof encoding', () => {
  const rt = proveRandom({ ...INSECURE_TEST_PARAMS, numQueries: 10 }, [7, 4], 77);
  const rt8 = proveRandom({ ...INSECURE_TEST_PARAMS, numQueries: 10, logFoldingArity: 3 }, [9, 5], 78);
  const bytes = encodeFriProof(rt.proof);

  it('round-trips, and embeds in a larger stream', () => {
    for (const r of [rt, rt8]) {
      const b = encodeFriProof(r.proof);
      expect(decodeFriProof(b, r.shape)).toEqual(r.proof);
      expect(attempt(r, b)).toBeNull();
    }
    const w = new ByteWriter();
    w.u32(7);
    writeFriProof(w, rt.proof);
    w.u32(9);
    const r = new ByteReader(w.finish());
    expect(r.u32('head')).toBe(7);
    expect(readFriProof(r, rt.shape)).toEqual(rt.proof);
    expect(r.u32('tail')).toBe(9);
    r.finish();
  });

  it('rejects trailing bytes, a final polynomial of the wrong length, an oversize nonce', () => {
    const more = new Uint8Array(bytes.length + 1);
    more.set(bytes);
    expect(() => decodeFriProof(more, rt.shape)).toThrow(ProofFormatError);
    // One extra coefficient: everything after it is misread; the reader fails somewhere.
    const longer = encodeFriProof({ ...rt.proof, finalPoly: new Uint32Array(rt.proof.finalPoly.length + 4) });
    expect(attempt(rt, longer)).toBeInstanceOf(Error);
    const w = new ByteWriter();
    writeFriProof(w, { ...rt.proof, powNonce: 2 ** 53 });
    const big = w.finish();
    expect(() => decodeFriProof(big, rt.shape)).toThrow(/nonce/);
  });

  it('rejects every truncation and random bit flips with a typed error, never accepts', () => {
    const next = rng(123);
    for (let i = 0; i < 150; i++) {
      const n = next() % bytes.length;
      expect(attempt(rt, bytes.subarray(0, n))).toBeInstanceOf(Error);
    }
    for (const r of [rt, rt8]) {
      const b = encodeFriProof(r.proof);
      for (let i = 0; i < 150; i++) {
        const flipped = b.slice();
        const bit = next() % (8 * b.length);
        flipped[bit >> 3] ^= 1 << (bit & 7);
        expect(attempt(r, flipped), `bit ${bit}`).toBeInstanceOf(Error);
      }
    }
  });
});
