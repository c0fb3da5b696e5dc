import { blake3 } from '@noble/hashes/blake3.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  commit,
  commitTs,
  type Matrix,
  type MatrixShape,
  MerkleError,
  type MultiOpening,
  shapeOf,
  verify,
  verifyOpening,
} from '../../src/merkle/index.js';
import { liveBytes, WasmVec } from '../../src/wasm/memory.js';
import { bytesOf, freeMatrix, LAYOUTS, type Layout, makeMatrix, words } from './helpers.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
// The keys from their domain strings (docs/MERKLE.md), with noble only: nothing from src/merkle.
const LEAF_KEY = blake3(new TextEncoder().encode('rvstark merkle leaf v2'));
const NODE_KEY = blake3(new TextEncoder().encode('rvstark merkle node v2'));
/** A Merkle leaf: keyed BLAKE3 of the row's bytes under the leaf key. */
const leaf = (bytes: Uint8Array) => blake3(bytes, { key: LEAF_KEY });
/** A 2-to-1 node: keyed BLAKE3 of the two digests under the node key. */
const H = (a: Uint8Array, b: Uint8Array) => {
  const all = new Uint8Array(64);
  all.set(a, 0);
  all.set(b, 32);
  return blake3(all, { key: NODE_KEY });
};

interface Spec {
  height: number;
  width: number;
  layout: Layout;
}

const live: Matrix[] = [];
function build(specs: Spec[], seed = 1): { matrices: Matrix[]; data: Uint32Array[]; shapes: MatrixShape[] } {
  const data = specs.map((s, k) => words(s.height * s.width, seed * 100 + k + 1));
  const matrices = specs.map((s, k) => makeMatrix(data[k], s.height, s.width, s.layout));
  live.push(...matrices);
  return { matrices, data, shapes: matrices.map(shapeOf) };
}
afterAll(() => {
  for (const m of live) freeMatrix(m);
});

/** Root by hand from the definition in docs/MERKLE.md, with noble only. */
function rootByHand(specs: Spec[], data: Uint32Array[]): Uint8Array {
  const maxH = Math.max(...specs.map((s) => s.height));
  const rowDigest = (k: number, i: number) =>
    leaf(bytesOf(data[k].subarray(i * specs[k].width, (i + 1) * specs[k].width)));
  const group = (h: number, i: number): Uint8Array | null => {
    let g: Uint8Array | null = null;
    specs.forEach((s, k) => {
      if (s.height === h) g = g === null ? rowDigest(k, i) : H(g, rowDigest(k, i));
    });
    return g;
  };
  let layer = Array.from({ length: maxH }, (_, i) => group(maxH, i) as Uint8Array);
  for (let n = maxH / 2; n >= 1; n /= 2) {
    layer = Array.from({ length: n }, (_, i) => {
      const node = H(layer[2 * i], layer[2 * i + 1]);
      const g = group(n, i);
      return g === null ? node : H(node, g);
    });
  }
  return layer[0];
}

const CASES: Record<string, Spec[]> = {
  'one row-major matrix': [{ height: 64, width: 8, layout: 'row-major' }],
  'one row': [{ height: 1, width: 5, layout: 'col-major' }],
  'mixed heights and layouts': [
    { height: 32, width: 7, layout: 'col-major' },
    { height: 8, width: 3, layout: 'row-major' },
    { height: 32, width: 20, layout: 'columns' },
    { height: 2, width: 1, layout: 'col-major' },
    { height: 8, width: 300, layout: 'col-major' },
    { height: 1, width: 4, layout: 'row-major' },
  ],
  'smaller matrix listed first': [
    { height: 4, width: 2, layout: 'row-major' },
    { height: 16, width: 17, layout: 'col-major' },
  ],
};

describe('commit', () => {
  for (const [name, specs] of Object.entries(CASES)) {
    it(`matches the definition and the TS twin: ${name}`, () => {
      const { matrices, data } = build(specs);
      const { root, tree } = commit(matrices);
      expect(hex(root)).toBe(hex(rootByHand(specs, data)));
      expect(hex(commitTs(matrices).root)).toBe(hex(root));
      tree.free();
    });
  }

  it('matches the TS twin level by level on a 2^10 × 64 column-major matrix', () => {
    const { matrices } = build([{ height: 1024, width: 64, layout: 'col-major' }]);
    const { tree } = commit(matrices);
    const ref = commitTs(matrices);
    for (let t = 0; t <= 10; t++) {
      for (const p of [0, (1024 >> t) - 1]) {
        expect(hex(tree.node(t, p))).toBe(hex(bytesOf(ref.layers[t].subarray(8 * p, 8 * p + 8))));
      }
    }
    tree.free();
  });

  it('opens and verifies a one-row tree (the root is the leaf)', () => {
    const { matrices, shapes, data } = build([{ height: 1, width: 3, layout: 'row-major' }], 3);
    const { root, tree } = commit(matrices);
    expect(hex(root)).toBe(hex(leaf(bytesOf(data[0]))));
    const o = tree.open([0, 0]);
    expect(o.siblings.length).toBe(0);
    expect(verify(root, shapes, [0, 0], o)).toBe(true);
    tree.free();
  });

  it('gives the same root for every layout of the same data', () => {
    const rm = words(128 * 33, 5);
    const roots = LAYOUTS.map((l) => {
      const m = makeMatrix(rm, 128, 33, l);
      const { root, tree } = commit([m]);
      tree.free();
      freeMatrix(m);
      return hex(root);
    });
    expect(new Set(roots).size).toBe(1);
  });

  it('leaves no wasm memory behind once the tree is freed', () => {
    const { matrices } = build(CASES['mixed heights and layouts'], 4);
    const before = liveBytes();
    const { tree } = commit(matrices);
    expect(liveBytes()).toBeGreaterThan(before);
    tree.free();
    expect(liveBytes()).toBe(before);
    expect(() => tree.open([0])).toThrow(MerkleError);
  });

  it('rejects bad shapes and buffers with typed errors', () => {
    const v = new WasmVec(12);
    const kindOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(MerkleError);
        return (e as MerkleError).kind;
      }
      return 'no error';
    };
    expect(kindOf(() => commit([]))).toBe('bad-shape');
    expect(kindOf(() => commit([{ layout: 'row-major', data: v, height: 3, width: 4 }]))).toBe('bad-shape');
    expect(kindOf(() => commit([{ layout: 'row-major', data: v, height: 4, width: 0 }]))).toBe('bad-shape');
    expect(kindOf(() => commit([{ layout: 'col-major', data: v, height: 4, width: 4 }]))).toBe('bad-length');
    expect(kindOf(() => commit([{ layout: 'columns', columns: [v], height: 4 }]))).toBe('bad-length');
    expect(() => commit([{ layout: 'row-major', data: v, height: 6, width: 2 }])).toThrow(
      'merkle: matrix 0 height 6 is not a power of two in [1, 2^26]',
    );
    v.free();
  });
});

describe('open and verify', () => {
  const specs = CASES['mixed heights and layouts'];
  const { matrices, shapes, data } = build(specs, 9);
  const { root, tree } = commit(matrices);
  afterAll(() => tree.free());

  it('opens the committed rows', () => {
    const opening = tree.open([5, 31, 0]);
    for (const [q, i] of [5, 31, 0].entries()) {
      specs.forEach((s, k) => {
        const r = i >> Math.log2(32 / s.height);
        expect(Array.from(opening.rows[q][k])).toEqual(
          Array.from(data[k].subarray(r * s.width, (r + 1) * s.width)),
        );
      });
    }
    expect(verify(root, shapes, [5, 31, 0], opening)).toBe(true);
  });

  it('shares siblings between queries', () => {
    // One query needs log2(32) = 5 siblings; its sibling leaf as a second query saves one.
    expect(tree.open([6]).siblings.length).toBe(5);
    expect(tree.open([6, 7]).siblings.length).toBe(4);
    expect(tree.open([6, 7, 6]).siblings.length).toBe(4);
    const all = Array.from({ length: 32 }, (_, i) => i);
    const full = tree.open(all);
    expect(full.siblings.length).toBe(0);
    expect(verify(root, shapes, all, full)).toBe(true);
  });

  it('verifies any batch of indices, duplicates included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 12 }), (idx) => {
        const o = tree.open(idx);
        return verify(root, shapes, idx, o);
      }),
      { numRuns: 60 },
    );
  });

  const idx = [3, 17, 18, 3, 30];
  const honest = tree.open(idx);
  const clone = (o: MultiOpening): { rows: Uint32Array[][]; siblings: Uint8Array[] } => ({
    rows: o.rows.map((r) => r.map((x) => x.slice())),
    siblings: o.siblings.map((s) => s.slice()),
  });

  it('rejects every altered row word', () => {
    for (let q = 0; q < idx.length; q++) {
      for (let k = 0; k < specs.length; k++) {
        const w = Math.min(specs[k].width, 3);
        for (let j = 0; j < w; j++) {
          const o = clone(honest);
          o.rows[q][k][j] = (o.rows[q][k][j] + 1) % 0x78000001;
          expect(verify(root, shapes, idx, o), `query ${q} matrix ${k} word ${j}`).toBe(false);
        }
      }
    }
  });

  it('rejects every altered sibling bit, and reordered, missing or extra siblings', () => {
    for (let s = 0; s < honest.siblings.length; s++) {
      for (const bit of [0, 77, 255]) {
        const o = clone(honest);
        o.siblings[s][bit >> 3] ^= 1 << (bit & 7);
        expect(verify(root, shapes, idx, o)).toBe(false);
      }
    }
    const swapped = clone(honest);
    [swapped.siblings[0], swapped.siblings[1]] = [swapped.siblings[1], swapped.siblings[0]];
    expect(verify(root, shapes, idx, swapped)).toBe(false);
    const missing = clone(honest);
    missing.siblings.pop();
    expect(verifyOpening(root, shapes, idx, missing)).toEqual({
      ok: false,
      reason: 'ran out of siblings at level 3',
    });
    const extra = clone(honest);
    extra.siblings.push(new Uint8Array(32));
    expect(verifyOpening(root, shapes, idx, extra)).toEqual({ ok: false, reason: '1 unused siblings' });
  });

  it('rejects other indices, roots and heights', () => {
    expect(verify(root, shapes, [3, 17, 18, 3, 31], honest)).toBe(false);
    expect(verify(root, shapes, [17, 3, 18, 3, 30], honest)).toBe(false);
    const bad = root.slice();
    bad[31] ^= 0x80;
    expect(verify(bad, shapes, idx, honest)).toBe(false);
    // A matrix claimed at another height enters at another level.
    const moved = shapes.map((s, k) => (k === 1 ? { ...s, height: 16 } : s));
    expect(verify(root, moved, idx, honest)).toBe(false);
    // The tallest height halved: the indices no longer fit (a verifier-side error).
    const shorter = shapes.map((s) => ({ ...s, height: Math.max(1, s.height / 2) }));
    expect(() => verify(root, shorter, idx, honest)).toThrow(MerkleError);
    expect(verify(root, shorter, [3, 1], tree.open([3, 1]))).toBe(false);
  });

  it('rejects duplicate queries that open different rows', () => {
    // Queries 3 and 2 share the row of every matrix of height ≤ 16; make query 2's differ.
    const o = clone(tree.open([3, 2]));
    o.rows[1][1][0] = (o.rows[1][1][0] + 1) % 0x78000001;
    expect(verifyOpening(root, shapes, [3, 2], o).ok).toBe(false);
    const d = clone(tree.open([4, 4]));
    d.rows[1][0][0] ^= 1;
    expect(verifyOpening(root, shapes, [4, 4], d)).toEqual({
      ok: false,
      reason: 'queries 0 and 1 open different rows at level 0',
    });
  });

  it('returns a failure, never throws, for malformed openings', () => {
    const bads: unknown[] = [
      null,
      {},
      { rows: honest.rows.slice(1), siblings: honest.siblings },
      { rows: honest.rows.map((r) => r.slice(1)), siblings: honest.siblings },
      { rows: honest.rows.map((r) => r.map((x) => x.subarray(1))), siblings: honest.siblings },
      { rows: honest.rows.map((r) => r.map((x) => Array.from(x))), siblings: honest.siblings },
      { rows: honest.rows, siblings: honest.siblings.map((s) => s.subarray(1)) },
      { rows: honest.rows, siblings: [null] },
      { rows: [null, ...honest.rows.slice(1)], siblings: honest.siblings },
    ];
    for (const b of bads) {
      const r = verifyOpening(root, shapes, idx, b as MultiOpening);
      expect(r.ok).toBe(false);
    }
    const nc = clone(honest);
    nc.rows[0][0][0] = 0x78000001;
    expect(verifyOpening(root, shapes, idx, nc)).toEqual({
      ok: false,
      reason: 'query 0, matrix 0: word 0 = 2013265921 is not below p',
    });
  });

  it('throws typed errors for out-of-range indices and bad roots', () => {
    for (const bad of [[32], [-1], [1.5], [], [Number.NaN]]) {
      expect(() => tree.open(bad)).toThrow(MerkleError);
      expect(() => verify(root, shapes, bad, honest)).toThrow(MerkleError);
    }
    expect(() => tree.open([32])).toThrow('merkle: query index 32 is not an integer in [0, 32)');
    expect(() => verify(root.subarray(1), shapes, idx, honest)).toThrow(
      'merkle: root has 31 bytes, expected 32',
    );
    expect(() => tree.node(5, 1)).toThrow(MerkleError);
  });
});
