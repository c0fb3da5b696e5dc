// FRI folding kernel: one binary fold pass over an extension codeword in bit-reversed order (one
// element = one v128, lanes = the 4 coefficients). Folding by 2^a is a passes (src/fri/fold-wasm.ts).
// Oracle: foldPairsTs in src/fri/fold.ts, bit for bit. Everything hot is inlined.
//
// Measured on this box (2^13 pairs in cache, best of 9 × 300 runs, ns per pair), ext product by β:
// recomputing β's shuffled rows each iteration (extMulV below) 14.7–17.3; hoisting the 4 rows and
// their 8 f64x2 halves out of the loop 22–24 (12 live v128 constants: register spills); hoisting 6
// of them 17.5–20. The base product (v0 − v1)·w costs 2–4 of these ns.

import { addModV, P, subModV } from './babybear';
import { mulV } from './barrett';
import { ext4, extMulV } from './ext-arith';



/** a/2 lane-wise for canonical a: (a + p)/2 when a is odd (a + p < 2^32). */
// @ts-ignore: decorator
@inline function halveV(a: v128): v128 {
  const odd = i32x4.sub(i32x4.splat(0), v128.and(a, i32x4.splat(1)));
  return i32x4.shr_u(i32x4.add(a, v128.and(odd, i32x4.splat(P))), 1);
}

/**
 * For i < half: dst[i] = (v0 + v1)/2 + β·(v0 − v1)·w[i], with v0, v1 = src[2i], src[2i+1]
 * (extension elements, 16 bytes each) and w[i] a base element (4 bytes), β = (b0, b1, b2, b3).
 * dst may equal src (element i is written after elements 2i, 2i+1 are read).
 */
export function friFoldPairs(
  dst: usize,
  src: usize,
  half: u32,
  w: usize,
  b0: u32,
  b1: u32,
  b2: u32,
  b3: u32,
): void {
  const beta = ext4(b0, b1, b2, b3);
  const end = w + (<usize>half << 2);
  for (; w < end; w += 4, src += 32, dst += 16) {
    const v0 = v128.load(src);
    const v1 = v128.load(src, 16);
    const d = mulV(subModV(v0, v1), i32x4.splat(load<u32>(w)));
    v128.store(dst, addModV(halveV(addModV(v0, v1)), extMulV(d, beta)));
  }
}
