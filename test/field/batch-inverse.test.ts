import { describe, expect, it } from 'vitest';
import { inv } from '../../src/field/babybear.js';
import { batchInverse, extBatchInverse } from '../../src/field/batch-inverse.js';
import { FieldError } from '../../src/field/errors.js';
import { extInv } from '../../src/field/ext.js';
import { P, randFelt, rng } from './helpers.js';

function kindOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof FieldError ? e.kind : 'other';
  }
  return undefined;
}

describe('batch inversion (TS)', () => {
  const r = rng(3);
  const xs = Array.from({ length: 300 }, () => 1 + Math.floor(r() * (P - 1)));
  xs[0] = 1;
  xs[1] = P - 1;

  it('matches inv element by element, into a new array, an output, or in place', () => {
    const want = xs.map(inv);
    expect(Array.from(batchInverse(xs))).toEqual(want);
    const out = new Uint32Array(xs.length);
    expect(batchInverse(Uint32Array.from(xs), out)).toBe(out);
    expect(Array.from(out)).toEqual(want);
    const same = Uint32Array.from(xs);
    batchInverse(same, same);
    expect(Array.from(same)).toEqual(want);
    expect(Array.from(batchInverse([]))).toEqual([]);
  });

  it('rejects zeros and wrong output lengths', () => {
    expect(kindOf(() => batchInverse([3, 0, 5, 0]))).toBe('zero-inverse');
    expect(() => batchInverse([3, 0, 5, 0])).toThrow('batchInverse: element 1 is zero');
    expect(kindOf(() => batchInverse([1, 2], new Uint32Array(3)))).toBe('length-mismatch');
  });

  it('extension version matches extInv, in place too', () => {
    const n = 50;
    const a = new Uint32Array(4 * n);
    for (let i = 0; i < 4 * n; i++) a[i] = randFelt(r);
    a.fill(0, 4, 7); // element 1 = (0, 0, 0, a[7]): still invertible
    const want: number[] = [];
    for (let i = 0; i < n; i++) want.push(...extInv(a.subarray(4 * i, 4 * i + 4)));
    expect(Array.from(extBatchInverse(a))).toEqual(want);
    const same = a.slice();
    extBatchInverse(same, same);
    expect(Array.from(same)).toEqual(want);
    a.fill(0, 8, 12);
    expect(() => extBatchInverse(a)).toThrow('extBatchInverse: element 2 is zero');
    expect(kindOf(() => extBatchInverse(new Uint32Array(6)))).toBe('bad-length');
    expect(kindOf(() => extBatchInverse(new Uint32Array(8), new Uint32Array(4)))).toBe('length-mismatch');
  });
});
