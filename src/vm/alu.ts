/**
 * Exact RV32M arithmetic on int32 values, shared by both interpreters and the tests.
 * No BigInt: the high product words use 16-bit limbs, so every intermediate is an exact
 * double (< 2^53); results are int32 (`| 0`), as stored in the register file.
 */
import { Op } from './decode.js';

/** Whether branch `o` is taken on operands a, b (int32); any other op (JAL) always jumps. */
export function branchTaken(o: number, a: number, b: number): boolean {
  switch (o) {
    case Op.BEQ:
      return a === b;
    case Op.BNE:
      return a !== b;
    case Op.BLT:
      return a < b;
    case Op.BGE:
      return a >= b;
    case Op.BLTU:
      return a >>> 0 < b >>> 0;
    case Op.BGEU:
      return a >>> 0 >= b >>> 0;
    default:
      return true;
  }
}

/** High 32 bits of the unsigned 64-bit product a * b. */
export function mulhu(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const mid1 = a1 * b0;
  const mid2 = a0 * b1;
  const carry = (((a0 * b0) >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff)) >>> 16;
  return (a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16) + carry) | 0;
}

/** High 32 bits of signed a * signed b: correct the unsigned product by the sign terms. */
export function mulh(a: number, b: number): number {
  return (mulhu(a, b) - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
}

/** High 32 bits of signed a * unsigned b. */
export function mulhsu(a: number, b: number): number {
  return (mulhu(a, b) - (a < 0 ? b : 0)) | 0;
}

/** Signed division: x / 0 = -1, INT_MIN / -1 = INT_MIN (overflow), else truncation. */
export function div(a: number, b: number): number {
  if (b === 0) return -1;
  if (a === -0x80000000 && b === -1) return a;
  // |a|, |b| < 2^31 so the double quotient truncates to the exact integer quotient.
  return (a / b) | 0;
}

export function divu(a: number, b: number): number {
  if (b === 0) return -1;
  return ((a >>> 0) / (b >>> 0)) | 0;
}

/** Signed remainder: x % 0 = x, INT_MIN % -1 = 0; the sign follows the dividend. */
export function rem(a: number, b: number): number {
  if (b === 0) return a;
  if (b === -1) return 0;
  return (a % b) | 0;
}

export function remu(a: number, b: number): number {
  if (b === 0) return a;
  return ((a >>> 0) % (b >>> 0)) | 0;
}
