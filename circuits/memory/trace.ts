// Fills the load and store tables from the cycles that ran them; each row's RAM access is the
// record's RAM row of that cycle (its prevTs and previous value).

import { RowMajorMatrix } from '../../src/air/index.js';
import { Op, SLOT_MEM } from '../../src/vm/index.js';
import { populateInstruction, setWord } from '../gadgets/instruction.js';
import { populateAccess } from '../gadgets/memory.js';
import type { RangeCounter } from '../gadgets/range.js';
import { isCodeWord } from '../image/air.js';
import type { Cycles } from '../machine/cycles.js';
import { loadCols, storeCols } from './columns.js';

export const LOAD_OPS: readonly number[] = [Op.LB, Op.LH, Op.LW, Op.LBU, Op.LHU];
export const STORE_OPS: readonly number[] = [Op.SB, Op.SH, Op.SW];

/** Fills ADDR for a = rs1 + imm; returns a. */
function fillAddress(
  row: Uint32Array,
  o: Readonly<Record<string, number>>,
  cy: Cycles,
  k: number,
  range: RangeCounter,
) {
  const x = cy.rs1Val[k];
  const imm = cy.dp.imm[cy.idx[k]] >>> 0;
  const a = (x + imm) >>> 0;
  const c0 = ((x & 0xffff) + (imm & 0xffff)) >>> 16;
  const c1 = ((x >>> 16) + (imm >>> 16) + c0) >>> 16;
  row[o.aHi] = a >>> 16;
  row[o.wLo] = (a & 0xffff) >>> 2;
  row[o.b0] = a & 1;
  row[o.b1] = (a >>> 1) & 1;
  row[o.carry] = c0;
  row[o.carry + 1] = c1;
  range.add16(4 * row[o.wLo]);
  range.add16(row[o.wLo]);
  range.add16(a >>> 16);
  return a;
}

function ramRowOf(cy: Cycles, k: number): number {
  const m = cy.ramRow[k];
  if (m < 0) throw new Error(`memory: cycle ${k} has no RAM access in the record`);
  return m;
}

export function loadTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = loadCols.offset;
  const m = RowMajorMatrix.zeros(height, loadCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const op = cy.op[k];
    const row = m.row(j);
    populateInstruction(row, o, cy, k, range, { rs1: true, rd: true });
    row[
      op === Op.LB
        ? o.isLb
        : op === Op.LH
          ? o.isLh
          : op === Op.LW
            ? o.isLw
            : op === Op.LBU
              ? o.isLbu
              : o.isLhu
    ] = 1;
    const a = fillAddress(row, o, cy, k, range);
    const r = ramRowOf(cy, k);
    const v = cy.ram.value[r];
    const ts = 4 * (k + 1) + SLOT_MEM;
    setWord(row, o.memVal, v);
    populateAccess(row, o.memPrevTs, o.memDiff, cy.ram.prevTs[r], ts, range, true);
    row[o.ro] = isCodeWord(cy.dp, a) ? 1 : 0;
    const half = (a & 2) !== 0 ? v >>> 16 : v & 0xffff;
    const lo8 = half & 0xff;
    const hi8 = half >>> 8;
    const byte = (a & 1) !== 0 ? hi8 : lo8;
    row[o.half] = half;
    row[o.lo8] = lo8;
    row[o.hi8] = hi8;
    row[o.byte] = byte;
    const isByte = op === Op.LB || op === Op.LBU;
    if (isByte) {
      range.add16(256 * lo8);
      range.add16(256 * hi8);
      range.add16(hi8);
    }
    let result: number;
    if (op === Op.LW) result = v;
    else if (op === Op.LHU) result = half;
    else if (op === Op.LBU) result = byte;
    else if (op === Op.LH) {
      const s = half >>> 15;
      row[o.sign] = s;
      row[o.t] = 2 * (half - 32768 * s);
      range.add16(row[o.t]);
      result = ((half << 16) >> 16) >>> 0;
    } else {
      const s = byte >>> 7;
      row[o.sign] = s;
      row[o.t] = 512 * (byte - 128 * s);
      range.add16(row[o.t]);
      result = ((byte << 24) >> 24) >>> 0;
    }
    setWord(row, o.rdVal, result);
  }
  return m;
}

export function storeTrace(
  cy: Cycles,
  rows: readonly number[],
  height: number,
  range: RangeCounter,
): RowMajorMatrix {
  const o = storeCols.offset;
  const m = RowMajorMatrix.zeros(height, storeCols.width);
  for (let j = 0; j < rows.length; j++) {
    const k = rows[j];
    const op = cy.op[k];
    const row = m.row(j);
    populateInstruction(row, o, cy, k, range, { rs1: true, rs2: true });
    row[op === Op.SB ? o.isSb : op === Op.SH ? o.isSh : o.isSw] = 1;
    const a = fillAddress(row, o, cy, k, range);
    const r = ramRowOf(cy, k);
    const prev = cy.ram.prevValue[r];
    const v = cy.ram.value[r];
    const ts = 4 * (k + 1) + SLOT_MEM;
    setWord(row, o.memPrev, prev);
    setWord(row, o.memVal, v);
    populateAccess(row, o.memPrevTs, o.memDiff, cy.ram.prevTs[r], ts, range, true);
    const hi = (a & 2) !== 0;
    const half = hi ? prev >>> 16 : prev & 0xffff;
    const lo8 = half & 0xff;
    const hi8 = half >>> 8;
    const rs2 = cy.rs2Val[k];
    const x8 = rs2 & 0xff;
    const y8 = (rs2 >>> 8) & 0xff;
    row[o.half] = half;
    row[o.lo8] = lo8;
    row[o.hi8] = hi8;
    row[o.x8] = x8;
    row[o.y8] = y8;
    row[o.sbh] = (a & 1) !== 0 ? lo8 + 256 * x8 : x8 + 256 * hi8;
    row[o.hNew] = hi ? v >>> 16 : v & 0xffff;
    if (op === Op.SB) {
      range.add16(256 * lo8);
      range.add16(256 * hi8);
      range.add16(256 * x8);
      range.add16(256 * y8);
      range.add16(hi8);
      range.add16(y8);
    }
  }
  return m;
}
