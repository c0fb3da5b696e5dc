// The LUI/AUIPC chip: rd = the row's immediate from the program table (imm << 12 for LUI,
// pc + (imm << 12) mod 2^32 for AUIPC, computed when the table is built from the ELF). The
// value is canonical because the table is, so it needs no range check. FENCE rides here too:
// a no-op that steps to pc + 4, whose program row has rdWrite = 0, so its rd write is inert.

import type { Air } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { evalInstruction } from '../gadgets/instruction.js';
import { evalOpcodeSelectors } from '../gadgets/selectors.js';
import { upperCols } from './columns.js';

export const upperAir: Air<typeof upperCols.spec> = {
  name: 'upper',
  main: upperCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, { isLui: c.isLui, isAuipc: c.isAuipc, isFence: c.isFence });
    // LUI: rd = imm << 12; AUIPC: rd = pc + (imm << 12) (both precomputed in imm).
    b.assertEq(c.rdVal[0], c.imm[0], 'rd = imm (lo)');
    b.assertEq(c.rdVal[1], c.imm[1], 'rd = imm (hi)');
    evalInstruction(b, c, {
      isReal,
      op: c.isLui.mul(Op.LUI).add(c.isAuipc.mul(Op.AUIPC)).add(c.isFence.mul(Op.FENCE)),
      rd: true,
    });
  },
};
