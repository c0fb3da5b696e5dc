// Kernels for evaluating columns (values on a coset s·⟨ω⟩ of size n) at an extension point z by
// the barycentric formula f(z) = (z^n − s^n)/(n·s^n) · Σ_i f_i·x_i/(z − x_i), x_i = s·ω^i.
// The weights u_i = x_i/(z − x_i) are built once per point (the inversion is the field layer's
// batch-inverse kernel), then each column costs one SIMD multiply-add per element.
// Extension elements are 4 consecutive u32 (one v128); pointers are byte offsets, 16-aligned.
import { addModV, montMul, montMulV, subMod } from './babybear';

/** dst[i] = z − x_i (extension) with x_i = shift·ω^i; shift standard form, ω in Montgomery form. */
export function cosetZMinusX(dst: usize, n: u32, z0: u32, z1: u32, z2: u32, z3: u32, shift: u32, omegaMont: u32): void {
  let x = shift;
  const end = dst + (<usize>n << 4);
  for (; dst < end; dst += 16) {
    store<u32>(dst, subMod(z0, x));
    store<u32>(dst, z1, 4);
    store<u32>(dst, z2, 8);
    store<u32>(dst, z3, 12);
    x = montMul(x, omegaMont);
  }
}

/**
 * In place, u_i ← Montgomery form of u_i·x_i, x_i = shift·ω^i. Pass start = shift·2^64 mod p:
 * montMul(u, x_i·2^64) = u·x_i·2^32, and the chain montMul(·, ω·2^32) keeps the 2^64 factor.
 */
export function mulCosetPowersMont(u: usize, n: u32, start: u32, omegaMont: u32): void {
  let x = start;
  const end = u + (<usize>n << 4);
  for (; u < end; u += 16) {
    v128.store(u, montMulV(v128.load(u), i32x4.splat(x)));
    x = montMul(x, omegaMont);
  }
}

/**
 * out[0..4) = Σ_i f_i·u_i for a base column f and Montgomery-form extension weights u (n ≥ 0).
 * Two accumulators hide the latency of the modular add chain.
 */
export function dotBaseExt(f: usize, u: usize, n: u32, out: usize): void {
  let acc0 = i32x4.splat(0);
  let acc1 = i32x4.splat(0);
  const end2 = f + (<usize>(n & ~1) << 2);
  const end = f + (<usize>n << 2);
  for (; f < end2; f += 8, u += 32) {
    acc0 = addModV(acc0, montMulV(v128.load32_splat(f), v128.load(u)));
    acc1 = addModV(acc1, montMulV(v128.load32_splat(f, 4), v128.load(u, 16)));
  }
  if (f < end) acc0 = addModV(acc0, montMulV(v128.load32_splat(f), v128.load(u)));
  v128.store(out, addModV(acc0, acc1));
}
