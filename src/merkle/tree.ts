// The prover's Merkle commitment: hashes matrices of several power-of-two heights under one root
// with the SIMD kernels, keeps every level in wasm memory, and opens batches of query indices.
// Invariant: the root equals commitTs (reference.ts) on the same matrices, and every opening
// verifies under verify.ts; the tree reads the matrices again when opening, so they must outlive it.
// Row digests hash under MERKLE_LEAF and every 2-to-1 combination under MERKLE_NODE.

import { Batch } from '../pool/batch.js';
import { runSteps, type Steps } from '../pool/steps.js';
import { WasmVec } from '../wasm/memory.js';
import { DIGEST_WORDS, digestBytes, MERKLE_LEAF } from './blake3.js';
import { MerkleError } from './errors.js';
import { columnTable, nodesCall, rowsCall, SCRATCH_BYTES } from './hash.js';
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
  return runSteps(commitSteps(matrices));
}

/** Leaves per job of the first batch: the subtree a thread hashes on its own. */
const SUBTREE_LOG = 12;

/**
 * `commit` as steps: one batch of subtrees (each job hashes 2^12 leaves or more, and every level
 * above them within its subtree, shorter matrices included), then one job for the levels above.
 */
export function* commitSteps(matrices: readonly Matrix[]): Steps<{ root: Uint8Array; tree: MerkleTree }> {
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
  const base = nodes.ptr;
  const sub = Math.min(logHeight, Math.max(SUBTREE_LOG, logHeight - 6));
  // A job folds shorter matrices in with digests in its thread's scratch, after the kernel's own
  // block: row digests at DIGESTS, accumulators at ACC (at most 2^sub of each: a low job covers
  // 2^(sub − t) positions at level t, the top job at most 2^(logHeight − sub − 1) < 2^sub).
  const DIGESTS = Math.ceil(SCRATCH_BYTES / 64) * 64;
  const ACC = DIGESTS + 32 * 2 ** sub;
  const needsFold = groups.some((g, t) => (t === 0 ? g.length > 1 : g.length > 0));
  try {
    const levels = (batch: Batch, tables: number[], t0: number, t1: number, lo: number, hi: number) => {
      if (needsFold) batch.needScratch(ACC + 32 * 2 ** sub);
      // Levels t0..t1 for the leaf range [lo, hi): positions [lo >> t, hi >> t) at level t.
      for (let t = t0; t <= t1; t++) {
        const p0 = lo >> t;
        const n = (hi >> t) - p0;
        const here = base + 4 * offsets[t] + 32 * p0;
        if (t > 0) {
          const below = base + 4 * offsets[t - 1] + 64 * p0;
          nodesCall(batch, here, below, 64, below + 32, 64, n);
        }
        const g = groups[t];
        if (g.length === 0) continue;
        // Group t folds into the digests here: here = node(here ‖ acc), acc the group's row
        // digests folded left to right; at level 0 the first matrix's digests are `here` itself.
        for (let k = 0; k < g.length; k++) {
          const m = matrices[g[k]];
          if (k === 0 && t === 0) rowsCall(batch, here, m, tables[g[k]], p0, n, MERKLE_LEAF);
          else if (k === 0) rowsCall(batch, ACC, m, tables[g[k]], p0, n, MERKLE_LEAF, true);
          else {
            rowsCall(batch, DIGESTS, m, tables[g[k]], p0, n, MERKLE_LEAF, true);
            if (t === 0) nodesCall(batch, here, here, 32, DIGESTS, 32, n, 4);
            else nodesCall(batch, ACC, ACC, 32, DIGESTS, 32, n, 1 | 2 | 4);
          }
        }
        if (t > 0) nodesCall(batch, here, here, 32, ACC, 32, n, 4);
      }
    };
    const low = new Batch();
    const lowTables = matrices.map((m) => columnTable(low, m));
    for (let lo = 0; lo < height; lo += 2 ** sub) {
      low.job();
      levels(low, lowTables, 0, sub, lo, lo + 2 ** sub);
    }
    yield low;
    if (sub < logHeight) {
      const top = new Batch();
      const topTables = matrices.map((m) => columnTable(top, m));
      top.job();
      levels(top, topTables, sub + 1, logHeight, 0, height);
      yield top;
    }
  } catch (e) {
    nodes.free();
    throw e;
  }
  const tree = new MerkleTree([...matrices], layout, nodes, offsets);
  return { root: tree.root, tree };
}
