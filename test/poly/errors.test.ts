import { describe, expect, it } from 'vitest';
import { ext } from '../../src/field/ext.js';
import { PolyError, type PolyErrorKind } from '../../src/poly/errors.js';
import { evalAt, evalAtExt, evalColumnsAtExt } from '../../src/poly/evaluate.js';
import { ldeColumns, ldeFromCoeffs } from '../../src/poly/lde.js';
import { bitReverse, cosetIntt, cosetNtt, intt, ntt } from '../../src/poly/ntt.js';
import { cosetNttTs, inttTs, ldeTs, nttTs } from '../../src/poly/reference.js';
import { WasmVec } from '../../src/wasm/memory.js';

function expectKind(f: () => unknown, kind: PolyErrorKind, message: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PolyError);
  expect((err as PolyError).kind).toBe(kind);
  expect((err as PolyError).message).toMatch(message);
  expect((err as PolyError).message).not.toContain('\n');
}

describe('bad input raises typed PolyErrors', () => {
  it('rejects sizes that are not powers of two', () => {
    const v = new WasmVec(1000);
    for (const f of [ntt, intt, bitReverse])
      expectKind(() => f(v), 'not-power-of-two', /size 1000 is not a power of two/);
    expectKind(() => cosetNtt(v, 7), 'not-power-of-two', /^cosetNtt: size 1000/);
    expectKind(() => cosetIntt(v, 7), 'not-power-of-two', /^cosetIntt: size 1000/);
    expectKind(() => ldeColumns([v], 1), 'not-power-of-two', /^lde: size 1000/);
    v.free();
    const e = new WasmVec(0);
    expectKind(() => ntt(e), 'not-power-of-two', /ntt: size 0 is not a power of two/);
    e.free();
    expectKind(() => nttTs(new Uint32Array(12)), 'not-power-of-two', /ntt: size 12/);
    expectKind(() => inttTs(new Uint32Array(3)), 'not-power-of-two', /intt: size 3/);
  });

  it('rejects sizes beyond 2^27, including an LDE that would exceed it', () => {
    // A fake length: the check fires before any memory is touched.
    const huge = { length: 2 ** 28, ptr: 0 } as unknown as WasmVec;
    Object.setPrototypeOf(huge, WasmVec.prototype);
    expectKind(() => ntt(huge), 'too-large', /ntt: size 2\^28 exceeds the maximum 2\^27/);
    const big = { length: 2 ** 25, ptr: 0 } as unknown as WasmVec;
    Object.setPrototypeOf(big, WasmVec.prototype);
    expectKind(() => ldeColumns([big], 3), 'too-large', /lde: size 2\^28 exceeds the maximum 2\^27/);
  });

  it('rejects columns of different lengths and non-vectors', () => {
    const a = new WasmVec(16);
    const b = new WasmVec(32);
    expectKind(() => ldeColumns([a, b], 1), 'bad-length', /lde: column 1 has 32 values, expected 16/);
    expectKind(
      () => ldeColumns([a, new Uint32Array(16) as unknown as WasmVec], 1),
      'bad-length',
      /column 1 is not a WasmVec/,
    );
    expectKind(() => ntt(new Uint32Array(16) as unknown as WasmVec), 'bad-length', /ntt: expected a WasmVec/);
    expectKind(
      () => evalColumnsAtExt([a, b], 1, ext(1, 2, 3, 4)),
      'bad-length',
      /column 1 has 32 values, expected 16/,
    );
    expectKind(() => evalColumnsAtExt([], 1, ext(1, 2, 3, 4)), 'bad-length', /non-empty array/);
    a.free();
    b.free();
  });

  it('rejects blowups outside 2..16', () => {
    const a = new WasmVec(16);
    for (const lb of [0, 5, -1, 1.5, Number.NaN]) {
      expectKind(() => ldeColumns([a], lb), 'bad-blowup', /lde: log blowup .* is outside 1\.\.4/);
      expectKind(() => ldeTs(new Uint32Array(16), lb), 'bad-blowup', /outside 1\.\.4/);
      expectKind(() => ldeFromCoeffs([a], lb), 'bad-blowup', /ldeFromCoeffs: log blowup/);
    }
    a.free();
  });

  it('rejects bad shifts, orders and points', () => {
    const a = new WasmVec(16);
    for (const s of [0, 0x78000001, -3, 2.5]) {
      expectKind(
        () => ldeColumns([a], 1, s),
        'bad-shift',
        /lde: shift .* is not a nonzero canonical field element/,
      );
      expectKind(() => cosetNtt(a, s), 'bad-shift', /cosetNtt: shift/);
      expectKind(() => cosetNttTs(new Uint32Array(4), s), 'bad-shift', /cosetNtt: shift/);
    }
    expectKind(
      () => ntt(a, 'reversed' as 'natural'),
      'bad-order',
      /ntt: order reversed is not 'natural' or 'bitrev'/,
    );
    expectKind(() => ldeColumns([a], 1, 31, 'x' as 'natural'), 'bad-order', /lde: order x/);
    expectKind(() => evalAt(new Uint32Array(4), 0x78000001), 'bad-point', /evalAt: point/);
    expectKind(() => evalAtExt(new Uint32Array(4), ext(0x78000001)), 'bad-point', /not 4 canonical words/);
    expectKind(() => evalColumnsAtExt([a], 1, new Uint32Array(3)), 'bad-point', /not 4 canonical words/);
    a.free();
  });
});
