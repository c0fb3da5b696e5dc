// Range gadgets over the RANGE16 bus (circuits/range is the table that receives it).
//
// - rangeCheck16(x): x ∈ [0, 2^16) — one lookup.
// - timestamp order (evalTsLt / populateTsLt): prevTs < ts, both < 2^29, with no field wrap.
//
// Soundness of evalTsLt. The prover supplies d_lo, d_hi with
//   ts − prevTs − 1 = d_lo + 2^16·d_hi (in F_p), and looks up d_lo and v = 8·d_hi on RANGE16.
// Then d_lo < 2^16, v < 2^16 and 2^16·d_hi = 2^13·v in F_p, so ts − prevTs − 1 ≡ D (mod p) with
// the integer D = d_lo + 2^13·v ∈ [0, 2^16 + 2^29). (An honest d_hi is < 2^13; a d_hi that is
// not a multiple-of-8 preimage changes nothing in this argument.) Every timestamp on the buses is
// < 2^29 (the exec chain starts at 4 and adds 4 per row, with fewer than 2^27 rows in all
// tables), so the integer ts − prevTs − 1 lies in (−2^29, 2^29). As p > 2^31 − 2^27 > 2^16 + 2^30,
// the congruence forces ts − prevTs − 1 = D ≥ 0: prevTs < ts, with no wrap.
// The decomposition constraint is gated by the row's degree-1 `gate` (its isReal), the lookups by
// `mult` (which may be gate·rdWrite); the filler writes the decomposition on every real row.

import type { AirBuilder, Expr, ExprLike } from '../../src/air/index.js';
import { RANGE16 } from '../buses.js';

/** Multiplicities of the range table, counted while traces are filled. */
export class RangeCounter {
  readonly counts = new Uint32Array(1 << 16);

  add16(x: number): void {
    if (!(x >= 0 && x < 65536)) throw new RangeError(`range16: ${x} is not a 16-bit limb`);
    this.counts[x]++;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: gadgets work on any chip's builder
type B = AirBuilder<any, any>;

/** x ∈ [0, 2^16), counted `mult` times (0 on padding rows). */
export function rangeCheck16(b: B, x: ExprLike, mult: ExprLike, label: string): void {
  b.send(RANGE16, [x], mult, label);
}

/** prevTs < ts (see the file comment). diff = [d_lo, d_hi]. */
export function evalTsLt(
  b: B,
  prevTs: ExprLike,
  ts: Expr,
  diff: Expr[],
  gate: ExprLike,
  mult: ExprLike,
  label: string,
): void {
  b.when(gate).assertEq(diff[0].add(diff[1].mul(65536)), ts.sub(prevTs).sub(1), `${label}: ts diff limbs`);
  rangeCheck16(b, diff[0], mult, `${label}: ts diff lo`);
  rangeCheck16(b, diff[1].mul(8), mult, `${label}: ts diff hi < 2^13`);
}

/** [d_lo, d_hi] for prevTs < ts; counts the two lookups when the row's mult is 1. */
export function populateTsLt(
  prevTs: number,
  ts: number,
  range: RangeCounter,
  counted: boolean,
): [number, number] {
  const d = ts - prevTs - 1;
  if (d < 0 || d >= 2 ** 29) throw new RangeError(`timestamps out of order: prevTs ${prevTs}, ts ${ts}`);
  const lo = d & 0xffff;
  const hi = d >>> 16;
  if (counted) {
    range.add16(lo);
    range.add16(hi * 8);
  }
  return [lo, hi];
}
