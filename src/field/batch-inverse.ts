// Batch inversion by Montgomery's trick in plain TypeScript: n inverses for 3(n−1) products and one
// exponentiation. Base-field and extension versions; the base one is also the oracle of the wasm
// kernel vecBatchInverse. Invariant: a zero input never yields output; it throws 'zero-inverse'
// naming the first zero's index.

import { type Felt, inv, mul } from './babybear.js';
import { checkExtLength, FieldError } from './errors.js';
import { extInvAt, extMulAt } from './ext.js';

/**
 * dst[i] = 1/a[i] for i < n, in place or not (dst === a is allowed; scratch holds the prefix
 * products). Returns −1, or the index of the first zero (dst then holds garbage). No checks.
 */
export function batchInverseRaw(dst: Uint32Array, a: ArrayLike<number>, n: number): number {
  if (n === 0) return -1;
  const pre = (dst as unknown) === a ? new Uint32Array(n) : dst;
  let acc = a[0];
  pre[0] = acc;
  for (let i = 1; i < n; i++) {
    acc = mul(acc, a[i]);
    pre[i] = acc;
  }
  if (acc === 0) {
    for (let i = 0; i < n; i++) if (a[i] === 0) return i;
  }
  let c = inv(acc);
  for (let i = n - 1; i > 0; i--) {
    const ai = a[i];
    dst[i] = mul(c, pre[i - 1]);
    c = mul(c, ai);
  }
  dst[0] = c;
  return -1;
}

/** The inverses of `values` (a new array, or `out`); throws 'zero-inverse' on a zero element. */
export function batchInverse(values: ArrayLike<Felt>, out?: Uint32Array): Uint32Array {
  const n = values.length;
  const dst = out ?? new Uint32Array(n);
  if (dst.length !== n) {
    throw new FieldError(
      'length-mismatch',
      `batchInverse: expected output of length ${n}, got ${dst.length}`,
    );
  }
  const z = batchInverseRaw(dst, values, n);
  if (z >= 0) throw new FieldError('zero-inverse', `batchInverse: element ${z} is zero`);
  return dst;
}

/**
 * dst = 1/a over the n extension elements packed in a (4 words each; dst === a allowed). Returns
 * −1, or the index of the first zero element (dst then holds garbage). No checks.
 */
export function extBatchInverseRaw(dst: Uint32Array, a: Uint32Array, n: number): number {
  if (n === 0) return -1;
  const pre = dst === a ? new Uint32Array(4 * n) : dst;
  pre.set(a.subarray(0, 4), 0);
  for (let i = 1; i < n; i++) extMulAt(pre, 4 * i, pre, 4 * i - 4, a, 4 * i);
  const last = 4 * n - 4;
  if (pre[last] === 0 && pre[last + 1] === 0 && pre[last + 2] === 0 && pre[last + 3] === 0) {
    for (let i = 0; i < n; i++) {
      const o = 4 * i;
      if (a[o] === 0 && a[o + 1] === 0 && a[o + 2] === 0 && a[o + 3] === 0) return i;
    }
  }
  const c = new Uint32Array(4);
  extInvAt(c, 0, pre, last);
  const t = new Uint32Array(4);
  for (let i = n - 1; i > 0; i--) {
    const o = 4 * i;
    // a[o..o+4) is saved first: when dst === a, the next line overwrites it. (Word by word:
    // t.set(a.subarray(...)) allocates a view per element and made the loop 10× slower.)
    t[0] = a[o];
    t[1] = a[o + 1];
    t[2] = a[o + 2];
    t[3] = a[o + 3];
    extMulAt(dst, o, c, 0, pre, o - 4);
    extMulAt(c, 0, c, 0, t, 0);
  }
  dst.set(c, 0);
  return -1;
}

/**
 * Inverses of the extension elements packed in `values` (4 words each), in a new array or `out`
 * (which may be `values`). Throws 'zero-inverse' naming the first zero element.
 */
export function extBatchInverse(values: Uint32Array, out?: Uint32Array): Uint32Array {
  checkExtLength('extBatchInverse', 'input', values);
  const dst = out ?? new Uint32Array(values.length);
  if (dst.length !== values.length) {
    throw new FieldError(
      'length-mismatch',
      `extBatchInverse: expected output of length ${values.length}, got ${dst.length}`,
    );
  }
  const z = extBatchInverseRaw(dst, values, values.length / 4);
  if (z >= 0) throw new FieldError('zero-inverse', `extBatchInverse: element ${z} is zero`);
  return dst;
}
