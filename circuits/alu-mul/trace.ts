// Fills the MUL/MULH/MULHSU/MULHU table from the cycles that ran those ops.

import { RowMajorMatrix } from '../../src/air/index.js';
import { mulh, mulhsu, mulhu } from '../../src/vm/alu.js';
import { Op } from '../../src/vm/index.js';
import { populateInstruction } from '../gadgets/instruction.js';
import { populateMul64, populateWordBytes, productLimbs, wordBytes64 } from '../gadgets/mul64.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { mulCols } from './columns.js';

export const MUL_OPS: readonly number[] = [Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU];

/** The result word of op on a, b (u32), from src/vm/alu.ts. */
export function mulResult(op: number, a: number, b: number): number {
  switch (op) {
    case Op.MUL:
      return Math.imul(a, b) >>> 0;
    case Op.MULH:
      return mulh(a | 0, b | 0) >>> 0;
    case Op.MULHSU:
      return mulhsu(a | 0, b | 0) >>> 0;
    default:
      return mulhu(a | 0, b | 0) >>> 0;
  }
}

/**
 * Writes the arithmetic columns of one row (selectors, bytes, signs, extensions, rdVal, other,
 * carries) for op on a, b; counts the lookups when `range` is given. Exported for tamper tests.
 */
export function fillMulArith(
  row: Uint32Array,
  op: number,
  a: number,
  b: number,
  range: RangeCounter | null,
): void {
  const o = mulCols.offset;
  row[op === Op.MUL ? o.isMul : op === Op.MULH ? o.isMulh : op === Op.MULHSU ? o.isMulhsu : o.isMulhu] = 1;
  const signA = a >>> 31;
  const signB = b >>> 31;
  const extA = op === Op.MULH || op === Op.MULHSU ? signA : 0;
  const extB = op === Op.MULH ? signB : 0;
  row[o.signA] = signA;
  row[o.signB] = signB;
  row[o.extA] = extA;
  row[o.extB] = extB;
  if (range !== null) {
    populateWordBytes(row, o.aHi, a, true, range);
    populateWordBytes(row, o.bHi, b, true, range);
  } else {
    row[o.aHi] = (a >>> 8) & 0xff;
    row[o.aHi + 1] = a >>> 24;
    row[o.bHi] = (b >>> 8) & 0xff;
    row[o.bHi + 1] = b >>> 24;
  }
  const A = wordBytes64(a, extA);
  const B = wordBytes64(b, extB);
  const z = productLimbs(A, B);
  const [res, other] =
    op === Op.MUL
      ? [
          [z[0], z[1]],
          [z[2], z[3]],
        ]
      : [
          [z[2], z[3]],
          [z[0], z[1]],
        ];
  row[o.rdVal] = res[0];
  row[o.rdVal + 1] = res[1];
  row[o.other] = other[0];
  row[o.other + 1] = other[1];
  populateMul64(
    row,
    o.carry,
    A,
    B,
    z.map((x) => -x),
    range,
  );
  if (range !== null) for (const x of [...res, ...other]) range.add16(x);
  const expect = mulResult(op, a, b);
  if ((res[0] | (res[1] << 16)) >>> 0 !== expect) {
    throw new Error(`alu-mul: op ${op} on ${a}, ${b}: chain gives ${res}, alu.ts ${expect}`);
  }
}

export function mulTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = mulCols.offset;
  const m = RowMajorMatrix.zeros(height, mulCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const row = m.row(j);
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: true, rd: true });
    fillMulArith(row, cy.op[k], cy.rs1Val[k], cy.rs2Val[k], range);
    if (row[o.rdWrite] === 1) {
      // The record's rd value (what the executor wrote) must be what this row proves.
      const rd = (row[o.rdVal] | (row[o.rdVal + 1] << 16)) >>> 0;
      if (rd !== cy.rdVal[k] >>> 0)
        throw new Error(`alu-mul: cycle ${k}: rd ${rd} ≠ record ${cy.rdVal[k] >>> 0}`);
    }
  }
  return m;
}
