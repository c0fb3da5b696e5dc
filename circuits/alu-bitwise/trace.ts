// Fills the AND/OR/XOR(+I) table and counts its byte lookups.

import { RowMajorMatrix } from '../../src/air/index.js';
import { Op } from '../../src/vm/index.js';
import { BYTE_AND, BYTE_OR, BYTE_XOR } from '../buses.js';
import { byteCounter } from '../byte/trace.js';
import { populateInstruction, setWord } from '../gadgets/instruction.js';
import type { RangeCounter } from '../gadgets/range.js';
import type { Cycles } from '../machine/cycles.js';
import { bitwiseCols } from './columns.js';

export const BITWISE_OPS: readonly number[] = [Op.AND, Op.OR, Op.XOR, Op.ANDI, Op.ORI, Op.XORI];

export function bitwiseTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = bitwiseCols.offset;
  const m = RowMajorMatrix.zeros(height, bitwiseCols.width);
  const bytes = byteCounter(range);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const op = cy.op[k];
    const row = m.row(j);
    const isImm = op === Op.ANDI || op === Op.ORI || op === Op.XORI;
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: !isImm, rd: true });
    let sel: number;
    let bop: number;
    switch (op) {
      case Op.AND:
      case Op.ANDI:
        sel = op === Op.AND ? o.isAnd : o.isAndi;
        bop = BYTE_AND;
        break;
      case Op.OR:
      case Op.ORI:
        sel = op === Op.OR ? o.isOr : o.isOri;
        bop = BYTE_OR;
        break;
      default:
        sel = op === Op.XOR ? o.isXor : o.isXori;
        bop = BYTE_XOR;
    }
    row[sel] = 1;
    const a = cy.rs1Val[k];
    const bv = isImm ? cy.dp.imm[cy.idx[k]] >>> 0 : cy.rs2Val[k];
    const c = (bop === BYTE_AND ? a & bv : bop === BYTE_OR ? a | bv : a ^ bv) >>> 0;
    setWord(row, o.rs2Val, bv);
    setWord(row, o.rdVal, c);
    for (let i = 0; i < 2; i++) {
      row[o.aHi + i] = (a >>> (16 * i + 8)) & 0xff;
      row[o.bHi + i] = (bv >>> (16 * i + 8)) & 0xff;
      row[o.cHi + i] = (c >>> (16 * i + 8)) & 0xff;
      for (let byte = 0; byte < 2; byte++) {
        const sh = 16 * i + 8 * byte;
        bytes.add(bop, (a >>> sh) & 0xff, (bv >>> sh) & 0xff);
      }
    }
  }
  return m;
}
