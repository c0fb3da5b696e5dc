// Fills the ECALL table (exit rows).

import { RowMajorMatrix } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { SYS_EXIT_GROUP } from '../../src/vm/syscalls.js';
import { populateInstruction } from '../gadgets/instruction.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { ecallCols } from './columns.js';

export const ECALL_OPS: readonly number[] = [Op.ECALL];

export function ecallTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = ecallCols.offset;
  const m = RowMajorMatrix.zeros(height, ecallCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const row = m.row(j);
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: true, rs2Slot: 0 });
    row[o.isExit] = 1;
    row[o.isGroup] = cy.rs1Val[k] === SYS_EXIT_GROUP ? 1 : 0;
  }
  return m;
}
