// The shape of a mixed-height tree, shared by committer and verifier: which matrices enter at
// which level, and how one level's matrix rows become one digest. See docs/MERKLE.md.
// Invariant: level t has H >> t nodes (H the tallest height) and group t lists, in commit order,
// the matrices of height H >> t; group 0 is never empty.

import { DIGEST_WORDS, hashLeaf, hashNode } from './blake3.js';
import { MerkleError } from './errors.js';
import { checkShape, type MatrixShape } from './matrix.js';

export interface TreeLayout {
  readonly shapes: readonly MatrixShape[];
  /** log2 of the tallest height: the number of levels above the leaves. */
  readonly logHeight: number;
  readonly height: number;
  /** groups[t]: the matrices (commit-order indices) of height height >> t, for t = 0..logHeight. */
  readonly groups: readonly (readonly number[])[];
}

/** Most queries one opening may hold. */
export const MAX_QUERIES = 1 << 20;

/** Checks the shapes and lays them out; throws MerkleError 'bad-shape'. */
export function layoutOf(shapes: readonly MatrixShape[]): TreeLayout {
  if (!Array.isArray(shapes) || shapes.length === 0) {
    throw new MerkleError('bad-shape', 'merkle: at least one matrix is needed');
  }
  shapes.forEach((s, k) => {
    checkShape(s, k);
  });
  const height = Math.max(...shapes.map((s) => s.height));
  const logHeight = Math.log2(height);
  const groups: number[][] = Array.from({ length: logHeight + 1 }, () => []);
  for (let k = 0; k < shapes.length; k++) groups[logHeight - Math.log2(shapes[k].height)].push(k);
  return { shapes: shapes.map((s) => ({ height: s.height, width: s.width })), logHeight, height, groups };
}

/** Throws MerkleError 'bad-index' unless indices is a non-empty list of integers in [0, height). */
export function checkIndices(indices: readonly number[], height: number): void {
  if (!Array.isArray(indices) || indices.length === 0 || indices.length > MAX_QUERIES) {
    throw new MerkleError('bad-index', `merkle: expected 1 to 2^20 query indices, got ${indices?.length}`);
  }
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= height) {
      throw new MerkleError('bad-index', `merkle: query index ${i} is not an integer in [0, ${height})`);
    }
  }
}

const rowDigest = new Uint32Array(DIGEST_WORDS);

/**
 * The digest that group t contributes for one position: the leaf digests (MERKLE_LEAF) of the
 * group's matrices' rows, folded left to right by 2-to-1 nodes (g = d_0, then g = node(g ‖ d_k),
 * MERKLE_NODE). rowOf(k) gives matrix k's row at that position. Writes out[oo..oo+8).
 */
export function groupDigest(
  layout: TreeLayout,
  t: number,
  rowOf: (k: number) => Uint32Array,
  out: Uint32Array,
  oo: number,
): void {
  const g = layout.groups[t];
  for (let n = 0; n < g.length; n++) {
    const row = rowOf(g[n]);
    if (n === 0) hashLeaf(row, 0, row.length, out, oo);
    else {
      hashLeaf(row, 0, row.length, rowDigest, 0);
      hashNode(out, oo, rowDigest, 0, out, oo);
    }
  }
}
