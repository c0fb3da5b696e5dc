import { FFT, rootsOfUnity } from '@noble/curves/abstract/fft.js';
import { Field } from '@noble/curves/abstract/modular.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENERATOR, mul, P, pow, rootOfUnity } from '../../src/field/babybear.js';
import type { Order } from '../../src/poly/errors.js';
import { bitReverse, cosetIntt, cosetNtt, intt, ntt } from '../../src/poly/ntt.js';
import { bitReverseTs, cosetInttTs, cosetNttTs, inttTs, nttTs } from '../../src/poly/reference.js';
import { WasmVec } from '../../src/wasm/memory.js';
import { firstDiff, randomFelts } from './helpers.js';

const Fp = Field(BigInt(P));
const nobleFft = FFT<bigint>(rootsOfUnity(Fp, BigInt(GENERATOR)), {
  add: (a, b) => Fp.add(a, b),
  sub: (a, b) => Fp.sub(a, b),
  mul: (a, b) => Fp.mul(a, b),
  inv: (a) => Fp.inv(a),
});

function viaWasm(a: Uint32Array, f: (v: WasmVec) => unknown): Uint32Array {
  const v = WasmVec.from(a);
  f(v);
  const out = v.view.slice();
  v.free();
  return out;
}

const ORDERS: Array<[Order, Order]> = [
  ['natural', 'natural'],
  ['natural', 'bitrev'],
  ['bitrev', 'natural'],
  ['bitrev', 'bitrev'],
];

describe('TS NTT against noble', () => {
  it('matches noble FFT.direct / inverse for every size up to 2^10 and every order', () => {
    for (let logN = 0; logN <= 10; logN++) {
      const a = randomFelts(1 << logN, 7 + logN);
      const big = Array.from(a, BigInt);
      for (const [i, o] of ORDERS) {
        const want = nobleFft.direct(big, i === 'bitrev', o === 'bitrev').map(Number);
        expect(Array.from(nttTs(a.slice(), i, o)), `ntt 2^${logN} ${i}->${o}`).toEqual(want);
        const wantInv = nobleFft.inverse(big, i === 'bitrev', o === 'bitrev').map(Number);
        expect(Array.from(inttTs(a.slice(), i, o)), `intt 2^${logN} ${i}->${o}`).toEqual(wantInv);
      }
    }
  });

  it('evaluates at the powers of rootOfUnity (the definition)', () => {
    const n = 16;
    const a = randomFelts(n, 99);
    const out = nttTs(a.slice());
    const w = rootOfUnity(4);
    for (let k = 0; k < n; k++) {
      let acc = 0;
      for (let i = n - 1; i >= 0; i--) acc = (mul(acc, pow(w, k)) + a[i]) % P;
      expect(out[k]).toBe(acc);
    }
  });
});

describe('wasm NTT equals the TS NTT', () => {
  it('for every size 2^0..2^12 and every order, forward and inverse', () => {
    for (let logN = 0; logN <= 12; logN++) {
      const a = randomFelts(1 << logN, 1000 + logN);
      for (const [i, o] of ORDERS) {
        expect(
          firstDiff(
            viaWasm(a, (v) => ntt(v, i, o)),
            nttTs(a.slice(), i, o),
          ),
          `ntt 2^${logN} ${i}->${o}`,
        ).toBe(-1);
        expect(
          firstDiff(
            viaWasm(a, (v) => intt(v, i, o)),
            inttTs(a.slice(), i, o),
          ),
          `intt 2^${logN} ${i}->${o}`,
        ).toBe(-1);
      }
    }
  });

  it('beyond the 2^12 cache block: 1, 2, 3 and 4 cross-block stages (2^13..2^16)', () => {
    for (let logN = 13; logN <= 16; logN++) {
      const a = randomFelts(1 << logN, 2000 + logN);
      expect(
        firstDiff(
          viaWasm(a, (v) => ntt(v, 'natural', 'bitrev')),
          nttTs(a.slice(), 'natural', 'bitrev'),
        ),
      ).toBe(-1);
      expect(
        firstDiff(
          viaWasm(a, (v) => intt(v, 'bitrev', 'natural')),
          inttTs(a.slice(), 'bitrev', 'natural'),
        ),
      ).toBe(-1);
    }
  });

  it('on extreme values (all p − 1, all zero, a single one)', () => {
    for (const logN of [3, 9, 13]) {
      const n = 1 << logN;
      const cases = [new Uint32Array(n).fill(P - 1), new Uint32Array(n), new Uint32Array(n)];
      cases[2][n >> 1] = 1;
      for (const a of cases) {
        expect(
          firstDiff(
            viaWasm(a, (v) => ntt(v)),
            nttTs(a.slice()),
          ),
        ).toBe(-1);
        expect(
          firstDiff(
            viaWasm(a, (v) => intt(v)),
            inttTs(a.slice()),
          ),
        ).toBe(-1);
      }
    }
  });

  it('bit reversal matches the TS twin and is an involution', () => {
    for (let logN = 0; logN <= 14; logN++) {
      const a = randomFelts(1 << logN, 3000 + logN);
      const r = viaWasm(a, bitReverse);
      const t = a.slice();
      bitReverseTs(t);
      expect(firstDiff(r, t)).toBe(-1);
      expect(firstDiff(viaWasm(r, bitReverse), a)).toBe(-1);
    }
  });

  it('coset NTT and coset iNTT match the TS twins and invert each other', () => {
    for (const logN of [0, 2, 3, 7, 12, 14]) {
      const a = randomFelts(1 << logN, 4000 + logN);
      for (const o of ['natural', 'bitrev'] as const) {
        const e = viaWasm(a, (v) => cosetNtt(v, GENERATOR, o));
        expect(firstDiff(e, cosetNttTs(a.slice(), GENERATOR, o))).toBe(-1);
        expect(
          firstDiff(
            viaWasm(e, (v) => cosetIntt(v, GENERATOR, o)),
            a,
          ),
        ).toBe(-1);
        expect(firstDiff(cosetInttTs(e.slice(), GENERATOR, o), a)).toBe(-1);
      }
    }
  });
});

describe('NTT properties', () => {
  it('intt ∘ ntt = id and ntt ∘ intt = id (wasm, random sizes and orders)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 0x7fffffff }),
        fc.constantFrom(...ORDERS),
        (logN, seed, [i, o]) => {
          const a = randomFelts(1 << logN, seed);
          const v = WasmVec.from(a);
          ntt(v, i, o);
          intt(v, o, i);
          const back = v.view.slice();
          intt(v, i, o);
          ntt(v, o, i);
          const back2 = v.view.slice();
          v.free();
          return back.every((x, k) => x === a[k]) && back2.every((x, k) => x === a[k]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is linear: ntt(a + c·b) = ntt(a) + c·ntt(b)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: P - 1 }), (logN, c) => {
        const n = 1 << logN;
        const a = randomFelts(n, c + 1);
        const b = randomFelts(n, c + 2);
        const lin = a.map((x, i) => (x + mul(c, b[i])) % P);
        const fa = nttTs(a.slice());
        const fb = nttTs(b.slice());
        const want = fa.map((x, i) => (x + mul(c, fb[i])) % P);
        return viaWasm(lin, (v) => ntt(v)).every((x, i) => x === want[i]);
      }),
      { numRuns: 40 },
    );
  });
});
