// Fills the ADD/SUB/ADDI table from the cycles that ran those ops.

import { RowMajorMatrix } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { populateInstruction, setWord } from '../gadgets/instruction.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { addSubCols } from './columns.js';

export const ADD_SUB_OPS: readonly number[] = [Op.ADD, Op.SUB, Op.ADDI];

export function addSubTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = addSubCols.offset;
  const m = RowMajorMatrix.zeros(height, addSubCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const op = cy.op[k];
    const row = m.row(j);
    const isAddi = op === Op.ADDI;
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: !isAddi, rd: true });
    if (isAddi) {
      row[o.rs2Val] = row[o.imm];
      row[o.rs2Val + 1] = row[o.imm + 1];
    }
    row[op === Op.ADD ? o.isAdd : op === Op.SUB ? o.isSub : o.isAddi] = 1;
    const a = cy.rs1Val[k];
    const bv = isAddi ? cy.dp.imm[cy.idx[k]] >>> 0 : cy.rs2Val[k];
    const c = (op === Op.SUB ? a - bv : a + bv) >>> 0;
    setWord(row, o.rdVal, c);
    range.add16(c & 0xffff);
    range.add16(c >>> 16);
    const x = op === Op.SUB ? c : a;
    const c0 = ((x & 0xffff) + (bv & 0xffff)) >>> 16;
    const c1 = ((x >>> 16) + (bv >>> 16) + c0) >>> 16;
    row[o.carry] = c0;
    row[o.carry + 1] = c1;
  }
  return m;
}
