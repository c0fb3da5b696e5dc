/**
 * Which registers each op reads and writes (its instruction format) and whether it makes
 * one RAM access. Shared by the recorder, the table sizing and `buildAccessTable`, so the
 * register accesses implied by a CPU row are defined in exactly one place.
 */
import { Op } from './decode.js';

export const RS1 = 1;
export const RS2 = 2;
export const RD = 4;
/** A load or store: one RAM access at slot MEM. */
export const MEM = 8;

/** OPERANDS[op]: RS1 | RS2 | RD | MEM flags; 0 for ECALL (its accesses depend on a7). */
export const OPERANDS: Uint8Array = (() => {
  const f = new Uint8Array(256);
  const set = (flags: number, ops: number[]) => {
    for (const o of ops) f[o] = flags;
  };
  set(RD, [Op.LUI, Op.AUIPC, Op.JAL]);
  set(RS1 | RD, [Op.JALR, Op.ADDI, Op.SLTI, Op.SLTIU, Op.XORI, Op.ORI, Op.ANDI, Op.SLLI, Op.SRLI, Op.SRAI]);
  set(RS1 | RD | MEM, [Op.LB, Op.LH, Op.LW, Op.LBU, Op.LHU]);
  set(RS1 | RS2, [Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU]);
  set(RS1 | RS2 | MEM, [Op.SB, Op.SH, Op.SW]);
  set(RS1 | RS2 | RD, [Op.ADD, Op.SUB, Op.SLL, Op.SLT, Op.SLTU, Op.XOR, Op.SRL, Op.SRA, Op.OR, Op.AND]);
  set(RS1 | RS2 | RD, [Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU, Op.DIV, Op.DIVU, Op.REM, Op.REMU]);
  return f;
})();
