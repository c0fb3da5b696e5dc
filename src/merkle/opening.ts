// A batched Merkle opening and its byte encoding, the form the proof embeds. Encoding: the
// opened rows (query by query, matrix by matrix in commit order, u32 little-endian, widths known
// from the shapes), then a u32 LE sibling count, then the 32-byte siblings.
// Invariant: decode accepts exactly what encode produces for the given shapes and query count,
// with canonical field words, and nothing else (no trailing bytes, no oversize counts).

import { P } from '../field/babybear.js';
import { DIGEST_BYTES } from './blake3.js';
import { MerkleError } from './errors.js';
import { layoutOf, MAX_QUERIES } from './layout.js';
import type { MatrixShape } from './matrix.js';

export interface MultiOpening {
  /**
   * rows[q][k]: row indices[q] >> (logHeight − log2 height_k) of matrix k (commit order), for
   * query q (in the order the indices were given, duplicates included).
   */
  readonly rows: readonly (readonly Uint32Array[])[];
  /**
   * The 32-byte digests the verifier cannot compute from the rows: level by level from the
   * leaves, and by position within a level (sibling of each known node whose own sibling is
   * not known).
   */
  readonly siblings: readonly Uint8Array[];
}

/** Encoded size in bytes of an opening with these shapes, queries and siblings. */
export function openingBytes(shapes: readonly MatrixShape[], queries: number, siblings: number): number {
  const words = shapes.reduce((a, s) => a + s.width, 0);
  return 4 * words * queries + 4 + DIGEST_BYTES * siblings;
}

/** Encodes an opening (its rows and siblings must already have the shapes' sizes). */
export function encodeOpening(opening: MultiOpening): Uint8Array {
  let words = 0;
  for (const r of opening.rows) for (const row of r) words += row.length;
  const out = new Uint8Array(4 * words + 4 + DIGEST_BYTES * opening.siblings.length);
  const dv = new DataView(out.buffer);
  let o = 0;
  for (const r of opening.rows) {
    for (const row of r) {
      for (let j = 0; j < row.length; j++, o += 4) dv.setUint32(o, row[j], true);
    }
  }
  dv.setUint32(o, opening.siblings.length, true);
  o += 4;
  for (const s of opening.siblings) {
    if (s.length !== DIGEST_BYTES) {
      throw new MerkleError('bad-length', `merkle: sibling digest has ${s.length} bytes, expected 32`);
    }
    out.set(s, o);
    o += DIGEST_BYTES;
  }
  return out;
}

function malformed(message: string): MerkleError {
  return new MerkleError('malformed-opening', `merkle opening: ${message}`);
}

/**
 * Reads one encoded opening at bytes[offset..) for `queries` queries over matrices of these
 * shapes; returns it and the offset just past it (for openings embedded in a larger proof).
 * Throws MerkleError: 'malformed-opening' for short input or an impossible sibling count,
 * 'non-canonical' for a row word ≥ p.
 */
export function readOpening(
  bytes: Uint8Array,
  offset: number,
  shapes: readonly MatrixShape[],
  queries: number,
): { opening: MultiOpening; offset: number } {
  const layout = layoutOf(shapes);
  if (!Number.isInteger(queries) || queries < 1 || queries > MAX_QUERIES) {
    throw new MerkleError('bad-index', `merkle opening: query count ${queries} is not in [1, 2^20]`);
  }
  if (!(bytes instanceof Uint8Array) || !Number.isInteger(offset) || offset < 0 || offset > bytes.length) {
    throw malformed(`offset ${offset} is outside the ${bytes?.length}-byte input`);
  }
  const rowBytes = 4 * shapes.reduce((a, s) => a + s.width, 0) * queries;
  if (bytes.length - offset < rowBytes + 4) {
    throw malformed(`${bytes.length - offset} bytes left, the rows and count need ${rowBytes + 4}`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = offset;
  const rows: Uint32Array[][] = [];
  for (let q = 0; q < queries; q++) {
    const r: Uint32Array[] = [];
    for (const s of shapes) {
      const row = new Uint32Array(s.width);
      for (let j = 0; j < s.width; j++, o += 4) {
        const w = dv.getUint32(o, true);
        if (w >= P) {
          throw new MerkleError('non-canonical', `merkle opening: row word ${w} at byte ${o} is not below p`);
        }
        row[j] = w;
      }
      r.push(row);
    }
    rows.push(r);
  }
  const count = dv.getUint32(o, true);
  o += 4;
  // A valid opening never needs more than one sibling per query per level.
  const most = queries * layout.logHeight;
  if (count > most) throw malformed(`${count} siblings, at most ${most} are possible`);
  if (bytes.length - o < DIGEST_BYTES * count) {
    throw malformed(`${bytes.length - o} bytes left, ${count} siblings need ${DIGEST_BYTES * count}`);
  }
  const siblings: Uint8Array[] = [];
  for (let s = 0; s < count; s++, o += DIGEST_BYTES) siblings.push(bytes.slice(o, o + DIGEST_BYTES));
  return { opening: { rows, siblings }, offset: o };
}

/** Decodes a whole buffer holding exactly one opening; trailing bytes are an error. */
export function decodeOpening(
  bytes: Uint8Array,
  shapes: readonly MatrixShape[],
  queries: number,
): MultiOpening {
  const { opening, offset } = readOpening(bytes, 0, shapes, queries);
  if (offset !== bytes.length) throw malformed(`${bytes.length - offset} trailing bytes`);
  return opening;
}
