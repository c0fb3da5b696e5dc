// The row selectors are one polynomial each, wherever they are evaluated: the 0/1 columns that
// the debug checker and the LogUp aux builder use on H, the prover's columns on the quotient
// coset, and the verifier's formula at ζ. A selector that is ω (not 1) on the last row, or
// ω^i − ω^−1 (not 1) on the others, let a forged proof through; these tests pin all three.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mul, P, rootOfUnity } from '../../src/field/babybear.js';
import { extFromBase } from '../../src/field/ext.js';
import { evalAtExt } from '../../src/poly/evaluate.js';
import { inttTs } from '../../src/poly/reference.js';
import { selectorColumns } from '../../src/prover/selectors.js';
import { LDE_SHIFT, selectorsAt } from '../../src/stark/domain.js';

/** The selector columns on H as the debug checker and the aux builder define them. */
function onH(n: number) {
  const first = new Uint32Array(n);
  const last = new Uint32Array(n);
  const transition = new Uint32Array(n).fill(1);
  first[0] = 1;
  last[n - 1] = 1;
  transition[n - 1] = 0;
  return { first, last, transition };
}

const extArb = fc.tuple(
  fc.integer({ min: 0, max: P - 1 }),
  fc.integer({ min: 0, max: P - 1 }),
  fc.integer({ min: 1, max: P - 1 }),
  fc.integer({ min: 0, max: P - 1 }),
);

describe('row selectors', () => {
  it('the verifier evaluates the interpolant of the 0/1 columns on H, at random points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), extArb, (logN, z4) => {
        const n = 2 ** logN;
        const z = Uint32Array.from(z4);
        const h = onH(n);
        const at = selectorsAt(logN, z);
        expect([...at.isFirst]).toEqual([...evalAtExt(inttTs(h.first), z)]);
        expect([...at.isLast]).toEqual([...evalAtExt(inttTs(h.last), z)]);
        expect([...at.isTransition]).toEqual([...evalAtExt(inttTs(h.transition), z)]);
      }),
      { numRuns: 60 },
    );
  });

  it("the prover's quotient-coset columns are the same polynomials, point by point", () => {
    for (const [logN, logM] of [
      [2, 3],
      [3, 4],
      [4, 6],
      [5, 6],
    ]) {
      const n = 2 ** logN;
      const m = 2 ** logM;
      const h = onH(n);
      const coeffs = { first: inttTs(h.first), last: inttTs(h.last), transition: inttTs(h.transition) };
      const sel = selectorColumns(logN, logM);
      try {
        const w = rootOfUnity(logM);
        for (let i = 0, x = LDE_SHIFT; i < m; i++, x = mul(x, w)) {
          const zx = extFromBase(x);
          expect(sel.isFirst.view[i]).toBe(evalAtExt(coeffs.first, zx)[0]);
          expect(sel.isLast.view[i]).toBe(evalAtExt(coeffs.last, zx)[0]);
          expect(sel.isTransition.view[i]).toBe(evalAtExt(coeffs.transition, zx)[0]);
          const at = selectorsAt(logN, zx);
          expect(sel.isLast.view[i]).toBe(at.isLast[0]);
          expect(sel.isTransition.view[i]).toBe(at.isTransition[0]);
        }
      } finally {
        sel.free();
      }
    }
  });
});
