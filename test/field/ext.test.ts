import { Field } from '@noble/curves/abstract/modular.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { P } from '../../src/field/babybear.js';
import { FieldError } from '../../src/field/errors.js';
import {
  type ExtFelt,
  ext,
  extAdd,
  extDiv,
  extEq,
  extFromBase,
  extInv,
  extIsBase,
  extIsZero,
  extMul,
  extMulAt,
  extMulBase,
  extNeg,
  extOne,
  extPow,
  extSquare,
  extSub,
  extZero,
  isCanonicalExt,
  W,
} from '../../src/field/ext.js';
import { EDGE, PB, randFelt, rng } from './helpers.js';

// BigInt reference: polynomials of degree < 4 reduced by x^4 = W.
type Big4 = [bigint, bigint, bigint, bigint];
const toBig = (a: ExtFelt): Big4 => [BigInt(a[0]), BigInt(a[1]), BigInt(a[2]), BigInt(a[3])];
const fromBig = (c: bigint[]): number[] => c.map((x) => Number(((x % PB) + PB) % PB));
function mulRef(a: Big4, b: Big4): number[] {
  const t = new Array<bigint>(7).fill(0n);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) t[i + j] += a[i] * b[j];
  return fromBig([t[0] + BigInt(W) * t[4], t[1] + BigInt(W) * t[5], t[2] + BigInt(W) * t[6], t[3]]);
}
function powRef(a: Big4, e: bigint): number[] {
  let r: Big4 = [1n, 0n, 0n, 0n];
  let b = a;
  const big4 = (x: number[]): Big4 => [BigInt(x[0]), BigInt(x[1]), BigInt(x[2]), BigInt(x[3])];
  while (e > 0n) {
    if (e & 1n) r = big4(mulRef(r, b));
    b = big4(mulRef(b, b));
    e >>= 1n;
  }
  return fromBig(r);
}

const arr = (x: ExtFelt) => Array.from(x);
const edgeCoeff = fc.oneof(fc.integer({ min: 0, max: P - 1 }), fc.constantFrom(...EDGE));
const extArb = fc.tuple(edgeCoeff, edgeCoeff, edgeCoeff, edgeCoeff).map(([a, b, c, d]) => ext(a, b, c, d));

function sample(n: number, seed: number): ExtFelt[] {
  const r = rng(seed);
  const out: ExtFelt[] = [
    ext(),
    ext(1),
    ext(P - 1, P - 1, P - 1, P - 1),
    ext(0, 0, 0, 1),
    ext(0, P - 1, 0, P - 1),
  ];
  for (const e of EDGE) out.push(ext(e, P - 1 - e, e, e));
  while (out.length < n) out.push(ext(randFelt(r), randFelt(r), randFelt(r), randFelt(r)));
  return out;
}

describe('quartic extension against a BigInt reference', () => {
  const xs = sample(80, 7);

  it('11 is a quadratic non-residue, so x^4 − 11 is irreducible over BabyBear', () => {
    const F = Field(PB);
    expect(F.pow(BigInt(W), (PB - 1n) / 2n)).toBe(PB - 1n);
  });

  it('mul, square, add, sub, neg, mulBase on all pairs of samples', () => {
    const got: number[][] = [];
    const want: number[][] = [];
    for (const a of xs) {
      got.push(arr(extSquare(a)), arr(extNeg(a)), arr(extMulBase(a, a[2])));
      want.push(
        mulRef(toBig(a), toBig(a)),
        fromBig(toBig(a).map((x) => -x)),
        fromBig(toBig(a).map((x) => x * BigInt(a[2]))),
      );
      for (const b of xs) {
        got.push(arr(extMul(a, b)), arr(extAdd(a, b)), arr(extSub(a, b)));
        const A = toBig(a);
        const B = toBig(b);
        want.push(mulRef(A, B), fromBig(A.map((x, i) => x + B[i])), fromBig(A.map((x, i) => x - B[i])));
      }
    }
    expect(got).toEqual(want);
  });

  it('products with the largest coefficients (sums near 34·p^2)', () => {
    for (let d = 0; d < 8; d++) {
      const a = ext(P - 1 - d, P - 1, P - 1 - 2 * d, P - 1);
      const b = ext(P - 1, P - 1 - d, P - 1, P - 1 - 3 * d);
      expect(arr(extMul(a, b))).toEqual(mulRef(toBig(a), toBig(b)));
      expect(arr(extSquare(a))).toEqual(mulRef(toBig(a), toBig(a)));
    }
  });

  it('inverse, division and pow', () => {
    for (const a of xs.slice(1, 40)) {
      expect(arr(extMul(a, extInv(a)))).toEqual([1, 0, 0, 0]);
      expect(arr(extDiv(a, a))).toEqual([1, 0, 0, 0]);
      for (const e of [0n, 1n, 2n, 5n, 123456789n, PB ** 4n - 2n]) {
        expect(arr(extPow(a, e))).toEqual(powRef(toBig(a), e));
      }
      expect(arr(extPow(a, 1000))).toEqual(powRef(toBig(a), 1000n));
      // a^(p^4 − 1) = 1: the multiplicative group has order p^4 − 1.
      expect(arr(extPow(a, PB ** 4n - 1n))).toEqual([1, 0, 0, 0]);
    }
  });

  it('extMulAt works in place and at offsets', () => {
    const a = sample(10, 9);
    const buf = new Uint32Array(12);
    buf.set(a[6], 4);
    buf.set(a[7], 8);
    extMulAt(buf, 4, buf, 4, buf, 8);
    expect(Array.from(buf.subarray(4, 8))).toEqual(mulRef(toBig(a[6]), toBig(a[7])));
  });

  it('constructors and predicates', () => {
    expect(arr(extFromBase(5))).toEqual([5, 0, 0, 0]);
    expect(extIsZero(extZero())).toBe(true);
    expect(extEq(extOne(), ext(1))).toBe(true);
    expect(extIsBase(ext(3))).toBe(true);
    expect(extIsBase(ext(3, 0, 1))).toBe(false);
    expect(isCanonicalExt(ext(P - 1, 0, 0, 0))).toBe(true);
    expect(isCanonicalExt(Uint32Array.of(P, 0, 0, 0))).toBe(false);
    expect(isCanonicalExt([1, 2, 3, 4])).toBe(false);
    expect(isCanonicalExt(new Uint32Array(5))).toBe(false);
  });

  it('throws typed errors', () => {
    expect(() => extInv(extZero())).toThrow(FieldError);
    try {
      extInv(extZero());
    } catch (e) {
      expect((e as FieldError).kind).toBe('zero-inverse');
    }
    for (const e of [-1, 0.5, -1n]) {
      try {
        extPow(extOne(), e);
        throw new Error('no throw');
      } catch (err) {
        expect((err as FieldError).kind).toBe('bad-exponent');
      }
    }
  });
});

describe('extension field axioms (fast-check)', () => {
  it('commutative ring with inverses, base field embedded', () => {
    fc.assert(
      fc.property(extArb, extArb, extArb, fc.integer({ min: 0, max: P - 1 }), (a, b, c, k) => {
        expect(extEq(extMul(a, b), extMul(b, a))).toBe(true);
        expect(extEq(extMul(extMul(a, b), c), extMul(a, extMul(b, c)))).toBe(true);
        expect(extEq(extMul(a, extAdd(b, c)), extAdd(extMul(a, b), extMul(a, c)))).toBe(true);
        expect(extEq(extAdd(a, extNeg(a)), extZero())).toBe(true);
        expect(extEq(extMul(a, extOne()), a)).toBe(true);
        expect(extEq(extMulBase(a, k), extMul(a, extFromBase(k)))).toBe(true);
        expect(extEq(extSquare(a), extMul(a, a))).toBe(true);
        if (!extIsZero(a)) expect(extEq(extMul(a, extInv(a)), extOne())).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
