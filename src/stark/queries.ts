// The query phase of the trace commitments, shared by prover and verifier: the shapes of the four
// trees (main, preprocessed, aux, quotient), how a FRI query index on the largest LDE maps into
// each tree, and, on the verifier's side, the DEEP value each query implies for each height.
// A tree shorter than the largest LDE is queried at index >> (logMaxN − its log height), so that
// every opened row sits at the same bit-reversed LDE point as the FRI query (or its square).

import type { ExtFelt } from '../field/ext.js';
import { layerPoint } from '../fri/domain.js';
import type { MatrixShape } from '../merkle/matrix.js';
import type { MultiOpening } from '../merkle/opening.js';
import { verifyOpening } from '../merkle/verify.js';
import { DeepCombiner, type Powers, type TableOpenings } from './deep.js';
import { StarkError } from './errors.js';
import type { PreparedAir } from './tables.js';

export type TreeName = 'main' | 'pre' | 'aux' | 'quotient';
export const TREES: readonly TreeName[] = ['main', 'pre', 'aux', 'quotient'];

export interface TreeShape {
  /** Tables committed in this tree, in commit order (matrix k is table tables[k]). */
  readonly tables: number[];
  readonly shapes: MatrixShape[];
  /** log2 of the tallest matrix (0 when the tree is empty). */
  readonly logHeight: number;
}

export function treeShapes(
  prepared: readonly PreparedAir[],
  logHeights: readonly number[],
  logBlowup: number,
): Record<TreeName, TreeShape> {
  const make = (width: (p: PreparedAir) => number): TreeShape => {
    const tables = prepared.flatMap((p, t) => (width(p) > 0 ? [t] : []));
    const shapes = tables.map((t) => ({
      height: 2 ** (logHeights[t] + logBlowup),
      width: width(prepared[t]),
    }));
    const logHeight = Math.max(0, ...tables.map((t) => logHeights[t] + logBlowup));
    return { tables, shapes, logHeight };
  };
  return {
    main: make((p) => p.mainWidth),
    pre: make((p) => p.preWidth),
    aux: make((p) => 4 * p.numAux),
    quotient: make((p) => 4 * 2 ** p.logChunks),
  };
}

/** Index into a tree for a query on the largest LDE (2^logMaxN points). */
export function treeIndex(shape: TreeShape, logMaxN: number, i: number): number {
  return i >>> (logMaxN - shape.logHeight);
}

/** Verifies each non-empty tree's opening at the queries; throws StarkError 'merkle'. */
export function checkTreeOpenings(
  roots: Record<TreeName, Uint8Array | null>,
  shapes: Record<TreeName, TreeShape>,
  openings: Record<TreeName, MultiOpening | null>,
  indices: readonly number[],
  logMaxN: number,
): void {
  for (const name of TREES) {
    const s = shapes[name];
    const root = roots[name];
    const opening = openings[name];
    if (s.tables.length === 0) continue;
    if (root === null || opening === null)
      throw new StarkError('bad-shape', `missing ${name} commitment or opening`);
    const r = verifyOpening(
      root,
      s.shapes,
      indices.map((i) => treeIndex(s, logMaxN, i)),
      opening,
    );
    if (!r.ok) throw new StarkError('merkle', `${name} trace opening: ${r.reason}`);
  }
}

/**
 * The DEEP value of every height group at query q, from the opened rows: a map from the LDE's
 * log size to F_h at this query's point of that LDE.
 */
export function deepInputsAt(
  q: number,
  index: number,
  logMaxN: number,
  logBlowup: number,
  logHeights: readonly number[],
  shapes: Record<TreeName, TreeShape>,
  openings: Record<TreeName, MultiOpening | null>,
  tableOpenings: readonly TableOpenings[],
  zeta: ExtFelt,
  zetaNext: (logH: number) => ExtFelt,
  lambda: Powers,
  /** Per-height combiners kept across the queries of one proof (built on first use). */
  combiners: Map<number, DeepCombiner> = new Map(),
): Map<number, ExtFelt> {
  const empty = new Uint32Array(0);
  const rowOf = (name: TreeName, t: number): Uint32Array => {
    const k = shapes[name].tables.indexOf(t);
    if (k < 0) return empty;
    return (openings[name] as MultiOpening).rows[q][k];
  };
  const out = new Map<number, ExtFelt>();
  for (const h of [...new Set(logHeights)]) {
    const group = logHeights.flatMap((lh, t) => (lh === h ? [t] : []));
    const parts: Uint32Array[] = [];
    for (const t of group) {
      parts.push(rowOf('main', t), rowOf('pre', t), rowOf('aux', t), rowOf('quotient', t));
    }
    const logN = h + logBlowup;
    // The input of size 2^logN sits on g·H at its own size: FRI's layer point with no folding.
    const x = layerPoint(logN, logN, index >>> (logMaxN - logN));
    let combiner = combiners.get(h);
    if (combiner === undefined) {
      combiner = new DeepCombiner(group, (t) => tableOpenings[t], lambda);
      combiners.set(h, combiner);
    }
    out.set(logN, combiner.valueAt(parts, x, zeta, zetaNext(h)));
  }
  return out;
}
