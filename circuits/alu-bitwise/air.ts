// The AND/OR/XOR(+I) chip. Each 16-bit limb x_i of a, b, c (i = lo, hi) is split into bytes
// x_i = xl_i + 256·xh_i with xh_i = the column xHi[i] and xl_i = x_i − 256·xh_i (an expression).
// Four lookups (op, al, bl, cl), (op, ah, bh, ch) per limb on BYTE_OP prove c's bytes are
// a's op b's, and that all twelve are bytes. Soundness: a, b are canonical 16-bit limbs (from
// MEMORY or the program table) and bytes decompose a value < 2^16 < p uniquely, so the bytes
// are a's and b's; c's limbs are cl + 256·ch with bytes, hence canonical (< 2^16): the result
// needs no RANGE16 check (the memory-bus rule holds by construction).

import type { Air } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { BYTE_AND, BYTE_OR, BYTE_XOR } from '../buses.js';
import { byteOp } from '../byte/lookup.js';
import { evalInstruction } from '../gadgets/instruction.js';
import { bitwiseCols } from './columns.js';

export const bitwiseAir: Air<typeof bitwiseCols.spec> = {
  name: 'alu-bitwise',
  main: bitwiseCols,
  eval(b) {
    const c = b.local;
    const sels = [c.isAnd, c.isOr, c.isXor, c.isAndi, c.isOri, c.isXori];
    const names = ['isAnd', 'isOr', 'isXor', 'isAndi', 'isOri', 'isXori'];
    sels.forEach((s, i) => {
      b.assertBool(s, `${names[i]} is a bit`);
    });
    const isReal = sels.slice(1).reduce((acc, s) => acc.add(s), c.isAnd);
    b.assertBool(isReal, 'at most one opcode selector');
    const isImm = c.isAndi.add(c.isOri).add(c.isXori);
    // ANDI/ORI/XORI: b is the sign-extended immediate.
    b.when(isImm).assertEq(c.rs2Val[0], c.imm[0], 'I-form: b_lo = imm_lo');
    b.when(isImm).assertEq(c.rs2Val[1], c.imm[1], 'I-form: b_hi = imm_hi');
    // The byte op of this row (degree 1).
    const op = c.isAnd
      .add(c.isAndi)
      .mul(BYTE_AND)
      .add(c.isOr.add(c.isOri).mul(BYTE_OR))
      .add(c.isXor.add(c.isXori).mul(BYTE_XOR));
    for (const i of [0, 1]) {
      const limb = i === 0 ? 'lo' : 'hi';
      const lo = (x: typeof c.aHi, v: typeof c.rs1Val) => v[i].sub(x[i].mul(256));
      // c = a op b on the low byte of limb i …
      byteOp(
        b,
        op,
        lo(c.aHi, c.rs1Val),
        lo(c.bHi, c.rs2Val),
        lo(c.cHi, c.rdVal),
        isReal,
        `c = a op b (${limb} limb, low byte)`,
      );
      // … and on its high byte.
      byteOp(b, op, c.aHi[i], c.bHi[i], c.cHi[i], isReal, `c = a op b (${limb} limb, high byte)`);
    }
    evalInstruction(b, c, {
      isReal,
      op: c.isAnd
        .mul(Op.AND)
        .add(c.isOr.mul(Op.OR))
        .add(c.isXor.mul(Op.XOR))
        .add(c.isAndi.mul(Op.ANDI))
        .add(c.isOri.mul(Op.ORI))
        .add(c.isXori.mul(Op.XORI)),
      rs1: isReal,
      rs2: c.isAnd.add(c.isOr).add(c.isXor),
      rd: true,
    });
  },
};
