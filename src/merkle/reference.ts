// Plain-TypeScript twin of commit(): the same tree from the same matrices, hashed by the TS
// BLAKE3 of blake3.ts. It is the oracle of the wasm commitment in tests and its `.ts` bench row.
// Invariant: layers[t] holds the H >> t digests of level t; layers[logHeight] is the root. Rows
// hash under MERKLE_LEAF, nodes and group folds under MERKLE_NODE, as in tree.ts.

import {
  DIGEST_WORDS,
  digestBytes,
  MERKLE_LEAF,
  MERKLE_NODE,
  pairsTs,
  rowsColumnsTs,
  rowsRowMajorTs,
} from './blake3.js';
import { layoutOf } from './layout.js';
import { checkMatrix, type Matrix, shapeOf } from './matrix.js';

/** Merkle leaf digests of a matrix (8 words per row), by the TS twins of the leaf kernels. */
export function rowDigestsTs(m: Matrix): Uint32Array {
  const out = new Uint32Array(DIGEST_WORDS * m.height);
  if (m.layout === 'row-major') rowsRowMajorTs(MERKLE_LEAF, out, 0, m.data.view, 0, m.width, m.height);
  else if (m.layout === 'col-major') {
    const v = m.data.view;
    const cols = Array.from({ length: m.width }, (_, j) => v.subarray(j * m.height, (j + 1) * m.height));
    rowsColumnsTs(MERKLE_LEAF, out, 0, cols, 0, m.height);
  } else {
    rowsColumnsTs(
      MERKLE_LEAF,
      out,
      0,
      m.columns.map((c) => c.view),
      0,
      m.height,
    );
  }
  return out;
}

export function commitTs(matrices: readonly Matrix[]): { root: Uint8Array; layers: Uint32Array[] } {
  for (let k = 0; k < matrices.length; k++) checkMatrix(matrices[k], k);
  const layout = layoutOf(matrices.map(shapeOf));
  const group = (t: number): Uint32Array | null => {
    const g = layout.groups[t];
    if (g.length === 0) return null;
    const acc = rowDigestsTs(matrices[g[0]]);
    for (let n = 1; n < g.length; n++) {
      pairsTs(MERKLE_NODE, acc, 0, acc, 0, 8, rowDigestsTs(matrices[g[n]]), 0, 8, acc.length / 8);
    }
    return acc;
  };
  const layers = [group(0) as Uint32Array];
  for (let t = 1; t <= layout.logHeight; t++) {
    const below = layers[t - 1];
    const n = layout.height >> t;
    const layer = new Uint32Array(DIGEST_WORDS * n);
    pairsTs(MERKLE_NODE, layer, 0, below, 0, 16, below, 8, 16, n);
    const g = group(t);
    if (g) pairsTs(MERKLE_NODE, layer, 0, layer, 0, 8, g, 0, 8, n);
    layers.push(layer);
  }
  return { root: digestBytes(layers[layout.logHeight], 0), layers };
}
