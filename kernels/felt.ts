// Scalar BabyBear helpers for kernel tails and one-off steps (standard form, canonical in and out).
// Hot loops use the SIMD forms in babybear.ts and barrett.ts; these run a few times per call.
import { montMul, P, R2 } from './babybear';

/** R mod p = 2^32 mod p: one in Montgomery form. */
export const MONT_ONE: u32 = 0x0ffffffe;

// @ts-ignore: decorator
@inline export function addS(a: u32, b: u32): u32 {
  const s = a + b;
  return s >= P ? s - P : s;
}

// @ts-ignore: decorator
@inline export function subS(a: u32, b: u32): u32 {
  return a >= b ? a - b : a - b + P;
}

/** a·b mod p by a hardware 64-bit remainder (about 2 ns; for tails). */
// @ts-ignore: decorator
@inline export function mulS(a: u32, b: u32): u32 {
  return <u32>((<u64>a * <u64>b) % <u64>P);
}

/** a·s mod p for s with Shoup companion sh = floor(s·2^32/p): the remainder is in [0, 2p). */
// @ts-ignore: decorator
@inline export function mulShoupS(a: u32, s: u32, sh: u32): u32 {
  const q = <u32>((<u64>a * <u64>sh) >> 32);
  const r = a * s - q * P;
  return r >= P ? r - P : r;
}

/** x^(p−2) = 1/x for standard-form x (0 maps to 0), by Montgomery exponentiation. */
export function invS(x: u32): u32 {
  let b = montMul(x, R2);
  let r = MONT_ONE;
  let e: u32 = P - 2;
  while (e != 0) {
    if (e & 1) r = montMul(r, b);
    b = montMul(b, b);
    e >>= 1;
  }
  return montMul(r, 1);
}
