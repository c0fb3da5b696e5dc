import { Field } from '@noble/curves/abstract/modular.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add,
  fromBigInt,
  fromInt,
  GENERATOR,
  inv,
  isCanonical,
  mul,
  neg,
  P,
  pow,
  rootOfUnity,
  square,
  sub,
  TWO_ADICITY,
} from '../../src/field/babybear.js';
import { FieldError } from '../../src/field/errors.js';
import { EDGE, nearMultiplePairs, PB, randFelt, rng } from './helpers.js';

const F = Field(PB);
const big = (x: number) => BigInt(x);
const felt = fc.oneof(fc.integer({ min: 0, max: P - 1 }), fc.constantFrom(...EDGE));

function expectKind(f: () => unknown, kind: string): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FieldError);
    expect((e as FieldError).kind).toBe(kind);
    return;
  }
  throw new Error(`expected a FieldError of kind ${kind}`);
}

describe('BabyBear scalar arithmetic against noble Field(p)', () => {
  const r = rng(1);
  const values = [...EDGE];
  for (let i = 0; i < 100; i++) values.push(randFelt(r));

  it('add, sub, mul, neg, square on edge and random values (all pairs)', () => {
    const got: number[] = [];
    const want: number[] = [];
    for (const a of values) {
      got.push(neg(a), square(a));
      want.push(Number(F.neg(big(a))), Number(F.sqr(big(a))));
      for (const b of values) {
        got.push(add(a, b), sub(a, b), mul(a, b));
        want.push(
          Number(F.add(big(a), big(b))),
          Number(F.sub(big(a), big(b))),
          Number(F.mul(big(a), big(b))),
        );
      }
    }
    expect(got).toEqual(want);
  });

  it('mul where a·b is just above or below a multiple of p', () => {
    const got: number[] = [];
    const want: number[] = [];
    for (const [a, b] of nearMultiplePairs(rng(2), 20000, 5)) {
      got.push(mul(a, b));
      want.push(Number(F.mul(big(a), big(b))));
    }
    // The largest products.
    for (let d = 1; d <= 64; d++) {
      for (let e = 1; e <= 64; e++) {
        got.push(mul(P - d, P - e));
        want.push(Number(F.mul(PB - big(d), PB - big(e))));
      }
    }
    expect(got).toEqual(want);
  });

  it('pow and inv', () => {
    for (const a of values.slice(0, 60)) {
      for (const e of [0, 1, 2, 3, 7, 2 ** 31 + 5, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER]) {
        expect(pow(a, e)).toBe(Number(F.pow(big(a), big(e))));
      }
      expect(pow(a, 12345678901234567890n)).toBe(Number(F.pow(big(a), 12345678901234567890n)));
      if (a !== 0) expect(inv(a)).toBe(Number(F.inv(big(a))));
    }
  });

  it('fromInt and fromBigInt reduce any integer', () => {
    expect(fromInt(-1)).toBe(P - 1);
    expect(fromInt(P)).toBe(0);
    expect(fromInt(Number.MAX_SAFE_INTEGER)).toBe(Number(BigInt(Number.MAX_SAFE_INTEGER) % PB));
    expect(fromBigInt(-(PB * 3n) - 5n)).toBe(P - 5);
    expect(fromBigInt(2n ** 200n)).toBe(Number(2n ** 200n % PB));
  });

  it('isCanonical', () => {
    expect(isCanonical(0)).toBe(true);
    expect(isCanonical(P - 1)).toBe(true);
    for (const x of [P, -1, 0.5, Number.NaN, '1', 1n, null]) expect(isCanonical(x)).toBe(false);
  });
});

describe('BabyBear field axioms (fast-check)', () => {
  it('addition and multiplication form a field', () => {
    fc.assert(
      fc.property(felt, felt, felt, (a, b, c) => {
        expect(add(a, b)).toBe(add(b, a));
        expect(mul(a, b)).toBe(mul(b, a));
        expect(add(add(a, b), c)).toBe(add(a, add(b, c)));
        expect(mul(mul(a, b), c)).toBe(mul(a, mul(b, c)));
        expect(mul(a, add(b, c))).toBe(add(mul(a, b), mul(a, c)));
        expect(add(a, 0)).toBe(a);
        expect(mul(a, 1)).toBe(a);
        expect(add(a, neg(a))).toBe(0);
        expect(sub(a, b)).toBe(add(a, neg(b)));
        if (a !== 0) expect(mul(a, inv(a))).toBe(1);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('roots of unity and the generator', () => {
  it('rootOfUnity(k) has order exactly 2^k', () => {
    for (let k = 0; k <= TWO_ADICITY; k++) {
      const w = rootOfUnity(k);
      expect(pow(w, 2 ** k)).toBe(1);
      if (k > 0) expect(pow(w, 2 ** (k - 1))).toBe(P - 1);
    }
    expect(square(rootOfUnity(10))).toBe(rootOfUnity(9));
  });

  it('GENERATOR generates the multiplicative group (p − 1 = 2^27·3·5)', () => {
    for (const q of [2, 3, 5]) expect(pow(GENERATOR, (P - 1) / q)).not.toBe(1);
    expect(pow(GENERATOR, P - 1)).toBe(1);
  });
});

describe('scalar errors', () => {
  it('throws typed errors', () => {
    expectKind(() => inv(0), 'zero-inverse');
    expectKind(() => pow(2, -1), 'bad-exponent');
    expectKind(() => pow(2, 0.5), 'bad-exponent');
    expectKind(() => pow(2, -1n), 'bad-exponent');
    expectKind(() => rootOfUnity(28), 'bad-log-size');
    expectKind(() => rootOfUnity(-1), 'bad-log-size');
    expectKind(() => fromInt(2 ** 60), 'non-canonical');
    // FieldError stays a RangeError for callers of the first scalar module.
    expect(() => inv(0)).toThrow(RangeError);
    expect(() => inv(0)).toThrow('inv: zero has no inverse');
  });
});
