// The verifier's side of a batched Merkle opening: recomputes the root from the opened rows and
// the siblings, in plain TypeScript (no wasm memory, nothing from the prover).
// Invariant: accepts exactly the openings MerkleTree.open produces for the committed matrices;
// anything else the prover controls (rows, siblings) yields a failure, never an exception.
// Rows hash as leaves (MERKLE_LEAF, in groupDigest) and everything above as nodes (MERKLE_NODE),
// so no opening can pass a node's 64-byte preimage off as a row, or a row digest as a node.

import { P } from '../field/babybear.js';
import { DIGEST_BYTES, DIGEST_WORDS, hashNode, readDigest } from './blake3.js';
import { MerkleError } from './errors.js';
import { checkIndices, groupDigest, layoutOf, type TreeLayout } from './layout.js';
import type { MatrixShape } from './matrix.js';
import type { MultiOpening } from './opening.js';

export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const OK: VerifyResult = { ok: true };
const fail = (reason: string): VerifyResult => ({ ok: false, reason });

/** The opening's shape against the layout and query count: null if fine, else the reason. */
function shapeProblem(layout: TreeLayout, queries: number, opening: MultiOpening): string | null {
  const rows = opening?.rows;
  const siblings = opening?.siblings;
  if (!Array.isArray(rows) || !Array.isArray(siblings)) return 'opening has no rows or siblings list';
  if (rows.length !== queries) return `expected rows for ${queries} queries, got ${rows.length}`;
  const shapes = layout.shapes;
  for (let q = 0; q < queries; q++) {
    const r = rows[q];
    if (!Array.isArray(r) || r.length !== shapes.length) {
      return `query ${q}: expected ${shapes.length} rows, got ${Array.isArray(r) ? r.length : 'none'}`;
    }
    for (let k = 0; k < shapes.length; k++) {
      const row = r[k];
      if (!(row instanceof Uint32Array) || row.length !== shapes[k].width) {
        return `query ${q}, matrix ${k}: expected ${shapes[k].width} words, got ${row?.length}`;
      }
      for (let j = 0; j < row.length; j++) {
        if (row[j] >= P) return `query ${q}, matrix ${k}: word ${j} = ${row[j]} is not below p`;
      }
    }
  }
  for (let s = 0; s < siblings.length; s++) {
    const d = siblings[s];
    if (!(d instanceof Uint8Array) || d.length !== DIGEST_BYTES) return `sibling ${s} is not 32 bytes`;
  }
  return null;
}

function sameRows(a: readonly Uint32Array[], b: readonly Uint32Array[], group: readonly number[]): boolean {
  for (const k of group) {
    const x = a[k];
    const y = b[k];
    for (let j = 0; j < x.length; j++) if (x[j] !== y[j]) return false;
  }
  return true;
}

/**
 * Checks an opening of `indices` against `root` for matrices of these shapes (commit order).
 * Throws MerkleError only for the verifier's own bad arguments (shapes, indices, a root that is
 * not 32 bytes); a wrong or malformed opening gives { ok: false, reason }.
 */
export function verifyOpening(
  root: Uint8Array,
  shapes: readonly MatrixShape[],
  indices: readonly number[],
  opening: MultiOpening,
): VerifyResult {
  const layout = layoutOf(shapes);
  const { logHeight, groups } = layout;
  checkIndices(indices, layout.height);
  if (!(root instanceof Uint8Array) || root.length !== DIGEST_BYTES) {
    throw new MerkleError('bad-root', `merkle: root has ${root?.length} bytes, expected 32`);
  }
  const problem = shapeProblem(layout, indices.length, opening);
  if (problem !== null) return fail(problem);
  const { rows, siblings } = opening;

  // Queries sorted by index: at every level, the queries under one node form a contiguous run.
  const order = indices.map((_, q) => q).sort((a, b) => indices[a] - indices[b] || a - b);
  // Known nodes of the current level: position, first query of its run (in `order`), digest.
  let pos: number[] = [];
  let start: number[] = [];
  let dig = new Uint32Array(DIGEST_WORDS * indices.length);
  let n = 0;
  const scratch = new Uint32Array(DIGEST_WORDS);

  // Adds group t's digest to each known node of level t: node = node(node ‖ group digest) (or,
  // at the leaves, node = group digest). All queries under a node must open the same rows.
  const addGroup = (t: number): string | null => {
    if (groups[t].length === 0) return null;
    for (let e = 0; e < n; e++) {
      const end = e + 1 < n ? start[e + 1] : order.length;
      const first = rows[order[start[e]]];
      for (let i = start[e] + 1; i < end; i++) {
        if (!sameRows(first, rows[order[i]], groups[t])) {
          return `queries ${order[start[e]]} and ${order[i]} open different rows at level ${t}`;
        }
      }
      if (t === 0) groupDigest(layout, 0, (k) => first[k], dig, DIGEST_WORDS * e);
      else {
        groupDigest(layout, t, (k) => first[k], scratch, 0);
        hashNode(dig, DIGEST_WORDS * e, scratch, 0, dig, DIGEST_WORDS * e);
      }
    }
    return null;
  };

  for (let i = 0; i < order.length; i++) {
    const p = indices[order[i]];
    if (n > 0 && pos[n - 1] === p) continue;
    pos.push(p);
    start.push(i);
    n++;
  }
  const leafProblem = addGroup(0);
  if (leafProblem !== null) return fail(leafProblem);

  let s = 0;
  const sib = new Uint32Array(DIGEST_WORDS);
  for (let t = 0; t < logHeight; t++) {
    const nextPos: number[] = [];
    const nextStart: number[] = [];
    const next = new Uint32Array(DIGEST_WORDS * n);
    let m = 0;
    for (let e = 0; e < n; e++) {
      const p = pos[e];
      const at = DIGEST_WORDS * e;
      if ((p & 1) === 0 && e + 1 < n && pos[e + 1] === p + 1) {
        hashNode(dig, at, dig, at + DIGEST_WORDS, next, DIGEST_WORDS * m);
        nextStart.push(start[e]);
        e++;
      } else {
        if (s === siblings.length) return fail(`ran out of siblings at level ${t}`);
        readDigest(siblings[s++], 0, sib, 0);
        if ((p & 1) === 0) hashNode(dig, at, sib, 0, next, DIGEST_WORDS * m);
        else hashNode(sib, 0, dig, at, next, DIGEST_WORDS * m);
        nextStart.push(start[e]);
      }
      nextPos.push(p >> 1);
      m++;
    }
    pos = nextPos;
    start = nextStart;
    dig = next;
    n = m;
    const problem = addGroup(t + 1);
    if (problem !== null) return fail(problem);
  }
  if (s !== siblings.length) return fail(`${siblings.length - s} unused siblings`);
  const want = new Uint32Array(DIGEST_WORDS);
  readDigest(root, 0, want, 0);
  for (let j = 0; j < DIGEST_WORDS; j++) if (dig[j] !== want[j]) return fail('root mismatch');
  return OK;
}

/** verifyOpening(...).ok: true iff the opening proves these rows at these indices under root. */
export function verify(
  root: Uint8Array,
  shapes: readonly MatrixShape[],
  indices: readonly number[],
  opening: MultiOpening,
): boolean {
  return verifyOpening(root, shapes, indices, opening).ok;
}
