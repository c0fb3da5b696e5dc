// The FRI proof object and its byte encoding. Encoding (all little-endian, no length fields that the
// verifier can compute from the shape): the layer roots (32 bytes each), the final polynomial
// (4·2^finalLogDegree u32), the proof-of-work nonce (u32 low, u32 high), then per layer its batched
// Merkle opening: numQueries rows of 4·2^logArity u32, a u32 sibling count, the 32-byte siblings.
// Invariant: readFriProof accepts exactly what writeFriProof writes for the same shape.

import { ByteReader, ByteWriter, ProofFormatError } from '../proof/codec.js';
import type { FriShape } from './shape.js';

/** A batched opening of one layer's commitment (the merkle layer's MultiOpening, one matrix). */
export interface FriLayerOpening {
  /** rows[q][0]: the group (4·2^logArity words) holding query q's point, for every query q. */
  readonly rows: readonly (readonly Uint32Array[])[];
  /** The deduplicated sibling digests (merkle/opening.ts order). */
  readonly siblings: readonly Uint8Array[];
}

export interface FriProof {
  /** One Merkle root per layer (shape.layers). */
  readonly roots: readonly Uint8Array[];
  /** 2^finalLogDegree extension coefficients, lowest degree first (4 words each). */
  readonly finalPoly: Uint32Array;
  readonly powNonce: number;
  /** One batched opening per layer, at the query indices. */
  readonly openings: readonly FriLayerOpening[];
}

/** Appends the proof (which must have `shape`; the prover's output does). */
export function writeFriProof(w: ByteWriter, proof: FriProof): void {
  for (const r of proof.roots) w.bytes(r);
  w.felts(proof.finalPoly);
  w.u32(proof.powNonce >>> 0);
  w.u32(Math.floor(proof.powNonce / 2 ** 32));
  for (const o of proof.openings) {
    for (const r of o.rows) for (const row of r) w.felts(row);
    w.count(o.siblings.length);
    for (const s of o.siblings) w.bytes(s);
  }
}

/**
 * Reads a proof of this shape (derived by the verifier with friShape). Throws ProofFormatError for
 * truncation, non-canonical words, a nonce ≥ 2^53 or an impossible sibling count.
 */
export function readFriProof(r: ByteReader, shape: FriShape): FriProof {
  const roots: Uint8Array[] = [];
  for (let k = 0; k < shape.layers.length; k++) roots.push(r.bytes(32, `fri layer ${k} root`));
  const finalPoly = r.felts(4 * 2 ** shape.finalLogDegree, 'fri final polynomial');
  const lo = r.u32('fri pow nonce');
  const hi = r.u32('fri pow nonce');
  if (hi >= 2 ** 21)
    throw new ProofFormatError('bad-length', `fri pow nonce: high word ${hi} is not below 2^21`);
  const powNonce = hi * 2 ** 32 + lo;
  const openings: FriLayerOpening[] = [];
  for (let k = 0; k < shape.layers.length; k++) {
    const { logN, logArity } = shape.layers[k];
    const width = 4 * 2 ** logArity;
    const rows: Uint32Array[][] = [];
    for (let q = 0; q < shape.numQueries; q++) rows.push([r.felts(width, `fri layer ${k} query ${q} row`)]);
    // At most one sibling per query per tree level.
    const count = r.count(`fri layer ${k} sibling count`, 0, shape.numQueries * (logN - logArity));
    const siblings: Uint8Array[] = [];
    for (let s = 0; s < count; s++) siblings.push(r.bytes(32, `fri layer ${k} sibling`));
    openings.push({ rows, siblings });
  }
  return { roots, finalPoly, powNonce, openings };
}

/** A standalone encoding of one FRI proof. */
export function encodeFriProof(proof: FriProof): Uint8Array {
  const w = new ByteWriter();
  writeFriProof(w, proof);
  return w.finish();
}

/** Decodes bytes holding exactly one FRI proof of this shape (trailing bytes are an error). */
export function decodeFriProof(bytes: Uint8Array, shape: FriShape): FriProof {
  const r = new ByteReader(bytes);
  const proof = readFriProof(r, shape);
  r.finish();
  return proof;
}
