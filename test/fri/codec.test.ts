import { describe, expect, it } from 'vitest';
import { P } from '../../src/field/babybear.js';
import { FriError } from '../../src/fri/errors.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { decodeFriProof, encodeFriProof, readFriProof, writeFriProof } from '../../src/fri/proof.js';
import { ByteReader, ByteWriter, ProofFormatError } from '../../src/proof/codec.js';
import { proveRandom, rng, verifyRoundTrip } from './helpers.js';

/** Decodes and verifies; returns the error (which must be typed), or null if accepted. */
function attempt(rt: ReturnType<typeof proveRandom>, bytes: Uint8Array): ProofFormatError | FriError | null {
  try {
    verifyRoundTrip(rt, decodeFriProof(bytes, rt.shape));
    return null;
  } catch (e) {
    if (e instanceof ProofFormatError || e instanceof FriError) return e;
    throw e;
  }
}

const kindOf = (rt: ReturnType<typeof proveRandom>, bytes: Uint8Array) =>
  attempt(rt, bytes)?.kind ?? 'accepted';

/** What the reader reports for bytes misaligned after a changed count. */
const MISREAD = ['truncated', 'trailing-bytes', 'non-canonical', 'bad-length', 'merkle'];

/**
 * The kinds a flip of bit `bit` of an encoded proof can cause, from the field it falls in
 * (src/fri/proof.ts layout): a root or the final polynomial moves the PoW seed and the queries;
 * the nonce fails the PoW or moves the queries; a row word fails its Merkle path unless it is no
 * longer canonical; a sibling fails its path; a count misaligns everything after it.
 */
function expectedKinds(rt: ReturnType<typeof proveRandom>, bytes: Uint8Array, bit: number): string[] {
  const at = bit >> 3;
  const { layers, numQueries } = rt.shape;
  let o = 32 * layers.length;
  if (at < o) return ['pow', 'merkle'];
  const finalEnd = o + 16 * 2 ** rt.shape.finalLogDegree;
  const word = () => new DataView(bytes.buffer, bytes.byteOffset + (at & ~3), 4).getUint32(0, true);
  if (at < finalEnd) return word() >= P ? ['non-canonical'] : ['pow', 'merkle'];
  o = finalEnd + 8;
  if (at < o - 4) return ['pow', 'merkle'];
  if (at < o) return word() >= 2 ** 21 ? ['bad-length'] : ['pow', 'merkle'];
  for (const [k, l] of layers.entries()) {
    const rowsEnd = o + numQueries * 16 * 2 ** l.logArity;
    if (at < rowsEnd) return word() >= P ? ['non-canonical'] : ['merkle'];
    if (at < rowsEnd + 4) return MISREAD;
    o = rowsEnd + 4 + 32 * rt.proof.openings[k].siblings.length;
    if (at < o) return ['merkle'];
  }
  throw new Error(`bit ${bit} is past the end`);
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
    expect(MISREAD).toContain(kindOf(rt, longer));
    const w = new ByteWriter();
    writeFriProof(w, { ...rt.proof, powNonce: 2 ** 53 });
    const big = w.finish();
    expect(() => decodeFriProof(big, rt.shape)).toThrow(/nonce/);
  });

  it('rejects every truncation and random bit flips with a typed error, never accepts', () => {
    const next = rng(123);
    for (let i = 0; i < 150; i++) {
      const n = next() % bytes.length;
      expect(kindOf(rt, bytes.subarray(0, n)), `cut at ${n}`).toBe('truncated');
    }
    for (const r of [rt, rt8]) {
      const b = encodeFriProof(r.proof);
      for (let i = 0; i < 300; i++) {
        const flipped = b.slice();
        const bit = next() % (8 * b.length);
        flipped[bit >> 3] ^= 1 << (bit & 7);
        expect(expectedKinds(r, flipped, bit), `bit ${bit}`).toContain(kindOf(r, flipped));
      }
    }
  });
});
