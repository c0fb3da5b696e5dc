// Fills the LUI/AUIPC/FENCE table.

import { RowMajorMatrix } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { populateInstruction } from '../gadgets/instruction.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { upperCols } from './columns.js';

export const UPPER_OPS: readonly number[] = [Op.LUI, Op.AUIPC, Op.FENCE];

export function upperTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = upperCols.offset;
  const m = RowMajorMatrix.zeros(height, upperCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const row = m.row(j);
    populateInstruction(row, o, cy, k, range, { rd: true });
    const op = cy.op[k];
    row[op === Op.LUI ? o.isLui : op === Op.AUIPC ? o.isAuipc : o.isFence] = 1;
    row[o.rdVal] = row[o.imm];
    row[o.rdVal + 1] = row[o.imm + 1];
  }
  return m;
}
