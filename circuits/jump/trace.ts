// Fills the JAL/JALR table.

import { RowMajorMatrix } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { populateInstruction, setWord } from '../gadgets/instruction.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { jumpCols } from './columns.js';

export const JUMP_OPS: readonly number[] = [Op.JAL, Op.JALR];

export function jumpTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = jumpCols.offset;
  const m = RowMajorMatrix.zeros(height, jumpCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const row = m.row(j);
    const isJalr = cy.op[k] === Op.JALR;
    populateInstruction(row, o, cy, k, range, { rs1: isJalr, rd: true });
    row[isJalr ? o.isJalr : o.isJal] = 1;
    row[o.rdVal] = row[o.seqPc];
    row[o.rdVal + 1] = row[o.seqPc + 1];
    const imm = cy.dp.imm[cy.idx[k]] >>> 0;
    if (isJalr) {
      const a = cy.rs1Val[k];
      const sum = (a + imm) >>> 0;
      setWord(row, o.next, sum & ~1);
      row[o.bit0] = sum & 1;
      const c0 = ((a & 0xffff) + (imm & 0xffff)) >>> 16;
      row[o.carry] = c0;
      row[o.carry + 1] = ((a >>> 16) + (imm >>> 16) + c0) >>> 16;
    } else {
      setWord(row, o.next, imm);
    }
  }
  return m;
}
