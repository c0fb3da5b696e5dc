import { blake3 } from '@noble/hashes/blake3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPair, hashWords, pairsTs, rowsColumnsTs, rowsRowMajorTs } from '../../src/merkle/blake3.js';
import { allocScratch, hashRowsAt } from '../../src/merkle/hash.js';
import { hashNodes, hashPairs, hashRows, MerkleError } from '../../src/merkle/index.js';
import { free, WasmVec } from '../../src/wasm/memory.js';
import { bytesOf, digestAt, freeMatrix, LAYOUTS, makeMatrix, words } from './helpers.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('TS BLAKE3 twin', () => {
  it('equals noble blake3 for every length 0..300 words and multi-chunk lengths', () => {
    const lengths = [...Array.from({ length: 301 }, (_, i) => i)];
    // Chunk boundaries (256 words) and stack shapes up to 9 chunks, plus a 33-chunk row.
    for (let c = 2; c <= 9; c++) lengths.push(256 * c - 1, 256 * c, 256 * c + 1);
    lengths.push(256 * 33 + 7);
    const data = words(256 * 34, 7);
    const out = new Uint32Array(8);
    for (const n of lengths) {
      hashWords(data, 3, n, out, 0);
      expect(hex(bytesOf(out)), `n = ${n}`).toBe(hex(blake3(bytesOf(data.subarray(3, 3 + n)))));
    }
  });

  it('hashPair is blake3 of the 64 concatenated bytes', () => {
    fc.assert(
      fc.property(fc.uint32Array({ minLength: 16, maxLength: 16 }), (m) => {
        const out = new Uint32Array(8);
        hashPair(m, 0, m, 8, out, 0);
        return hex(bytesOf(out)) === hex(blake3(bytesOf(m)));
      }),
    );
  });
});

describe('node kernel', () => {
  it('matches noble per node, for counts with every tail length', () => {
    for (const count of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 33, 1000]) {
      const src = WasmVec.from(words(16 * count, count + 1));
      const dst = new WasmVec(8 * count + 8);
      dst.view.fill(0xdeadbeef);
      hashNodes(dst, src, count);
      const d = dst.view;
      const s = src.view;
      for (let i = 0; i < count; i++) {
        expect(hex(digestAt(d, i))).toBe(hex(blake3(bytesOf(s.subarray(16 * i, 16 * i + 16)))));
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
        pairsTs(twin, 0, src.view, 0, 16, src.view, 8, 16, count);
        const ok = hex(bytesOf(dst.view)) === hex(bytesOf(twin));
        src.free();
        dst.free();
        return ok;
      }),
      { numRuns: 40 },
    );
  });

  it('hashPairs combines two digest arrays, in place too', () => {
    const count = 11;
    const a = WasmVec.from(words(8 * count, 3));
    const b = WasmVec.from(words(8 * count, 4));
    const want = new Uint32Array(8 * count);
    pairsTs(want, 0, a.view, 0, 8, b.view, 0, 8, count);
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
  it('hash every width 1..300 exactly like noble, in every layout', () => {
    // 37 rows: one 32-row step (the column kernel's whole-line path), one 4-row step, a tail row.
    const h = 37;
    for (let w = 1; w <= 300; w++) {
      const rm = words(h * w, w);
      const want = Array.from({ length: h }, (_, i) => hex(blake3(bytesOf(rm.subarray(i * w, (i + 1) * w)))));
      for (const layout of LAYOUTS) {
        const m = makeMatrix(rm, h, w, layout);
        const dst = new WasmVec(8 * h);
        hashRows(dst, m);
        const got = Array.from({ length: h }, (_, i) => hex(digestAt(dst.view, i)));
        expect(got, `width ${w}, ${layout}`).toEqual(want);
        dst.free();
        freeMatrix(m);
      }
    }
  });

  it('hash multi-chunk rows exactly like noble', () => {
    for (const w of [511, 512, 513, 768, 1024, 1025, 2049]) {
      for (const h of [3, 33]) {
        const rm = words(h * w, w + h);
        for (const layout of LAYOUTS) {
          const m = makeMatrix(rm, h, w, layout);
          const dst = new WasmVec(8 * h);
          hashRows(dst, m);
          for (let i = 0; i < h; i++) {
            expect(hex(digestAt(dst.view, i)), `${w} × ${h} ${layout} row ${i}`).toBe(
              hex(blake3(bytesOf(rm.subarray(i * w, (i + 1) * w)))),
            );
          }
          dst.free();
          freeMatrix(m);
        }
      }
    }
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
          rowsRowMajorTs(twin, 0, rm, 0, w, h);
          const cols = Array.from({ length: w }, (_, j) =>
            Uint32Array.from({ length: h }, (_, i) => rm[i * w + j]),
          );
          const twin2 = new Uint32Array(8 * h);
          rowsColumnsTs(twin2, 0, cols, 0, h);
          if (hex(bytesOf(twin)) !== hex(bytesOf(twin2))) return false;
          for (const layout of LAYOUTS) {
            const m = makeMatrix(rm, h, w, layout);
            const dst = new WasmVec(8 * h);
            hashRows(dst, m);
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

  it('hash a row range alone (the split a worker takes), in every layout', () => {
    const h = 128;
    const w = 9;
    const rm = words(h * w, 11);
    const want = new Uint32Array(8 * h);
    rowsRowMajorTs(want, 0, rm, 0, w, h);
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
        hashRowsAt(dst.ptr, m, row0, count, s);
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
    expect(() => hashRows(small, { layout: 'row-major', data, height: 2, width: 5 })).toThrow(
      /dst has 8 words, need 16/,
    );
    small.free();
    data.free();
    dst.free();
  });
});
