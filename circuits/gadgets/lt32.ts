// a < b on two canonical 32-bit words (16-bit limbs), signed or unsigned: the borrow chain of
// a − b, with the sign bits flipped for a signed comparison.
//
// Columns (LT32): diff = [d_lo, d_hi] the limbs of a' − b' mod 2^32, borrow = [br_lo, br_hi],
// sign = [s_a, s_b]. Constraints:
//   a_lo − b_lo                              = d_lo − 2^16·br_lo
//   a_hi − b_hi − br_lo − 2^16·(s_a − s_b)   = d_hi − 2^16·br_hi
//   d_lo, d_hi ∈ RANGE16 (mult `gate`); br_*, s_* bits; s_a = s_b = 0 unless `signed`;
//   signed rows: 2·a_hi − 2^16·s_a ∈ RANGE16 and 2·b_hi − 2^16·s_b ∈ RANGE16.
// Result: lt = br_hi.
//
// Soundness. Let x' = x XOR 2^31·[signed]; its hi limb is x_hi + 2^15 − 2^16·s_x when s_x is
// x's top bit, and x <_s y ⇔ x' <_u y' (flipping the sign bit maps two's complement order onto
// unsigned order). On a signed row, 2·a_hi − 2^16·s_a is an integer in [−2^16, 2^17) (a_hi is a
// canonical limb, s_a a bit); it is ≡ a value < 2^16 mod p only if it lies in [0, 2^16), since
// p − 2^16 > 2^17: so s_a = ⌊a_hi / 2^15⌋, the sign of a (same for b). On unsigned rows
// s_a = s_b = 0 and x' = x. Then (x'_hi − y'_hi) = a_hi − b_hi − 2^16·(s_a − s_b), and both
// limb equations are between integers of magnitude < 2^18 < p, so they hold over the integers.
// With d ∈ [0, 2^16) and br a bit, a'_lo − b'_lo = d_lo − 2^16·br_lo has exactly one solution,
// br_lo = [a'_lo < b'_lo]; then a'_hi − b'_hi − br_lo ∈ [−2^16, 2^16) gives
// br_hi = [a'_hi − b'_hi − br_lo < 0] = [a' < b'] (the borrow out of the 32-bit subtraction).
// All constraints hold on all-zero padding rows, and every lookup's multiplicity is a selector
// sum, so padding rows are inert.

import type { AirBuilder, Expr } from '../../src/air/index.js';
import { type RangeCounter, rangeCheck16 } from './range.js';

// biome-ignore lint/suspicious/noExplicitAny: gadgets work on any chip's builder
type B = AirBuilder<any, any>;

/** The gadget's columns, to spread into a chip's layout. */
export const LT32 = { ltDiff: 2, ltBorrow: 2, ltSign: 2 } as const;

export interface Lt32Cols {
  ltDiff: Expr[];
  ltBorrow: Expr[];
  ltSign: Expr[];
}

export interface Lt32Spec {
  /** The two canonical words, as [lo, hi] limbs. */
  readonly a: readonly Expr[];
  readonly b: readonly Expr[];
  /** 1 on rows that compare (degree-1 sum of boolean selectors); multiplicity of the diff checks. */
  readonly gate: Expr;
  /** 1 on rows that compare signed (degree-1 sum of selectors, ≤ gate). */
  readonly signed: Expr;
  readonly label: string;
}

/** Constrains the columns; returns lt (degree 1): 1 iff a < b (signed on `signed` rows). */
export function evalLt32(bd: B, c: Lt32Cols, s: Lt32Spec): Expr {
  const [dLo, dHi] = c.ltDiff;
  const [brLo, brHi] = c.ltBorrow;
  const [sa, sb] = c.ltSign;
  const L = s.label;
  bd.assertBool(brLo, `${L}: borrow_lo is a bit`);
  bd.assertBool(brHi, `${L}: borrow_hi is a bit`);
  bd.assertBool(sa, `${L}: sign a is a bit`);
  bd.assertBool(sb, `${L}: sign b is a bit`);
  const unsigned = s.gate.sub(s.signed);
  bd.assertZero(sa.mul(unsigned), `${L}: unsigned ⇒ sign a = 0`);
  bd.assertZero(sb.mul(unsigned), `${L}: unsigned ⇒ sign b = 0`);
  // a − b, low limb, with its borrow.
  bd.assertEq(s.a[0].sub(s.b[0]), dLo.sub(brLo.mul(65536)), `${L}: a − b = d (lo limb)`);
  // a' − b', high limb (sign bits flipped when signed), with the borrow out = a < b.
  bd.assertEq(
    s.a[1].sub(s.b[1]).sub(brLo).sub(sa.sub(sb).mul(65536)),
    dHi.sub(brHi.mul(65536)),
    `${L}: a' − b' = d (hi limb)`,
  );
  rangeCheck16(bd, dLo, s.gate, `${L}: d_lo`);
  rangeCheck16(bd, dHi, s.gate, `${L}: d_hi`);
  // s_a, s_b are the top bits of a_hi, b_hi.
  rangeCheck16(bd, s.a[1].mul(2).sub(sa.mul(65536)), s.signed, `${L}: sign a = top bit of a`);
  rangeCheck16(bd, s.b[1].mul(2).sub(sb.mul(65536)), s.signed, `${L}: sign b = top bit of b`);
  return brHi;
}

/**
 * Fills the columns at offsets o.ltDiff, o.ltBorrow, o.ltSign for a (u32) < b (u32), signed or
 * not, counting the range lookups when `counted`. Returns lt.
 */
export function populateLt32(
  row: Uint32Array,
  o: Readonly<Record<string, number>>,
  a: number,
  b: number,
  signed: boolean,
  range: RangeCounter,
  counted: boolean,
): boolean {
  const flip = signed ? 0x80000000 : 0;
  const x = (a ^ flip) >>> 0;
  const y = (b ^ flip) >>> 0;
  const d = (x - y) >>> 0;
  const brLo = (x & 0xffff) < (y & 0xffff) ? 1 : 0;
  const lt = x < y;
  row[o.ltDiff] = d & 0xffff;
  row[o.ltDiff + 1] = d >>> 16;
  row[o.ltBorrow] = brLo;
  row[o.ltBorrow + 1] = lt ? 1 : 0;
  const sa = signed ? a >>> 31 : 0;
  const sb = signed ? b >>> 31 : 0;
  row[o.ltSign] = sa;
  row[o.ltSign + 1] = sb;
  if (counted) {
    range.add16(d & 0xffff);
    range.add16(d >>> 16);
    if (signed) {
      range.add16(((a >>> 16) * 2) & 0xffff);
      range.add16(((b >>> 16) * 2) & 0xffff);
    }
  }
  return lt;
}
