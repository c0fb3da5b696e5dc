/**
 * A tiny RV32IM assembler for tests: one encoder per instruction format, independent of
 * src/vm/decode.ts (so a decoder bug cannot hide behind a matching encoder bug).
 */

const r = (f7: number, rs2: number, rs1: number, f3: number, rd: number, opc: number) =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc) >>> 0;
const i = (imm: number, rs1: number, f3: number, rd: number, opc: number) =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc) >>> 0;
const s = (imm: number, rs2: number, rs1: number, f3: number, opc: number) =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | opc) >>> 0;
const b = (imm: number, rs2: number, rs1: number, f3: number) =>
  ((((imm >> 12) & 1) << 31) |
    (((imm >> 5) & 0x3f) << 25) |
    (rs2 << 20) |
    (rs1 << 15) |
    (f3 << 12) |
    (((imm >> 1) & 0xf) << 8) |
    (((imm >> 11) & 1) << 7) |
    0x63) >>>
  0;
const u = (imm: number, rd: number, opc: number) => ((imm & 0xfffff000) | (rd << 7) | opc) >>> 0;
const j = (imm: number, rd: number) =>
  ((((imm >> 20) & 1) << 31) |
    (((imm >> 1) & 0x3ff) << 21) |
    (((imm >> 11) & 1) << 20) |
    (((imm >> 12) & 0xff) << 12) |
    (rd << 7) |
    0x6f) >>>
  0;

export const R_OPS = {
  add: [0, 0],
  sub: [0x20, 0],
  sll: [0, 1],
  slt: [0, 2],
  sltu: [0, 3],
  xor: [0, 4],
  srl: [0, 5],
  sra: [0x20, 5],
  or: [0, 6],
  and: [0, 7],
  mul: [1, 0],
  mulh: [1, 1],
  mulhsu: [1, 2],
  mulhu: [1, 3],
  div: [1, 4],
  divu: [1, 5],
  rem: [1, 6],
  remu: [1, 7],
} as const;
export type ROp = keyof typeof R_OPS;

export const I_OPS = { addi: 0, slti: 2, sltiu: 3, xori: 4, ori: 6, andi: 7 } as const;
export type IOp = keyof typeof I_OPS;
export const SHIFT_I_OPS = { slli: [0, 1], srli: [0, 5], srai: [0x20, 5] } as const;
export type ShiftIOp = keyof typeof SHIFT_I_OPS;
export const LOAD_OPS = { lb: 0, lh: 1, lw: 2, lbu: 4, lhu: 5 } as const;
export type LoadOp = keyof typeof LOAD_OPS;
export const STORE_OPS = { sb: 0, sh: 1, sw: 2 } as const;
export type StoreOp = keyof typeof STORE_OPS;
export const BRANCH_OPS = { beq: 0, bne: 1, blt: 4, bge: 5, bltu: 6, bgeu: 7 } as const;
export type BranchOp = keyof typeof BRANCH_OPS;

export const asm = {
  rop: (op: ROp, rd: number, rs1: number, rs2: number) => r(R_OPS[op][0], rs2, rs1, R_OPS[op][1], rd, 0x33),
  iop: (op: IOp, rd: number, rs1: number, imm: number) => i(imm, rs1, I_OPS[op], rd, 0x13),
  shifti: (op: ShiftIOp, rd: number, rs1: number, sh: number) =>
    r(SHIFT_I_OPS[op][0], sh & 31, rs1, SHIFT_I_OPS[op][1], rd, 0x13),
  load: (op: LoadOp, rd: number, rs1: number, imm: number) => i(imm, rs1, LOAD_OPS[op], rd, 0x03),
  store: (op: StoreOp, rs2: number, rs1: number, imm: number) => s(imm, rs2, rs1, STORE_OPS[op], 0x23),
  branch: (op: BranchOp, rs1: number, rs2: number, off: number) => b(off, rs2, rs1, BRANCH_OPS[op]),
  lui: (rd: number, imm: number) => u(imm, rd, 0x37),
  auipc: (rd: number, imm: number) => u(imm, rd, 0x17),
  jal: (rd: number, off: number) => j(off, rd),
  jalr: (rd: number, rs1: number, imm: number) => i(imm, rs1, 0, rd, 0x67),
  ecall: () => 0x00000073,
  ebreak: () => 0x00100073,
  fence: () => 0x0ff0000f,
  csrrs: (rd: number, csr: number, rs1: number) => i(csr, rs1, 2, rd, 0x73),
  /** Loads a 32-bit constant with LUI + ADDI (2 words). */
  li: (rd: number, value: number): number[] => {
    const v = value | 0;
    const lo = (v << 20) >> 20;
    const hi = (v - lo) | 0;
    return [u(hi, rd, 0x37), i(lo, rd, 0, rd, 0x13)];
  },
};

export const SYS = { read: 63, write: 64, exit: 93 } as const;
export const A0 = 10;
export const A1 = 11;
export const A2 = 12;
export const A7 = 17;

/** write(fd, addr, len) then nothing; clobbers a0, a1, a2, a7. */
export function writeSeq(fd: number, addr: number, len: number): number[] {
  return [...asm.li(A0, fd), ...asm.li(A1, addr), ...asm.li(A2, len), ...asm.li(A7, SYS.write), asm.ecall()];
}

/** exit(a0 = register reg). */
export function exitSeq(reg: number): number[] {
  return [asm.iop('addi', A0, reg, 0), ...asm.li(A7, SYS.exit), asm.ecall()];
}
