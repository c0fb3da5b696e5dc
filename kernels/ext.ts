// Quartic-extension vector kernels: F_p[x]/(x^4 − 11) over BabyBear, each element stored as 4
// consecutive u32 (coefficients of 1, x, x^2, x^3; standard form, canonical), so one element is
// one v128. n counts extension elements; pointers are byte offsets, 4-byte aligned. dst may equal
// an extension input exactly (in place); the TS twins in src/field/vector-ts.ts are the oracles.
//
// Products use the float-assisted Barrett reduction of kernels/barrett.ts with lazy reduction:
// each output coefficient is one sum S = Σ a_i·B_i (B_i = b_k or 11·b_k, unreduced, so S < 34·p^2
// < 2^67); S mod 2^32 comes from i32x4 products, S/p from f64x2 products within 2^-13, and one
// reduction per coefficient finishes.
import { addModV } from './babybear';
import { cvtHi, cvtLo, mulShoupV, PINV, reduceEst, shoupOf } from './barrett';
import { ext4, extMulV } from './ext-arith';
import { addS, invS, mulS, subS } from './felt';

const W: u32 = 11;


/** dst = a·b element-wise (extension × extension). */
export function extVecMul(dst: usize, a: usize, b: usize, n: u32): void {
  const end = a + (<usize>(n & ~1) << 4);
  for (; a < end; a += 32, b += 32, dst += 32) {
    const x0 = extMulV(v128.load(a), v128.load(b));
    const x1 = extMulV(v128.load(a, 16), v128.load(b, 16));
    v128.store(dst, x0);
    v128.store(dst, x1, 16);
  }
  if (n & 1) v128.store(dst, extMulV(v128.load(a), v128.load(b)));
}

/** a·b for one extension element a and a base element b splatted to all lanes. */
// @ts-ignore: decorator
@inline function extMulBaseV(a: v128, b: v128): v128 {
  const bp = f64x2.mul(cvtLo(b), f64x2.splat(PINV));
  return reduceEst(i32x4.mul(a, b), f64x2.mul(cvtLo(a), bp), f64x2.mul(cvtHi(a), bp));
}

/**
 * dst = a·b element-wise, a extension (4n words), b base (n words). Four elements per iteration,
 * with b loaded as one v128 and splatted by shuffles: 2.1 ns/elem against 3.0 for a scalar load
 * and i32x4.splat per element.
 */
export function extVecMulBase(dst: usize, a: usize, b: usize, n: u32): void {
  const end = b + (<usize>(n & ~3) << 2);
  for (; b < end; a += 64, b += 16, dst += 64) {
    const bv = v128.load(b);
    const x0 = extMulBaseV(v128.load(a), v128.shuffle<i32>(bv, bv, 0, 0, 0, 0));
    const x1 = extMulBaseV(v128.load(a, 16), v128.shuffle<i32>(bv, bv, 1, 1, 1, 1));
    const x2 = extMulBaseV(v128.load(a, 32), v128.shuffle<i32>(bv, bv, 2, 2, 2, 2));
    const x3 = extMulBaseV(v128.load(a, 48), v128.shuffle<i32>(bv, bv, 3, 3, 3, 3));
    v128.store(dst, x0);
    v128.store(dst, x1, 16);
    v128.store(dst, x2, 32);
    v128.store(dst, x3, 48);
  }
  for (let i: u32 = 0; i < (n & 3); i++) {
    const o = <usize>i << 4;
    v128.store(dst + o, extMulBaseV(v128.load(a + o), i32x4.splat(load<u32>(b + (<usize>i << 2)))));
  }
}

/** dst = s·a for an extension scalar s = (s0, s1, s2, s3) and an extension column a. */
export function extVecScale(dst: usize, a: usize, s0: u32, s1: u32, s2: u32, s3: u32, n: u32): void {
  const s = ext4(s0, s1, s2, s3);
  const end = a + (<usize>(n & ~1) << 4);
  for (; a < end; a += 32, dst += 32) {
    const x0 = extMulV(v128.load(a), s);
    const x1 = extMulV(v128.load(a, 16), s);
    v128.store(dst, x0);
    v128.store(dst, x1, 16);
  }
  if (n & 1) v128.store(dst, extMulV(v128.load(a), s));
}

/** dst = s·x + y: s an extension scalar, x and y extension columns. */
export function extVecAxpy(
  dst: usize,
  s0: u32,
  s1: u32,
  s2: u32,
  s3: u32,
  x: usize,
  y: usize,
  n: u32,
): void {
  const s = ext4(s0, s1, s2, s3);
  const end = x + (<usize>(n & ~1) << 4);
  for (; x < end; x += 32, y += 32, dst += 32) {
    const x0 = addModV(extMulV(v128.load(x), s), v128.load(y));
    const x1 = addModV(extMulV(v128.load(x, 16), s), v128.load(y, 16));
    v128.store(dst, x0);
    v128.store(dst, x1, 16);
  }
  if (n & 1) v128.store(dst, addModV(extMulV(v128.load(x), s), v128.load(y)));
}

/**
 * dst = s·x + y: s an extension scalar, x a base column (n words), y an extension column. The
 * constant s gets Shoup companions, so each element costs one Shoup product of 4 lanes and an add
 * (a random linear combination of base columns with extension weights).
 */
export function extVecAxpyBase(
  dst: usize,
  s0: u32,
  s1: u32,
  s2: u32,
  s3: u32,
  x: usize,
  y: usize,
  n: u32,
): void {
  const s = ext4(s0, s1, s2, s3);
  const sh = ext4(shoupOf(s0), shoupOf(s1), shoupOf(s2), shoupOf(s3));
  // Four elements per iteration from one v128 load of x, splatted by shuffles: 2.8 ns/elem
  // against 11 for a scalar load and i32x4.splat per element (same run).
  const end = x + (<usize>(n & ~3) << 2);
  for (; x < end; x += 16, y += 64, dst += 64) {
    const xv = v128.load(x);
    const x0 = addModV(mulShoupV(v128.shuffle<i32>(xv, xv, 0, 0, 0, 0), s, sh), v128.load(y));
    const x1 = addModV(mulShoupV(v128.shuffle<i32>(xv, xv, 1, 1, 1, 1), s, sh), v128.load(y, 16));
    const x2 = addModV(mulShoupV(v128.shuffle<i32>(xv, xv, 2, 2, 2, 2), s, sh), v128.load(y, 32));
    const x3 = addModV(mulShoupV(v128.shuffle<i32>(xv, xv, 3, 3, 3, 3), s, sh), v128.load(y, 48));
    v128.store(dst, x0);
    v128.store(dst, x1, 16);
    v128.store(dst, x2, 32);
    v128.store(dst, x3, 48);
  }
  for (let i: u32 = 0; i < (n & 3); i++) {
    const o = <usize>i << 4;
    const xi = i32x4.splat(load<u32>(x + (<usize>i << 2)));
    v128.store(dst + o, addModV(mulShoupV(xi, s, sh), v128.load(y + o)));
  }
}

/**
 * 1/a for a nonzero extension element, by the norm: with y = x^2, a·a(−x) = b0 + b1·y and
 * (b0 + b1·y)(b0 − b1·y) = b0^2 − 11·b1^2 ∈ F_p (as src/field/ext.ts extInvAt). Scalar code:
 * it runs once or twice per batch.
 */
function extInvV(a: v128): v128 {
  const a0 = i32x4.extract_lane(a, 0);
  const a1 = i32x4.extract_lane(a, 1);
  const a2 = i32x4.extract_lane(a, 2);
  const a3 = i32x4.extract_lane(a, 3);
  const b0 = subS(addS(mulS(a0, a0), mulS(W, mulS(a2, a2))), mulS(2 * W, mulS(a1, a3)));
  const b1 = subS(subS(mulS(2, mulS(a0, a2)), mulS(a1, a1)), mulS(W, mulS(a3, a3)));
  const ni = invS(subS(mulS(b0, b0), mulS(W, mulS(b1, b1))));
  const c0 = mulS(subS(mulS(a0, b0), mulS(W, mulS(a2, b1))), ni);
  const c1 = subS(0, mulS(subS(mulS(a1, b0), mulS(W, mulS(a3, b1))), ni));
  const c2 = mulS(subS(mulS(a2, b0), mulS(a0, b1)), ni);
  const c3 = subS(0, mulS(subS(mulS(a3, b0), mulS(a1, b1)), ni));
  return ext4(c0, c1, c2, c3);
}

/**
 * dst = 1/a over extension elements by Montgomery's trick on 2 interleaved chains (even and odd
 * elements), so two independent products overlap; a tail element (n odd) is inverted alone.
 * Returns −1, or the index of the first zero element (dst then holds garbage). dst must not
 * overlap a.
 */
export function extVecBatchInverse(dst: usize, a: usize, n: u32): i32 {
  const n2 = n & ~1;
  let zero = false;
  if (n2 != 0) {
    let p0 = v128.load(a);
    let p1 = v128.load(a, 16);
    v128.store(dst, p0);
    v128.store(dst, p1, 16);
    const last = a + ((<usize>n2 - 2) << 4);
    let s = a + 32;
    let d = dst + 32;
    for (; s <= last; s += 32, d += 32) {
      p0 = extMulV(p0, v128.load(s));
      p1 = extMulV(p1, v128.load(s, 16));
      v128.store(d, p0);
      v128.store(d, p1, 16);
    }
    if (!v128.any_true(p0) || !v128.any_true(p1)) {
      zero = true;
    } else {
      let c0 = extInvV(p0);
      let c1 = extInvV(p1);
      s = last;
      d = dst + ((<usize>n2 - 2) << 4);
      while (s > a) {
        const pd = d - 32;
        const o0 = extMulV(c0, v128.load(pd));
        const o1 = extMulV(c1, v128.load(pd, 16));
        c0 = extMulV(c0, v128.load(s));
        c1 = extMulV(c1, v128.load(s, 16));
        v128.store(d, o0);
        v128.store(d, o1, 16);
        d = pd;
        s -= 32;
      }
      v128.store(dst, c0);
      v128.store(dst, c1, 16);
    }
  }
  if (n & 1) {
    const o = <usize>n2 << 4;
    const x = v128.load(a + o);
    if (!v128.any_true(x)) zero = true;
    else v128.store(dst + o, extInvV(x));
  }
  if (!zero) return -1;
  for (let i: u32 = 0; i < n; i++) {
    if (!v128.any_true(v128.load(a + (<usize>i << 4)))) return <i32>i;
  }
  return -1;
}
