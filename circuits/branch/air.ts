// The branch chip: BEQ, BNE, BLT, BGE, BLTU, BGEU.
// - eq is a bit with eq·(a_i − b_i) = 0 for both limbs (eq = 1 ⇒ a = b) and
//   Σ (a_i − b_i)·inv_i = isReal − eq, i.e. 1 − eq on real rows (eq = 0 ⇒ some limb differs). Limbs are canonical
//   (read from MEMORY), so limb equality is word equality.
// - lt = a < b from gadgets/lt32.ts, signed for BLT/BGE (filled on every row, also BEQ/BNE).
// - taken = BEQ ? eq : BNE ? 1 − eq : BLT/BLTU ? lt : 1 − lt (BGE/BGEU);
//   next = taken ? target : pc + 4, both targets from the program table.

import type { Air } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { evalInstruction } from '../gadgets/instruction.js';
import { evalLt32 } from '../gadgets/lt32.js';
import { evalOpcodeSelectors } from '../gadgets/selectors.js';
import { branchCols } from './columns.js';

export const branchAir: Air<typeof branchCols.spec> = {
  name: 'branch',
  main: branchCols,
  eval(b) {
    const c = b.local;
    const isReal = evalOpcodeSelectors(b, {
      isBeq: c.isBeq,
      isBne: c.isBne,
      isBlt: c.isBlt,
      isBge: c.isBge,
      isBltu: c.isBltu,
      isBgeu: c.isBgeu,
    });
    const d = [0, 1].map((i) => c.rs1Val[i].sub(c.rs2Val[i]));
    b.assertBool(c.eq, 'eq is a bit');
    b.assertZero(c.eq.mul(d[0]), 'eq ⇒ a_lo = b_lo');
    b.assertZero(c.eq.mul(d[1]), 'eq ⇒ a_hi = b_hi');
    // (isReal − eq rather than 1 − eq keeps all-zero padding rows valid at degree 2.)
    b.assertEq(d[0].mul(c.inv[0]).add(d[1].mul(c.inv[1])), isReal.sub(c.eq), '¬eq ⇒ a ≠ b');
    const lt = evalLt32(b, c, {
      a: c.rs1Val,
      b: c.rs2Val,
      gate: isReal,
      signed: c.isBlt.add(c.isBge),
      label: 'lt',
    });
    // BEQ is taken iff a = b, BNE iff a ≠ b, BLT/BLTU iff a < b, BGE/BGEU iff a ≥ b.
    const one = b.const(1);
    b.assertEq(
      c.taken,
      c.isBeq
        .mul(c.eq)
        .add(c.isBne.mul(one.sub(c.eq)))
        .add(c.isBlt.add(c.isBltu).mul(lt))
        .add(c.isBge.add(c.isBgeu).mul(one.sub(lt))),
      'taken = BEQ ? eq : ¬eq, BLT(U) ? lt : BGE(U) ? ¬lt',
    );
    // pc ← taken ? target : pc + 4.
    for (const i of [0, 1]) {
      b.assertEq(
        c.next[i],
        c.seqPc[i].add(c.taken.mul(c.imm[i].sub(c.seqPc[i]))),
        `next = taken ? target : pc + 4 (${i === 0 ? 'lo' : 'hi'})`,
      );
    }
    evalInstruction(b, c, {
      isReal,
      op: c.isBeq
        .mul(Op.BEQ)
        .add(c.isBne.mul(Op.BNE))
        .add(c.isBlt.mul(Op.BLT))
        .add(c.isBge.mul(Op.BGE))
        .add(c.isBltu.mul(Op.BLTU))
        .add(c.isBgeu.mul(Op.BGEU)),
      nextPc: c.next,
      rs1: isReal,
      rs2: isReal,
    });
  },
};
