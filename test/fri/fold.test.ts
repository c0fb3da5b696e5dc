import { describe, expect, it } from 'vitest';
import { inv, mul, neg, P, pow, sub } from '../../src/field/babybear.js';
import { extAdd, extMul, extMulBase, extPow } from '../../src/field/ext.js';
import { invHalfPoint, invHalfTable, layerPoint, layerShift } from '../../src/fri/domain.js';
import { interpolateFinal } from '../../src/fri/final-poly.js';
import { foldGroup, foldLayerTs, rollInCoefficient } from '../../src/fri/fold.js';
import { foldLayerWasm } from '../../src/fri/fold-wasm.js';
import { INSECURE_TEST_PARAMS } from '../../src/fri/params.js';
import { proveFri } from '../../src/fri/prover.js';
import { reverseBits } from '../../src/poly/bits.js';
import { WasmVec } from '../../src/wasm/memory.js';
import { lowDegreeCodeword, proveRandom, randomFelts, rng, transcript } from './helpers.js';

/** The degree < A interpolant through (xs[t], values[t]) evaluated at z, by Lagrange's formula. */
function lagrangeAt(xs: number[], values: Uint32Array, z: Uint32Array): Uint32Array {
  let acc: Uint32Array = new Uint32Array(4);
  for (let t = 0; t < xs.length; t++) {
    let num: Uint32Array = values.slice(4 * t, 4 * t + 4);
    let den = 1;
    for (let s = 0; s < xs.length; s++) {
      if (s === t) continue;
      const zm = Uint32Array.from(z);
      zm[0] = sub(zm[0], xs[s]);
      num = extMul(num, zm);
      den = mul(den, sub(xs[t], xs[s]));
    }
    acc = extAdd(acc, extMulBase(num, inv(den)));
  }
  return acc;
}

describe('FRI domain', () => {
  it('pairs ±x and gives 1/(2x) in the table and per point', () => {
    for (const [logMax, logM] of [
      [6, 6],
      [6, 4],
      [9, 3],
      [5, 1],
    ]) {
      const table = invHalfTable(logMax, logM);
      expect(table.length).toBe(2 ** (logM - 1));
      for (let i = 0; i < table.length; i++) {
        const x = layerPoint(logMax, logM, 2 * i);
        expect(layerPoint(logMax, logM, 2 * i + 1)).toBe(neg(x));
        expect(invHalfPoint(logMax, logM, i)).toBe(inv(mul(2, x)));
        expect(table[i]).toBe(invHalfPoint(logMax, logM, i));
      }
    }
  });

  it('maps entry i of a layer to entry i >> a of the layer 2^a times smaller, raising to 2^a', () => {
    for (const a of [1, 2, 3]) {
      for (let i = 0; i < 64; i++) {
        expect(pow(layerPoint(8, 6, i), 2 ** a)).toBe(layerPoint(8, 6 - a, i >> a));
      }
    }
    expect(layerShift(8, 8)).toBe(31);
    expect(reverseBits(0b0011, 4)).toBe(0b1100);
  });
});

describe('FRI folding', () => {
  it('folds a group to its interpolant at β (Lagrange), for arities 2..16', () => {
    const next = rng(7);
    for (const a of [1, 2, 3, 4]) {
      for (const [logMax, logN] of [
        [7, 7],
        [7, 5],
        [9, 4],
      ]) {
        const A = 2 ** a;
        const beta = randomFelts(next, 4);
        const groups = 2 ** (logN - a);
        for (const j of [0, 1, groups - 1]) {
          const values = randomFelts(next, 4 * A);
          const xs = Array.from({ length: A }, (_, t) => layerPoint(logMax, logN, j * A + t));
          expect(foldGroup(values, logMax, logN, a, j, beta)).toEqual(lagrangeAt(xs, values, beta));
        }
      }
    }
  });

  it('folds whole layers as the verifier folds groups, for arities 2, 4, 8', () => {
    const next = rng(11);
    for (const a of [1, 2, 3]) {
      const logMax = 8;
      const logN = 7;
      const src = randomFelts(next, 4 * 2 ** logN);
      const beta = randomFelts(next, 4);
      const tables: Uint32Array[] = [];
      for (let l = logN; l > logN - a; l--) tables[l] = invHalfTable(logMax, l);
      const dst = new Uint32Array((4 * 2 ** logN) / 2 ** a);
      foldLayerTs(dst, src, logN, a, beta, tables, new Uint32Array(2 * 2 ** logN));
      const A = 2 ** a;
      for (let j = 0; j < dst.length / 4; j++) {
        const g = foldGroup(src.subarray(4 * A * j, 4 * A * (j + 1)), logMax, logN, a, j, beta);
        expect(dst.slice(4 * j, 4 * j + 4)).toEqual(g);
      }
    }
  });

  it('keeps low degree: folding by 2^a divides the degree bound by 2^a', () => {
    const next = rng(3);
    for (const a of [1, 2, 3]) {
      const logB = 1;
      const logH = 5;
      const logN = logH + logB;
      const src = lowDegreeCodeword(next, logH, logB);
      const beta = randomFelts(next, 4);
      const tables: Uint32Array[] = [];
      for (let l = logN; l > logN - a; l--) tables[l] = invHalfTable(logN, l);
      const dst = new Uint32Array(src.length / 2 ** a);
      foldLayerTs(dst, src, logN, a, beta, tables, new Uint32Array(src.length * 2));
      // Low degree in the folded layer's coordinate: < 2^(logH − a) coefficients.
      expect(() => interpolateFinal(dst, logN - a, layerShift(logN, logN - a), logH - a)).not.toThrow();
      expect(() => interpolateFinal(dst, logN - a, layerShift(logN, logN - a), logH - a - 1)).toThrow(
        /degree/,
      );
    }
  });

  it('rolls in with β^(2^a)', () => {
    const beta = randomFelts(rng(5), 4);
    for (const a of [1, 2, 3]) expect(rollInCoefficient(beta, a)).toEqual(extPow(beta, 2 ** a));
  });
});

describe('FRI folding kernel (wasm) against its TS twin', () => {
  it('is bit-identical for arities 2..16, sizes 2^1..2^12, random and extreme values', () => {
    const next = rng(99);
    for (const a of [1, 2, 3, 4]) {
      for (const logN of [a, a + 1, 9, 12]) {
        const logMax = logN + 1;
        const src = randomFelts(next, 4 * 2 ** logN);
        // Extreme words: 0, 1, p − 1 in the first points.
        for (let i = 0; i < Math.min(src.length, 24); i++) src[i] = [0, 1, P - 1][i % 3];
        const beta = randomFelts(next, 4);
        const tables: Uint32Array[] = [];
        const wt: WasmVec[] = [];
        for (let l = logN; l > logN - a; l--) {
          tables[l] = invHalfTable(logMax, l);
          wt[l] = WasmVec.from(tables[l]);
        }
        const want = new Uint32Array(src.length / 2 ** a);
        foldLayerTs(want, src, logN, a, beta, tables, new Uint32Array(2 * 2 ** logN));
        const s = WasmVec.from(src);
        const d = new WasmVec(want.length);
        const tmp = new WasmVec(2 * 2 ** logN);
        try {
          foldLayerWasm(d, s, logN, a, beta, wt, tmp);
          expect(d.view).toEqual(want);
          expect(s.view).toEqual(src);
        } finally {
          for (const v of [s, d, tmp, ...wt.filter((x) => x !== undefined)]) v.free();
        }
      }
    }
  });

  it('gives the same proof as the TS path', () => {
    for (const a of [1, 2, 3]) {
      const params = { ...INSECURE_TEST_PARAMS, logFoldingArity: a };
      const rt = proveRandom(params, [9, 6, 3], 500 + a);
      const ts = proveFri(transcript(), params, rt.codewords, { fold: 'ts' });
      expect(ts.proof).toEqual(rt.proof);
    }
  });
});
