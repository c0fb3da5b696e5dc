// The ADD/SUB/ADDI chip. With a = rs1, b = rs2 (or imm), c = rd, both ADD (c = a + b) and SUB
// (c = a − b, i.e. a = c + b) are one limb-wise addition X + b = Z with X = a, Z = c for
// ADD/ADDI and X = c, Z = a for SUB:
//   X_lo + b_lo          = Z_lo + 2^16·carry_lo
//   X_hi + b_hi + carry_lo = Z_hi + 2^16·carry_hi
// a, b, c are canonical 16-bit limbs (a, b from MEMORY or the program table, c range-checked
// here), carries are bits, so every side is < 2^18 < p and the equalities hold over the
// integers: exactly 32-bit addition mod 2^32.

import type { Air } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { evalInstruction, rangeCheckWord } from '../gadgets/instruction.js';
import { evalOpcodeSelectors } from '../gadgets/selectors.js';
import { addSubCols } from './columns.js';

export const addSubAir: Air<typeof addSubCols.spec> = {
  name: 'alu-add-sub',
  main: addSubCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, { isAdd: c.isAdd, isSub: c.isSub, isAddi: c.isAddi });
    // ADDI's second operand is its sign-extended immediate.
    b.when(c.isAddi).assertEq(c.rs2Val[0], c.imm[0], 'ADDI: b_lo = imm_lo');
    b.when(c.isAddi).assertEq(c.rs2Val[1], c.imm[1], 'ADDI: b_hi = imm_hi');
    const a = c.rs1Val;
    const y = c.rs2Val;
    const r = c.rdVal;
    // X = SUB ? c : a, Z = SUB ? a : c (degree 2).
    const x = [0, 1].map((i) => a[i].add(c.isSub.mul(r[i].sub(a[i]))));
    const z = [0, 1].map((i) => r[i].add(c.isSub.mul(a[i].sub(r[i]))));
    b.assertBool(c.carry[0], 'carry_lo is a bit');
    b.assertBool(c.carry[1], 'carry_hi is a bit');
    b.assertEq(x[0].add(y[0]), z[0].add(c.carry[0].mul(65536)), 'X + b = Z (lo limb)');
    b.assertEq(x[1].add(y[1]).add(c.carry[0]), z[1].add(c.carry[1].mul(65536)), 'X + b = Z (hi limb)');
    rangeCheckWord(b, r, isReal, 'result');
    evalInstruction(b, c, {
      isReal,
      op: c.isAdd.mul(Op.ADD).add(c.isSub.mul(Op.SUB)).add(c.isAddi.mul(Op.ADDI)),
      rs1: isReal,
      rs2: c.isAdd.add(c.isSub),
      rd: true,
    });
  },
};
