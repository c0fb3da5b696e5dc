// Programs for the alu-mul and alu-div-rem chips: every op on edge operands (0, 1, −1 =
// 0xFFFFFFFF, INT_MIN, INT_MAX, small signed values, division by zero, INT_MIN / −1, rs1 = rs2,
// rd = x0), and a builder for random operand pairs. Traces come from the executor's record.

import { A0, A7, asm, type ROp } from '../vm/helpers/asm.js';

export const MUL_OPS_ASM: readonly ROp[] = ['mul', 'mulh', 'mulhsu', 'mulhu'];
export const DIV_OPS_ASM: readonly ROp[] = ['div', 'divu', 'rem', 'remu'];

export const EDGE_VALUES: readonly number[] = [0, 1, -1, 0x80000000, 0x7fffffff, 2, -7, 0x10000, 0xffff];

const EXIT = [asm.iop('addi', A0, 0, 0), asm.iop('addi', A7, 0, 93), asm.ecall()];

/** li x5, a; li x6, b; then each op x7..x10 ← x5 op x6, for every pair. */
export function pairsProgram(ops: readonly ROp[], pairs: readonly (readonly [number, number])[]): number[] {
  const code: number[] = [];
  for (const [a, b] of pairs) {
    code.push(...asm.li(5, a), ...asm.li(6, b));
    ops.forEach((op, i) => {
      code.push(asm.rop(op, 7 + i, 5, 6));
    });
  }
  return [...code, ...EXIT];
}

/** Every op on every pair of edge values, plus aliasing (rs1 = rs2) and writes to x0. */
export function edgeProgram(ops: readonly ROp[]): number[] {
  const pairs: [number, number][] = [];
  for (const a of EDGE_VALUES) for (const b of EDGE_VALUES) pairs.push([a, b]);
  const code = pairsProgram(ops, pairs).slice(0, -EXIT.length);
  for (const op of ops) code.push(asm.rop(op, 11, 5, 5), asm.rop(op, 0, 5, 6), asm.rop(op, 12, 6, 0));
  return [...code, ...EXIT];
}

/**
 * The tamper programs; word indices of the rows the cases corrupt. x5 = a, x6 = b are chosen so
 * that every sign extension is used (a, b < 0 for MULH/MULHSU, large unsigned for MULHU).
 */
export const MUL_TAMPER = {
  code: [
    ...asm.li(5, -123456789), // 0-1
    ...asm.li(6, -987654), // 2-3
    asm.rop('mul', 7, 5, 6), // 4
    asm.rop('mulh', 8, 5, 6), // 5
    asm.rop('mulhsu', 9, 5, 6), // 6
    asm.rop('mulhu', 12, 5, 6), // 7 (not a0/a7: the exit overwrites those)
    asm.rop('mul', 11, 5, 5), // 8: rs1 = rs2
    ...EXIT,
  ],
  at: { mul: 4, mulh: 5, mulhsu: 6, mulhu: 7, alias: 8 },
} as const;

export const DIV_TAMPER = {
  code: [
    ...asm.li(5, -7), // 0-1
    ...asm.li(6, 2), // 2-3
    asm.rop('div', 7, 5, 6), // 4: −3
    asm.rop('divu', 8, 5, 6), // 5
    asm.rop('rem', 9, 5, 6), // 6: −1
    asm.rop('remu', 23, 5, 6), // 7 (not a0/a7: the exit overwrites those)
    ...asm.li(12, 0x80000000), // 8-9
    ...asm.li(13, -1), // 10-11
    asm.rop('div', 14, 12, 13), // 12: INT_MIN / −1 = INT_MIN
    asm.rop('rem', 15, 12, 13), // 13: 0
    asm.rop('div', 16, 5, 0), // 14: / 0 = −1
    asm.rop('rem', 24, 5, 0), // 15: % 0 = a
    asm.rop('divu', 18, 5, 0), // 16
    asm.rop('remu', 19, 5, 0), // 17
    asm.rop('div', 20, 5, 5), // 18: rs1 = rs2
    asm.rop('divu', 21, 13, 6), // 19: 0xffffffff / 2
    asm.rop('remu', 22, 6, 13), // 20: 2 % 0xffffffff = 2
    ...EXIT,
  ],
  at: {
    div: 4,
    divu: 5,
    rem: 6,
    remu: 7,
    divOvf: 12,
    remOvf: 13,
    div0: 14,
    rem0: 15,
    divu0: 16,
    remu0: 17,
    alias: 18,
    divuBig: 19,
    remuBig: 20,
  },
} as const;
