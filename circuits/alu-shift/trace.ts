// Fills the two shift tables (design in air.ts).

import { RowMajorMatrix } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { BYTE_RANGE } from '../buses.js';
import { byteCounter } from '../byte/trace.js';
import { populateInstruction, setWord } from '../gadgets/instruction.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { shiftLeftCols, shiftRightCols } from './columns.js';

export const SHIFT_LEFT_OPS: readonly number[] = [Op.SLL, Op.SLLI];
export const SHIFT_RIGHT_OPS: readonly number[] = [Op.SRL, Op.SRA, Op.SRLI, Op.SRAI];

const IMM_OPS = new Set<number>([Op.SLLI, Op.SRLI, Op.SRAI]);

function fill(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
  right: boolean,
): RowMajorMatrix {
  const L = right ? shiftRightCols : shiftLeftCols;
  const o: Readonly<Record<string, number>> = L.offset;
  const m = RowMajorMatrix.zeros(height, L.width);
  const bytes = byteCounter(range);
  const sel = right ? ['isSrl', 'isSra', 'isSrli', 'isSrai'] : ['isSll', 'isSlli'];
  const ops = right ? SHIFT_RIGHT_OPS : SHIFT_LEFT_OPS;
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const op = cy.op[k];
    const row = m.row(j);
    const isImm = IMM_OPS.has(op);
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: !isImm, rd: true });
    row[o[sel[ops.indexOf(op)]]] = 1;
    const x = cy.rs1Val[k];
    const amountLo = (isImm ? cy.dp.imm[cy.idx[k]] : cy.rs2Val[k]) & 0xffff;
    const s = amountLo & 31;
    const t = s & 7;
    const B = s >>> 3;
    row[o.tBit] = t & 1;
    row[o.tBit + 1] = (t >>> 1) & 1;
    row[o.tBit + 2] = t >>> 2;
    const P = right ? 2 ** (3 - (t & 3)) : 2 ** (t & 3);
    const K = right ? 2 ** (8 - t) : 2 ** t;
    row[o.pow] = P;
    row[o.pow + 1] = K;
    row[o.byteShift + B] = 1;
    row[o.amtHi] = amountLo >>> 5;
    range.add16(amountLo >>> 5);
    for (let i = 0; i < 2; i++) {
      const v = ((x >>> (16 * i)) & 0xffff) * K;
      row[o.lo + i] = v & 0xff;
      row[o.mid + i] = (v >>> 8) & 0xff;
      row[o.top + i] = v >>> 16;
    }
    bytes.add(BYTE_RANGE, row[o.lo], row[o.lo + 1]);
    bytes.add(BYTE_RANGE, row[o.mid], row[o.mid + 1]);
    bytes.add(BYTE_RANGE, row[o.top], row[o.top + 1]);
    let result: number;
    if (right) {
      const arith = op === Op.SRA || op === Op.SRAI;
      if (arith) {
        const sign = x >>> 31;
        row[o.sign] = sign;
        row[o.fill] = sign * (256 - K);
        range.add16(((x >>> 16) * 2) & 0xffff);
        result = (x | 0) >> s;
      } else result = x >>> s;
    } else result = x << s;
    setWord(row, o.rdVal, result >>> 0);
  }
  return m;
}

export function shiftLeftTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  return fill(cy, rows, height, range, false);
}

export function shiftRightTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  return fill(cy, rows, height, range, true);
}
