import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, GENERATOR, mul, P, pow, rootOfUnity } from '../../src/field/babybear.js';
import { ext, extAdd, extMulBase, extPow } from '../../src/field/ext.js';
import { evalAt, evalAtExt, evalColumnsAtExt, evalColumnsAtExtTs } from '../../src/poly/evaluate.js';
import { cosetNttTs, inttTs, nttTs } from '../../src/poly/reference.js';
import { WasmVec } from '../../src/wasm/memory.js';
import { randomFelts } from './helpers.js';

const felt = fc.integer({ min: 0, max: P - 1 });
const extPoint = fc.tuple(felt, felt, felt, felt).map(([a, b, c, d]) => ext(a, b, c, d));

/** Σ c_i·z^i by explicit powers: the definition, independent of Horner. */
function naiveExt(coeffs: Uint32Array, z: Uint32Array): Uint32Array {
  let acc = ext();
  for (let i = 0; i < coeffs.length; i++) acc = extAdd(acc, extMulBase(extPow(z, i), coeffs[i]));
  return acc;
}

describe('evaluation at a point', () => {
  it('Horner at a base point matches the explicit sum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), felt, fc.integer(), (len, x, seed) => {
        const c = randomFelts(len, seed);
        let want = 0;
        for (let i = 0; i < len; i++) want = add(want, mul(c[i], pow(x, i)));
        return evalAt(c, x) === want;
      }),
      { numRuns: 50 },
    );
  });

  it('Horner at an extension point matches the explicit sum, and the base case for base points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 }), extPoint, fc.integer(), (len, z, seed) => {
        const c = randomFelts(len, seed);
        const got = evalAtExt(c, z);
        const base = evalAtExt(c, ext(z[0]));
        return (
          Array.from(got).join() === Array.from(naiveExt(c, z)).join() &&
          Array.from(base).join() === [evalAt(c, z[0]), 0, 0, 0].join()
        );
      }),
      { numRuns: 40 },
    );
  });

  it('evaluates at the NTT points: evalAt(coeffs, ω^k) = ntt(coeffs)[k]', () => {
    const c = randomFelts(64, 5);
    const e = nttTs(c.slice());
    const w = rootOfUnity(6);
    for (let k = 0; k < 64; k++) expect(evalAt(c, pow(w, k))).toBe(e[k]);
  });
});

describe('barycentric evaluation of columns at an extension point', () => {
  it('equals Horner on the interpolated coefficients, wasm and TS, on the subgroup and on a coset', () => {
    for (const logN of [0, 1, 3, 8, 11]) {
      const n = 1 << logN;
      const coeffs = [randomFelts(n, 10 + logN), randomFelts(n, 20 + logN), new Uint32Array(n).fill(P - 1)];
      const z = ext(123456789, 987654321, 5, P - 2);
      for (const shift of [1, GENERATOR]) {
        const evals = coeffs.map((c) => cosetNttTs(c.slice(), shift));
        const want = coeffs.map((c) => Array.from(evalAtExt(c, z)));
        const vecs = evals.map((e) => WasmVec.from(e));
        const got = evalColumnsAtExt(vecs, shift, z).map((x) => Array.from(x));
        for (const v of vecs) v.free();
        expect(got, `n=2^${logN} shift=${shift}`).toEqual(want);
        expect(evalColumnsAtExtTs(evals, shift, z).map((x) => Array.from(x))).toEqual(want);
      }
    }
  });

  it('returns the stored value when the point lies in the domain', () => {
    const evals = randomFelts(32, 77);
    const v = WasmVec.from(evals);
    const w = rootOfUnity(5);
    const z = ext(mul(GENERATOR, pow(w, 9)));
    expect(Array.from(evalColumnsAtExt([v], GENERATOR, z)[0])).toEqual([evals[9], 0, 0, 0]);
    expect(Array.from(evalColumnsAtExtTs([evals], GENERATOR, z)[0])).toEqual([evals[9], 0, 0, 0]);
    v.free();
  });

  it('agrees with Horner for random points (property)', () => {
    const c = randomFelts(128, 31337);
    const evals = WasmVec.from(cosetNttTs(c.slice(), GENERATOR));
    const coeffsBack = inttTs(nttTs(c.slice()));
    expect(coeffsBack).toEqual(c);
    fc.assert(
      fc.property(extPoint, (z) => {
        const [got] = evalColumnsAtExt([evals], GENERATOR, z);
        return Array.from(got).join() === Array.from(evalAtExt(c, z)).join();
      }),
      { numRuns: 20 },
    );
    evals.free();
  });
});
