import { blake3 } from '@noble/hashes/blake3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Blake3Mode,
  digestBytes,
  HASH,
  hashLeaf,
  hashNode,
  hashPair,
  hashWords,
  KEYED_HASH,
  type KernelMode,
  keyedMode,
  MERKLE_LEAF,
  MERKLE_NODE,
  pairsTs,
  rowsColumnsTs,
  rowsRowMajorTs,
} from '../../src/merkle/blake3.js';
import { allocScratch, hashRowsAt, keyPtr } from '../../src/merkle/hash.js';
import { hashLeaves, hashNodes, hashPairs, hashRows, MerkleError } from '../../src/merkle/index.js';
import { kernels } from '../../src/wasm/kernels.js';
import { free, WasmVec, wasmMemory } from '../../src/wasm/memory.js';
import { bytesOf, digestAt, freeMatrix, LAYOUTS, makeMatrix, words } from './helpers.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => new TextEncoder().encode(s);

// The reference for every mode: noble's blake3, plain or with { key }. The Merkle keys come from
// their domain strings here, independently of src/merkle.
const LEAF_KEY = blake3(ascii('rvstark merkle leaf v2'));
const NODE_KEY = blake3(ascii('rvstark merkle node v2'));
const MODES: [string, KernelMode, (b: Uint8Array) => Uint8Array][] = [
  ['plain', HASH, (b) => blake3(b)],
  ['leaf', MERKLE_LEAF, (b) => blake3(b, { key: LEAF_KEY })],
  ['node', MERKLE_NODE, (b) => blake3(b, { key: NODE_KEY })],
];
const nobleLeaf = (b: Uint8Array) => blake3(b, { key: LEAF_KEY });
const nobleNode = (b: Uint8Array) => blake3(b, { key: NODE_KEY });

/** A mode's key splatted over 4 lanes in wasm memory, as the kernels read it (any key). */
function splatKey(mode: Blake3Mode): WasmVec {
  const v = new WasmVec(32);
  for (let j = 0; j < 8; j++) v.view.fill(mode.key[j], 4 * j, 4 * j + 4);
  return v;
}

describe('modes and keys', () => {
  it('derive the Merkle keys from their documented domain strings', () => {
    expect(hex(digestBytes(MERKLE_LEAF.key, 0))).toBe(
      'b9a4b97abc04ef1d7b69c35d905b57ba004175a96af495ed267e75f27a8a3e8d',
    );
    expect(hex(digestBytes(MERKLE_NODE.key, 0))).toBe(
      'aaed9ef5c76e24eddd04a4eafd2718ec954d4c230b67352b22112e1005733c07',
    );
    expect(hex(digestBytes(MERKLE_LEAF.key, 0))).toBe(hex(LEAF_KEY));
    expect(hex(digestBytes(MERKLE_NODE.key, 0))).toBe(hex(NODE_KEY));
    expect(MERKLE_LEAF.flags).toBe(KEYED_HASH);
    expect(MERKLE_NODE.flags).toBe(KEYED_HASH);
    expect(HASH.flags).toBe(0);
  });

  it('the kernels hold the same keys, splatted, in their key table', () => {
    for (const mode of [HASH, MERKLE_LEAF, MERKLE_NODE]) {
      const table = new Uint32Array(wasmMemory().buffer, keyPtr(mode), 32);
      const want = splatKey(mode);
      expect(Array.from(table)).toEqual(Array.from(want.view));
      want.free();
    }
  });

  it('keyedMode rejects keys that are not 32 bytes', () => {
    expect(() => keyedMode(new Uint8Array(31))).toThrow(RangeError);
  });
});

describe('TS BLAKE3 twin', () => {
  it('equals noble blake3 in every mode for every length 0..300 words and multi-chunk lengths', () => {
    const lengths = [...Array.from({ length: 301 }, (_, i) => i)];
    // Chunk boundaries (256 words) and stack shapes up to 9 chunks, plus a 33-chunk row.
    for (let c = 2; c <= 9; c++) lengths.push(256 * c - 1, 256 * c, 256 * c + 1);
    lengths.push(256 * 33 + 7);
    const data = words(256 * 34, 7);
    const out = new Uint32Array(8);
    for (const [name, mode, ref] of MODES) {
      for (const n of lengths) {
        hashWords(mode, data, 3, n, out, 0);
        expect(hex(bytesOf(out)), `${name}, n = ${n}`).toBe(hex(ref(bytesOf(data.subarray(3, 3 + n)))));
      }
    }
  });

  it('equals noble keyed blake3 under any key, multi-chunk included (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 0, max: 1100 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (key, n, seed) => {
          const data = words(n, seed);
          const out = new Uint32Array(8);
          hashWords(keyedMode(key), data, 0, n, out, 0);
          return hex(bytesOf(out)) === hex(blake3(bytesOf(data), { key }));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('hashNode and hashPair are keyed blake3 of the 64 concatenated bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 16, maxLength: 16 }), (m) => {
        const out = new Uint32Array(8);
        hashNode(m, 0, m, 8, out, 0);
        if (hex(bytesOf(out)) !== hex(nobleNode(bytesOf(m)))) return false;
        for (const [, mode, ref] of MODES) {
          hashPair(mode, m, 0, m, 8, out, 0);
          if (hex(bytesOf(out)) !== hex(ref(bytesOf(m)))) return false;
        }
        return true;
      }),
    );
  });

  it('hashLeaf is keyed blake3 of the row bytes under the leaf key (property)', () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 0, maxLength: 600 }), (row) => {
        const out = new Uint32Array(8);
        hashLeaf(row, 0, row.length, out, 0);
        return hex(bytesOf(out)) === hex(nobleLeaf(bytesOf(row)));
      }),
      { numRuns: 60 },
    );
  });

  it('a leaf and a node over the same 64 bytes differ (property)', () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 16, maxLength: 16 }), (m) => {
        const l = new Uint32Array(8);
        const n = new Uint32Array(8);
        hashLeaf(m, 0, 16, l, 0);
        hashNode(m, 0, m, 8, n, 0);
        return hex(bytesOf(l)) !== hex(bytesOf(n));
      }),
    );
  });
});

describe('node kernel', () => {
  it('matches noble keyed blake3 (node key) per node, for counts with every tail length', () => {
    for (const count of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 33, 1000]) {
      const src = WasmVec.from(words(16 * count, count + 1));
      const dst = new WasmVec(8 * count + 8);
      dst.view.fill(0xdeadbeef);
      hashNodes(dst, src, count);
      const d = dst.view;
      const s = src.view;
      for (let i = 0; i < count; i++) {
        expect(hex(digestAt(d, i))).toBe(hex(nobleNode(bytesOf(s.subarray(16 * i, 16 * i + 16)))));
      }
      // Nothing written past the last digest.
      expect(Array.from(d.subarray(8 * count))).toEqual(new Array(8).fill(0xdeadbeef));
      src.free();
      dst.free();
    }
  });

  it('matches its TS twin on random layers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 2 ** 31 }), (count, seed) => {
        const src = WasmVec.from(words(16 * count, seed));
        const dst = new WasmVec(8 * count);
        hashNodes(dst, src, count);
        const twin = new Uint32Array(8 * count);
        pairsTs(MERKLE_NODE, twin, 0, src.view, 0, 16, src.view, 8, 16, count);
        const ok = hex(bytesOf(dst.view)) === hex(bytesOf(twin));
        src.free();
        dst.free();
        return ok;
      }),
      { numRuns: 40 },
    );
  });

  it('is keyed blake3 under any key and its twin agrees (property, raw kernel)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 1, max: 13 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (key, count, seed) => {
          const mode = keyedMode(key);
          const k = splatKey(mode);
          const src = WasmVec.from(words(16 * count, seed));
          const dst = new WasmVec(8 * count);
          const s = allocScratch();
          kernels().blake3Pairs(dst.ptr, src.ptr, 64, src.ptr + 32, 64, count, k.ptr, mode.flags, s);
          free(s);
          const twin = new Uint32Array(8 * count);
          pairsTs(mode, twin, 0, src.view, 0, 16, src.view, 8, 16, count);
          let ok = hex(bytesOf(dst.view)) === hex(bytesOf(twin));
          for (let i = 0; i < count; i++) {
            const want = blake3(bytesOf(src.view.subarray(16 * i, 16 * i + 16)), { key });
            ok &&= hex(digestAt(dst.view, i)) === hex(want);
          }
          for (const v of [k, src, dst]) v.free();
          return ok;
        },
      ),
      { numRuns: 40 },
    );
  });

  it('hashPairs combines two digest arrays, in place too', () => {
    const count = 11;
    const a = WasmVec.from(words(8 * count, 3));
    const b = WasmVec.from(words(8 * count, 4));
    const want = new Uint32Array(8 * count);
    pairsTs(MERKLE_NODE, want, 0, a.view, 0, 8, b.view, 0, 8, count);
    hashPairs(a, a, b, count);
    expect(hex(bytesOf(a.view))).toBe(hex(bytesOf(want)));
    a.free();
    b.free();
  });

  it('rejects short buffers and bad counts with a typed error', () => {
    const v = new WasmVec(16);
    expect(() => hashNodes(v, v, 2)).toThrow(MerkleError);
    expect(() => hashNodes(v, v, 1.5)).toThrow(/count 1.5/);
    const u = new WasmVec(8);
    try {
      hashNodes(u, u, 1);
      expect.unreachable();
    } catch (e) {
      expect((e as MerkleError).kind).toBe('bad-length');
      expect((e as MerkleError).message).toBe('hashNodes: src has 8 words, need 16');
    }
    u.free();
    v.free();
  });
});

describe('leaf kernels', () => {
  it('hash every width 1..300 exactly like noble (leaf key), in every layout', () => {
    // 37 rows: one 32-row step (the column kernel's whole-line path), one 4-row step, a tail row.
    const h = 37;
    for (let w = 1; w <= 300; w++) {
      const rm = words(h * w, w);
      const want = Array.from({ length: h }, (_, i) =>
        hex(nobleLeaf(bytesOf(rm.subarray(i * w, (i + 1) * w)))),
      );
      for (const layout of LAYOUTS) {
        const m = makeMatrix(rm, h, w, layout);
        const dst = new WasmVec(8 * h);
        hashLeaves(dst, m);
        const got = Array.from({ length: h }, (_, i) => hex(digestAt(dst.view, i)));
        expect(got, `width ${w}, ${layout}`).toEqual(want);
        dst.free();
        freeMatrix(m);
      }
    }
  });

  it('hash multi-chunk rows exactly like noble, in every mode', () => {
    for (const w of [511, 512, 513, 768, 1024, 1025, 2049]) {
      for (const h of [3, 33]) {
        const rm = words(h * w, w + h);
        for (const layout of LAYOUTS) {
          const m = makeMatrix(rm, h, w, layout);
          const dst = new WasmVec(8 * h);
          for (const [name, mode, ref] of MODES) {
            if (mode === MERKLE_NODE) continue;
            hashRows(dst, m, mode);
            for (let i = 0; i < h; i++) {
              expect(hex(digestAt(dst.view, i)), `${name} ${w} × ${h} ${layout} row ${i}`).toBe(
                hex(ref(bytesOf(rm.subarray(i * w, (i + 1) * w)))),
              );
            }
          }
          dst.free();
          freeMatrix(m);
        }
      }
    }
  });

  it('hashRows defaults to the plain hash (the prover grinds with it)', () => {
    const rm = words(40 * 10, 12);
    const m = makeMatrix(rm, 40, 10, 'row-major');
    const dst = new WasmVec(8 * 40);
    hashRows(dst, m);
    for (let i = 0; i < 40; i++) {
      expect(hex(digestAt(dst.view, i))).toBe(hex(blake3(bytesOf(rm.subarray(10 * i, 10 * i + 10)))));
    }
    dst.free();
    freeMatrix(m);
  });

  it('match their TS twins on random matrices (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (h, w, seed) => {
          const rm = words(h * w, seed);
          const twin = new Uint32Array(8 * h);
          rowsRowMajorTs(MERKLE_LEAF, twin, 0, rm, 0, w, h);
          const cols = Array.from({ length: w }, (_, j) =>
            Uint32Array.from({ length: h }, (_, i) => rm[i * w + j]),
          );
          const twin2 = new Uint32Array(8 * h);
          rowsColumnsTs(MERKLE_LEAF, twin2, 0, cols, 0, h);
          if (hex(bytesOf(twin)) !== hex(bytesOf(twin2))) return false;
          for (const layout of LAYOUTS) {
            const m = makeMatrix(rm, h, w, layout);
            const dst = new WasmVec(8 * h);
            hashLeaves(dst, m);
            const ok = hex(bytesOf(dst.view)) === hex(bytesOf(twin));
            dst.free();
            freeMatrix(m);
            if (!ok) return false;
          }
          return true;
        },
      ),
      { numRuns: 30 },
    );
  });

  it('are keyed blake3 under any key, multi-chunk rows included (property, raw kernels)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(1, 15, 16, 17, 255, 256, 257, 300, 513, 1100),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (key, h, w, seed) => {
          const mode = keyedMode(key);
          const k = splatKey(mode);
          const rm = words(h * w, seed);
          const want = new Uint32Array(8 * h);
          rowsRowMajorTs(mode, want, 0, rm, 0, w, h);
          let ok = true;
          for (let i = 0; i < h; i++) {
            ok &&= hex(digestAt(want, i)) === hex(blake3(bytesOf(rm.subarray(i * w, (i + 1) * w)), { key }));
          }
          const s = allocScratch();
          for (const layout of LAYOUTS) {
            const m = makeMatrix(rm, h, w, layout);
            const dst = new WasmVec(8 * h);
            if (m.layout === 'row-major') {
              kernels().blake3RowsRowMajor(dst.ptr, m.data.ptr, w, h, k.ptr, mode.flags, s);
            } else {
              const table = WasmVec.from(
                m.layout === 'col-major'
                  ? Array.from({ length: w }, (_, j) => m.data.ptr + 4 * j * h)
                  : m.columns.map((c) => c.ptr),
              );
              kernels().blake3RowsColumns(dst.ptr, table.ptr, w, 0, h, k.ptr, mode.flags, s);
              table.free();
            }
            ok &&= hex(bytesOf(dst.view)) === hex(bytesOf(want));
            dst.free();
            freeMatrix(m);
          }
          free(s);
          k.free();
          return ok;
        },
      ),
      { numRuns: 25 },
    );
  });

  it('hash a row range alone (the split a worker takes), in every layout', () => {
    const h = 128;
    const w = 9;
    const rm = words(h * w, 11);
    const want = new Uint32Array(8 * h);
    rowsRowMajorTs(MERKLE_LEAF, want, 0, rm, 0, w, h);
    const s = allocScratch();
    for (const layout of LAYOUTS) {
      const m = makeMatrix(rm, h, w, layout);
      for (const [row0, count] of [
        [5, 40],
        [32, 64],
        [127, 1],
        [0, 0],
      ]) {
        const dst = new WasmVec(8 * count + 8);
        hashRowsAt(dst.ptr, m, row0, count, s, MERKLE_LEAF);
        expect(hex(bytesOf(dst.view.subarray(0, 8 * count))), `${layout} ${row0}+${count}`).toBe(
          hex(bytesOf(want.subarray(8 * row0, 8 * (row0 + count)))),
        );
        dst.free();
      }
      freeMatrix(m);
    }
    free(s);
  });

  it('rejects a matrix whose buffer has the wrong length', () => {
    const data = new WasmVec(10);
    const dst = new WasmVec(32);
    expect(() => hashRows(dst, { layout: 'row-major', data, height: 4, width: 3 })).toThrow(
      'merkle: matrix 0 has 10 words, expected 12 (4 rows × 3 columns)',
    );
    const small = new WasmVec(8);
    expect(() => hashLeaves(small, { layout: 'row-major', data, height: 2, width: 5 })).toThrow(
      /dst has 8 words, need 16/,
    );
    small.free();
    data.free();
    dst.free();
  });
});
