import { afterEach, describe, expect, it } from 'vitest';
import { mul } from '../../src/field/babybear.js';
import { FieldError } from '../../src/field/errors.js';
import { ext, extMul, extMulBase } from '../../src/field/ext.js';
import * as W from '../../src/field/vector.js';
import * as T from '../../src/field/vector-ts.js';
import { liveBytes, WasmVec } from '../../src/wasm/memory.js';
import { P, rng, vectorPair } from './helpers.js';

// Every wasm kernel against its TS twin, word for word: lengths around the SIMD widths (tails),
// edge values, and operand pairs whose products sit next to multiples of p.
const LENGTHS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 31, 33, 64, 1000, 4099];

const live: WasmVec[] = [];
function wv(x: Uint32Array | number): WasmVec {
  const v = typeof x === 'number' ? new WasmVec(x) : WasmVec.from(x);
  live.push(v);
  return v;
}
afterEach(() => {
  for (const v of live.splice(0)) v.free();
});
const words = (v: WasmVec) => Array.from(v.view);

function expectKind(f: () => unknown, kind: string, message?: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(FieldError);
  expect((err as FieldError).kind).toBe(kind);
  if (message) expect((err as FieldError).message).toMatch(message);
}

function noZeros(x: Uint32Array, seed: number): Uint32Array {
  const r = rng(seed);
  return x.map((v) => (v === 0 ? 1 + Math.floor(r() * (P - 1)) : v));
}

const SCALARS = [0, 1, P - 1, 11, 0x0ffffffe, 123456789];
const EXT_SCALARS = [
  ext(0, 0, 0, 0),
  ext(1),
  ext(P - 1, P - 1, P - 1, P - 1),
  ext(5, 0, P - 2, 77),
  ext(0, 1),
];

describe('base-field kernels match their TS twins', () => {
  it('add, sub, neg, mul, mulAdd', () => {
    for (const n of LENGTHS) {
      const [a, b] = vectorPair(n, n + 1);
      const [c] = vectorPair(n, n + 2);
      const A = wv(a);
      const B = wv(b);
      const C = wv(c);
      const D = wv(n);
      const d = new Uint32Array(n);
      expect(words(W.vecAdd(D, A, B))).toEqual(Array.from(T.vecAdd(d, a, b)));
      expect(words(W.vecSub(D, A, B))).toEqual(Array.from(T.vecSub(d, a, b)));
      expect(words(W.vecNeg(D, A))).toEqual(Array.from(T.vecNeg(d, a)));
      expect(words(W.vecMul(D, A, B))).toEqual(Array.from(T.vecMul(d, a, b)));
      expect(words(W.vecMulAdd(D, A, B, C))).toEqual(Array.from(T.vecMulAdd(d, a, b, c)));
    }
  });

  it('the TS twins are right (spot check against scalar mul)', () => {
    const [a, b] = vectorPair(257, 5);
    const d = T.vecMul(new Uint32Array(257), a, b);
    for (let i = 0; i < 257; i++) expect(d[i]).toBe(Number((BigInt(a[i]) * BigInt(b[i])) % BigInt(P)));
  });

  it('scale and axpy for edge scalars', () => {
    for (const n of LENGTHS) {
      const [x, y] = vectorPair(n, 3 * n + 1);
      const X = wv(x);
      const Y = wv(y);
      const D = wv(n);
      const d = new Uint32Array(n);
      for (const s of SCALARS) {
        expect(words(W.vecScale(D, X, s))).toEqual(Array.from(T.vecScale(d, x, s)));
        expect(words(W.vecAxpy(D, s, X, Y))).toEqual(Array.from(T.vecAxpy(d, s, x, y)));
      }
    }
  });

  it('batch inverse', () => {
    for (const n of LENGTHS) {
      const a = noZeros(vectorPair(n, 7 * n)[0], n);
      const A = wv(a);
      const D = wv(n);
      const d = T.vecBatchInverse(new Uint32Array(n), a);
      expect(words(W.vecBatchInverse(D, A))).toEqual(Array.from(d));
      for (let i = 0; i < n; i++) expect(mul(a[i], d[i])).toBe(1);
    }
  });

  it('batch inverse in place', () => {
    const a = noZeros(vectorPair(77, 3)[0], 1);
    const want = Array.from(T.vecBatchInverse(new Uint32Array(77), a));
    const A = wv(a);
    expect(words(W.vecBatchInverse(A, A))).toEqual(want);
    const t = a.slice();
    expect(Array.from(T.vecBatchInverse(t, t))).toEqual(want);
  });

  it('batch inverse names the first zero, wherever it sits', () => {
    for (const n of [1, 5, 8, 15, 16, 17, 40, 41, 100]) {
      for (const z of new Set([0, n >> 1, n - 1])) {
        const a = noZeros(vectorPair(n, n)[0], 2);
        a[z] = 0;
        if (z + 3 < n) a[z + 3] = 0;
        const msg = new RegExp(`element ${z} is zero`);
        expectKind(() => W.vecBatchInverse(wv(n), wv(a)), 'zero-inverse', msg);
        expectKind(() => T.vecBatchInverse(new Uint32Array(n), a), 'zero-inverse', msg);
      }
    }
  });

  it('element-wise kernels run in place', () => {
    const [a, b] = vectorPair(37, 11);
    const want = Array.from(T.vecMul(new Uint32Array(37), a, b));
    const A = wv(a);
    expect(words(W.vecMul(A, A, wv(b)))).toEqual(want);
    const B = wv(b);
    expect(words(W.vecMul(B, wv(a), B))).toEqual(want);
    const wantAxpy = Array.from(T.vecAxpy(new Uint32Array(37), 99, a, b));
    const Y = wv(b);
    expect(words(W.vecAxpy(Y, 99, wv(a), Y))).toEqual(wantAxpy);
  });

  it('checkCanonical finds the first non-canonical word', () => {
    for (const n of [1, 4, 7, 8, 100]) {
      const a = vectorPair(n, 1)[0];
      W.checkCanonical(wv(a));
      T.checkCanonical(a);
      const bad = a.slice();
      bad[n - 1] = P + (n % 3);
      if (n > 5) bad[5] = 0xffffffff;
      const i = n > 5 ? 5 : n - 1;
      expectKind(() => W.checkCanonical(wv(bad)), 'non-canonical', new RegExp(`word ${i} `));
      expectKind(() => T.checkCanonical(bad), 'non-canonical', new RegExp(`word ${i} `));
    }
  });
});

function extColumn(n: number, seed: number): Uint32Array {
  const [a, b] = vectorPair(4 * n, seed);
  // Mix coefficient patterns: random, all p − 1, a base element, and the edge values.
  for (let i = 0; i < n; i++) {
    if (i % 5 === 1) a.fill(P - 1, 4 * i, 4 * i + 4);
    if (i % 5 === 2) a.fill(0, 4 * i + 1, 4 * i + 4);
    if (i % 5 === 3) a[4 * i + 2] = b[4 * i];
  }
  return a;
}

describe('extension kernels match their TS twins', () => {
  const EXT_LENGTHS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 257];

  it('mul, add, sub', () => {
    for (const n of EXT_LENGTHS) {
      const a = extColumn(n, n + 100);
      const b = extColumn(n, n + 200);
      const A = wv(a);
      const B = wv(b);
      const D = wv(4 * n);
      const d = new Uint32Array(4 * n);
      expect(words(W.extVecMul(D, A, B))).toEqual(Array.from(T.extVecMul(d, a, b)));
      for (let i = 0; i < n; i++) {
        const e = extMul(a.subarray(4 * i, 4 * i + 4), b.subarray(4 * i, 4 * i + 4));
        expect(Array.from(d.subarray(4 * i, 4 * i + 4))).toEqual(Array.from(e));
      }
      expect(words(W.extVecAdd(D, A, B))).toEqual(Array.from(T.extVecAdd(d, a, b)));
      expect(words(W.extVecSub(D, A, B))).toEqual(Array.from(T.extVecSub(d, a, b)));
    }
  });

  it('mulBase, scale, axpy, axpyBase', () => {
    for (const n of EXT_LENGTHS) {
      const a = extColumn(n, n + 300);
      const y = extColumn(n, n + 400);
      const [b] = vectorPair(n, n + 500);
      const A = wv(a);
      const Y = wv(y);
      const B = wv(b);
      const D = wv(4 * n);
      const d = new Uint32Array(4 * n);
      expect(words(W.extVecMulBase(D, A, B))).toEqual(Array.from(T.extVecMulBase(d, a, b)));
      for (let i = 0; i < n; i++) {
        const e = extMulBase(a.subarray(4 * i, 4 * i + 4), b[i]);
        expect(Array.from(d.subarray(4 * i, 4 * i + 4))).toEqual(Array.from(e));
      }
      for (const s of EXT_SCALARS) {
        expect(words(W.extVecScale(D, A, s))).toEqual(Array.from(T.extVecScale(d, a, s)));
        expect(words(W.extVecAxpy(D, s, A, Y))).toEqual(Array.from(T.extVecAxpy(d, s, a, y)));
        expect(words(W.extVecAxpyBase(D, s, B, Y))).toEqual(Array.from(T.extVecAxpyBase(d, s, b, y)));
      }
    }
  });

  it('batch inverse, with the first zero element named', () => {
    for (const n of EXT_LENGTHS) {
      const a = extColumn(n, n + 600);
      for (let i = 0; i < n; i++) if (a[4 * i] === 0 && a[4 * i + 1] === 0) a[4 * i] = 1 + i;
      const d = T.extVecBatchInverse(new Uint32Array(4 * n), a);
      expect(words(W.extVecBatchInverse(wv(4 * n), wv(a)))).toEqual(Array.from(d));
      for (let i = 0; i < n; i++) {
        const e = extMul(a.subarray(4 * i, 4 * i + 4), d.subarray(4 * i, 4 * i + 4));
        expect(Array.from(e)).toEqual([1, 0, 0, 0]);
      }
      const A = wv(a);
      expect(words(W.extVecBatchInverse(A, A))).toEqual(Array.from(d));
      if (n > 0) {
        const z = n >> 1;
        const bad = a.slice();
        bad.fill(0, 4 * z, 4 * z + 4);
        const msg = new RegExp(`element ${z} is zero`);
        expectKind(() => W.extVecBatchInverse(wv(4 * n), wv(bad)), 'zero-inverse', msg);
        expectKind(() => T.extVecBatchInverse(new Uint32Array(4 * n), bad), 'zero-inverse', msg);
      }
    }
  });

  it('run in place', () => {
    const a = extColumn(9, 1);
    const b = extColumn(9, 2);
    const want = Array.from(T.extVecMul(new Uint32Array(36), a, b));
    const A = wv(a);
    expect(words(W.extVecMul(A, A, wv(b)))).toEqual(want);
    const B = wv(b);
    expect(words(W.extVecMul(B, wv(a), B))).toEqual(want);
    const s = EXT_SCALARS[3];
    const wantAxpy = Array.from(T.extVecAxpy(new Uint32Array(36), s, a, b));
    const Y = wv(b);
    expect(words(W.extVecAxpy(Y, s, wv(a), Y))).toEqual(wantAxpy);
    const t = b.slice();
    expect(Array.from(T.extVecAxpy(t, s, a, t))).toEqual(wantAxpy);
  });
});

describe('bad arguments throw typed errors, the same on both sides', () => {
  it('length mismatch, bad extension length, non-canonical scalars, overlaps', () => {
    const a = new Uint32Array(8);
    const b = new Uint32Array(7);
    const A = wv(a);
    const B = wv(b);
    expectKind(() => W.vecAdd(wv(8), A, B), 'length-mismatch', /vecAdd: expected b of length 8, got 7/);
    expectKind(
      () => T.vecAdd(new Uint32Array(8), a, b),
      'length-mismatch',
      /vecAdd: expected b of length 8, got 7/,
    );
    expectKind(() => W.extVecMul(wv(7), B, B), 'bad-length', /not a multiple of 4/);
    expectKind(() => T.extVecMul(b, b, b), 'bad-length', /not a multiple of 4/);
    expectKind(() => W.extVecMulBase(wv(8), A, wv(3)), 'length-mismatch');
    expectKind(() => T.extVecMulBase(a, a, new Uint32Array(3)), 'length-mismatch');
    for (const s of [P, -1, 1.5, Number.NaN]) {
      expectKind(() => W.vecScale(wv(8), A, s), 'non-canonical');
      expectKind(() => T.vecAxpy(new Uint32Array(8), s, a, a), 'non-canonical');
    }
    expectKind(() => W.extVecScale(wv(8), A, Uint32Array.of(1, 2, P, 4)), 'non-canonical');
    expectKind(() => T.extVecScale(new Uint32Array(8), a, Uint32Array.of(1, 2, 3)), 'non-canonical');
    // Partial overlaps (TS: subarrays of one buffer).
    const big = new Uint32Array(16);
    expectKind(() => T.vecAdd(big.subarray(1, 9), big.subarray(0, 8), big.subarray(0, 8)), 'aliasing');
    expectKind(
      () => T.extVecMulBase(big.subarray(0, 8), big.subarray(8, 16), big.subarray(4, 6)),
      'aliasing',
    );
    const BIG = wv(16);
    const view = (off: number, len: number) =>
      ({ ptr: BIG.ptr + 4 * off, length: len }) as unknown as WasmVec;
    expectKind(() => W.vecMul(view(1, 8), view(0, 8), view(0, 8)), 'aliasing');
    expectKind(() => W.extVecMulBase(view(0, 8), view(8, 8), view(4, 2)), 'aliasing');
    expectKind(() => W.vecBatchInverse(view(0, 8), view(4, 8)), 'aliasing');
  });

  it('leaves no wasm memory allocated', () => {
    for (const v of live.splice(0)) v.free();
    const before = liveBytes();
    const a = wv(Uint32Array.of(1, 2, 3));
    W.vecBatchInverse(a, a);
    a.free();
    live.splice(0);
    expect(liveBytes()).toBe(before);
  });
});
