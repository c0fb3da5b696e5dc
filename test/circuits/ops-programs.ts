// Programs for the bitwise, set-less-than, shift and branch chips: each exercises its ops on
// edge values (signs, equal hi limbs, aliasing rs1 = rs2, rd = x0, shift amounts 0/7/8/16/31
// and rs2 with bits above the low five), with the word index of every interesting instruction
// named for the tamper cases. Plus a generator of random straight-line programs over the ops the
// circuits support (with forward branches).

import { A0, A7, asm } from '../vm/helpers/asm.js';
import { mulberry32 } from '../vm/helpers/randprog.js';

export interface OpsProgram {
  readonly code: number[];
  /** Word index of each named instruction. */
  readonly at: Record<string, number>;
}

function builder() {
  const code: number[] = [];
  const at: Record<string, number> = {};
  return {
    code,
    at,
    put(name: string | null, ...words: number[]) {
      if (name !== null) at[name] = code.length;
      code.push(...words);
    },
    exit(reg: number) {
      code.push(asm.iop('addi', A0, reg, 0), asm.iop('addi', A7, 0, 93), asm.ecall());
      return { code, at };
    },
  };
}

export const BITWISE_PROGRAM: OpsProgram = (() => {
  const p = builder();
  p.put(null, ...asm.li(5, 0x12345678), ...asm.li(6, 0xf0f0a55a));
  p.put('and', asm.rop('and', 7, 5, 6));
  p.put('or', asm.rop('or', 8, 5, 6));
  p.put('xor', asm.rop('xor', 9, 5, 6));
  p.put('xorAlias', asm.rop('xor', 10, 6, 6)); // 0
  p.put('andAlias', asm.rop('and', 14, 5, 5)); // x5
  p.put('andi', asm.iop('andi', 11, 6, -16));
  p.put('ori', asm.iop('ori', 12, 5, 0x7ff));
  p.put('xori', asm.iop('xori', 13, 6, -1)); // NOT x6
  p.put('toX0', asm.rop('or', 0, 5, 6));
  return p.exit(9);
})();

export const LT_PROGRAM: OpsProgram = (() => {
  const p = builder();
  p.put(null, ...asm.li(5, -5), ...asm.li(6, 3), ...asm.li(7, 0x80000000));
  p.put(null, ...asm.li(17, 0x10005), ...asm.li(18, 0x10003));
  p.put('slt', asm.rop('slt', 8, 5, 6)); // -5 < 3: 1
  p.put('sltu', asm.rop('sltu', 9, 5, 6)); // 0xfffffffb < 3: 0
  p.put('sltNot', asm.rop('slt', 10, 6, 5)); // 0
  p.put('sltAlias', asm.rop('slt', 11, 5, 5)); // 0
  p.put('slti', asm.iop('slti', 12, 5, -4)); // -5 < -4: 1
  p.put('sltiu', asm.iop('sltiu', 13, 6, -1)); // 3 < 0xffffffff: 1
  p.put('sltiuNot', asm.iop('sltiu', 14, 5, 5)); // 0
  p.put('sltMin', asm.rop('slt', 15, 7, 6)); // INT_MIN < 3: 1
  p.put('sltuMin', asm.rop('sltu', 16, 6, 7)); // 3 < 2^31: 1
  p.put('sltuLo', asm.rop('sltu', 19, 18, 17)); // equal hi limbs: 1
  return p.exit(8);
})();

export const SHIFT_PROGRAM: OpsProgram = (() => {
  const p = builder();
  p.put(null, ...asm.li(5, 0x87654321), ...asm.li(6, 0x123), ...asm.li(7, 16), ...asm.li(8, 31));
  p.put(null, ...asm.li(28, 0xff08));
  p.put('sll', asm.rop('sll', 9, 5, 6)); // s = 3 (rs2 = 0x123)
  p.put('srl', asm.rop('srl', 10, 5, 7)); // s = 16
  p.put('sra', asm.rop('sra', 11, 5, 8)); // s = 31: −1
  p.put('sra3', asm.rop('sra', 12, 5, 6)); // s = 3, negative
  p.put('slli0', asm.shifti('slli', 13, 5, 0));
  p.put('slli', asm.shifti('slli', 14, 5, 13));
  p.put('srli', asm.shifti('srli', 15, 5, 9));
  p.put('srai', asm.shifti('srai', 16, 5, 20));
  p.put('srai0', asm.shifti('srai', 17, 5, 0));
  p.put('srli31', asm.shifti('srli', 18, 5, 31));
  p.put('slli31', asm.shifti('slli', 19, 5, 31));
  p.put('sll8', asm.rop('sll', 20, 5, 28)); // s = 8, rs2 = 0xff08
  p.put('sraAlias', asm.rop('sra', 21, 6, 6)); // 0x123 >> 3, positive
  p.put('sraiPos', asm.shifti('srai', 22, 6, 4));
  p.put('srlAlias', asm.rop('srl', 23, 5, 5)); // s = 1
  p.put('srli7', asm.shifti('srli', 24, 5, 7));
  p.put('srai15', asm.shifti('srai', 25, 5, 15));
  p.put('slli24', asm.shifti('slli', 26, 5, 24));
  return p.exit(10);
})();

export const BRANCH_PROGRAM: OpsProgram = (() => {
  const p = builder();
  p.put(null, ...asm.li(5, -3), ...asm.li(6, 2), ...asm.li(12, 5), asm.iop('addi', 11, 0, 0));
  p.put('bltTaken', asm.branch('blt', 5, 6, 8)); // −3 < 2
  p.put('skip1', asm.iop('addi', 7, 0, 99));
  p.put('bltuNot', asm.branch('bltu', 5, 6, 8)); // 0xfffffffd ≥ 2: falls through
  p.put(null, asm.iop('addi', 8, 0, 1));
  p.put('bgeNot', asm.branch('bge', 5, 6, 8)); // falls through
  p.put(null, asm.iop('addi', 9, 0, 1));
  p.put('bgeuTaken', asm.branch('bgeu', 5, 6, 8));
  p.put(null, asm.iop('addi', 10, 0, 99));
  p.put('bgeAlias', asm.branch('bge', 6, 6, 8)); // equal: taken
  p.put(null, asm.iop('addi', 10, 0, 98));
  p.put('loop', asm.iop('addi', 11, 11, 1));
  p.put('bltLoop', asm.branch('blt', 11, 12, -4)); // 4 times taken, then falls through
  p.put('bltuNot2', asm.branch('bltu', 12, 11, 8)); // 5 < 5: no
  p.put('bgeuNot', asm.branch('bgeu', 6, 5, 8)); // 2 ≥ 0xfffffffd: no
  p.put('bgeNeg', asm.branch('bge', 6, 5, 8)); // 2 ≥ −3: taken
  p.put(null, asm.iop('addi', 11, 0, 0));
  p.put('beq', asm.branch('beq', 11, 12, 8)); // taken
  p.put(null, asm.iop('addi', 11, 0, 0));
  return p.exit(11);
})();

/** Every op of the four chips in one program (the end-to-end proof). */
export const ALL_OPS_PROGRAM: number[] = [
  ...BITWISE_PROGRAM.code.slice(0, -3),
  ...LT_PROGRAM.code.slice(0, -3),
  ...SHIFT_PROGRAM.code.slice(0, -3),
  ...BRANCH_PROGRAM.code,
];

const EDGE = [0, 1, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 0x8000, 0x7fff, 255, 256, 31, 32];

/**
 * A random program over the supported ops: registers x1..x15 loaded with edge-biased values,
 * then `n` random ALU ops (bitwise, set-less-than, shifts, add/sub, lui) and forward branches
 * over one word, then an exit.
 */
export function randomOpsProgram(seed: number, n = 120): number[] {
  const rnd = mulberry32(seed);
  const int = (k: number) => Math.floor(rnd() * k);
  const value = () => (rnd() < 0.5 ? EDGE[int(EDGE.length)] : (rnd() * 2 ** 32) >>> 0);
  const reg = () => 1 + int(15);
  const code: number[] = [];
  for (let r = 1; r < 16; r++) code.push(...asm.li(r, value()));
  const R = ['and', 'or', 'xor', 'slt', 'sltu', 'sll', 'srl', 'sra', 'add', 'sub'] as const;
  const I = ['andi', 'ori', 'xori', 'slti', 'sltiu', 'addi'] as const;
  const S = ['slli', 'srli', 'srai'] as const;
  const Bops = ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu'] as const;
  for (let k = 0; k < n; k++) {
    const u = rnd();
    const rd = rnd() < 0.05 ? 0 : reg();
    if (u < 0.4) code.push(asm.rop(R[int(R.length)], rd, reg(), rnd() < 0.1 ? 0 : reg()));
    else if (u < 0.6) code.push(asm.iop(I[int(I.length)], rd, reg(), int(4096) - 2048));
    else if (u < 0.8) code.push(asm.shifti(S[int(S.length)], rd, reg(), int(32)));
    else if (u < 0.85) code.push(asm.lui(rd, value()));
    else code.push(asm.branch(Bops[int(Bops.length)], reg(), reg(), 8), asm.iop('addi', reg(), reg(), 1));
  }
  code.push(asm.iop('addi', A0, 1, 0), asm.iop('addi', A7, 0, 93), asm.ecall());
  return code;
}
