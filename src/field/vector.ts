// Field vector operations on columns in wasm memory (WasmVec), run by the SIMD kernels of
// kernels/field.ts and kernels/ext.ts. Arguments are checked here, once (lengths, extension word
// counts, overlaps, canonical scalars); the kernels then run without checks. Each function has a
// twin of the same name in vector-ts.ts that gives the same words. Each returns dst.

import { kernels } from '../wasm/kernels.js';
import { WasmVec, wasmMemory } from '../wasm/memory.js';
import { type Felt, P } from './babybear.js';
import { checkExtFelt, checkFelt, FieldError, type Span } from './errors.js';
import type { ExtFelt } from './ext.js';
import { checkElementwise, checkExtElementwise, checkExtWithBase } from './vector-args.js';

const spanOf = (v: WasmVec): Span => ({
  buffer: wasmMemory().buffer,
  start: v.ptr,
  end: v.ptr + 4 * v.length,
});

export function vecAdd(dst: WasmVec, a: WasmVec, b: WasmVec): WasmVec {
  const n = checkElementwise('vecAdd', spanOf, dst, [
    ['a', a],
    ['b', b],
  ]);
  kernels().vecAdd(dst.ptr, a.ptr, b.ptr, n);
  return dst;
}

export function vecSub(dst: WasmVec, a: WasmVec, b: WasmVec): WasmVec {
  const n = checkElementwise('vecSub', spanOf, dst, [
    ['a', a],
    ['b', b],
  ]);
  kernels().vecSub(dst.ptr, a.ptr, b.ptr, n);
  return dst;
}

export function vecNeg(dst: WasmVec, a: WasmVec): WasmVec {
  const n = checkElementwise('vecNeg', spanOf, dst, [['a', a]]);
  kernels().vecNeg(dst.ptr, a.ptr, n);
  return dst;
}

/** dst = a·b element-wise. */
export function vecMul(dst: WasmVec, a: WasmVec, b: WasmVec): WasmVec {
  const n = checkElementwise('vecMul', spanOf, dst, [
    ['a', a],
    ['b', b],
  ]);
  kernels().vecMul(dst.ptr, a.ptr, b.ptr, n);
  return dst;
}

/** dst = s·a. */
export function vecScale(dst: WasmVec, a: WasmVec, s: Felt): WasmVec {
  checkFelt('vecScale', 'scalar', s);
  const n = checkElementwise('vecScale', spanOf, dst, [['a', a]]);
  kernels().vecScale(dst.ptr, a.ptr, s, n);
  return dst;
}

/** dst = s·x + y. */
export function vecAxpy(dst: WasmVec, s: Felt, x: WasmVec, y: WasmVec): WasmVec {
  checkFelt('vecAxpy', 'scalar', s);
  const n = checkElementwise('vecAxpy', spanOf, dst, [
    ['x', x],
    ['y', y],
  ]);
  kernels().vecAxpy(dst.ptr, s, x.ptr, y.ptr, n);
  return dst;
}

/** dst = a·b + c element-wise. */
export function vecMulAdd(dst: WasmVec, a: WasmVec, b: WasmVec, c: WasmVec): WasmVec {
  const n = checkElementwise('vecMulAdd', spanOf, dst, [
    ['a', a],
    ['b', b],
    ['c', c],
  ]);
  kernels().vecMulAdd(dst.ptr, a.ptr, b.ptr, c.ptr, n);
  return dst;
}

/**
 * dst = 1/a element-wise; throws 'zero-inverse' naming the first zero. In place (dst === a)
 * costs a temporary copy, because the kernel keeps its prefix products in dst.
 */
export function vecBatchInverse(dst: WasmVec, a: WasmVec): WasmVec {
  const n = checkElementwise('vecBatchInverse', spanOf, dst, [['a', a]]);
  const z = withDistinctInput(dst, a, (src) => kernels().vecBatchInverse(dst.ptr, src.ptr, n));
  if (z >= 0) throw new FieldError('zero-inverse', `vecBatchInverse: element ${z} is zero`);
  return dst;
}

// ---- extension columns (4 words per element) --------------------------------------------------

export function extVecAdd(dst: WasmVec, a: WasmVec, b: WasmVec): WasmVec {
  const n = checkExtElementwise('extVecAdd', spanOf, dst, [
    ['a', a],
    ['b', b],
  ]);
  kernels().vecAdd(dst.ptr, a.ptr, b.ptr, 4 * n);
  return dst;
}

export function extVecSub(dst: WasmVec, a: WasmVec, b: WasmVec): WasmVec {
  const n = checkExtElementwise('extVecSub', spanOf, dst, [
    ['a', a],
    ['b', b],
  ]);
  kernels().vecSub(dst.ptr, a.ptr, b.ptr, 4 * n);
  return dst;
}

/** dst = a·b element-wise, extension × extension. */
export function extVecMul(dst: WasmVec, a: WasmVec, b: WasmVec): WasmVec {
  const n = checkExtElementwise('extVecMul', spanOf, dst, [
    ['a', a],
    ['b', b],
  ]);
  kernels().extVecMul(dst.ptr, a.ptr, b.ptr, n);
  return dst;
}

/** dst = a·b element-wise, a an extension column (4n words), b a base column (n words). */
export function extVecMulBase(dst: WasmVec, a: WasmVec, b: WasmVec): WasmVec {
  const n = checkExtWithBase('extVecMulBase', spanOf, dst, [['a', a]], ['b', b]);
  kernels().extVecMulBase(dst.ptr, a.ptr, b.ptr, n);
  return dst;
}

/** dst = s·a for an extension scalar s. */
export function extVecScale(dst: WasmVec, a: WasmVec, s: ExtFelt): WasmVec {
  checkExtFelt('extVecScale', 'scalar', s);
  const n = checkExtElementwise('extVecScale', spanOf, dst, [['a', a]]);
  kernels().extVecScale(dst.ptr, a.ptr, s[0], s[1], s[2], s[3], n);
  return dst;
}

/** dst = s·x + y: s an extension scalar, x and y extension columns. */
export function extVecAxpy(dst: WasmVec, s: ExtFelt, x: WasmVec, y: WasmVec): WasmVec {
  checkExtFelt('extVecAxpy', 'scalar', s);
  const n = checkExtElementwise('extVecAxpy', spanOf, dst, [
    ['x', x],
    ['y', y],
  ]);
  kernels().extVecAxpy(dst.ptr, s[0], s[1], s[2], s[3], x.ptr, y.ptr, n);
  return dst;
}

/** dst = s·x + y: s an extension scalar, x a base column (n words), y an extension column. */
export function extVecAxpyBase(dst: WasmVec, s: ExtFelt, x: WasmVec, y: WasmVec): WasmVec {
  checkExtFelt('extVecAxpyBase', 'scalar', s);
  const n = checkExtWithBase('extVecAxpyBase', spanOf, dst, [['y', y]], ['x', x]);
  kernels().extVecAxpyBase(dst.ptr, s[0], s[1], s[2], s[3], x.ptr, y.ptr, n);
  return dst;
}

/** dst = 1/a element-wise over extension elements; throws 'zero-inverse' naming the first zero. */
export function extVecBatchInverse(dst: WasmVec, a: WasmVec): WasmVec {
  const n = checkExtElementwise('extVecBatchInverse', spanOf, dst, [['a', a]]);
  const z = withDistinctInput(dst, a, (src) => kernels().extVecBatchInverse(dst.ptr, src.ptr, n));
  if (z >= 0) throw new FieldError('zero-inverse', `extVecBatchInverse: element ${z} is zero`);
  return dst;
}

/** Throws 'non-canonical' naming the first word of v that is not below p (a SIMD scan). */
export function checkCanonical(v: WasmVec, what = 'vector'): void {
  const i = kernels().vecFirstNonCanonical(v.ptr, v.length);
  if (i >= 0) {
    throw new FieldError('non-canonical', `${what}: word ${i} is ${v.view[i]}, not below p = ${P}`);
  }
}

/** Runs f on a, or on a temporary copy of it when it is dst itself. */
function withDistinctInput(dst: WasmVec, a: WasmVec, f: (src: WasmVec) => number): number {
  if (dst.ptr !== a.ptr) return f(a);
  const tmp = WasmVec.from(a.view);
  try {
    return f(tmp);
  } finally {
    tmp.free();
  }
}
