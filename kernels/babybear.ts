// BabyBear (p = 15·2^27 + 1) Montgomery primitives shared by every kernel, scalar and 4-lane SIMD.
// Invariant: inputs and outputs are canonical in [0, p). Data in wasm memory is in standard form;
// montMul(a, b) = a·b·2^-32 mod p, so a kernel multiplies standard-form data by constants that
// it was given in Montgomery form (c·2^32 mod p) to get standard-form products with one reduction.
// Everything here is @inline: V8 does not inline calls between wasm functions.

export const P: u32 = 0x78000001;
/** p^-1 mod 2^32 */
export const MU: u32 = 0x88000001;
/** 2^64 mod p: montMul(x, R2) converts standard form to Montgomery form. */
export const R2: u32 = 0x45dddde3;

// @ts-ignore: decorator
@inline export function addMod(a: u32, b: u32): u32 {
  const s = a + b; // < 2^32 because a, b < 2^31
  return s >= P ? s - P : s;
}

// @ts-ignore: decorator
@inline export function subMod(a: u32, b: u32): u32 {
  const d = a - b;
  return a < b ? d + P : d;
}

// @ts-ignore: decorator
@inline export function montMul(a: u32, b: u32): u32 {
  const t = <u64>a * <u64>b;
  const m = <u32>t * MU;
  const mp = <u64>m * <u64>P;
  const th = <u32>(t >> 32);
  const mh = <u32>(mp >> 32);
  // t ≡ m·p (mod 2^32), so (t − m·p)/2^32 = th − mh exactly, in (−p, p).
  return th < mh ? th - mh + P : th - mh;
}

// @ts-ignore: decorator
@inline export function addModV(a: v128, b: v128): v128 {
  const pv = i32x4.splat(P);
  const s = i32x4.add(a, b);
  // min_u(s, s − p) picks s − p exactly when s ≥ p (otherwise s − p wraps above 2^31).
  return i32x4.min_u(s, i32x4.sub(s, pv));
}

// @ts-ignore: decorator
@inline export function subModV(a: v128, b: v128): v128 {
  const pv = i32x4.splat(P);
  const d = i32x4.sub(a, b);
  // d + p when a < b: min_u(d, d + p) picks it, since d wraps to ≥ 2^32 − p > d + p.
  return i32x4.min_u(d, i32x4.add(d, pv));
}

// @ts-ignore: decorator
@inline export function montMulV(a: v128, b: v128): v128 {
  const pv = i32x4.splat(P);
  const lo = i64x2.extmul_low_i32x4_u(a, b);
  const hi = i64x2.extmul_high_i32x4_u(a, b);
  const tl = i8x16.shuffle(lo, hi, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
  const th = i8x16.shuffle(lo, hi, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
  const m = i32x4.mul(tl, i32x4.splat(MU));
  const ml = i64x2.extmul_low_i32x4_u(m, pv);
  const mhh = i64x2.extmul_high_i32x4_u(m, pv);
  const mh = i8x16.shuffle(ml, mhh, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
  const d = i32x4.sub(th, mh);
  return i32x4.min_u(d, i32x4.add(d, pv));
}
