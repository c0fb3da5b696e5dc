// Extension-field SIMD arithmetic shared by the kernels (one F_p^4 element per v128, lanes = the
// 4 coefficients of 1, x, x^2, x^3). Not re-exported by index.ts: these are @inline helpers that
// each kernel compiles into its own loops, not wasm exports.
import { cvtHi, cvtLo, PINV, reduceEst } from './barrett';

const W: u32 = 11;

/**
 * a·b for one extension element each. With w = 11·b:
 *   c = a0·[b0 b1 b2 b3] + a1·[w3 b0 b1 b2] + a2·[w2 w3 b0 b1] + a3·[w1 w2 w3 b0].
 */
// @ts-ignore: decorator
@inline export function extMulV(a: v128, b: v128): v128 {
  // Residues mod 2^32 (11·b wraps; only its residue is used on this side).
  const w = i32x4.mul(b, i32x4.splat(W));
  const s = i32x4.add(
    i32x4.add(
      i32x4.mul(v128.shuffle<i32>(a, a, 0, 0, 0, 0), b),
      i32x4.mul(v128.shuffle<i32>(a, a, 1, 1, 1, 1), v128.shuffle<i32>(w, b, 3, 4, 5, 6)),
    ),
    i32x4.add(
      i32x4.mul(v128.shuffle<i32>(a, a, 2, 2, 2, 2), v128.shuffle<i32>(w, b, 2, 3, 4, 5)),
      i32x4.mul(v128.shuffle<i32>(a, a, 3, 3, 3, 3), v128.shuffle<i32>(w, b, 1, 2, 3, 4)),
    ),
  );
  // The same sums in doubles, two coefficients per f64x2 (11·b < 2^35 is exact here).
  const bl = cvtLo(b);
  const bh = cvtHi(b);
  const w11 = f64x2.splat(<f64>W);
  const wl = f64x2.mul(bl, w11);
  const wh = f64x2.mul(bh, w11);
  const w3b0 = v128.shuffle<f64>(wh, bl, 1, 2);
  const w1w2 = v128.shuffle<f64>(wl, wh, 1, 2);
  const b1b2 = v128.shuffle<f64>(bl, bh, 1, 2);
  const al = cvtLo(a);
  const ah = cvtHi(a);
  const a0 = v128.shuffle<f64>(al, al, 0, 0);
  const a1 = v128.shuffle<f64>(al, al, 1, 1);
  const a2 = v128.shuffle<f64>(ah, ah, 0, 0);
  const a3 = v128.shuffle<f64>(ah, ah, 1, 1);
  const pinv = f64x2.splat(PINV);
  const x01 = f64x2.add(
    f64x2.add(f64x2.mul(a0, bl), f64x2.mul(a1, w3b0)),
    f64x2.add(f64x2.mul(a2, wh), f64x2.mul(a3, w1w2)),
  );
  const x23 = f64x2.add(
    f64x2.add(f64x2.mul(a0, bh), f64x2.mul(a1, b1b2)),
    f64x2.add(f64x2.mul(a2, bl), f64x2.mul(a3, w3b0)),
  );
  return reduceEst(s, f64x2.mul(x01, pinv), f64x2.mul(x23, pinv));
}

/** The extension element (c0, c1, c2, c3) as one v128 (lanes = coefficients). */
// @ts-ignore: decorator
@inline export function ext4(c0: u32, c1: u32, c2: u32, c3: u32): v128 {
  return i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(c0), 1, c1), 2, c2), 3, c3);
}
