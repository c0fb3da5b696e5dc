// The JAL/JALR chip.
// - rd = pc + 4 (seqPc, canonical from the program table; no range check needed).
// - JAL: next = imm, the absolute target the table computed from the ELF.
// - JALR: next_lo + bit0 + 2^16·carry_lo = a_lo + imm_lo and
//         next_hi + 2^16·carry_hi = a_hi + imm_hi + carry_lo, with bits bit0, carry_lo, carry_hi.
//   next is not range-checked here: the row that consumes (next, ts + 4) on EXEC looks it up on
//   PROGRAM, which holds only canonical, 4-aligned pcs. Given that next_lo ≡ 0 (mod 4) and
//   next_lo < 2^16, the integer a_lo + imm_lo < 2^17 fixes carry_lo (≥ 2^16 or not) and bit0
//   (its parity), then next_hi < 2^16 fixes carry_hi: next = (a + imm) mod 2^32 with bit 0
//   cleared, exactly. A target with bit 1 set matches no program row (the VM faults there too).

import type { Air } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { evalInstruction } from '../gadgets/instruction.js';
import { evalOpcodeSelectors } from '../gadgets/selectors.js';
import { jumpCols } from './columns.js';

export const jumpAir: Air<typeof jumpCols.spec> = {
  name: 'jump',
  main: jumpCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, { isJal: c.isJal, isJalr: c.isJalr });
    // rd = pc + 4.
    b.assertEq(c.rdVal[0], c.seqPc[0], 'rd = pc + 4 (lo)');
    b.assertEq(c.rdVal[1], c.seqPc[1], 'rd = pc + 4 (hi)');
    // JAL: pc ← the target.
    b.when(c.isJal).assertEq(c.next[0], c.imm[0], 'JAL: next = target (lo)');
    b.when(c.isJal).assertEq(c.next[1], c.imm[1], 'JAL: next = target (hi)');
    // JALR: pc ← (rs1 + imm) & ~1.
    b.assertBool(c.bit0, 'bit0 is a bit');
    b.assertBool(c.carry[0], 'carry_lo is a bit');
    b.assertBool(c.carry[1], 'carry_hi is a bit');
    const a = c.rs1Val;
    b.when(c.isJalr).assertEq(
      c.next[0].add(c.bit0).add(c.carry[0].mul(65536)),
      a[0].add(c.imm[0]),
      'JALR: next_lo + bit0 = a_lo + imm_lo',
    );
    b.when(c.isJalr).assertEq(
      c.next[1].add(c.carry[1].mul(65536)),
      a[1].add(c.imm[1]).add(c.carry[0]),
      'JALR: next_hi = a_hi + imm_hi + carry',
    );
    evalInstruction(b, c, {
      isReal,
      op: c.isJal.mul(Op.JAL).add(c.isJalr.mul(Op.JALR)),
      nextPc: c.next,
      rs1: c.isJalr,
      rd: true,
    });
  },
};
