// Fills the branch table (BEQ BNE BLT BGE BLTU BGEU).

import { RowMajorMatrix } from '../../src/air/index.js';
import { inv, P } from '../../src/field/babybear.js';
import { branchTaken } from '../../src/vm/alu.js';
import { Op } from '../../src/vm/index.js';
import { populateInstruction, setWord } from '../gadgets/instruction.js';
import { populateLt32 } from '../gadgets/lt32.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { branchCols } from './columns.js';

export const BRANCH_OPS: readonly number[] = [Op.BEQ, Op.BNE, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU];

const SEL = ['isBeq', 'isBne', 'isBlt', 'isBge', 'isBltu', 'isBgeu'] as const;

export function branchTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = branchCols.offset;
  const m = RowMajorMatrix.zeros(height, branchCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const row = m.row(j);
    const op = cy.op[k];
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: true });
    row[o[SEL[BRANCH_OPS.indexOf(op)]]] = 1;
    const a = cy.rs1Val[k];
    const bv = cy.rs2Val[k];
    const eq = a === bv;
    row[o.eq] = eq ? 1 : 0;
    if (!eq) {
      // One non-zero limb difference and its inverse suffice.
      const dLo = ((a & 0xffff) - (bv & 0xffff) + P) % P;
      const dHi = ((a >>> 16) - (bv >>> 16) + P) % P;
      if (dLo !== 0) row[o.inv] = inv(dLo);
      else row[o.inv + 1] = inv(dHi);
    }
    populateLt32(row, o, a, bv, op === Op.BLT || op === Op.BGE, range, true);
    const taken = branchTaken(op, a | 0, bv | 0);
    row[o.taken] = taken ? 1 : 0;
    const seq = (cy.pc[k] + 4) >>> 0;
    setWord(row, o.next, taken ? cy.dp.imm[cy.idx[k]] >>> 0 : seq);
  }
  return m;
}
