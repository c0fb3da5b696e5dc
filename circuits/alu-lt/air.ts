// The SLT/SLTU/SLTI/SLTIU chip: lt = a < b from gadgets/lt32.ts (signed for SLT/SLTI), and
// rd = (lt, 0). The result is a bit, hence canonical. SLTIU compares against the sign-extended
// immediate read as an unsigned word: the program table's imm is already that u32.

import type { Air } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { evalInstruction } from '../gadgets/instruction.js';
import { evalLt32 } from '../gadgets/lt32.js';
import { evalOpcodeSelectors } from '../gadgets/selectors.js';
import { ltCols } from './columns.js';

export const ltAir: Air<typeof ltCols.spec> = {
  name: 'alu-lt',
  main: ltCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, {
      isSlt: c.isSlt,
      isSltu: c.isSltu,
      isSlti: c.isSlti,
      isSltiu: c.isSltiu,
    });
    const isImm = c.isSlti.add(c.isSltiu);
    // SLTI/SLTIU: b is the immediate (sign-extended, as a u32).
    b.when(isImm).assertEq(c.rs2Val[0], c.imm[0], 'I-form: b_lo = imm_lo');
    b.when(isImm).assertEq(c.rs2Val[1], c.imm[1], 'I-form: b_hi = imm_hi');
    const lt = evalLt32(b, c, {
      a: c.rs1Val,
      b: c.rs2Val,
      gate: isReal,
      signed: c.isSlt.add(c.isSlti),
      label: 'lt',
    });
    // rd = a < b ? 1 : 0.
    b.assertEq(c.rdVal[0], lt, 'rd_lo = lt');
    b.assertZero(c.rdVal[1], 'rd_hi = 0');
    evalInstruction(b, c, {
      isReal,
      op: c.isSlt
        .mul(Op.SLT)
        .add(c.isSltu.mul(Op.SLTU))
        .add(c.isSlti.mul(Op.SLTI))
        .add(c.isSltiu.mul(Op.SLTIU)),
      rs1: isReal,
      rs2: c.isSlt.add(c.isSltu),
      rd: true,
    });
  },
};
