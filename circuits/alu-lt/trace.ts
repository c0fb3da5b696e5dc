// Fills the SLT/SLTU/SLTI/SLTIU table.

import { RowMajorMatrix } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { populateInstruction, setWord } from '../gadgets/instruction.js';
import { populateLt32 } from '../gadgets/lt32.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { ltCols } from './columns.js';

export const LT_OPS: readonly number[] = [Op.SLT, Op.SLTU, Op.SLTI, Op.SLTIU];

export function ltTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = ltCols.offset;
  const m = RowMajorMatrix.zeros(height, ltCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const op = cy.op[k];
    const row = m.row(j);
    const isImm = op === Op.SLTI || op === Op.SLTIU;
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: !isImm, rd: true });
    row[op === Op.SLT ? o.isSlt : op === Op.SLTU ? o.isSltu : op === Op.SLTI ? o.isSlti : o.isSltiu] = 1;
    const a = cy.rs1Val[k];
    const bv = isImm ? cy.dp.imm[cy.idx[k]] >>> 0 : cy.rs2Val[k];
    setWord(row, o.rs2Val, bv);
    const lt = populateLt32(row, o, a, bv, op === Op.SLT || op === Op.SLTI, range, true);
    setWord(row, o.rdVal, lt ? 1 : 0);
  }
  return m;
}
