// The quartic extension F_p[x]/(x^4 − 11) of BabyBear (11 is a non-residue mod p, so x^4 − 11 is
// irreducible and this is the field of p^4 ≈ 2^124 elements used for challenges and out-of-domain
// values). An ExtFelt is 4 canonical u32 words, the coefficients of 1, x, x^2, x^3.
// The `...At(dst, d, a, ai, ...)` forms read and write 4 words at word offsets of flat arrays, so
// hot loops over extension columns never allocate; the short forms allocate their result.

import { add, type Felt, inv, mul, neg, P, sub } from './babybear.js';
import { FieldError } from './errors.js';

/** An extension element: a Uint32Array of 4 canonical coefficients. */
export type ExtFelt = Uint32Array;

/** x^4 = W in the extension. */
export const W = 11;
export const EXT_DEGREE = 4;

const PINV = 1 / P;

/** c0 + c1·x + c2·x^2 + c3·x^3 (coefficients must be canonical; see isCanonicalExt). */
export function ext(c0: Felt = 0, c1: Felt = 0, c2: Felt = 0, c3: Felt = 0): ExtFelt {
  const r = new Uint32Array(4);
  r[0] = c0;
  r[1] = c1;
  r[2] = c2;
  r[3] = c3;
  return r;
}

export function extFromBase(a: Felt): ExtFelt {
  return ext(a);
}

export function extZero(): ExtFelt {
  return new Uint32Array(4);
}

export function extOne(): ExtFelt {
  return ext(1);
}

export function isCanonicalExt(x: unknown): x is ExtFelt {
  if (!(x instanceof Uint32Array) || x.length !== 4) return false;
  return x[0] < P && x[1] < P && x[2] < P && x[3] < P;
}

export function extEq(a: ExtFelt, b: ExtFelt): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

export function extIsZero(a: ExtFelt): boolean {
  return a[0] === 0 && a[1] === 0 && a[2] === 0 && a[3] === 0;
}

/** True when a lies in the base field (c1 = c2 = c3 = 0). */
export function extIsBase(a: ExtFelt): boolean {
  return a[1] === 0 && a[2] === 0 && a[3] === 0;
}

// ---- offset forms ------------------------------------------------------------------------------

export function extAddAt(
  dst: Uint32Array,
  d: number,
  a: Uint32Array,
  ai: number,
  b: Uint32Array,
  bi: number,
) {
  dst[d] = add(a[ai], b[bi]);
  dst[d + 1] = add(a[ai + 1], b[bi + 1]);
  dst[d + 2] = add(a[ai + 2], b[bi + 2]);
  dst[d + 3] = add(a[ai + 3], b[bi + 3]);
}

export function extSubAt(
  dst: Uint32Array,
  d: number,
  a: Uint32Array,
  ai: number,
  b: Uint32Array,
  bi: number,
) {
  dst[d] = sub(a[ai], b[bi]);
  dst[d + 1] = sub(a[ai + 1], b[bi + 1]);
  dst[d + 2] = sub(a[ai + 2], b[bi + 2]);
  dst[d + 3] = sub(a[ai + 3], b[bi + 3]);
}

export function extNegAt(dst: Uint32Array, d: number, a: Uint32Array, ai: number) {
  dst[d] = neg(a[ai]);
  dst[d + 1] = neg(a[ai + 1]);
  dst[d + 2] = neg(a[ai + 2]);
  dst[d + 3] = neg(a[ai + 3]);
}

/**
 * The canonical residue of S from s ≡ S (mod 2^32, any integer sum of Math.imul terms) and
 * x ≈ S/p within 1/2 (x < 2^52): q = round(x) is floor or ceil of S/p, so S − q·p is in (−p, p).
 */
export function reduceEst(s: number, x: number): Felt {
  const r = (s - Math.imul((x + 0.5) | 0, P)) | 0;
  // Rounding makes r negative about half the time: branchless (see babybear.ts add).
  return r + ((r >> 31) & P);
}

/**
 * dst[d..d+4) = a·b with lazy reduction: each coefficient is one sum S of four products a_i·B
 * (B = b_k or 11·b_k < 2^35, so S < 34·p^2). Its residue mod 2^32 comes from Math.imul, S/p from
 * doubles (relative error below 2^-50), and one reduction finishes: 22 ns per product in a
 * tight loop against 144 ns for 16 mul() calls and the adds and ·11 between them.
 * Safe when dst aliases a or b.
 */
export function extMulAt(
  dst: Uint32Array,
  d: number,
  a: Uint32Array,
  ai: number,
  b: Uint32Array,
  bi: number,
) {
  const a0 = a[ai] | 0;
  const a1 = a[ai + 1] | 0;
  const a2 = a[ai + 2] | 0;
  const a3 = a[ai + 3] | 0;
  const b0 = b[bi] | 0;
  const b1 = b[bi + 1] | 0;
  const b2 = b[bi + 2] | 0;
  const b3 = b[bi + 3] | 0;
  // 11·b exactly as doubles (< 2^35) for the quotient, and mod 2^32 as int32 for the residue:
  // passing the doubles to Math.imul instead measured 7% slower.
  const w1 = W * b1;
  const w2 = W * b2;
  const w3 = W * b3;
  const v1 = Math.imul(W, b1);
  const v2 = Math.imul(W, b2);
  const v3 = Math.imul(W, b3);
  const s0 = Math.imul(a0, b0) + Math.imul(a1, v3) + Math.imul(a2, v2) + Math.imul(a3, v1);
  const s1 = Math.imul(a0, b1) + Math.imul(a1, b0) + Math.imul(a2, v3) + Math.imul(a3, v2);
  const s2 = Math.imul(a0, b2) + Math.imul(a1, b1) + Math.imul(a2, b0) + Math.imul(a3, v3);
  const s3 = Math.imul(a0, b3) + Math.imul(a1, b2) + Math.imul(a2, b1) + Math.imul(a3, b0);
  dst[d] = reduceEst(s0, (a0 * b0 + a1 * w3 + a2 * w2 + a3 * w1) * PINV);
  dst[d + 1] = reduceEst(s1, (a0 * b1 + a1 * b0 + a2 * w3 + a3 * w2) * PINV);
  dst[d + 2] = reduceEst(s2, (a0 * b2 + a1 * b1 + a2 * b0 + a3 * w3) * PINV);
  dst[d + 3] = reduceEst(s3, (a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0) * PINV);
}

/** dst[d..d+4) = a^2, as extMulAt with the symmetric products merged (10 products, not 16). */
export function extSquareAt(dst: Uint32Array, d: number, a: Uint32Array, ai: number) {
  const a0 = a[ai] | 0;
  const a1 = a[ai + 1] | 0;
  const a2 = a[ai + 2] | 0;
  const a3 = a[ai + 3] | 0;
  // Doubles (exact) for the quotient, int32 residues for Math.imul, as in extMulAt.
  const t0 = 2 * a0;
  const t1 = 2 * a1;
  const w2 = W * a2;
  const u3 = 2 * W * a3;
  const w3 = W * a3;
  const t0i = a0 << 1;
  const t1i = a1 << 1;
  const w2i = Math.imul(W, a2);
  const w3i = Math.imul(W, a3);
  const u3i = Math.imul(2 * W, a3);
  // c0 = a0² + 11·a2² + 22·a1·a3, c1 = 2a0a1 + 22·a2a3, c2 = 2a0a2 + a1² + 11·a3², c3 = 2a0a3 + 2a1a2
  const s0 = Math.imul(a0, a0) + Math.imul(a2, w2i) + Math.imul(a1, u3i);
  const s1 = Math.imul(t0i, a1) + Math.imul(a2, u3i);
  const s2 = Math.imul(t0i, a2) + Math.imul(a1, a1) + Math.imul(a3, w3i);
  const s3 = Math.imul(t0i, a3) + Math.imul(t1i, a2);
  dst[d] = reduceEst(s0, (a0 * a0 + a2 * w2 + a1 * u3) * PINV);
  dst[d + 1] = reduceEst(s1, (t0 * a1 + a2 * u3) * PINV);
  dst[d + 2] = reduceEst(s2, (t0 * a2 + a1 * a1 + a3 * w3) * PINV);
  dst[d + 3] = reduceEst(s3, (t0 * a3 + t1 * a2) * PINV);
}

/** dst[d..d+4) = a·b for a base element b. */
export function extMulBaseAt(dst: Uint32Array, d: number, a: Uint32Array, ai: number, b: Felt) {
  dst[d] = mul(a[ai], b);
  dst[d + 1] = mul(a[ai + 1], b);
  dst[d + 2] = mul(a[ai + 2], b);
  dst[d + 3] = mul(a[ai + 3], b);
}

/**
 * dst[d..d+4) = 1/a. With y = x^2 (y^2 = W): a·a(−x) = b0 + b1·y lies in F_p[y], and
 * (b0 + b1·y)(b0 − b1·y) = b0^2 − W·b1^2 = N lies in F_p, so 1/a = a(−x)·(b0 − b1·y)/N.
 * N = 0 only for a = 0 (x^4 − W is irreducible), which throws 'zero-inverse'.
 */
export function extInvAt(dst: Uint32Array, d: number, a: Uint32Array, ai: number) {
  const a0 = a[ai];
  const a1 = a[ai + 1];
  const a2 = a[ai + 2];
  const a3 = a[ai + 3];
  // b0 = a0² + W·a2² − 2W·a1·a3, b1 = 2·a0·a2 − a1² − W·a3²
  const b0 = sub(add(mul(a0, a0), mul(W, mul(a2, a2))), mul(2 * W, mul(a1, a3)));
  const b1 = sub(sub(mul(2, mul(a0, a2)), mul(a1, a1)), mul(W, mul(a3, a3)));
  const n = sub(mul(b0, b0), mul(W, mul(b1, b1)));
  if (n === 0) throw new FieldError('zero-inverse', 'extInv: zero has no inverse');
  const ni = inv(n);
  const c0 = sub(mul(a0, b0), mul(W, mul(a2, b1)));
  const c1 = sub(mul(a1, b0), mul(W, mul(a3, b1)));
  const c2 = sub(mul(a2, b0), mul(a0, b1));
  const c3 = sub(mul(a3, b0), mul(a1, b1));
  dst[d] = mul(c0, ni);
  dst[d + 1] = neg(mul(c1, ni));
  dst[d + 2] = mul(c2, ni);
  dst[d + 3] = neg(mul(c3, ni));
}

// ---- allocating forms --------------------------------------------------------------------------

export function extAdd(a: ExtFelt, b: ExtFelt): ExtFelt {
  const r = new Uint32Array(4);
  extAddAt(r, 0, a, 0, b, 0);
  return r;
}

export function extSub(a: ExtFelt, b: ExtFelt): ExtFelt {
  const r = new Uint32Array(4);
  extSubAt(r, 0, a, 0, b, 0);
  return r;
}

export function extNeg(a: ExtFelt): ExtFelt {
  const r = new Uint32Array(4);
  extNegAt(r, 0, a, 0);
  return r;
}

export function extMul(a: ExtFelt, b: ExtFelt): ExtFelt {
  const r = new Uint32Array(4);
  extMulAt(r, 0, a, 0, b, 0);
  return r;
}

export function extSquare(a: ExtFelt): ExtFelt {
  const r = new Uint32Array(4);
  extSquareAt(r, 0, a, 0);
  return r;
}

export function extMulBase(a: ExtFelt, b: Felt): ExtFelt {
  const r = new Uint32Array(4);
  extMulBaseAt(r, 0, a, 0, b);
  return r;
}

export function extInv(a: ExtFelt): ExtFelt {
  const r = new Uint32Array(4);
  extInvAt(r, 0, a, 0);
  return r;
}

export function extDiv(a: ExtFelt, b: ExtFelt): ExtFelt {
  const r = extInv(b);
  extMulAt(r, 0, a, 0, r, 0);
  return r;
}

/** a^e for a non-negative integer exponent (number up to 2^53, or bigint; exponents up to p^4). */
export function extPow(a: ExtFelt, e: number | bigint): ExtFelt {
  let k: bigint;
  if (typeof e === 'bigint') k = e;
  else if (Number.isSafeInteger(e)) k = BigInt(e);
  else throw new FieldError('bad-exponent', `extPow: bad exponent ${e}`);
  if (k < 0n) throw new FieldError('bad-exponent', `extPow: negative exponent ${k}`);
  const r = extOne();
  const base = Uint32Array.from(a);
  while (k > 0n) {
    if (k & 1n) extMulAt(r, 0, r, 0, base, 0);
    extSquareAt(base, 0, base, 0);
    k >>= 1n;
  }
  return r;
}
