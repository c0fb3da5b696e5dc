// Field vector kernels over BabyBear columns in wasm memory (standard form, canonical values).
// Pointers are byte offsets into the shared memory; lengths are element counts, multiples of 4
// (the TS wrappers guarantee both, and pad or fall back for tails).
import { addModV, montMulV, R2 } from './babybear';

export function vecAdd(dst: usize, a: usize, b: usize, n: u32): void {
  const end = a + (<usize>n << 2);
  for (; a < end; a += 16, b += 16, dst += 16) {
    v128.store(dst, addModV(v128.load(a), v128.load(b)));
  }
}

export function vecMul(dst: usize, a: usize, b: usize, n: u32): void {
  const r2 = i32x4.splat(R2);
  const end = a + (<usize>n << 2);
  for (; a < end; a += 16, b += 16, dst += 16) {
    // montMul(montMul(a, b), R2) = a·b: standard-form product with two reductions.
    v128.store(dst, montMulV(montMulV(v128.load(a), v128.load(b)), r2));
  }
}
