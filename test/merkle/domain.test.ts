// Leaf/node domain separation (docs/MERKLE.md): before it, a 16-word leaf hashed exactly like a
// 2-to-1 node over two digests (both were plain BLAKE3 of 64 bytes), so the 64-byte preimage of an
// internal node passed for a row. These tests fail under that scheme.

import { blake3 } from '@noble/hashes/blake3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH, hashLeaf, hashNode, hashPair, hashWords, readDigest } from '../../src/merkle/blake3.js';
import { commit, hashLeaves, type MultiOpening, verifyOpening } from '../../src/merkle/index.js';
import { WasmVec } from '../../src/wasm/memory.js';
import { bytesOf, freeMatrix, LAYOUTS, makeMatrix, P, words } from './helpers.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The 16 words whose bytes are digest a ‖ digest b. */
function concat(a: Uint8Array, b: Uint8Array): Uint32Array {
  const w = new Uint32Array(16);
  readDigest(a, 0, w, 0);
  readDigest(b, 0, w, 8);
  return w;
}

function leafOf(row: Uint32Array): Uint8Array {
  const out = new Uint32Array(8);
  hashLeaf(row, 0, row.length, out, 0);
  return new Uint8Array(out.buffer);
}

function nodeOf(row: Uint32Array): Uint8Array {
  const out = new Uint32Array(8);
  hashNode(row, 0, row, 8, out, 0);
  return new Uint8Array(out.buffer);
}

describe('leaf and node hashing are separated', () => {
  it('a 64-byte leaf equal to two child digests does not hash to their parent', () => {
    const rm = words(8 * 5, 21);
    for (const layout of LAYOUTS) {
      const m = makeMatrix(rm, 8, 5, layout);
      const { tree } = commit([m]);
      for (let p = 0; p < 4; p++) {
        const parent = tree.node(1, p);
        const row = concat(tree.node(0, 2 * p), tree.node(0, 2 * p + 1));
        // The parent is the node hash of exactly these 64 bytes ...
        expect(hex(nodeOf(row))).toBe(hex(parent));
        // ... and the leaf hash of the same bytes is something else, in TS and in wasm.
        expect(hex(leafOf(row))).not.toBe(hex(parent));
        const one = WasmVec.from(row);
        const dst = new WasmVec(8);
        hashLeaves(dst, { layout: 'row-major', data: one, height: 1, width: 16 });
        expect(hex(bytesOf(dst.view))).toBe(hex(leafOf(row)));
        one.free();
        dst.free();
        // Under the old scheme (plain BLAKE3 for both) the two coincided: that was the hole.
        const plainLeaf = new Uint32Array(8);
        const plainNode = new Uint32Array(8);
        hashWords(HASH, row, 0, 16, plainLeaf, 0);
        hashPair(HASH, row, 0, row, 8, plainNode, 0);
        expect(hex(bytesOf(plainLeaf))).toBe(hex(bytesOf(plainNode)));
      }
      tree.free();
      freeMatrix(m);
    }
  });

  it('no level-1 node equals the leaf hash of its children (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (logH, w, seed) => {
          const h = 1 << logH;
          const m = makeMatrix(words(h * w, seed), h, w, 'col-major');
          const { tree } = commit([m]);
          let ok = true;
          for (let p = 0; p < h / 2; p++) {
            const row = concat(tree.node(0, 2 * p), tree.node(0, 2 * p + 1));
            ok &&= hex(leafOf(row)) !== hex(tree.node(1, p)) && hex(nodeOf(row)) === hex(tree.node(1, p));
          }
          tree.free();
          freeMatrix(m);
          return ok;
        },
      ),
      { numRuns: 30 },
    );
  });

  it('the verifier rejects an opening that presents an internal node as a leaf', () => {
    // Rows (width 1) whose leaf digests are all canonical words, so the forged 16-word row passes
    // the verifier's canonicity check and only the hash can reject it (≈ 1 row in 430 qualifies).
    const canonical: number[] = [];
    for (let v = 0; canonical.length < 2; v++) {
      const d = new Uint32Array(leafOf(Uint32Array.of(v)).buffer);
      if (d.every((x) => x < P)) canonical.push(v);
    }
    const m = makeMatrix(Uint32Array.of(canonical[0], canonical[1], 7, 8), 4, 1, 'row-major');
    const { root, tree } = commit([m]);
    const forged = concat(tree.node(0, 0), tree.node(0, 1));
    expect(forged.every((x) => x < P)).toBe(true);
    // The attack: claim a matrix of half the height and width 16 whose row 0 is node 1,0's
    // preimage; the path above it is the honest one (sibling node 1,1).
    const opening: MultiOpening = { rows: [[forged]], siblings: [tree.node(1, 1)] };
    expect(verifyOpening(root, [{ height: 2, width: 16 }], [0], opening)).toEqual({
      ok: false,
      reason: 'root mismatch',
    });
    // The honest opening of the same tree verifies.
    expect(verifyOpening(root, [{ height: 4, width: 1 }], [1], tree.open([1])).ok).toBe(true);
    // With leaves hashed as nodes are, the forged row would have reproduced node 1,0 and the root.
    expect(hex(nodeOf(forged))).toBe(hex(tree.node(1, 0)));
    expect(hex(leafOf(forged))).not.toBe(hex(tree.node(1, 0)));
    tree.free();
    freeMatrix(m);
  });

  it('the old scheme, with plain BLAKE3 everywhere, accepted exactly this forgery', () => {
    // The same forgery replayed with noble under the pre-separation definition: leaf = node =
    // BLAKE3 of the bytes. It reaches the root, which is why the keys exist.
    const B = (...parts: Uint8Array[]) => blake3(Uint8Array.from(parts.flatMap((p) => [...p])));
    const leaves = [1, 2, 3, 4].map((v) => B(bytesOf(Uint32Array.of(v))));
    const n10 = B(leaves[0], leaves[1]);
    const n11 = B(leaves[2], leaves[3]);
    const oldRoot = B(n10, n11);
    const forgedLeaf = B(bytesOf(concat(leaves[0], leaves[1])));
    expect(hex(B(forgedLeaf, n11))).toBe(hex(oldRoot));
  });
});
