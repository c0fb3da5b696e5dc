import { describe, expect, it } from 'vitest';
import { add, GENERATOR, mul, P } from '../../src/field/babybear.js';
import { ldeColumns, ldeFromCoeffs } from '../../src/poly/lde.js';
import { cosetPoint, inttTs, ldeFromCoeffsTs, ldeTs, nttTs } from '../../src/poly/reference.js';
import { WasmVec } from '../../src/wasm/memory.js';
import { firstDiff, randomFelts } from './helpers.js';

function horner(coeffs: ArrayLike<number>, x: number): number {
  let acc = 0;
  for (let i = coeffs.length - 1; i >= 0; i--) acc = add(mul(acc, x), coeffs[i]);
  return acc;
}

function wasmLde(
  cols: Uint32Array[],
  logB: number,
  shift: number,
  order: 'natural' | 'bitrev',
): Uint32Array[] {
  const vecs = cols.map((c) => WasmVec.from(c));
  const out = ldeColumns(vecs, logB, shift, order);
  const res = out.map((v) => v.view.slice());
  for (const v of [...vecs, ...out]) v.free();
  return res;
}

describe('low-degree extension', () => {
  it('agrees with direct evaluation of the polynomial at every coset point (all blowups, both orders)', () => {
    for (const logn of [0, 1, 2, 3, 5, 6]) {
      const n = 1 << logn;
      const coeffs = randomFelts(n, 50 + logn);
      const evals = nttTs(coeffs.slice()); // values on ⟨ω_n⟩ of a polynomial of degree < n
      for (let logB = 1; logB <= 4; logB++) {
        for (const order of ['natural', 'bitrev'] as const) {
          for (const shift of [GENERATOR, 1, 7]) {
            const [got] = wasmLde([evals], logB, shift, order);
            const twin = ldeTs(evals, logB, shift, order);
            for (let i = 0; i < n << logB; i++) {
              const want = horner(coeffs, cosetPoint(logn + logB, shift, i, order));
              expect(got[i], `n=2^${logn} B=2^${logB} ${order} shift=${shift} i=${i}`).toBe(want);
              expect(twin[i]).toBe(want);
            }
          }
        }
      }
    }
  });

  it('equals the TS twin on many columns across the cache-block sizes', () => {
    for (const logn of [9, 13]) {
      const cols = [0, 1, 2].map((j) => randomFelts(1 << logn, 900 + 10 * logn + j));
      for (const logB of [1, 4]) {
        for (const order of ['natural', 'bitrev'] as const) {
          const got = wasmLde(cols, logB, GENERATOR, order);
          cols.forEach((c, j) => {
            expect(
              firstDiff(got[j], ldeTs(c, logB, GENERATOR, order)),
              `n=2^${logn} B=2^${logB} ${order} col ${j}`,
            ).toBe(-1);
          });
        }
      }
    }
  });

  it('keeps low degree: the top coefficients of the extension are zero', () => {
    const n = 256;
    const evals = randomFelts(n, 4242);
    const [ext] = wasmLde([evals], 2, 1, 'natural'); // shift 1: plain subgroup
    const coeffs = inttTs(ext.slice());
    expect(coeffs.subarray(n).every((x) => x === 0)).toBe(true);
    expect(Array.from(coeffs.subarray(0, n))).toEqual(Array.from(inttTs(evals.slice())));
    // On the subgroup with shift 1, every 4th point of the extension is an original point.
    for (let i = 0; i < n; i++) expect(ext[4 * i]).toBe(evals[i]);
  });

  it('leaves the inputs untouched and handles edge values', () => {
    const cols = [new Uint32Array(1024).fill(P - 1), new Uint32Array(1024)];
    const vecs = cols.map((c) => WasmVec.from(c));
    const out = ldeColumns(vecs, 3);
    expect(vecs[0].view.every((x) => x === P - 1)).toBe(true);
    expect(out[0].view.every((x) => x === P - 1)).toBe(true); // a constant stays constant
    expect(out[1].view.every((x) => x === 0)).toBe(true);
    for (const v of [...vecs, ...out]) v.free();
    expect(ldeColumns([], 1)).toEqual([]);
  });

  it('extends from coefficients: ldeFromCoeffs equals Horner, its twin, and ldeColumns of the values', () => {
    for (const logn of [0, 2, 5, 12]) {
      const n = 1 << logn;
      const coeffs = randomFelts(n, 70 + logn);
      for (const logB of [1, 3, 4]) {
        for (const order of ['natural', 'bitrev'] as const) {
          const v = WasmVec.from(coeffs);
          const [got] = ldeFromCoeffs([v], logB, GENERATOR, order);
          const gotView = got.view.slice();
          got.free();
          v.free();
          expect(firstDiff(gotView, ldeFromCoeffsTs(coeffs, logB, GENERATOR, order))).toBe(-1);
          expect(firstDiff(gotView, wasmLde([nttTs(coeffs.slice())], logB, GENERATOR, order)[0])).toBe(-1);
          if (logn <= 5) {
            for (let i = 0; i < n << logB; i++) {
              expect(gotView[i]).toBe(horner(coeffs, cosetPoint(logn + logB, GENERATOR, i, order)));
            }
          }
        }
      }
    }
  });
});
