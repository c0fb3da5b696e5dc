// The prover's Merkle commitment: hashes matrices of several power-of-two heights under one root
// with the SIMD kernels, keeps every level in wasm memory, and opens batches of query indices.
// Invariant: the root equals commitTs (reference.ts) on the same matrices, and every opening
// verifies under verify.ts; the tree reads the matrices again when opening, so they must outlive it.
// Row digests hash under MERKLE_LEAF and every 2-to-1 combination under MERKLE_NODE.

import { free as freeBlock, WasmVec } from '../wasm/memory.js';
import { DIGEST_WORDS, digestBytes, MERKLE_LEAF } from './blake3.js';
import { MerkleError } from './errors.js';
import { allocScratch, hashRowsAt, nodesAt } from './hash.js';
import { checkIndices, layoutOf, type TreeLayout } from './layout.js';
import { checkMatrix, type Matrix, readRow, shapeOf } from './matrix.js';
import type { MultiOpening } from './opening.js';

export class MerkleTree {
  readonly root: Uint8Array;
  readonly layout: TreeLayout;
  private readonly matrices: readonly Matrix[];
  /** Every level, leaves first: level t's digest p is at word offsets[t] + 8p. */
  private nodes: WasmVec | null;
  private readonly offsets: readonly number[];

  /** Use commit(). */
  constructor(matrices: readonly Matrix[], layout: TreeLayout, nodes: WasmVec, offsets: number[]) {
    this.matrices = matrices;
    this.layout = layout;
    this.nodes = nodes;
    this.offsets = offsets;
    this.root = digestBytes(nodes.view, offsets[layout.logHeight]);
  }

  private view(): Uint32Array {
    if (this.nodes === null) throw new MerkleError('bad-index', 'merkle: tree used after free()');
    return this.nodes.view;
  }

  /** The digest of node p at level t (t = 0: leaves), as 32 bytes. */
  node(t: number, p: number): Uint8Array {
    const n = this.layout.height >> t;
    if (
      !Number.isInteger(t) ||
      t < 0 ||
      t > this.layout.logHeight ||
      !Number.isInteger(p) ||
      p < 0 ||
      p >= n
    ) {
      throw new MerkleError('bad-index', `merkle: no node ${p} at level ${t}`);
    }
    return digestBytes(this.view(), this.offsets[t] + DIGEST_WORDS * p);
  }

  /**
   * Opens the rows at query indices (each in [0, height of the tallest matrix)): for each query,
   * every matrix's row at that query (row index >> (logHeight − log2 height_k)), and the
   * deduplicated siblings of all their paths. Throws MerkleError 'bad-index'.
   */
  open(indices: readonly number[]): MultiOpening {
    const { height, logHeight } = this.layout;
    checkIndices(indices, height);
    const view = this.view();
    const rows = indices.map((i) =>
      this.matrices.map((m) => readRow(m, i >> (logHeight - Math.log2(m.height)))),
    );
    const siblings: Uint8Array[] = [];
    let known = [...new Set(indices)].sort((a, b) => a - b);
    for (let t = 0; t < logHeight; t++) {
      for (let e = 0; e < known.length; e++) {
        const p = known[e];
        // Sorted and unique: p's sibling is known iff it is the neighbouring entry.
        if ((p & 1) === 0 && known[e + 1] === p + 1) e++;
        else siblings.push(digestBytes(view, this.offsets[t] + DIGEST_WORDS * (p ^ 1)));
      }
      known = [...new Set(known.map((p) => p >> 1))];
    }
    return { rows, siblings };
  }

  /** Releases the levels (the matrices stay the caller's). */
  free(): void {
    this.nodes?.free();
    this.nodes = null;
  }
}

/**
 * Commits to matrices (heights powers of two, any widths, any layouts) under one root. Rows of
 * the tallest matrices are the leaves; each shorter matrix enters at the level with as many nodes
 * as it has rows (docs/MERKLE.md). Throws MerkleError for bad shapes or buffer lengths.
 */
export function commit(matrices: readonly Matrix[]): { root: Uint8Array; tree: MerkleTree } {
  if (!Array.isArray(matrices)) throw new MerkleError('bad-shape', 'merkle: matrices must be an array');
  for (let k = 0; k < matrices.length; k++) checkMatrix(matrices[k], k);
  const layout = layoutOf(matrices.map(shapeOf));
  const { height, logHeight, groups } = layout;
  const offsets: number[] = [];
  let words = 0;
  for (let t = 0; t <= logHeight; t++) {
    offsets.push(words);
    words += DIGEST_WORDS * (height >> t);
  }
  const nodes = new WasmVec(words);
  // Scratch digests for folding groups: n row digests and n accumulators at the largest level
  // that needs them (level 0 only when several matrices share the tallest height).
  const maxGroup = Math.max(
    ...groups.map((g, t) => ((t === 0 ? g.length > 1 : g.length > 0) ? height >> t : 0)),
  );
  const tmp = maxGroup > 0 ? new WasmVec(2 * DIGEST_WORDS * maxGroup) : null;
  const s = allocScratch();
  try {
    // Folds group t into the digests at dst (n = height >> t of them): dst = node(dst ‖ d) per
    // row digest d, or, when first (level 0), dst = the first matrix's row digests.
    const addGroup = (t: number, dst: number, first: boolean): void => {
      const n = height >> t;
      const g = groups[t];
      // tmp exists whenever this needs it (see maxGroup).
      const scratchDigests = tmp === null ? 0 : tmp.ptr;
      const acc = first ? dst : scratchDigests + 32 * n;
      for (let k = 0; k < g.length; k++) {
        if (k === 0) hashRowsAt(acc, matrices[g[0]], 0, n, s, MERKLE_LEAF);
        else {
          hashRowsAt(scratchDigests, matrices[g[k]], 0, n, s, MERKLE_LEAF);
          nodesAt(acc, acc, 32, scratchDigests, 32, n, s);
        }
      }
      if (!first) nodesAt(dst, dst, 32, acc, 32, n, s);
    };
    const base = nodes.ptr;
    addGroup(0, base, true);
    for (let t = 1; t <= logHeight; t++) {
      const below = base + 4 * offsets[t - 1];
      const here = base + 4 * offsets[t];
      nodesAt(here, below, 64, below + 32, 64, height >> t, s);
      if (groups[t].length > 0) addGroup(t, here, false);
    }
  } catch (e) {
    nodes.free();
    throw e;
  } finally {
    freeBlock(s);
    tmp?.free();
  }
  const tree = new MerkleTree([...matrices], layout, nodes, offsets);
  return { root: tree.root, tree };
}
