// Word copies, layout changes and small vector helpers that the prover used to do in plain JS, as
// kernels so that a worker can run them on a range: a plain copy, a row-major → column transpose,
// SoA ↔ AoS for extension columns, a periodic fill, a constant add, an in-place prefix sum, and a
// batch inversion that records a zero in memory (a batch drops kernels' return values).
// Pointers are byte offsets into the shared memory; ranges never overlap (the callers' contract).
// Values are BabyBear elements in standard form, canonical.
import { addModV } from './babybear';
import { extVecBatchInverse } from './ext';
import { addS } from './felt';

/** dst[0..n) = src[0..n) (u32 words; the ranges must not overlap). */
export function copyWords(dst: usize, src: usize, n: u32): void {
  memory.copy(dst, src, <usize>n << 2);
}

/**
 * Columns [col0, col1) of a row-major matrix (width × height u32 words at src) to their own
 * vectors: word i of column j goes to cols[j] + 4i, where cols is a table of width u32 pointers.
 * Blocks of rows keep the source rows and the destination lines in cache.
 */
export function transposeToColumns(cols: usize, src: usize, width: u32, height: u32, col0: u32, col1: u32): void {
  const BLOCK: u32 = 64;
  const rowBytes: usize = <usize>width << 2;
  for (let r0: u32 = 0; r0 < height; r0 += BLOCK) {
    const r1 = min(height, r0 + BLOCK);
    for (let j = col0; j < col1; j++) {
      const dst: usize = <usize>load<u32>(cols + (<usize>j << 2));
      let s: usize = src + <usize>r0 * rowBytes + (<usize>j << 2);
      for (let i = r0; i < r1; i++, s += rowBytes) store<u32>(dst + (<usize>i << 2), load<u32>(s));
    }
  }
}

/**
 * Points [start, start + count) of an extension column in SoA form (4 coordinate columns of n
 * words each, coordinate c of point i at src + 4(c·n + i)) to AoS form at dst, relative to start:
 * point start + k goes to the 4 words at dst + 16k. 4×4 SIMD transposes, scalar tail.
 */
export function soaToAos(dst: usize, src: usize, n: u32, start: u32, count: u32): void {
  const colBytes: usize = <usize>n << 2;
  let s0: usize = src + (<usize>start << 2);
  const end: usize = s0 + (<usize>(count & ~3) << 2);
  for (; s0 < end; s0 += 16, dst += 64) {
    const a = v128.load(s0);
    const b = v128.load(s0 + colBytes);
    const c = v128.load(s0 + 2 * colBytes);
    const d = v128.load(s0 + 3 * colBytes);
    const t0 = v128.shuffle<i32>(a, b, 0, 4, 1, 5);
    const t1 = v128.shuffle<i32>(a, b, 2, 6, 3, 7);
    const t2 = v128.shuffle<i32>(c, d, 0, 4, 1, 5);
    const t3 = v128.shuffle<i32>(c, d, 2, 6, 3, 7);
    v128.store(dst, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
    v128.store(dst, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7), 16);
    v128.store(dst, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5), 32);
    v128.store(dst, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7), 48);
  }
  for (let k: u32 = 0; k < (count & 3); k++, s0 += 4, dst += 16) {
    store<u32>(dst, load<u32>(s0));
    store<u32>(dst, load<u32>(s0 + colBytes), 4);
    store<u32>(dst, load<u32>(s0 + 2 * colBytes), 8);
    store<u32>(dst, load<u32>(s0 + 3 * colBytes), 12);
  }
}

/** count extension elements in AoS form at src to 4 coordinate vectors: d_c[k] = src[4k + c]. */
export function aosToSoa(d0: usize, d1: usize, d2: usize, d3: usize, src: usize, count: u32): void {
  const end: usize = src + (<usize>(count & ~3) << 4);
  let o: usize = 0;
  for (; src < end; src += 64, o += 16) {
    const a = v128.load(src);
    const b = v128.load(src, 16);
    const c = v128.load(src, 32);
    const d = v128.load(src, 48);
    const t0 = v128.shuffle<i32>(a, b, 0, 4, 1, 5);
    const t1 = v128.shuffle<i32>(a, b, 2, 6, 3, 7);
    const t2 = v128.shuffle<i32>(c, d, 0, 4, 1, 5);
    const t3 = v128.shuffle<i32>(c, d, 2, 6, 3, 7);
    v128.store(d0 + o, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
    v128.store(d1 + o, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7));
    v128.store(d2 + o, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5));
    v128.store(d3 + o, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7));
  }
  for (let k: u32 = 0; k < (count & 3); k++, src += 16, o += 4) {
    store<u32>(d0 + o, load<u32>(src));
    store<u32>(d1 + o, load<u32>(src, 4));
    store<u32>(d2 + o, load<u32>(src, 8));
    store<u32>(d3 + o, load<u32>(src, 12));
  }
}

/** dst[k] = pattern[(start + k) mod period] for k < count (a periodic column, from point start). */
export function tileWords(dst: usize, pattern: usize, period: u32, start: u32, count: u32): void {
  let j = start % period;
  const end: usize = dst + (<usize>count << 2);
  for (; dst < end; dst += 4) {
    store<u32>(dst, load<u32>(pattern + (<usize>j << 2)));
    if (++j == period) j = 0;
  }
}

/** dst = a + c for a constant c (standard form); dst may equal a. */
export function vecAddConst(dst: usize, a: usize, c: u32, n: u32): void {
  const cv = i32x4.splat(c);
  const end = a + (<usize>(n & ~3) << 2);
  for (; a < end; a += 16, dst += 16) v128.store(dst, addModV(v128.load(a), cv));
  for (let i: u32 = 0; i < (n & 3); i++) store<u32>(dst + (i << 2), addS(load<u32>(a + (i << 2)), c));
}

/** In place a[i] = a[0] + … + a[i] for i < n; the sum of all n (0 if n = 0) goes to the word at total. */
export function vecPrefixSum(a: usize, n: u32, total: usize): void {
  let s: u32 = 0;
  const end = a + (<usize>n << 2);
  for (; a < end; a += 4) {
    s = addS(s, load<u32>(a));
    store<u32>(a, s);
  }
  store<u32>(total, s);
}

/**
 * extVecBatchInverse that stores 1 at the word `flag` when an element is zero (dst then holds
 * garbage) and leaves the word alone otherwise; dst must not overlap a.
 */
export function extVecBatchInverseFlag(dst: usize, a: usize, n: u32, flag: usize): void {
  if (extVecBatchInverse(dst, a, n) >= 0) store<u32>(flag, 1);
}
