// Multiplication gadgets for alu-mul and alu-div-rem: words split into bytes, range-checked on
// the RANGE16 table, and the low 64 bits of a product of two sign-extended words checked by a
// carry chain on 16-bit limbs. BabyBear's p = 15·2^27 + 1 < 2^31, so a product of two 16-bit
// limbs (< 2^32) does not fit in the field; byte × byte products (< 2^16) do, with room for the
// column sums and the carries.
//
// 1. Bytes of a word (evalWordBytes). The word's limbs x_lo, x_hi must be canonical 16-bit
//    integers (read from MEMORY, or range-checked by the caller). The prover supplies the high
//    byte h of each limb; the low byte is l = x − 256·h. Three lookups per limb:
//      RANGE16(h), RANGE16(256·h), RANGE16(256·l)         (lo limb; hi limb the same, or with a sign:)
//      RANGE16(h), RANGE16(512·(h − 128·s)), RANGE16(256·l)  with s a bit (the caller asserts it)
//    Soundness: the first lookup makes h an integer in [0, 2^16), so 256·h < 2^24 < p is an
//    integer and the second makes it < 2^16: h ∈ [0, 256). (With the sign: 512·(h − 128·s) is
//    an integer in (−2^24, 2^24), so h − 128·s ∈ [0, 128): h is a byte and s is its top bit, i.e.
//    the word's sign bit.) Then l = x − 256·h is an integer in (−2^16, 2^16), 256·l ∈ (−2^24, 2^24)
//    does not wrap, and the third lookup gives l ∈ [0, 256). So x = l + 256·h with both bytes
//    exact. (Two lookups are not enough: with RANGE16(256·h) and RANGE16(256·l) alone, h could
//    be w/256 for any w < 2^16 — a huge field element — with l = x − w; with RANGE16(h) and
//    RANGE16(256·l) alone, h ≈ 30720 + x/2^8 makes 256·l wrap mod p into [0, 2^16).)
//
// 2. The product chain (evalMul64). Operands A, B are 8 bytes each (a word's 4 bytes, then 4
//    extension bytes 255·e for a sign-extension bit e, so A = a_s mod 2^64 for the signed value
//    a_s = a − 2^32·e). Column sums S_k = Σ_{i+j=k} A_i·B_j for k = 0..7 (terms with i + j ≥ 8
//    are multiples of 2^64 and dropped). For the four 16-bit output positions m = 0..3:
//      S_{2m} + 256·S_{2m+1} + extra_m + c_{m−1} = 2^16·c_m        (c_{−1} = 0)
//    where extra_m is the caller's addend (e.g. −z_m for a product z, or r_m − a_m for a
//    division). Each carry has two lookups, RANGE16(c + 2) and RANGE16(32·(c + 2)): c + 2 is an
//    integer in [0, 2^16) and then 32·(c + 2) < 2^21 does not wrap, so c ∈ [−2, 2046).
//    Carry bounds (no wrap): A_i, B_j ≤ 255, so S_k ≤ (k + 1)·255² ≤ 520,200 < 2^19 and
//    S_{2m} + 256·S_{2m+1} ≤ 455,175 + 256·520,200 = 133,626,375 < 2^27. The caller guarantees
//    |extra_m| < 2^17 (limbs and signed limbs). So each equation's terms are below 2^28 in
//    absolute value and it holds over the integers (p > 2^30). Summing equation m times 2^{16m}
//    telescopes to  Σ_{k<8} 2^{8k}·S_k + Σ 2^{16m}·extra_m = 2^64·c_3,  i.e.
//      A·B + extra ≡ 0 (mod 2^64).
//    Honest carries: c_m ≤ (133,626,375 + 2^16 + 2046)/2^16 < 2041 and c_m ≥ −2 (extra_m ≥
//    −2^17 + 2, c_{m−1} ≥ −2), so c + 2 < 2^11: the check is the exact width.

import type { AirBuilder, Expr, ExprLike } from '../../src/air/index.js';
import { P } from '../../src/field/babybear.js';
import { type RangeCounter, rangeCheck16 } from './range.js';

// biome-ignore lint/suspicious/noExplicitAny: gadgets work on any chip's builder
type B = AirBuilder<any, any>;

/** Carries are stored as c (a field element, possibly −1 or −2) and checked as c + CARRY_OFFSET < 2^11. */
export const CARRY_OFFSET = 2;
export const CARRY_BITS = 11;

/**
 * The 4 bytes [x0, x1, x2, x3] (little-endian) of the canonical word `limbs`, with the high byte
 * of each limb in `hi` (2 columns). `sign`: a bit that must be the word's top bit (asserted
 * boolean by the caller), or null. Six RANGE16 lookups, multiplicity `mult`.
 */
export function evalWordBytes(
  b: B,
  limbs: readonly Expr[],
  hi: readonly Expr[],
  sign: Expr | null,
  mult: ExprLike,
  label: string,
): Expr[] {
  const lo0 = limbs[0].sub(hi[0].mul(256));
  const lo1 = limbs[1].sub(hi[1].mul(256));
  rangeCheck16(b, hi[0], mult, `${label}: byte 1 < 2^16`);
  rangeCheck16(b, hi[0].mul(256), mult, `${label}: byte 1 < 2^8`);
  rangeCheck16(b, lo0.mul(256), mult, `${label}: byte 0 < 2^8`);
  rangeCheck16(b, hi[1], mult, `${label}: byte 3 < 2^16`);
  if (sign === null) rangeCheck16(b, hi[1].mul(256), mult, `${label}: byte 3 < 2^8`);
  else rangeCheck16(b, hi[1].sub(sign.mul(128)).mul(512), mult, `${label}: byte 3 − 128·sign < 2^7`);
  rangeCheck16(b, lo1.mul(256), mult, `${label}: byte 2 < 2^8`);
  return [lo0, hi[0], lo1, hi[1]];
}

/** Writes the high bytes of word `x` at `hiCol` and counts the six lookups of evalWordBytes. */
export function populateWordBytes(
  row: Uint32Array,
  hiCol: number,
  x: number,
  signed: boolean,
  range: RangeCounter,
): void {
  const bytes = [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24];
  row[hiCol] = bytes[1];
  row[hiCol + 1] = bytes[3];
  range.add16(bytes[1]);
  range.add16(bytes[1] * 256);
  range.add16(bytes[0] * 256);
  range.add16(bytes[3]);
  range.add16(signed ? (bytes[3] & 0x7f) * 512 : bytes[3] * 256);
  range.add16(bytes[2] * 256);
}

/** The 8 bytes of a word sign-extended by the bit `ext` (degree 1 each). */
export function extendBytes(bytes: readonly Expr[], ext: Expr): Expr[] {
  const e = ext.mul(255);
  return [...bytes, e, e, e, e];
}

/** A·B + extra ≡ 0 (mod 2^64) by the carry chain in the file comment; carry = 4 columns. */
export function evalMul64(
  b: B,
  A: readonly Expr[],
  Bv: readonly Expr[],
  extra: readonly Expr[],
  carry: readonly Expr[],
  mult: ExprLike,
  label: string,
): void {
  const S: Expr[] = [];
  for (let k = 0; k < 8; k++) {
    let s = b.const(0);
    for (let i = 0; i <= k; i++) s = s.add(A[i].mul(Bv[k - i]));
    S.push(s);
  }
  for (let m = 0; m < 4; m++) {
    let lhs = S[2 * m].add(S[2 * m + 1].mul(256)).add(extra[m]);
    if (m > 0) lhs = lhs.add(carry[m - 1]);
    b.assertEq(lhs, carry[m].mul(65536), `${label}: limb ${m} of the 64-bit product, with carry`);
  }
  for (let m = 0; m < 4; m++) {
    const c = carry[m].add(CARRY_OFFSET);
    rangeCheck16(b, c, mult, `${label}: carry ${m} + 2 < 2^16`);
    rangeCheck16(b, c.mul(1 << (16 - CARRY_BITS)), mult, `${label}: carry ${m} + 2 < 2^11`);
  }
}

/** Bytes of a 32-bit word x sign-extended by bit e (numbers). */
export function wordBytes64(x: number, e: number): number[] {
  const f = e ? 255 : 0;
  return [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24, f, f, f, f];
}

/**
 * Carries of the chain for byte vectors A, B and integer addends extra (each |extra_m| < 2^17);
 * throws unless every limb sum is a multiple of 2^16 (`strict = false`, for tests that build a
 * dishonest row: writes 0 there and leaves the carries to the caller). Writes the 4 carries (as
 * field elements) at `carryCol` and counts their lookups when `range` is given.
 */
export function populateMul64(
  row: Uint32Array,
  carryCol: number,
  A: readonly number[],
  Bv: readonly number[],
  extra: readonly number[],
  range: RangeCounter | null,
  strict = true,
): number[] {
  const S = columnSums(A, Bv);
  const carries: number[] = [];
  let c = 0;
  for (let m = 0; m < 4; m++) {
    const t = S[2 * m] + 256 * S[2 * m + 1] + extra[m] + c;
    if (t % 65536 !== 0) {
      if (strict) throw new Error(`mul64: limb ${m} sum ${t} is not a multiple of 2^16`);
      row[carryCol + m] = 0;
      continue;
    }
    c = t / 65536;
    carries.push(c);
    row[carryCol + m] = c < 0 ? c + P : c;
    if (range !== null) {
      range.add16(c + CARRY_OFFSET);
      range.add16((c + CARRY_OFFSET) << (16 - CARRY_BITS));
    }
  }
  return carries;
}

/** Column sums S_0..S_7 of the byte product (exact doubles, < 2^20). */
export function columnSums(A: readonly number[], Bv: readonly number[]): number[] {
  const S: number[] = [];
  for (let k = 0; k < 8; k++) {
    let s = 0;
    for (let i = 0; i <= k; i++) s += A[i] * Bv[k - i];
    S.push(s);
  }
  return S;
}

/**
 * The 16-bit limbs z_0..z_3 of A·B mod 2^64 (numbers), by the same chain with extra = −z.
 */
export function productLimbs(A: readonly number[], Bv: readonly number[]): number[] {
  const S = columnSums(A, Bv);
  const z: number[] = [];
  let c = 0;
  for (let m = 0; m < 4; m++) {
    const t = S[2 * m] + 256 * S[2 * m + 1] + c;
    z.push(t % 65536);
    c = Math.floor(t / 65536);
  }
  return z;
}
